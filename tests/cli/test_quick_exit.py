"""The `nettverk` script ends a plain read (`status`, the lists) with os._exit once its
output is flushed, and every other command the ordinary way: what the user sees is the same."""

from __future__ import annotations

import subprocess
import sys

import pytest

from nettverk import cli
from nettverk.services import organisations
from nettverk.services.database import Database
from tests.support import run_cli

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _script(*argv: str) -> subprocess.CompletedProcess[str]:
    """The console script's entry point in a fresh interpreter (`python -m nettverk` runs it);
    its output decoded as it was written (CSV's CRLF kept)."""
    done = subprocess.run([sys.executable, "-m", "nettverk", *argv], capture_output=True,
                          timeout=120)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


@pytest.mark.parametrize("backend", BACKENDS)
def test_plain_reads_print_the_same_through_the_script(demo_db: Database, db_url: str) -> None:
    for argv in (["status"], ["status", "--format", "json"],
                 ["municipality", "list", "--format", "csv"]):
        done = _script("--db", db_url, *argv)
        inside = run_cli(db_url, *argv)
        assert (done.returncode, done.stdout, done.stderr) == (0, inside.out, ""), argv
    bad = _script("--db", db_url, "status", "--date", "31.02.2026")
    assert bad.returncode == 2 and "«date»" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_reader_that_stops_early_ends_quietly(demo_db: Database, db_url: str) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "nettverk", "--db", db_url, "status"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith("Status per ")
    proc.stdout.close()  # `nettverk status | head -1`
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in proc.stderr.read()
    proc.stderr.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_change_through_the_script_is_kept(demo_db: Database, db_url: str) -> None:
    done = _script("--db", db_url, "organisation", "add", "--name", "Sámediggi prøve",
                   "--kind", "state_agency")
    assert done.returncode == 0, done.stderr
    assert "Sámediggi prøve" in {o.name for o in organisations.list_organisations(demo_db.uow())}


def test_only_a_plain_read_leaves_without_tearing_down(
        demo_db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    quick: list[int] = []
    monkeypatch.setattr(cli.os, "_exit", quick.append)
    for argv, plain in ((["status"], True), (["municipality", "list"], True),
                        (["county", "list"], True), (["gathering", "list"], True),
                        (["municipality", "show", "1826"], False),
                        (["status", "--date", "x"], False)):
        monkeypatch.setattr(sys, "argv", ["nettverk", "--db", db_url, *argv])
        quick.clear()
        with pytest.raises(SystemExit) as ended:  # the fake _exit returns, so run() goes on
            cli.run()
        assert quick == ([0] if plain else []), argv
        assert ended.value.code == (2 if "x" in argv else 0), argv
