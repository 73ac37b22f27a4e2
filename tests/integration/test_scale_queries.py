"""The main lists and the overview on a generated data set, on both databases.

No N+1: the SQL statements per call are counted (`before_cursor_execute`) and must not grow
with the page size. Only the statements of the use case count: the user's role is looked up once
(cached, as the program caches it; the cache must not expire half-way on a slow machine), and the
catalogue lookups of the driver and of SQLAlchemy (`pg_catalog`, `sqlite_master`, `PRAGMA`) are
not the use case's. Query plans: SQLite `EXPLAIN QUERY PLAN` and PostgreSQL `EXPLAIN` (with
sequential scans discouraged, so a Seq Scan means no usable index) of every statement a main
list runs must not scan a large table in full.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from nettverk.demo import generate
from nettverk.persistence import access
from nettverk.services import (
    agreement_actions,
    agreements,
    applications,
    followups,
    gatherings,
    milestones,
    overview,
    plans,
    register,
)
from nettverk.services.database import Database, connect
from tests.conftest import BACKENDS
from tests.support import plain_statements

TODAY = date(2026, 11, 22)
SCALE = generate.Scale(municipalities=120, years=6, gatherings=1500, milestones=12_000)
# Tables that grow with years and municipalities (application and agreement events stay at a
# few per application or agreement; the planners may read those in full).
LARGE = {"milestone", "gathering", "attendance", "follow_up", "feedback", "plan_stage_event",
         "plan_document", "success_factor_status", "capacity_score", "capacity_participant",
         "priority_score", "agreement_action"}
MUNICIPALITY = "1804"

Call = Callable[[Database, str, int], Any]

# (name, call(db, busiest programme slug, page size))
CASES: list[tuple[str, Call]] = [
    ("overview", lambda db, p, n: overview.overview(db.uow(), today=TODAY)),
    ("municipality list", lambda db, p, n: register.list_municipalities(db.uow(), limit=n)),
    ("gathering list", lambda db, p, n: gatherings.list_gatherings(db.uow(), limit=n)),
    ("gathering list, programme",
     lambda db, p, n: gatherings.list_gatherings(db.uow(), programme=p, limit=n)),
    ("gathering list, municipality",
     lambda db, p, n: gatherings.list_gatherings(db.uow(), municipality=MUNICIPALITY, limit=n)),
    ("gathering list, year",
     lambda db, p, n: gatherings.list_gatherings(db.uow(), year=TODAY.year, limit=n)),
    ("milestone list",
     lambda db, p, n: milestones.list_milestones(db.uow(), today=TODAY, limit=n)),
    ("milestone list, overdue",
     lambda db, p, n: milestones.list_milestones(db.uow(), today=TODAY, overdue=True, limit=n)),
    ("milestone list, programme",
     lambda db, p, n: milestones.list_milestones(db.uow(), programme=p, today=TODAY, limit=n)),
    ("milestone list, municipality",
     lambda db, p, n: milestones.list_milestones(db.uow(), municipality=MUNICIPALITY,
                                                 today=TODAY, limit=n)),
    ("follow-up list", lambda db, p, n: followups.list_follow_ups(db.uow(), today=TODAY, limit=n)),
    ("plan document list",
     lambda db, p, n: plans.list_plan_documents(db.uow(), today=TODAY, limit=n)),
    ("application list", lambda db, p, n: applications.list_applications(db.uow(), limit=n)),
    ("agreement list", lambda db, p, n: agreements.list_agreements(db.uow(), limit=n)),
    ("agreement action list, overdue",
     lambda db, p, n: agreement_actions.list_actions(db.uow(), overdue=True, today=TODAY, limit=n)),
]
# Known full scans (reason: the finding in bench/README.md for the owner of the service).
KNOWN_SCANS: dict[str, str] = {}


@pytest.fixture(scope="module", params=BACKENDS)
def scale_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             postgres_server: Any) -> Iterator[Database]:
    """A generated data set (120 municipalities, 12,000 milestones) per backend, read only."""
    if request.param == "postgres":
        url = postgres_server.create_database()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('scale') / 'scale.db'}"
    db = connect(url, "test")
    generate.generate(db.engine, SCALE, seed=1, today=TODAY)
    yield db
    db.close()


@pytest.fixture(scope="module")
def busiest(scale_db: Database) -> str:
    with scale_db.engine.connect() as conn:
        return str(conn.execute(text(
            "SELECT p.slug FROM programme p JOIN gathering g ON g.programme_id = p.id "
            "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1")).scalar_one())


@pytest.fixture(autouse=True)
def _role_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The role lookup (two or three statements, every few seconds) happens once, before counting."""
    monkeypatch.setattr(access, "_CACHE_SECONDS", math.inf)


