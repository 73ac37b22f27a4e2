"""The unit of work: one transaction that rolls back unless commit() is called."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from nettverk.domain.access import Role
from nettverk.domain.errors import ConflictError, DomainError
from nettverk.persistence.access import SESSION_ROLE_KEY, RoleResolver
from nettverk.persistence.audit import SESSION_USER_KEY
from nettverk.persistence.changes import SESSION_ORIGIN_KEY, ChangeFeed, take_tables
from nettverk.persistence.engine import NettverkSession
from nettverk.persistence.plain import PlainReader


class UnitOfWork:
    """One transaction; the session lives only inside `with uow:`."""

    session: NettverkSession

    def __init__(
        self,
        session_factory: sessionmaker[NettverkSession],
        user: str,
        roles: RoleResolver | None = None,
        changes: ChangeFeed | None = None,
    ) -> None:
        self._session_factory = session_factory
        self.user = user
        self._roles = roles
        self._changes = changes
        self.role = Role.leader

    def __enter__(self) -> UnitOfWork:
        if self._roles is not None:
            self.role = self._roles.role_of(self.user)
        self.session = self._session_factory()
        self.session.info[SESSION_USER_KEY] = self.user
        self.session.info[SESSION_ROLE_KEY] = self.role
        if self._changes is not None:
            self.session.info[SESSION_ORIGIN_KEY] = self._changes.origin
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed; loaded objects stay readable.
        self.session.close()
        if isinstance(exc, StaleDataError):
            raise ConflictError(
                "version",
                "posten er endret av noen andre siden du hentet den; last inn på nytt og prøv igjen",
            ) from exc
        if isinstance(exc, IntegrityError):
            raise DomainError("database", _integrity_message(exc)) from exc

    def roles_changed(self) -> None:
        """Forget cached roles after users were added or changed."""
        if self._roles is not None:
            self._roles.forget()

    def plain_reader(self) -> PlainReader:
        """The unit of work's own connection as a PlainReader (inside `with uow:`): for the
        use cases written once in plain SQL (services.plain_*), which the read-only commands
        run on a bare DB-API connection without SQLAlchemy. Pending changes are flushed
        first, so the statements see them as the session's own queries would."""
        self.session.flush()
        connection = self.session.connection()
        return PlainReader(connection.connection.dbapi_connection, connection.dialect.name)

    def flush(self) -> None:
        """Send pending changes so database rules are checked now."""
        self.session.flush()

    def commit(self) -> None:
        """Make the changes permanent, then tell this process which tables changed."""
        self.session.commit()
        tables = take_tables(self.session)
        if self._changes is not None and tables:
            self._changes.publish(tables)

    def rollback(self) -> None:
        """Throw the changes away."""
        self.session.rollback()


def _integrity_message(exc: IntegrityError) -> str:
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate" in text:
        return "finnes allerede (må være unik)"
    if "foreign key" in text:
        return "viser til noe som ikke finnes, eller er i bruk andre steder"
    if "check" in text:
        return "bryter en regel i databasen"
    return "databasen avviste endringen"
