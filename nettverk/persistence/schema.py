"""Schema management through Alembic: create, check, upgrade, downgrade."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from nettverk.domain.errors import DomainError

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"

# The newest migration. Every command compares the database with it, so it is a constant rather
# than a scan of the migration files through Alembic (a third of a second at every start);
# tests/integration/test_migrations.py checks that it names Alembic's head.
HEAD_REVISION = "0010"


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


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None if it has none."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def state(engine: Engine) -> SchemaState:
    """Compare the database's schema with this program's newest."""
    with engine.connect() as conn:
        stamped = inspect(conn).has_table("alembic_version")
        revision = (conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                    if stamped else None)
        if revision == HEAD_REVISION:
            return SchemaState.current
        tables = inspect(conn).get_table_names()
    if not set(tables) - {"alembic_version"}:
        return SchemaState.empty
    if revision is None:
        return SchemaState.foreign
    if revision == head_revision():
        return SchemaState.current
    if revision in known_revisions():
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
