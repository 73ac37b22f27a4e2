"""Helpers shared by the tests: database snapshots, running the CLI in-process, and checking
that a read-only command prints the same through its plain DB-API path as the ordinary one."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, event, select

from nettverk.cli import main
from nettverk.domain.base import Entity
from nettverk.services.database import Database

#: Parametrises a test over the `backend` fixture: SQLite, and PostgreSQL (marked `postgres`).
BOTH_DATABASES = pytest.mark.parametrize("backend", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)])

#: The output formats of a list command: a table, JSON, CSV and CSV in RFC 4180's dialect.
FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"],
           ["--format", "csv", "--csv-dialect", "rfc4180"]]


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


def same_both_ways(url: str, argv: list[str], monkeypatch: pytest.MonkeyPatch,
                   why: Any = None) -> tuple[CliResult, bool]:
    """Checks that the command's exit code, stdout and stderr through the plain path are the
    ordinary path's (`why`, or else argv, says which failed); the plain result, and whether
    the plain path was taken."""
    plain, ordinary, taken = plain_and_ordinary(url, argv, monkeypatch)
    assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                  ordinary.err), argv if why is None else why
    return plain, taken


def printed_the_same_both_ways(url: str, argvs: Iterable[list[str]],
                               monkeypatch: pytest.MonkeyPatch) -> str:
    """Checks that each command prints the same both ways (`same_both_ways`), and through the
    plain path exits 0 and prints something; all they printed, one after the other."""
    said = ""
    for argv in argvs:
        plain, taken = same_both_ways(url, argv, monkeypatch)
        assert plain.code == 0 and plain.out and taken, (argv, plain.err)
        said += plain.out
    return said


def refused_the_same_way(url: str, argvs: Iterable[list[str]], monkeypatch: pytest.MonkeyPatch,
                         ) -> list[tuple[list[str], CliResult, bool]]:
    """Checks that each command (bad input) is refused the same both ways (`same_both_ways`),
    with exit code 2; each command with its plain result and whether the plain path was taken,
    for the caller's own checks."""
    refused = []
    for argv in argvs:
        plain, taken = same_both_ways(url, argv, monkeypatch)
        assert plain.code == 2, (argv, plain.err)
        refused.append((argv, plain, taken))
    return refused


def register_reader(db: Database, deactivated: str | None = None) -> list[tuple[str, bool]]:
    """Registers the fixture's own user (testbruker, a leader) and leser, a reader; with
    `deactivated` (a role), also borte, in that role and deactivated. Who to try, with whether
    each may read: leser may, ukjent (not registered) may not, nor borte."""
    from nettverk.services import users

    users.add_user(db.uow(), "testbruker", "leader")  # the fixture's own user
    users.add_user(db.uow(), "leser", "reader")
    tries = [("leser", True), ("ukjent", False)]
    if deactivated is not None:
        users.add_user(db.uow(), "borte", deactivated)
        users.set_active(db.uow(), "borte", False)
        tries.append(("borte", False))
    return tries


def as_each_user(url: str, tries: Iterable[tuple[str, bool]], argvs: Iterable[list[str]],
                 monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, list[str], CliResult]]:
    """As each user in turn (NETTVERK_USER), checks that each command prints the same both ways
    (`same_both_ways`); each user, whether they may read, the command and its plain result, for
    the caller's checks of who was let in."""
    seen = []
    commands = list(argvs)
    for user, allowed in tries:
        monkeypatch.setenv("NETTVERK_USER", user)
        for argv in commands:
            plain, _ = same_both_ways(url, argv, monkeypatch, why=(user, argv))
            seen.append((user, allowed, argv, plain))
    return seen


def access_checked_the_same_way(db: Database, url: str, argvs: Iterable[list[str]],
                                monkeypatch: pytest.MonkeyPatch, deactivated: str | None = None,
                                bad_input: Collection[list[str]] = (),
                                ) -> list[tuple[str, bool, list[str], CliResult]]:
    """With the users of `register_reader`, checks that each command prints the same both ways
    as each of them (`as_each_user`) and exits 0 just when the user may read and the command
    is not among `bad_input`; what `as_each_user` returns, for further checks."""
    seen = as_each_user(url, register_reader(db, deactivated), argvs, monkeypatch)
    for user, allowed, argv, plain in seen:
        assert (plain.code == 0) is (allowed and argv not in bad_input), (user, argv, plain.err)
    return seen


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


def imports_no_sqlalchemy(url: str, argvs: Iterable[list[str]], services: set[str],
                          ) -> list[str]:
    """Checks that each command, run in a fresh interpreter, exits 0, prints something and
    imports neither SQLAlchemy, Alembic, the mapped classes nor any of `services` (the ordinary
    path's modules); what each printed."""
    printed = []
    for argv in argvs:
        modules, out = imported_in_a_fresh_process(url, argv)
        assert not sqlalchemy_or_mapped(modules), argv
        assert not modules & services, argv
        assert out.strip(), argv
        printed.append(out)
    return printed


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
