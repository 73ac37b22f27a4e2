"""Crashes: SIGKILL at random points during writes, imports and migrations (100 kills in all)
never costs committed data.

Every time: the database opens, passes PRAGMA integrity_check, and holds every transaction the
killed process reported committed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nettverk.persistence import schema
from nettverk.persistence.engine import make_engine
from nettverk.services import database, persons, register

pytestmark = pytest.mark.slow

WORKER = [sys.executable, "-m", "tests.safety.crash_worker"]
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(args: list[str], delay: float) -> list[str]:
    proc = subprocess.Popen([*WORKER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT, text=True)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    return [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("committed ")]


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_sigkill_during_writes_keeps_every_committed_transaction(tmp_path: Path) -> None:
    path = tmp_path / "krasj.db"
    url = f"sqlite:///{path}"
    db = database.connect(url, "oppsett")
    register.add_county(db.uow(), "18", "Nordland")
    register.add_municipality(db.uow(), number="1853", name="Evenes", county="18", population=0)
    db.close()
    rng = random.Random(20261122)
    committed: list[int] = []
    next_key = 1
    for _ in range(50):
        keys = [int(k) for k in _run_and_kill(["writes", url, str(next_key)],
                                               rng.uniform(0.4, 1.2))]
        assert _integrity(path) == "ok"
        committed += keys
        next_key = (keys[-1] + 1 if keys else next_key) + 100_000
        db = database.connect(url, "kontroll")
        try:
            emails = {p.email for p in persons.list_persons(db.uow())}
            missing = [k for k in committed if f"p{k}@example.no" not in emails]
            assert not missing, f"committed but lost: {missing[:5]}"
            if keys:
                assert register.get_municipality(db.uow(), "1853").population >= keys[-1]
        finally:
            db.close()
    assert len(committed) > 50, "the worker should have committed work between kills"


def test_sigkill_during_imports_never_leaves_half_an_import(tmp_path: Path) -> None:
    path = tmp_path / "import.db"
    url = f"sqlite:///{path}"
    db = database.connect(url, "oppsett")
    register.add_county(db.uow(), "18", "Nordland")
    db.close()
    rng = random.Random(1853)
    next_batch = 1
    last_committed = 0
    for _ in range(20):
        keys = [int(k) for k in _run_and_kill(["imports", url, str(next_batch), str(tmp_path)],
                                               rng.uniform(0.5, 1.5))]
        assert _integrity(path) == "ok"
        if keys:
            last_committed = keys[-1]
            next_batch = keys[-1] + 2  # skip the batch that may have been killed half-way
        db = database.connect(url, "kontroll")
        try:
            rows = register.list_municipalities(db.uow())
        finally:
            db.close()
        if not last_committed:
            continue
        by_number = {m.number: m for m in rows}
        # Everything reported committed is there (or was overwritten by a later batch) ...
        for i in range(20):
            number = f"18{(last_committed * 20 + i) % 100:02d}"
            assert by_number[number].population is not None
            assert by_number[number].population >= last_committed
        # ... and the newest batch in the database is whole: an import is all or nothing.
        newest = max(m.population or 0 for m in rows)
        assert sum(1 for m in rows if m.population == newest) == 20
        assert all(m.name.startswith(f"Importkommune {m.population}-") for m in rows)
    assert last_committed > 0, "the worker should have committed imports between kills"


def test_sigkill_during_migrations_leaves_a_usable_database(tmp_path: Path) -> None:
    path = tmp_path / "migrering.db"
    url = f"sqlite:///{path}"
    rng = random.Random(7)
    for _ in range(30):
        _run_and_kill(["migrations", url], rng.uniform(0.3, 1.5))
        assert _integrity(path) == "ok"
        engine = make_engine(url)
        try:
            state = schema.state(engine)
            assert state in {schema.SchemaState.empty, schema.SchemaState.behind,
                             schema.SchemaState.current}
        finally:
            engine.dispose()
    # Whatever revision the last kill left, an upgrade completes and the database is usable.
    db = database.connect(url, "kontroll", check_schema=False)
    try:
        database.upgrade(db)
        assert database.status(db).state == "current"
        register.add_county(db.uow(), "18", "Nordland")
        assert [c.number for c in register.list_counties(db.uow())] == ["18"]
    finally:
        db.close()
