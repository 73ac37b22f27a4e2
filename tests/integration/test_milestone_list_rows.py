"""The milestone list from plain column queries: the same views as from the ORM objects, in the
same order, with a fixed number of statements and no ORM object made (issue 17: the TUI holds
100,000 of them at national scale). On both databases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import joinedload

from nettverk.domain.base import Entity
from nettverk.domain.network import FollowUp, Milestone, PlanDocument
from nettverk.services import milestones, plans
from nettverk.services.database import Database
from nettverk.services.milestones import MilestoneView, milestone_view, next_action_view

TODAY = date(2026, 3, 2)
SLUG = "mindre-kommuner-2020"


def _from_orm_objects(db: Database, municipality: str | None = None) -> list[MilestoneView]:
    """What the list said when it was built from ORM objects (the views' own constructors)."""
    with db.uow() as uow:
        s = uow.session
        ms = s.scalars(select(Milestone).options(
            joinedload(Milestone.programme), joinedload(Milestone.municipality),
            joinedload(Milestone.plan_document).joinedload(PlanDocument.municipality),
            joinedload(Milestone.responsible))).unique()
        fs = s.scalars(select(FollowUp).options(
            joinedload(FollowUp.municipality), joinedload(FollowUp.programme)).where(
            FollowUp.next_action_due.is_not(None)))
        views = [milestone_view(m, TODAY) for m in ms] + [next_action_view(f, TODAY) for f in fs]
    if municipality is not None:
        views = [v for v in views if v.municipality == municipality]
    return sorted(views, key=lambda v: (v.due, v.kind, v.key))


def _seed(db: Database) -> None:
    """Milestones of every shape: a programme's, a participant's, a plan document's (its
    municipality through the plan), one with a responsible person, one done."""
    doc = plans.add_plan_document(db.uow(), "1853", "community_plan", 2027, 2038,
                                  title="Samfunnsdelen 2027–2038", today=TODAY)
    milestones.add_milestone(db.uow(), "Høring av samfunnsdelen", date(2026, 6, 1),
                             plan_document_id=doc.id, today=TODAY)
    milestones.add_milestone(db.uow(), "Sluttrapport", date(2026, 12, 1), SLUG, today=TODAY)
    milestones.add_milestone(db.uow(), "Vedta planstrategi", date(2026, 2, 1), SLUG, "1853",
                             today=TODAY)
    done = milestones.add_milestone(db.uow(), "Budsjettinnspill", date(2026, 2, 20),
                                    municipality="1804", today=TODAY)
    milestones.mark_done(db.uow(), done.id, on=date(2026, 2, 25), today=TODAY)


def test_the_list_says_what_the_orm_objects_said(demo_db: Database) -> None:
    _seed(demo_db)
    listed = milestones.list_milestones(demo_db.uow(), today=TODAY)
    assert listed == _from_orm_objects(demo_db)
    kinds = {v.kind for v in listed}
    assert kinds == {"milestone", "next_action"}
    assert any(v.plan_document_id is not None and v.municipality == "1853" for v in listed)
    assert any(v.status == "done" for v in listed) and any(v.responsible for v in listed)
    one = milestones.list_milestones(demo_db.uow(), municipality="1853", today=TODAY)
    assert one == _from_orm_objects(demo_db, municipality="1853")


def test_a_page_is_the_start_of_the_whole_list(demo_db: Database) -> None:
    _seed(demo_db)
    whole = milestones.list_milestones(demo_db.uow(), today=TODAY)
    assert milestones.list_milestones(demo_db.uow(), today=TODAY, limit=5) == whole[:5]
    assert milestones.list_milestones(demo_db.uow(), today=TODAY, limit=5, offset=5) == whole[5:10]


def _statements_and_objects(db: Database, call: Callable[[], Any]) -> tuple[int, int]:
    statements, objects = [], []

    def statement(*_: Any) -> None:
        statements.append(1)

    def loaded(*_: Any) -> None:
        objects.append(1)

    event.listen(db.engine, "before_cursor_execute", statement)
    event.listen(Entity, "load", loaded, propagate=True)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", statement)
        event.remove(Entity, "load", loaded)
    return len(statements), len(objects)


@pytest.mark.parametrize("filters", [{}, {"municipality": "1853"}, {"programme": SLUG},
                                     {"status": "overdue"}],
                         ids=["all", "municipality", "programme", "status"])
def test_the_list_makes_no_orm_objects_and_a_fixed_number_of_statements(
        demo_db: Database, filters: dict[str, str]) -> None:
    _seed(demo_db)
    milestones.list_milestones(demo_db.uow(), today=TODAY, **filters)  # one-time lookups
    few, _ = _statements_and_objects(
        demo_db, lambda: milestones.list_milestones(demo_db.uow(), today=TODAY, limit=2,
                                                    **filters))
    many, objects = _statements_and_objects(
        demo_db, lambda: milestones.list_milestones(demo_db.uow(), today=TODAY, **filters))
    assert objects <= 2  # at most the programme or municipality the filter names
    assert few == many <= 9  # filter lookups, milestones, next actions, three name lookups
