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
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _init_demo(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "nettverk", "--db", f"sqlite:///{path}",
                             "init", "--demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT, text=True)


def _counts(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_a_killed_demo_load_is_all_or_nothing_and_a_rerun_completes_it(tmp_path: Path) -> None:
    clean = tmp_path / "ren.db"
    done = _init_demo(clean)
    _out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    expected = _counts(clean)
    assert expected["gathering"] > 0 and expected["person"] > 0

    rng = random.Random(35)
    for attempt in range(4):
        path = tmp_path / f"drept-{attempt}.db"
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
