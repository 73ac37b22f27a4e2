"""The overview and the lists: what needs attention, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from nettverk.domain.values import OSLO
from nettverk.services import (
    applications,
    attendance,
    followups,
    gatherings,
    milestones,
    overview,
    plans,
    register,
)
from nettverk.services.database import Database
from tests.integration.test_network_gatherings import PROG, build_network
from tests.support import plain_statements

TODAY = date(2026, 11, 22)


@contextmanager
def count_queries(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # only our queries (a new pooled connection may run its own set-up SELECTs)
        if statement.lstrip().upper().startswith("SELECT") and "FROM" in statement.upper().split():
            statements.append(statement)

    # the overview and the long lists read in plain SQL (services.plain_*) on the session's
    # connection
    plain: list[tuple[str, tuple[Any, ...]]] = []
    event.listen(db.engine, "before_cursor_execute", before)
    try:
        with plain_statements(plain):
            yield statements
            statements += [sql for sql, _ in plain]
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def _fill(db: Database, n: int) -> None:
    """n gatherings with attendance, milestones, follow-ups, plans and applications."""
    uow = db.uow
    for i in range(n):
        start = datetime(2026, 12, 1, 9, tzinfo=OSLO) + timedelta(days=i)
        g = gatherings.add_gathering(uow(), PROG, f"Samling {i}", start,
                                     start + timedelta(hours=2), "video",
                                     video_url="https://video.example.no/x")
        attendance.invite_participants(uow(), g.id)
        milestones.add_milestone(uow(), f"Milepæl {i}", TODAY - timedelta(days=i + 1),
                                 programme=PROG, municipality="1853", today=TODAY)
        followups.add_follow_up(uow(), "1839", TODAY - timedelta(days=30), "call", f"Samtale {i}",
                                next_action=f"Neste {i}", next_action_due=TODAY + timedelta(days=3),
                                programme=PROG, today=TODAY)
        plans.add_plan_document(uow(), "1853" if i % 2 else "1839", "plan_strategy",
                                2024 + 4 * i, 2027 + 4 * i, today=TODAY)
        register.add_municipality(uow(), f"187{i}", f"Kommune {i}", "18", 900 + 1000 * i)
        applications.add_application(uow(), PROG, f"187{i}", received=date(2026, 11, 1),
                                     today=TODAY)


@pytest.mark.parametrize("n", [2, 6])
def test_lists_and_overview_use_a_fixed_number_of_queries(db: Database, n: int) -> None:
    build_network(db)
    _fill(db, n)
    counts = {}
    for name, call in {
        "gatherings": lambda: gatherings.list_gatherings(db.uow(), programme=PROG),
        "milestones": lambda: milestones.list_milestones(db.uow(), programme=PROG, today=TODAY),
        "followups": lambda: followups.list_follow_ups(db.uow(), programme=PROG, today=TODAY),
        "plans": lambda: plans.list_plan_documents(db.uow(), programme=PROG, today=TODAY),
        "matrix": lambda: plans.plan_matrix(db.uow(), PROG, today=TODAY),
        "applications": lambda: applications.list_applications(db.uow(), PROG),
        "summary": lambda: attendance.yearly_summary(db.uow(), PROG, 2026),
        "overview": lambda: overview.overview(db.uow(), today=TODAY),
    }.items():
        with count_queries(db) as statements:
            call()
        counts[name] = len(statements)
    # the same number of queries for 2 and 6 of everything (no query per row); milestones:
    # the programme, milestones, next actions, and one lookup each for the programmes, plan
    # documents, municipalities and persons the rows name (plain SQL, no ORM objects: issue
    # 17; each run even when the rows name none, so the count is the same whatever the rows);
    # gatherings: the programme, the gatherings' columns, the programmes, the overlap window;
    # followups: the programme, the log's columns, the municipalities' and programmes' names
    expected = {"gatherings": 4, "milestones": 7, "followups": 4, "plans": 3, "matrix": 3,
                "applications": 4, "summary": 4, "overview": 20}
    assert counts == expected


def test_overview_lists_what_needs_attention(db: Database) -> None:
    build_network(db)
    uow = db.uow
    soon = gatherings.add_gathering(uow(), PROG, "Snart", datetime(2026, 12, 9, 10, tzinfo=OSLO),
                                    datetime(2026, 12, 9, 12, tzinfo=OSLO), "video",
                                    video_url="https://video.example.no/x")
    gatherings.add_gathering(uow(), PROG, "For langt fram",
                             datetime(2027, 3, 1, 10, tzinfo=OSLO),
                             datetime(2027, 3, 1, 12, tzinfo=OSLO), "video",
                             video_url="https://video.example.no/y")
    late = milestones.add_milestone(uow(), "Forfalt", date(2026, 11, 1), programme=PROG,
                                    today=TODAY)
    near = milestones.add_milestone(uow(), "Snart frist", date(2026, 12, 6), programme=PROG,
                                    today=TODAY)
    milestones.add_milestone(uow(), "Senere", date(2027, 6, 1), programme=PROG, today=TODAY)
    done = milestones.add_milestone(uow(), "Gjort", date(2026, 11, 1), programme=PROG,
                                    today=TODAY)
    milestones.mark_done(uow(), done.id or 0, on=date(2026, 10, 30), today=TODAY)
    f = followups.add_follow_up(uow(), "1839", date(2026, 11, 1), "visit", "Besøk",
                                next_action="Ringe tilbake", next_action_due=date(2026, 11, 10),
                                programme=PROG, today=TODAY)
    applications.add_round(uow(), PROG, "Runde", date(2026, 10, 1), date(2026, 11, 1))
    pending = applications.add_application(uow(), PROG, "5020", received=date(2026, 11, 5),
                                           today=TODAY)
    plan = plans.add_plan_document(uow(), "1839", "plan_strategy", 2024, 2027,
                                   stage="consultation", on=date(2024, 9, 1), today=TODAY)
    plans.add_plan_document(uow(), "1853", "plan_strategy", 2024, 2027, stage="adopted",
                            on=date(2024, 9, 1), today=TODAY)

    view = overview.overview(uow(), today=TODAY)
    assert [g.id for g in view.upcoming_gatherings] == [soon.id]
    assert view.upcoming_gatherings[0].days_until == 17
    assert [(i.kind, i.id or i.follow_up_id) for i in view.overdue] == [
        ("milestone", late.id), ("next_action", f.id)]
    assert [i.id for i in view.due_soon] == [near.id]
    assert [(a.id, a.late) for a in view.pending_applications] == [(pending.id, True)]
    assert [(p.id, p.deadline, p.programmes) for p in view.overdue_plan_strategies] == [
        (plan.id, date(2024, 10, 15), [PROG])]
    [counts] = [c for c in view.programmes if c.slug == PROG]
    assert (counts.participants, counts.applications_pending, counts.gatherings_planned,
            counts.gatherings_upcoming, counts.overdue, counts.due_soon,
            counts.plan_strategies_overdue) == (2, 1, 2, 1, 2, 1, 1)
    assert view.needs_attention


def test_overview_of_an_empty_database(db: Database) -> None:
    view = overview.overview(db.uow(), today=TODAY)
    assert not view.needs_attention and view.programmes == []


def test_unconfirmed_gatherings_and_counts_as_of_each_day(db: Database) -> None:
    """Past gatherings neither held nor cancelled by the day are unconfirmed on it; one confirmed
    or cancelled later is unconfirmed before that day and counted as held/cancelled from it."""
    uow = build_network(db).uow

    def add(title: str, day: int) -> int:
        return gatherings.add_gathering(uow(), PROG, title, datetime(2021, 3, day, 9, tzinfo=OSLO),
                                        datetime(2021, 3, day, 12, tzinfo=OSLO), "video").id

    planned = add("Aldri bekreftet", 1)
    held_late = add("Bekreftet senere", 2)
    cancelled_late = add("Avlyst senere", 3)
    gatherings.mark_held(uow(), held_late, on=date(2021, 3, 20))
    gatherings.cancel_gathering(uow(), cancelled_late, on=date(2021, 3, 25))

    def state(day: date) -> tuple[list[str], tuple[int, int, int]]:
        view = overview.overview(uow(), today=day)
        counts = next(c for c in view.programmes if c.slug == PROG)
        assert view.unconfirmed_total == counts.gatherings_unconfirmed
        return ([g.title for g in view.unconfirmed_gatherings],
                (counts.gatherings_unconfirmed, counts.gatherings_held, counts.gatherings_planned))

    assert state(date(2021, 3, 1)) == ([], (0, 0, 3))  # the first starts later that day
    assert state(date(2021, 3, 10)) == (
        ["Avlyst senere", "Bekreftet senere", "Aldri bekreftet"], (3, 0, 0))
    assert state(date(2021, 3, 20)) == (["Avlyst senere", "Aldri bekreftet"], (2, 1, 0))
    assert state(date(2021, 3, 25)) == (["Aldri bekreftet"], (1, 1, 0))
    assert planned


def test_the_programme_counts_open_milestones_at_the_edges_of_overdue_and_due_soon(
        db: Database) -> None:
    """Counted as of a day: due the day before is overdue, due that day or up to 14 days on is
    due soon, a day later is neither; one done after that day was still open then, one done
    on it was not."""
    build_network(db)
    uow = db.uow
    day = date(2026, 10, 1)
    soon = day + timedelta(days=14)
    for title, due in (("Dagen før", day - timedelta(days=1)), ("Samme dag", day),
                       ("Fjortende dag", soon), ("Femtende dag", soon + timedelta(days=1))):
        milestones.add_milestone(uow(), title, due, programme=PROG, today=TODAY)
    later = milestones.add_milestone(uow(), "Gjort senere", day - timedelta(days=3),
                                     programme=PROG, today=TODAY)
    milestones.mark_done(uow(), later.id or 0, on=date(2026, 11, 2), today=TODAY)
    same_day = milestones.add_milestone(uow(), "Gjort samme dag", day - timedelta(days=2),
                                        programme=PROG, today=TODAY)
    milestones.mark_done(uow(), same_day.id or 0, on=day, today=TODAY)
    soon_later = milestones.add_milestone(uow(), "Snart, gjort senere", soon, programme=PROG,
                                          today=TODAY)
    milestones.mark_done(uow(), soon_later.id or 0, on=date(2026, 11, 2), today=TODAY)

    [counts] = [c for c in overview.overview(uow(), today=day).programmes if c.slug == PROG]
    assert (counts.overdue, counts.due_soon) == (2, 3)  # the day before, done later; 3 soon
    [now] = [c for c in overview.overview(uow(), today=TODAY).programmes if c.slug == PROG]
    assert (now.overdue, now.due_soon) == (4, 0)  # the four not done are all past by now


def test_the_programme_counts_open_next_actions_at_the_edges_of_overdue_and_due_soon(
        db: Database) -> None:
    """A follow-up's next action is counted as a milestone is: due the day before is overdue,
    that day up to 14 days on is due soon, a day later neither; one done after the day was
    still open then, one done on it was not."""
    build_network(db)
    uow = db.uow
    day = date(2026, 10, 1)
    soon = day + timedelta(days=14)

    def action(title: str, due: date, done_on: date | None = None) -> None:
        f = followups.add_follow_up(uow(), "1839", date(2026, 9, 1), "visit", "Besøk",
                                    next_action=title, next_action_due=due, programme=PROG,
                                    today=TODAY)
        if done_on is not None:
            followups.complete_next_action(uow(), f.id, on=done_on, today=TODAY)

    action("Dagen før", day - timedelta(days=1))
    action("Samme dag", day)
    action("Fjortende dag", soon)
    action("Femtende dag", soon + timedelta(days=1))
    action("Gjort senere", day - timedelta(days=3), done_on=date(2026, 11, 2))
    action("Gjort samme dag", day - timedelta(days=2), done_on=day)
    action("Snart, gjort senere", soon, done_on=date(2026, 11, 2))

    [counts] = [c for c in overview.overview(uow(), today=day).programmes if c.slug == PROG]
    assert (counts.overdue, counts.due_soon) == (2, 3)
    [now] = [c for c in overview.overview(uow(), today=TODAY).programmes if c.slug == PROG]
    assert (now.overdue, now.due_soon) == (4, 0)
