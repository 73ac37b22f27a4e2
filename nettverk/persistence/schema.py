"""Schema management through Alembic: create, check, upgrade, downgrade."""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from nettverk.domain.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# A plain string: pathlib is not imported by the commands that only read (it costs their start).
MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                              "migrations")

# The newest migration. Every command compares the database with it, so it is a constant rather
# than a scan of the migration files through Alembic (a third of a second at every start);
# tests/integration/test_migrations.py checks that it names Alembic's head.
HEAD_REVISION = "0012"


class SchemaState(enum.StrEnum):
    """How a database's schema compares with this version of the program."""

    empty = "empty"
    current = "current"
    behind = "behind"
    ahead = "ahead"
    foreign = "foreign"


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    """An Alembic configuration pointing at our migrations and the engine."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


@contextmanager
def _migration_engine(engine: Engine) -> Iterator[Engine]:
    """An engine whose transactions include DDL, so each migration is all-or-nothing."""
    if engine.url.get_backend_name() != "sqlite":
        yield engine
        return
    from nettverk.persistence.engine import make_engine

    engine.dispose()
    migrating = make_engine(engine.url.render_as_string(hide_password=False),
                            transactional_ddl=True)
    try:
        yield migrating
    finally:
        migrating.dispose()


def head_revision() -> str:
    """The newest revision this program knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision this program knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


# The schema check's statements, plain SQL for SQLAlchemy and DB-API connections alike (the
# read-only commands check the schema without importing SQLAlchemy: nettverk.persistence.plain).
_TABLES_SQL = {"sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
               "postgresql": "SELECT table_name FROM information_schema.tables "
                             "WHERE table_schema = current_schema()"}
_HAS_STAMP_SQL = {"sqlite": "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name = 'alembic_version'",
                  "postgresql": "SELECT to_regclass('alembic_version') IS NOT NULL"}
_STAMP_SQL = "SELECT version_num FROM alembic_version"


def _table_names(conn: Connection) -> set[str]:
    """The tables in the database's default schema, by plain SQL (no reflection)."""
    from sqlalchemy import text

    query = _TABLES_SQL.get(conn.dialect.name, _TABLES_SQL["postgresql"])
    return {str(name) for name in conn.execute(text(query)).scalars()}


def _stamped(conn: Connection) -> tuple[bool, str | None]:
    """Whether the database has an alembic_version table, and the revision stamped in it."""
    from sqlalchemy import text

    query = _HAS_STAMP_SQL.get(conn.dialect.name, _HAS_STAMP_SQL["postgresql"])
    if not conn.execute(text(query)).scalar():
        return False, None
    return True, conn.execute(text(_STAMP_SQL)).scalar()


def _one(cursor: Any, query: str) -> Any:
    cursor.execute(query)
    row = cursor.fetchone()
    return None if row is None else row[0]


def dbapi_state(cursor: Any, dialect: str) -> SchemaState:
    """`state`, through a DB-API cursor of an open connection ("sqlite" or "postgresql")."""
    stamped = bool(_one(cursor, _HAS_STAMP_SQL[dialect]))
    revision = _one(cursor, _STAMP_SQL) if stamped else None
    if stamped and revision == HEAD_REVISION:
        return SchemaState.current
    cursor.execute(_TABLES_SQL[dialect])
    return _judge(revision, {str(row[0]) for row in cursor.fetchall()})


_REVISION_LINE = re.compile(r"""^revision(?:\s*:\s*str)?\s*=\s*["']([^"']+)["']""", re.M)


def file_revisions() -> set[str]:
    """Every revision this program knows, read from the migration files without Alembic (the
    `revision = "…"` line of each; tests/cli/test_startup_imports.py checks it against
    Alembic's own list)."""
    found = set()
    from pathlib import Path

    for path in Path(MIGRATIONS_DIR, "versions").glob("*.py"):
        match = _REVISION_LINE.search(path.read_text(encoding="utf-8"))
        if match:
            found.add(match.group(1))
    return found


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None if it has none."""
    with engine.connect() as conn:
        return _stamped(conn)[1]


def state(engine: Engine) -> SchemaState:
    """Compare the database's schema with this program's newest.

    Plain SQL against HEAD_REVISION and the migration files: Alembic is imported only to
    migrate (it is most of a command's start-up otherwise)."""
    with engine.connect() as conn:
        stamped, revision = _stamped(conn)
        if stamped and revision == HEAD_REVISION:
            return SchemaState.current
        tables = _table_names(conn)
    return _judge(revision, tables)


def _judge(revision: str | None, tables: set[str]) -> SchemaState:
    """The state of a database not stamped at HEAD_REVISION, from its stamp and tables."""
    if not tables - {"alembic_version"}:
        return SchemaState.empty
    if revision is None:
        return SchemaState.foreign
    if revision in file_revisions():
        return SchemaState.behind
    return SchemaState.ahead


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to the revision."""
    from alembic import command

    with _migration_engine(engine) as migrating:
        command.upgrade(alembic_config(migrating), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Run the migrations down to the revision."""
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        with _migration_engine(engine) as migrating:
            command.downgrade(alembic_config(migrating), revision)
    except CommandError as exc:
        raise DomainError("revision", f"ukjent revisjon: {exc}") from None


def ensure_usable(engine: Engine) -> None:
    """Create a new database at the newest schema; refuse one that is behind or unknown."""
    current = state(engine)
    if current is SchemaState.empty:
        upgrade(engine)
    elif current is SchemaState.behind:
        raise DomainError(
            "database",
            "databasen har et eldre skjema; kjør `nettverk db upgrade` (tar sikkerhetskopi først)",
        )
    elif current is SchemaState.ahead:
        raise DomainError(
            "database", "databasen er laget av en nyere versjon av nettverk; oppgrader programmet"
        )
    elif current is SchemaState.foreign:
        raise DomainError("database", "databasen inneholder tabeller som ikke er fra nettverk")
