"""`nettverk init --demo` killed with SIGKILL half-way leaves all of the demo set or none of it,
and the next run completes it: the counts then equal those of a clean load."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from nettverk.persistence.engine import make_engine
from tests.conftest import PostgresServer

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _init_demo(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "nettverk", "--db", url, "init", "--demo"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)


def _counts(url: str) -> dict[str, int]:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            return {}
        with sqlite3.connect(path) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT IN ('alembic_version', 'audit_chain')")]  # bookkeeping rows
            return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = [r[0] for r in conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename NOT IN ('alembic_version', 'audit_chain')")]
            return {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar_one()
                    for t in tables}
    finally:
        engine.dispose()


@pytest.fixture
def new_url(backend: str, tmp_path: Path, postgres_server: PostgresServer
            ) -> Callable[[str], str]:
    def make(name: str) -> str:
        if backend == "postgres":
            return postgres_server.create_database()
        return f"sqlite:///{tmp_path / name}.db"

    return make


def test_a_killed_demo_load_is_all_or_nothing_and_a_rerun_completes_it(
        new_url: Callable[[str], str]) -> None:
    clean = new_url("ren")
    done = _init_demo(clean)
    _out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    expected = _counts(clean)
    assert expected["gathering"] > 0 and expected["person"] > 0

    rng = random.Random(35)
    for attempt in range(4):
        path = new_url(f"drept-{attempt}")
        proc = _init_demo(path)
        # Wait until the schema exists, then kill at a random moment of the load.
        deadline = time.monotonic() + 300
        while "theme" not in _counts(path) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.5, 6.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        after_kill = _counts(path)
        loaded = {t: n for t, n in after_kill.items() if n}
        assert not loaded or after_kill == expected, f"half a demo set was left: {loaded}"

        rerun = _init_demo(path)
        _out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        assert _counts(path) == expected
