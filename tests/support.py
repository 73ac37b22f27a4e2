"""Helpers shared by the tests: database snapshots and running the CLI in-process."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, event, select

from nettverk.cli import main
from nettverk.domain.base import Entity
from nettverk.services.database import Database


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal snapshots mean an unchanged database."""
    meta = MetaData()
    meta.reflect(engine)
    result: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            rows = conn.execute(select(table)).all()
            result[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return result


@dataclass
class CliResult:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """stdout parsed as JSON."""
        return json.loads(self.out)


def run_cli(url: str, *args: str) -> CliResult:
    """Run `nettverk --db URL ARGS…` in this process and capture its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", url, *args])
    return CliResult(code, out.getvalue(), err.getvalue())


def statements_and_objects(db: Database, call: Callable[[], Any]) -> tuple[int, int]:
    """How many SQL statements `call()` runs (through SQLAlchemy, and the plain reads on the
    unit of work's DB-API connection, `plain_statements`) and how many ORM objects it loads."""
    statements: list[int] = []
    objects: list[int] = []
    plain: list[tuple[str, tuple[Any, ...]]] = []

    def statement(*_: Any) -> None:
        statements.append(1)

    def loaded(*_: Any) -> None:
        objects.append(1)

    event.listen(db.engine, "before_cursor_execute", statement)
    event.listen(Entity, "load", loaded, propagate=True)
    try:
        with plain_statements(plain):
            call()
    finally:
        event.remove(db.engine, "before_cursor_execute", statement)
        event.remove(Entity, "load", loaded)
    return len(statements) + len(plain), len(objects)


def plain_and_ordinary(url: str, argv: list[str], monkeypatch: pytest.MonkeyPatch,
                       ) -> tuple[CliResult, CliResult, bool]:
    """A read-only command through its plain DB-API path and through the ordinary one (the
    plain path switched off); whether the plain path was taken."""
    from nettverk.cli import context

    taken: list[bool] = []
    opened = context.Context.plain_reader

    def spy(self: context.Context) -> Any:
        reader = opened(self)
        taken.append(reader is not None)
        return reader

    with monkeypatch.context() as patch:
        patch.setattr(context.Context, "plain_reader", spy)
        plain = run_cli(url, *argv)
    with monkeypatch.context() as patch:
        patch.setattr(context, "PLAIN_READS", False)
        ordinary = run_cli(url, *argv)
    return plain, ordinary, any(taken)


_PROBE = """
import json, sys
from nettverk.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

#: Modules a plain read must not import: SQLAlchemy, Alembic, the mapped classes.
MAPPED_MODULES = {"nettverk.domain.network", "nettverk.domain.register", "nettverk.domain.base",
                  "nettverk.domain.agreements", "nettverk.domain.evaluation"}


def imported_in_a_fresh_process(url: str, argv: list[str]) -> tuple[set[str], str]:
    """Run the command in a new interpreter: the modules it imported, and its stdout (its
    exit code must be 0)."""
    done = subprocess.run([sys.executable, "-c", _PROBE, "--db", url, *argv],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return set(report["modules"]), done.stdout


def sqlalchemy_or_mapped(modules: set[str]) -> set[str]:
    """The modules among these a plain read must not import."""
    return ({m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}
            | (modules & MAPPED_MODULES))


@contextlib.contextmanager
def plain_statements(seen: list[tuple[str, tuple[Any, ...]]]) -> Iterator[None]:
    """Record the statements the plain reads (services.plain_*) execute, with their parameters
    as sent: they run on the DB-API connection, which SQLAlchemy's events do not see."""
    from nettverk.persistence.plain import PlainReader

    rows, batches = PlainReader.rows, PlainReader.batches

    def sent(reader: PlainReader, sql: str, params: Any) -> None:
        seen.append((sql if reader.dialect == "sqlite" else sql.replace("?", "%s"),
                     tuple(reader.param(p) for p in params)))

    def recorded_rows(reader: PlainReader, sql: str, params: Any = ()) -> Any:
        sent(reader, sql, params)
        return rows(reader, sql, params)

    def recorded_batches(reader: PlainReader, sql: str, params: Any = (),
                         size: int = 20_000) -> Any:
        sent(reader, sql, params)
        return batches(reader, sql, params, size)

    PlainReader.rows = recorded_rows  # type: ignore[method-assign]
    PlainReader.batches = recorded_batches  # type: ignore[method-assign]
    try:
        yield
    finally:
        PlainReader.rows = rows  # type: ignore[method-assign]
        PlainReader.batches = batches  # type: ignore[method-assign]
