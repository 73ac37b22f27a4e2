"""The milestone list from plain column queries: the same views as from the ORM objects, in the
same order, with a fixed number of statements and no ORM object made (issue 17: the TUI holds
100,000 of them at national scale). On both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.network import FollowUp, Milestone, PlanDocument
from nettverk.services import milestones, plans
from nettverk.services.database import Database
from nettverk.services.milestones import MilestoneView, milestone_view, next_action_view
from tests.support import statements_and_objects

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


@pytest.mark.parametrize("filters", [{}, {"municipality": "1853"}, {"programme": SLUG},
                                     {"status": "overdue"}],
                         ids=["all", "municipality", "programme", "status"])
def test_the_list_makes_no_orm_objects_and_a_fixed_number_of_statements(
        demo_db: Database, filters: dict[str, str]) -> None:
    _seed(demo_db)
    milestones.list_milestones(demo_db.uow(), today=TODAY, **filters)  # one-time lookups
    few, _ = statements_and_objects(
        demo_db, lambda: milestones.list_milestones(demo_db.uow(), today=TODAY, limit=2,
                                                    **filters))
    many, objects = statements_and_objects(
        demo_db, lambda: milestones.list_milestones(demo_db.uow(), today=TODAY, **filters))
    assert objects <= 2  # at most the programme or municipality the filter names
    # filter lookups, milestones, next actions, four lookups of what the rows refer to
    assert few == many <= 10


@pytest.mark.parametrize("call", [{}, {"limit": 5}, {"limit": 4, "offset": 3},
                                  {"municipality": "1853"}, {"status": "done"}],
                         ids=["all", "first", "page", "municipality", "status"])
def test_the_table_holds_the_list_as_columns(demo_db: Database, call: dict[str, Any]) -> None:
    """`milestone_table`: what `list_milestones` lists, in the same order, as columns, with
    each row's view made when asked for."""
    _seed(demo_db)
    listed = milestones.list_milestones(demo_db.uow(), today=TODAY, **call)
    table = milestones.milestone_table(demo_db.uow(), today=TODAY, **call)
    assert listed and len(table) == len(listed)
    assert [table.view(i) for i in range(len(table))] == listed == table.views()
    assert table.keys == [v.key for v in listed]
    assert table.due == [v.due for v in listed] and table.title == [v.title for v in listed]
    assert table.kind == [v.kind for v in listed] and table.status == [v.status for v in listed]
    assert table.status_label == [v.status_label for v in listed]
    assert table.municipality_name == [v.municipality_name for v in listed]
    assert table.programme == [v.programme for v in listed]
    assert table.responsible == [v.responsible for v in listed]


def test_rows_on_the_same_day_keep_the_lists_order() -> None:
    """On the same day milestones come before next actions, each by key as text
    ("milestone:10" before "milestone:9"), as the list was always sorted."""
    from nettverk.services.milestone_table import MilestoneTable, SharedNames
    from nettverk.services.milestone_table import milestone_columns as columns

    day, later = date(2026, 5, 1), date(2026, 6, 1)
    names = SharedNames(TODAY)
    names.municipalities = {1: ("1804", "Bodø"), 2: ("1805", "Narvik")}
    names.plan_municipalities = {7: 2}
    # Each kind in the order its query sorts it (by deadline, then by key as text), a
    # milestone's dates as ISO text (SQLite) or dates; milestone 2 is its plan document's.
    m_rows = [(10, "Ti", day.isoformat(), None, None, 1, None, 1, None),
              (9, "Ni", day, None, None, 1, None, 1, None),
              (2, "To", later.isoformat(), None, 7, 1, None, None, None)]
    f_rows = [(1, "Neste", day, None, "Kari", 1, None, 1),
              (11, None, day, day, None, 1, None, 1)]
    table = MilestoneTable(columns([m_rows]), f_rows, names)
    assert table.keys == ["milestone:10", "milestone:9", "follow_up:1", "follow_up:11",
                          "milestone:2"]
    assert table.views() == sorted(table.views(), key=lambda v: (v.due, v.kind, v.key))
    assert table.title == ["Ti", "Ni", "Neste", "", "To"]
    assert table.status == ["upcoming", "upcoming", "upcoming", "done", "upcoming"]
    assert table.responsible == [None, None, "Kari", None, None]
    assert table.due == [day, day, day, day, later]
    assert table.municipality_name == ["Bodø"] * 4 + ["Narvik"]
    assert table.distinct("municipality_name") == {"Bodø", "Narvik"}
    assert table.distinct("status_label") == {"kommende", "utført"}
    assert [table.position(False, 2), table.position(True, 11), table.position(True, 2)] == [
        4, 3, None]
    assert MilestoneTable(columns([m_rows]), f_rows, names, offset=1, window=3
                          ).keys == table.keys[1:3]
    assert columns([m_rows[:2], m_rows[2:]]) == columns([m_rows])  # read a batch at a time


def test_the_queries_sort_ids_as_text_on_both_databases(demo_db: Database) -> None:
    """Milestones due the same day with ids of four and five digits: "milestone:10000" comes
    before "milestone:9999" (as text), on PostgreSQL too (not by its collation's rules), in
    the whole list and in its first rows."""
    day = date(2031, 7, 1)
    with demo_db.uow() as uow:
        for id in (9999, 10000, 10001, 998):
            uow.session.add(Milestone(id=id, title=f"M{id}", due=day))
        uow.commit()
    listed = [v.key for v in milestones.list_milestones(demo_db.uow(), today=TODAY)
              if v.due == day]
    assert listed == ["milestone:10000", "milestone:10001", "milestone:998", "milestone:9999"]
    whole = milestones.list_milestones(demo_db.uow(), today=TODAY)
    first = milestones.list_milestones(demo_db.uow(), today=TODAY,
                                       limit=[v.due for v in whole].index(day) + 2)
    assert first == whole[:len(first)]