INTROSPECTION = re.compile(r"\b(pg_catalog|information_schema|sqlite_master|sqlite_schema)\b|"
                           r"^\s*(PRAGMA|SHOW)\b|current_schema\(\)", re.I)


def _statements(db: Database, call: Callable[[], Any]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if not INTROSPECTION.search(statement):
            seen.append((statement, parameters))

    # the lists read in plain SQL (services.plain_*) run on the session's DB-API connection,
    # which SQLAlchemy's events do not see: their statements are recorded as sent
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with plain_statements(seen):
            call()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


@pytest.mark.parametrize("name,call", CASES, ids=[c[0] for c in CASES])
def test_statements_per_call_do_not_grow_with_the_rows(scale_db: Database, busiest: str,
                                                       name: str, call: Call) -> None:
    call(scale_db, busiest, 1)  # one-time lookups (e.g. the user's role) are not per call
    few = _statements(scale_db, lambda: call(scale_db, busiest, 5))
    many = _statements(scale_db, lambda: call(scale_db, busiest, 50))
    rows = call(scale_db, busiest, 50)
    if isinstance(rows, list):
        assert len(rows) > 5, f"{name}: the data set must fill more than one small page"
    assert len(few) == len(many), f"{name}: {len(few)} statements for 5 rows, {len(many)} for 50"
    # The overview gathers seven kinds of item, each as a capped list plus aggregate totals.
    ceiling = 18 if name == "overview" else 10
    assert len(many) <= ceiling, f"{name}: {len(many)} statements per call"


def _plan(db: Database, statement: str, parameters: Any) -> list[str]:
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if db.engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return [str(row[3]) for row in cursor.fetchall()]
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement, parameters)
        return [str(row[0]) for row in cursor.fetchall()]
    finally:
        raw.rollback()
        raw.close()


def full_scans(plan: list[str]) -> set[str]:
    """The large tables a plan reads in full (an alias like `milestone_1` counts as its table).

    SQLite: `SCAN t` reads the table; `SCAN t USING INDEX i` reads the whole index, which only
    pays off when it also delivers the order (no `USE TEMP B-TREE FOR ORDER BY` after it), so
    that a LIMIT stops early. PostgreSQL (sequential scans discouraged): `Seq Scan on t`.
    """
    resorted = any("USE TEMP B-TREE FOR ORDER BY" in line for line in plan)
    found = set()
    for line in plan:
        line = line.strip()
        match = (re.search(r"^SCAN (\w+)$", line) or re.search(r"Seq Scan on (\w+)", line)
                 or (re.search(r"^SCAN (\w+) USING (?:COVERING )?INDEX", line) if resorted
                     else None))
        if match:
            found.add(re.sub(r"_\d+$", "", match.group(1)))
    return found & LARGE


def test_full_scan_detection() -> None:
    assert full_scans(["SCAN milestone"]) == {"milestone"}
    assert full_scans(["SCAN milestone USING INDEX ix_milestone_due_id"]) == set()
    assert full_scans(["SCAN milestone USING INDEX ix_milestone_open_cover",
                       "USE TEMP B-TREE FOR ORDER BY"]) == {"milestone"}
    assert full_scans(["SEARCH gathering USING INDEX ix_gathering_starts_at (starts_at>?)",
                       "USE TEMP B-TREE FOR ORDER BY"]) == set()
    assert full_scans(["  ->  Seq Scan on follow_up  (cost=0.00..1.00 rows=1 width=4)"]) == {
        "follow_up"}
    assert full_scans(["SCAN programme"]) == set()  # small tables may be read in full


@pytest.mark.parametrize("name,call", [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=KNOWN_SCANS[case[0]]))
    if case[0] in KNOWN_SCANS else case for case in CASES
], ids=[c[0] for c in CASES])
def test_main_queries_never_scan_a_large_table(scale_db: Database, busiest: str, name: str,
                                               call: Call) -> None:
    scans = {}
    for statement, parameters in _statements(scale_db, lambda: call(scale_db, busiest, 50)):
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        plan = _plan(scale_db, statement, parameters)
        if full_scans(plan):
            scans[statement[:200]] = plan
    assert not scans, f"{name} scans a large table: {scans}"
