"""Hostile and broken input: every CLI command, arbitrary text, numbers, dates and unicode.

The only outcomes allowed are success (0) or a refusal (2) with a message on stderr; never an
unexpected failure or a traceback. After a refusal the SQLite file is byte-for-byte what it was.
Commands are found by walking the real argument parser, so new commands are covered as they
are added.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nettverk.cli import build_parser
from tests.support import run_cli

pytestmark = pytest.mark.slow
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Servers block until stopped, and a downgrade that succeeds would leave every later example
# facing an old schema; both are exercised by their own tests.
SKIPPED = {("serve",), ("db", "downgrade")}
OUTPUT_DESTS = {"output", "o", "out"}
INPUT_DESTS = {"file", "path", "input"}

NASTY = st.sampled_from([
    "", " ", "\x00", "Eve\x00nes", "\u200f\u202eRTL\u202c", "\r\n", "\t=SUM(A1)", "=1+1", "-1",
    "0", "1e309", "NaN", "99999999999999999999", "2022-02-30", "31.04.2022", "2022-03-27 02:30",
    "10.03.2022 09:00", "2022-03-10", "yes", "nei", "1853", "9999", "18", "mindre-kommuner-2020",
    "det-gode-liv", "gode-lokalsamfunn", "Evenášši", "Snåase", "'; DROP TABLE county; --",
    "%_\\", "x" * 10_000, "🙂", "\ud7ff", "1,5", "1.000,50", "\udcff", "Eve\udce1\udcb9nes",
    "\ud800", "0001-01-01 00:00", "1e30", "\u200b\u200b",
])
TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
VALUES = st.one_of(NASTY, TEXT, st.integers(-10**12, 10**12).map(str))


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
            ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    sub = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not sub:
        if parser.get_default("handler") is not None:
            yield path, parser
        return
    for name, child in sub[0].choices.items():
        yield from _leaves(child, (*path, name))


COMMANDS = sorted(
    (path, parser) for path, parser in _leaves(build_parser())
    if not any(path[: len(s)] == s for s in SKIPPED)
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from nettverk.demo import seed
    from nettverk.services.database import connect

    path = tmp_path_factory.mktemp("fuzz") / "demo.db"
    db = connect(f"sqlite:///{path}", "fuzz")
    seed.load(db)
    db.close()
    return path


def _checkpointed_bytes(path: Path) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


@st.composite
def argv_for(draw: st.DrawFn, parser: argparse.ArgumentParser, workdir: Path) -> list[str]:
    args: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.dest in {"help", "format"}:
            continue
        if action.option_strings:
            if not action.required and not draw(st.booleans()):
                continue
            flag = action.option_strings[-1]
            if action.nargs == 0:
                args.append(flag)
                continue
        else:
            flag = None
        if action.dest in OUTPUT_DESTS:
            value = str(workdir / f"ut-{draw(st.integers(0, 10**6))}.fil")
        elif action.dest in INPUT_DESTS:
            suffix = draw(st.sampled_from(["csv", "xlsx", "json"]))
            target = workdir / f"inn-{draw(st.integers(0, 10**6))}.{suffix}"
            target.write_bytes(draw(st.one_of(
                st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))))
            value = str(target)
        elif action.choices and draw(st.integers(0, 9)):
            value = draw(st.sampled_from(list(action.choices)))
        else:
            value = draw(VALUES)
        args += [flag, value] if flag else [value]
    return args


@pytest.mark.parametrize(("path", "parser"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_survives_hostile_input(path: tuple[str, ...], parser: argparse.ArgumentParser,
                                        template: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "fuzz.db"
    shutil.copy(template, db_path)
    url = f"sqlite:///{db_path}"
    workdir = tmp_path / "filer"
    workdir.mkdir()

    # Under CI the examples are derandomized, so a submission is judged on the same inputs
    # every time; locally each run explores new ones.
    @settings(max_examples=25, deadline=None, database=None, derandomize=IN_CI,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data: Any) -> None:
        argv = [*path, *data.draw(argv_for(parser, workdir)),
                "--format", data.draw(st.sampled_from(["table", "csv", "json"]))] \
            if any(a.dest == "format" for a in parser._actions) else \
            [*path, *data.draw(argv_for(parser, workdir))]
        before = _checkpointed_bytes(db_path)
        result = run_cli(url, *argv)
        assert "Traceback" not in result.err, (argv, result.err)
        assert result.code in (0, 2), (argv, result.code, result.err)
        if result.code == 2:
            assert result.err.strip(), (argv, "a refusal must say why")
            assert _checkpointed_bytes(db_path) == before, (argv, "refusal changed the database")

    check()
