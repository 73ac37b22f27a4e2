"""The follow-up log from plain column queries: the same views, in the same order, as from the
ORM objects, with every filter (issue 17: the TUI's Oppfølging reads 10,000 at national scale).
On both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.network import FollowUp
from nettverk.domain.register import Municipality
from nettverk.services import followups
from nettverk.services.database import Database
from nettverk.services.followups import FollowUpView, _view
from tests.support import statements_and_objects

TODAY = date(2026, 3, 2)
SLUG = "mindre-kommuner-2020"


def _from_orm_objects(db: Database, **only: Any) -> list[FollowUpView]:
    with db.uow() as uow:
        views = [_view(f, TODAY) for f in uow.session.scalars(
            select(FollowUp).join(FollowUp.municipality).options(
                joinedload(FollowUp.municipality), joinedload(FollowUp.programme))
            .order_by(FollowUp.on.desc(), Municipality.number, FollowUp.id.desc()))]
    if "municipality" in only:
        views = [v for v in views if v.municipality == only["municipality"]]
    if "programme" in only:
        views = [v for v in views if v.programme == only["programme"]]
    if only.get("include_exempt") is False:
        views = [v for v in views if not v.exempt_from_public]
    return views


def _seed(db: Database) -> None:
    """Contacts of every shape: with and without programme, a next action done, one overdue,
    one exempt from public access."""
    followups.add_follow_up(db.uow(), "1853", date(2026, 1, 10), "call", "Ringte om planen",
                            next_action="Sende utkast", next_action_due=date(2026, 2, 1),
                            today=TODAY)
    followups.add_follow_up(db.uow(), "1804", date(2026, 2, 10), "meeting", "Møte",
                            programme=SLUG, participants="Kari, Ola",
                            next_action="Ny samling", next_action_due=date(2026, 3, 10),
                            exempt_from_public=True, today=TODAY)
    followups.add_follow_up(db.uow(), "1853", date(2026, 2, 10), "email", "E-post",
                            today=TODAY)


@pytest.mark.parametrize("only", [{}, {"municipality": "1853"}, {"programme": SLUG},
                                  {"include_exempt": False}],
                         ids=["all", "municipality", "programme", "not-exempt"])
def test_the_log_says_what_the_orm_objects_said(demo_db: Database, only: dict) -> None:
    _seed(demo_db)
    listed = followups.list_follow_ups(demo_db.uow(), today=TODAY, **only)
    assert listed == _from_orm_objects(demo_db, **only)
    assert listed and (only or {v.next_action_status for v in listed} >= {"overdue", "upcoming"})


def test_the_log_makes_no_orm_objects(demo_db: Database) -> None:
    _seed(demo_db)
    followups.list_follow_ups(demo_db.uow(), today=TODAY)
    few, _ = statements_and_objects(
        demo_db, lambda: followups.list_follow_ups(demo_db.uow(), today=TODAY, limit=1))
    many, objects = statements_and_objects(
        demo_db, lambda: followups.list_follow_ups(demo_db.uow(), today=TODAY))
    assert objects == 0 and few == many <= 3
