"""Opening a database, and the database administration use cases (init, upgrade, backup)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from nettverk.domain.errors import DomainError
from nettverk.persistence import backup, schema
from nettverk.persistence.access import RoleResolver
from nettverk.persistence.changes import ChangeFeed
from nettverk.persistence.engine import NettverkSession, make_engine, make_session_factory
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import database_url


@dataclass
class Database:
    """An open database: hands out units of work to the interfaces."""

    engine: Engine
    session_factory: sessionmaker[NettverkSession]
    user: str
    roles: RoleResolver
    #: Commits made through this database in this process (see `services.changes`).
    changes: ChangeFeed = field(default_factory=ChangeFeed)

    def uow(self) -> UnitOfWork:
        """A fresh unit of work (one transaction), carrying the user's role."""
        return UnitOfWork(self.session_factory, self.user, self.roles, self.changes)

    @property
    def url(self) -> str:
        """The URL without its password, for display."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def label(self) -> str:
        """A short description of the database for headers and messages."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return f"SQLite: {url.database}"
        return f"PostgreSQL: {url.host or 'localhost'}/{url.database}"

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


def connect(url: str, user: str, *, check_schema: bool = True) -> Database:
    """Open the database at the URL; a new, empty one is created at the newest schema."""
    user = valid_user(user)
    database_url.parse(url)
    engine = make_engine(url)
    try:
        if check_schema:
            schema.ensure_usable(engine)
    except DomainError:
        engine.dispose()
        raise
    return Database(engine=engine, session_factory=make_session_factory(engine), user=user,
                    roles=RoleResolver(engine))


def warm_up() -> None:
    """Make ready now what the first ORM query of a process would otherwise make while its user
    waits: SQLAlchemy configures every mapped class (their relationships and attributes)
    on first use, 150–300 ms of CPU. The TUI calls it in a worker once its first area is on
    screen, so the first list that reads through the ORM does not pay for it. Safe to call
    from any thread, and again (SQLAlchemy configures under a lock, once)."""
    from sqlalchemy.orm import configure_mappers

    import nettverk.domain.model  # noqa: F401  (every mapped class, before they are configured)

    configure_mappers()


USER_MAX_LENGTH = 200  # audit_log.user


def valid_user(user: str) -> str:
    """The acting user's name (NETTVERK_USER) trimmed, or a DomainError naming the rule."""
    name = (user or "").strip()
    if not name:
        raise DomainError("NETTVERK_USER", "brukernavnet kan ikke være tomt")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in name):
        raise DomainError("NETTVERK_USER", "brukernavnet kan ikke inneholde kontrolltegn")
    if len(name) > USER_MAX_LENGTH:
        raise DomainError("NETTVERK_USER",
                          f"brukernavnet kan ha høyst {USER_MAX_LENGTH} tegn (har {len(name)})")
    return name


@dataclass(frozen=True)
class SchemaStatus:
    """Where the database's schema stands."""

    current: str | None
    head: str
    state: str


def status(db: Database) -> SchemaStatus:
    """The database's revision against the newest this program knows."""
    return SchemaStatus(
        current=schema.current_revision(db.engine),
        head=schema.head_revision(),
        state=schema.state(db.engine).value,
    )


def upgrade(db: Database, backup_to: Path | None = None) -> Path | None:
    """Bring the schema to the newest revision, backing up an existing database first."""
    state = schema.state(db.engine)
    if state is schema.SchemaState.ahead:
        raise DomainError("database", "databasen er laget av en nyere versjon av nettverk")
    if state is schema.SchemaState.foreign:
        raise DomainError("database", "databasen inneholder tabeller som ikke er fra nettverk")
    written: Path | None = None
    if state is schema.SchemaState.behind:
        written = backup.backup(db.engine, backup_to or backup.automatic_path(db.engine))
    if state is not schema.SchemaState.current:
        schema.upgrade(db.engine)
    return written


def require_leader(db: Database, action: str) -> None:
    """Refuse the action unless the user is a leader (everyone is while no users exist)."""
    from nettverk.domain.access import ROLE_NAMES, Role

    db.roles.forget()
    role = db.roles.role_of(db.user)
    if role is not Role.leader:
        raise DomainError("role", f"bare en leder kan {action}; du har rollen {ROLE_NAMES[role]}")


def downgrade(db: Database, revision: str) -> Path:
    """Take the schema down to an older revision (a backup is made first); leaders only."""
    require_leader(db, "nedgradere databasen")
    written = backup.backup(db.engine, backup.automatic_path(db.engine))
    schema.downgrade(db.engine, revision)
    return written


def make_backup(db: Database, path: Path, *, force: bool = False) -> Path:
    """Write a backup of the whole database to the path (leaders only; it holds everything).

    An existing file is replaced only with `force`, and never anything but a regular file."""
    require_leader(db, "ta sikkerhetskopi")
    return backup.backup(db.engine, path, force=force)


def restore(db: Database, path: Path) -> Path:
    """Replace the database's contents with a checked backup (leaders only); returns the safety
    copy's path."""
    require_leader(db, "gjenopprette databasen")
    return backup.restore(db.engine, path)


def timestamp() -> str:
    """A file-name-friendly timestamp."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def grant(db: Database, login: str | None = None, role: str | None = None) -> list[str]:
    """Set up the PostgreSQL group roles and grants; optionally put a login in one of them."""
    from nettverk.domain.access import Role
    from nettverk.persistence import grants

    role_value: Role | None = None
    if role is not None:
        try:
            role_value = Role(role)
        except ValueError:
            raise DomainError("role", "må være leader, partner eller reader") from None
    if (login is None) != (role is None):
        raise DomainError("login", "--login og --role må gis sammen")
    return grants.apply(db.engine, login, role_value)


@contextmanager
def one_transaction(db: Database) -> Iterator[Database]:
    """A Database whose units of work all run inside one transaction, committed at the end and
    rolled back if anything fails: each use case's commit only releases a savepoint. For loads
    that must be all or nothing (the demo set, a batch of returned workbooks)."""
    # SQLAlchemy's own transaction handling on SQLite too, so the savepoints really nest.
    engine = make_engine(db.engine.url.render_as_string(hide_password=False),
                         transactional_ddl=True)
    try:
        with engine.connect() as connection, connection.begin():
            factory = sessionmaker(bind=connection, class_=NettverkSession,
                                   expire_on_commit=False,
                                   join_transaction_mode="create_savepoint")
            yield Database(engine=db.engine, session_factory=factory, user=db.user,
                           roles=db.roles, changes=db.changes)
    finally:
        engine.dispose()
