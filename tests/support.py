"""Helpers shared by the tests: database snapshots and running the CLI in-process."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    """How many SQL statements `call()` runs and how many ORM objects it loads."""
    statements, objects = [], []

    def statement(*_: Any) -> None:
        statements.append(1)

    def loaded(*_: Any) -> None:
        objects.append(1)

    event.listen(db.engine, "before_cursor_execute", statement)
    event.listen(Entity, "load", loaded, propagate=True)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", statement)
        event.remove(Entity, "load", loaded)
    return len(statements), len(objects)
