"""Every per-municipality list reads its rows through an index, on SQLite and PostgreSQL.

A user opens one municipality and sees its milestones, plans, follow-ups, gatherings, agreed
actions, capacity assessments, priority sessions, success factors, participations and (before
a participation is removed) its attendance and feedback. On a national data set each of these
must find that municipality's rows by an index, not by reading the large table: PostgreSQL's
`EXPLAIN` of every statement with sequential scans discouraged (a Seq Scan then means no usable
index), SQLite's `EXPLAIN QUERY PLAN`. The data set and the plan reading come from
test_scale_queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text

from nettverk.services import (
    agreement_actions,
    calendar,
    capacity,
    followups,
    gatherings,
    milestones,
    plans,
    priority,
    programmes,
    success_factors,
)
from nettverk.services.database import Database
from tests.integration.test_scale_queries import (  # noqa: F401 (fixtures)
    LARGE,
    MUNICIPALITY,
    TODAY,
    _statements,
    busiest,
    full_scans,
    scale_db,
)
from tests.integration.test_scale_queries import (
    _plan as _sqlite_plan,
)


def _participation_records(db: Database, programme: str) -> list[str]:
    """What removing the municipality's participation would discard: its attendance, feedback,
    milestones, … counted per table (programmes._participation_records)."""
    from nettverk.domain.register import Municipality, Participation, Programme

    with db.uow() as uow:
        s = uow.session
        p = s.scalars(select(Participation).join(Participation.municipality)
                      .join(Participation.programme)
                      .where(Municipality.number == MUNICIPALITY)
                      .order_by(Programme.slug.desc() if programme else Programme.slug)).first()
        assert p is not None
        return programmes._participation_records(s, p)


def _plan(db: Database, statement: str, parameters: Any) -> list[str]:
    """SQLite: as test_scale_queries. PostgreSQL: sequential scans discouraged and the
    random-page cost of solid-state storage (1.1, as on any current server): the data set is a
    tenth of the national one, where an index lookup wins against a walk even at the default."""
    if db.engine.dialect.name == "sqlite":
        return _sqlite_plan(db, statement, parameters)
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET random_page_cost = 1.1")
        cursor.execute("EXPLAIN " + statement, parameters)
        return [str(row[0]) for row in cursor.fetchall()]
    finally:
        raw.rollback()
        raw.close()


@pytest.fixture(scope="module")
def analyzed(scale_db: Database) -> Database:  # noqa: F811
    """The data set with planner statistics, as autovacuum keeps them on a live server."""
    if scale_db.engine.dialect.name != "sqlite":
        with scale_db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    return scale_db


Call = Callable[[Database, str], Any]
M = MUNICIPALITY
CASES: list[tuple[str, Call]] = [
    ("milestones", lambda db, p: milestones.list_milestones(db.uow(), municipality=M,
                                                            today=TODAY, limit=50)),
    ("plan documents", lambda db, p: plans.list_plan_documents(db.uow(), municipality=M,
                                                               today=TODAY, limit=50)),
    ("follow-ups", lambda db, p: followups.list_follow_ups(db.uow(), municipality=M,
                                                           today=TODAY, limit=50)),
    ("gatherings", lambda db, p: gatherings.list_gatherings(db.uow(), municipality=M, limit=50)),
    ("agreed actions", lambda db, p: agreement_actions.list_actions(db.uow(), municipality=M,
                                                             today=TODAY, limit=50)),
    ("capacity assessments", lambda db, p: capacity.list_assessments(db.uow(), municipality=M,
                                                                     limit=50)),
    ("priority sessions", lambda db, p: priority.list_sessions(db.uow(), municipality=M)),
    ("success factors", lambda db, p: success_factors.list_status(db.uow(), None,
                                                                  municipality=M)),
    ("participations", lambda db, p: programmes.list_participations(db.uow(), M)),
    ("calendar", lambda db, p: calendar.calendar_data(db.uow(), municipality=M)),
    ("attendance, feedback and the rest of a participation",
     lambda db, p: _participation_records(db, p)),
]


PARENTS = {"plan_document"}


def index_walks(plan: list[str]) -> set[str]:
    """The large tables a PostgreSQL plan reads along a whole index (an Index Scan with no
    Index Cond: every entry, for its order or for a hash join), except a parent table read
    whole, without a Filter, to join its rows to the list's (plan documents to milestones:
    bounded by the number of plans, not by the list)."""
    found: set[str] = set()
    nodes: list[tuple[str, list[str]]] = []
    for line in plan:
        match = re.search(r"(?:Index|Index Only) Scan(?: Backward)? using \w+ on (\w+)", line)
        if match:
            nodes.append((re.sub(r"_\d+$", "", match.group(1)), []))
        elif "->" in line or not nodes:
            nodes.append(("", []))
        else:
            nodes[-1][1].append(line)
    for table, details in nodes:
        if (table and not any("Index Cond" in d for d in details)
                and (table not in PARENTS or any("Filter:" in d for d in details))):
            found.add(table)
    return found & LARGE


def test_index_walk_detection() -> None:
    assert index_walks([
        "Limit  (cost=0.29..90.1 rows=50 width=8)",
        "  ->  Index Scan using ix_gathering_starts_at_id on gathering  (cost=0.29..9.1 rows=5)",
        "        Filter: (municipality_id = 26)"]) == {"gathering"}
    assert index_walks([
        "  ->  Index Scan using ix_follow_up_municipality_id_on on follow_up  (cost=0.29..9.1)",
        "        Index Cond: (municipality_id = 26)"]) == set()
    assert index_walks([
        "  ->  Index Scan using ix_plan_document_municipality_id on plan_document  (cost=0.15..22)",
        "  ->  Hash  (cost=8.56..8.56 rows=356 width=82)"]) == set()
    assert index_walks([
        "  ->  Index Scan using pk_milestone on milestone  (cost=0.29..486.30 rows=12000)",
        "  ->  Hash  (cost=291.09..291.09 rows=192 width=4)"]) == {"milestone"}


@pytest.mark.parametrize("name,call", CASES, ids=[c[0] for c in CASES])
def test_each_municipality_list_uses_an_index(analyzed: Database, busiest: str,  # noqa: F811
                                              name: str, call: Call) -> None:
    db = analyzed
    statements = _statements(db, lambda: call(db, busiest))
    selects = [(st, params) for st, params in statements
               if st.lstrip().upper().startswith("SELECT")]
    assert selects, f"{name}: no SELECT was run"
    scans, walks = {}, {}
    for statement, parameters in selects:
        plan = _plan(db, statement, parameters)
        if full_scans(plan):
            scans[statement[:300]] = plan
        elif db.engine.dialect.name != "sqlite" and index_walks(plan):
            walks[statement[:300]] = plan
    scans.update(walks)
    assert not scans, f"{name} reads a large table in full: {scans}"
