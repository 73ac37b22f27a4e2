"""What a command needs: the settings and, opened on first use, the database."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from nettverk import config

if TYPE_CHECKING:
    from nettverk.persistence.plain import PlainReader
    from nettverk.services.database import Database


#: Whether the read-only commands that have one use their plain-SQL path (tests switch it off
#: to compare it with the ordinary path).
PLAIN_READS = True


class Context:
    """Settings plus a lazily opened database, and the error reporting of the CLI."""

    def __init__(self, settings: config.Settings) -> None:
        self.settings = settings
        self._db: Database | None = None
        self._reader: PlainReader | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        """Settings from the environment, overridden by --db and --debug."""
        return cls(config.load(database_url=getattr(args, "db", None),
                               debug=getattr(args, "debug", False)))

    @property
    def db(self) -> Database:
        """The database, created at the newest schema if new; refused if its schema is behind."""
        return self.open()

    def open(self, *, create: bool = False) -> Database:
        """`db`; `create` lets a new SQLite file be made (demo generate fills a new database)."""
        if self._db is None:
            from nettverk.services import database

            self._check_url(may_create=create)
            self._db = database.connect(self.settings.resolved_database_url, self.settings.user)
        return self._db

    def _check_url(self, *, may_create: bool) -> None:
        """Refuse a bad URL, and an SQLite file that is not there unless it may be created
        (the default file in the data directory always may: nobody typed its path)."""
        from nettverk.services import database_url

        if self.settings.database_url:
            database_url.check(self.settings.database_url, may_create=may_create)

    def open_unchecked(self, *, create: bool = False) -> Database:
        """The database without the schema check (for init and db commands); `create` lets a
        new SQLite file be made (init, demo generate)."""
        if self._db is None:
            from nettverk.services import database

            self._check_url(may_create=create)
            self._db = database.connect(
                self.settings.resolved_database_url, self.settings.user, check_schema=False
            )
        return self._db

    def plain_reader(self) -> PlainReader | None:
        """A DB-API reader for a read-only command that must start at once, without
        SQLAlchemy; None when the database must be opened the ordinary way (`db`), which then
        creates, refuses or reports as always (see persistence.plain)."""
        if self._db is not None or not PLAIN_READS:
            return None
        from nettverk.persistence.plain import open_reader

        self._reader = open_reader(self.settings.resolved_database_url, self.settings.user)
        return self._reader

    def close(self) -> bool:
        """Release the database connections; True when the command read through the plain
        path alone (nothing else was opened), so the process may end without tearing down."""
        plain_only = self._reader is not None and self._db is None
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._db is not None:
            self._db.close()
            self._db = None
        return plain_only

    def report(self, exc: BaseException) -> int:
        """Print an error for a user and return the exit code (2 for bad input, else 1)."""
        from nettverk.domain.errors import DomainError

        if isinstance(exc, DomainError):
            self._say(f"nettverk: feil i «{exc.field}»: {exc.message}")
            return 2
        if isinstance(exc, KeyboardInterrupt):
            print("nettverk: avbrutt", file=sys.stderr)
            return 130
        if self.settings.debug:
            import traceback

            traceback.print_exception(exc)
        message = _describe(exc)
        self._say(f"nettverk: uventet feil: {message}")
        if not self.settings.debug:
            print("(kjør med --debug for detaljer)", file=sys.stderr)
        return 1

    def _say(self, text: str) -> None:
        """Print to stderr with the database password (if any) masked."""
        print(mask_secret(text, self.settings.database_url), file=sys.stderr)


def mask_secret(text: str, url: str) -> str:
    """The text with the password of the database URL replaced by ***."""
    from urllib.parse import quote, unquote, urlsplit

    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if not password:
        return text
    for form in {password, unquote(password), quote(unquote(password), safe="")}:
        if form:
            text = text.replace(form, "***")
    return text


def _describe(exc: BaseException) -> str:
    try:
        from sqlalchemy.exc import OperationalError
    except ImportError:  # pragma: no cover
        OperationalError = ()  # type: ignore[assignment,misc]
    if isinstance(exc, OperationalError):
        return "kan ikke bruke databasen: " + str(exc.orig).strip().splitlines()[0][:300]
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename or ''})".strip()
    text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
