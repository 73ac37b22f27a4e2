"""The agreements, their actions and focus areas, the partnership meetings and the theme
calendar from plain column queries (services.plain_agreements): the same views, in the same
order, as from the ORM objects, with every filter. On both databases."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from nettverk.domain.agreements import (
    AgreementAction,
    AgreementFocusArea,
    FocusArea,
    PartnershipAgreement,
    Theme,
)
from nettverk.domain.register import Municipality
from nettverk.domain.values import OSLO
from nettverk.services import agreement_actions, agreements, focus_areas, gatherings, themes
from nettverk.services.agreement_actions import ActionView, _action_view
from nettverk.services.agreements import AgreementView, _agreement_options, _agreement_view
from nettverk.services.database import Database
from nettverk.services.focus_areas import FocusAreaView
from nettverk.services.themes import ThemeView
from tests.support import statements_and_objects

TODAY = date(2026, 3, 2)
PARTNERSHIP = "gode-lokalsamfunn"


def _seed(db: Database) -> None:
    """Agreements in two counties, one exempt with both contacts; actions without a due date,
    overdue, cancelled; a meeting; themes in a second programme, one without goals."""
    offered = agreements.add_agreement(
        db.uow(), "5043", TODAY - timedelta(days=3), focus_areas=["tillit", "tilhorighet"],
        exempt_from_public=True, county_contact_id=3, municipality_contact_id=9, today=TODAY)
    agreement_actions.add_action(db.uow(), offered.id, "Uten frist", focus_area="tillit", today=TODAY)
    late = agreement_actions.add_action(db.uow(), 6, "På overtid", due=TODAY - timedelta(days=2),
                                 today=TODAY)
    agreement_actions.set_action_status(db.uow(), late.id, "in_progress", today=TODAY)
    dropped = agreement_actions.add_action(db.uow(), 6, "Avlyst", due=TODAY, today=TODAY)
    agreement_actions.set_action_status(db.uow(), dropped.id, "cancelled", today=TODAY)
    start = datetime(2026, 4, 1, 10, tzinfo=OSLO)
    agreements.add_yearly_meeting(db.uow(), 1, start, start + timedelta(hours=2), "video")
    themes.add_theme(db.uow(), 2026, 3, "Uten mål", programme=PARTNERSHIP)
    themes.add_theme(db.uow(), 2024, 3, "Samme måned", goals=[17, 3], programme=PARTNERSHIP)


def _agreements_of_orm(db: Database, **only: Any) -> list[AgreementView]:
    with db.uow() as uow:
        views = [_agreement_view(a) for a in uow.session.scalars(
            select(PartnershipAgreement).join(PartnershipAgreement.municipality)
            .options(*_agreement_options()).order_by(Municipality.number))
            if a.programme.slug == only.get("programme", PARTNERSHIP)]
    if "status" in only:
        views = [v for v in views if v.status == only["status"]]
    if "county" in only:
        views = [v for v in views if v.county == only["county"]]
    return views


@pytest.mark.parametrize("only", [{}, {"status": "signed"}, {"county": "50"},
                                  {"programme": "det-gode-liv"}],
                         ids=["all", "status", "county", "programme"])
def test_the_agreements_say_what_the_orm_objects_said(demo_db: Database, only: dict) -> None:
    _seed(demo_db)
    listed = agreements.list_agreements(demo_db.uow(), **only)
    assert listed == _agreements_of_orm(demo_db, **only)
    assert listed or only.get("programme")
    if not only:
        assert agreements.list_agreements(demo_db.uow(), limit=3, offset=2) == listed[2:5]
        assert {v.exempt_from_public for v in listed} == {True, False}
        assert all(v.events for v in listed) and any(v.municipality_contact for v in listed)


def _actions_of_orm(db: Database, **only: Any) -> list[ActionView]:
    with db.uow() as uow:
        found = uow.session.scalars(select(AgreementAction).order_by(
            AgreementAction.due.is_(None), AgreementAction.due, AgreementAction.id)).all()
        views = [_action_view(x, TODAY) for x in found]
    if "agreement_id" in only:
        views = [v for v in views if v.agreement_id == only["agreement_id"]]
    if "municipality" in only:
        views = [v for v in views if v.municipality == only["municipality"]]
    if "status" in only:
        views = [v for v in views if v.status == only["status"]]
    if only.get("overdue"):
        views = [v for v in views if v.overdue]
    return views


@pytest.mark.parametrize("only", [{}, {"agreement_id": 6}, {"municipality": "1853"},
                                  {"status": "done"}, {"overdue": True}],
                         ids=["all", "agreement", "municipality", "status", "overdue"])
def test_the_actions_say_what_the_orm_objects_said(demo_db: Database, only: dict) -> None:
    _seed(demo_db)
    listed = agreement_actions.list_actions(demo_db.uow(), today=TODAY, **only)
    assert listed and listed == _actions_of_orm(demo_db, **only)
    if not only:
        assert listed[-1].due is None and {v.status for v in listed} >= {
            "done", "in_progress", "cancelled", "planned"}


def test_the_focus_areas_say_what_the_orm_objects_said(demo_db: Database) -> None:
    _seed(demo_db)
    with demo_db.uow() as uow:
        s = uow.session
        chosen = Counter(x.focus_area_id for x in s.scalars(select(AgreementFocusArea)))
        used = Counter(x.focus_area_id for x in s.scalars(select(AgreementAction)))
        expected = [FocusAreaView(f.id, f.programme.slug, f.code, f.name, f.description,
                                  chosen[f.id], used[f.id], f.version)
                    for f in s.scalars(select(FocusArea).order_by(FocusArea.id))
                    if f.programme.slug == PARTNERSHIP]
    listed = focus_areas.list_focus_areas(demo_db.uow())
    assert listed == expected and any(f.agreements for f in listed)
    assert focus_areas.list_focus_areas(demo_db.uow(), "det-gode-liv") == []


@pytest.mark.parametrize("programme,year", [("det-gode-liv", None), ("det-gode-liv", 2025),
                                            (PARTNERSHIP, None), (None, None), (None, 2024)])
def test_the_themes_say_what_the_orm_objects_said(demo_db: Database, programme: str | None,
                                                  year: int | None) -> None:
    _seed(demo_db)
    with demo_db.uow() as uow:
        expected: list[ThemeView] = [
            themes._view(t) for t in uow.session.scalars(
                select(Theme).order_by(Theme.year, Theme.month, Theme.id))
            if programme in (None, t.programme.slug) and year in (None, t.year)]
    listed = themes.list_themes(demo_db.uow(), programme, year)
    assert listed and listed == expected


def test_the_meetings_are_the_municipality_s_gatherings(demo_db: Database) -> None:
    _seed(demo_db)
    meetings = agreements.list_yearly_meetings(demo_db.uow(), 1)
    assert [m.title for m in meetings] == ["Årlig partnerskapsmøte 2026 – Bodø"]
    assert meetings == gatherings.list_gatherings(demo_db.uow(), programme=PARTNERSHIP,
                                                  municipality="1804")


def test_the_lists_make_no_orm_objects(demo_db: Database) -> None:
    _seed(demo_db)
    for call in (lambda: agreements.list_agreements(demo_db.uow()),
                 lambda: agreement_actions.list_actions(demo_db.uow(), today=TODAY),
                 lambda: focus_areas.list_focus_areas(demo_db.uow()),
                 lambda: agreements.list_yearly_meetings(demo_db.uow(), 1),
                 lambda: themes.list_themes(demo_db.uow(), None)):
        call()
        _, objects = statements_and_objects(demo_db, call)
        assert objects == 0
