"""A read-only connection through the DB-API alone (sqlite3, psycopg), for the commands that
only read and must start at once (`nettverk status` and every `list` command; the services
behind the TUI's lists run the same statements on the unit of work's connection).

Importing SQLAlchemy and mapping the domain's classes is most of such a command's time, so
these commands read with plain SQL when they can. `open_reader` answers None whenever the
ordinary path must decide instead: a URL in a form it does not read simply, an SQLite file that
is not there (the ordinary path creates it or refuses its directory), a user name the ordinary
path refuses, a database it cannot reach, a schema that is not current (the ordinary path
creates an empty one and refuses the rest with its messages). What it does itself is what
every unit of work does before reading: a user who is not registered, or inactive, while users
are registered, is refused with the same message (`persistence.access.resolve`).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from nettverk.domain.errors import DomainError
from nettverk.persistence import schema

_USER_MAX_LENGTH = 200  # as services.database.valid_user
_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_POSTGRES_SCHEMES = ("postgresql", "postgresql+psycopg", "postgresql+psycopg2")


def _has_offset(text: str) -> bool:
    """Whether an ISO date-time text ends with its offset from UTC ("Z", "+01:00")."""
    return text.endswith("Z") or (len(text) > 19 and text[-6] in "+-")


class PlainReader:
    """An open DB-API connection with its dialect; statements are written with `?` markers."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of the statement."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql if self.dialect == "sqlite" else sql.replace("?", "%s"),
                           tuple(self.param(p) for p in params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def batches(self, sql: str, params: Sequence[Any] = (),
                size: int = 20_000) -> Iterator[list[tuple[Any, ...]]]:
        """The statement's rows, `size` at a time: a caller that keeps columns of a million
        rows never holds the million rows themselves at once."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql if self.dialect == "sqlite" else sql.replace("?", "%s"),
                           tuple(self.param(p) for p in params))
            while batch := cursor.fetchmany(size):
                yield batch
        finally:
            cursor.close()

    def page(self, limit: int | None, offset: int) -> tuple[str, tuple[int, ...]]:
        """The LIMIT/OFFSET clause of a page of rows, with its parameters ("" for all)."""
        if limit is not None:
            return (" LIMIT ? OFFSET ?", (limit, offset)) if offset else (" LIMIT ?", (limit,))
        if offset:
            return (" LIMIT -1" if self.dialect == "sqlite" else "") + " OFFSET ?", (offset,)
        return "", ()

    def as_date(self, value: Any) -> date | None:
        """A DATE column's value (SQLite keeps it as ISO text)."""
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(str(value))

    def as_datetime(self, value: Any) -> datetime | None:
        """A UTCDateTime column's value, aware (SQLite keeps UTC as text without a zone)."""
        if value is None:
            return None
        if isinstance(value, str) and len(value) >= 16 and not _has_offset(value):  # SQLite's UTC text
            return datetime.fromisoformat(value + "+00:00")  # (a third of parse + replace)
        found = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)

    def day(self, value: Any) -> date:
        """A NOT NULL DATE column's value."""
        found = self.as_date(value)
        assert found is not None
        return found

    def instant(self, value: Any) -> datetime:
        """A NOT NULL UTCDateTime column's value, aware."""
        found = self.as_datetime(value)
        assert found is not None
        return found

    def param(self, value: Any) -> Any:
        """A date or aware datetime as the column types of domain.base store it (SQLite: ISO
        text, datetimes in UTC with microseconds, as SQLAlchemy writes them)."""
        if self.dialect != "sqlite":
            return value
        if isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        if isinstance(value, date):
            return value.isoformat()
        return value

    def close(self) -> None:
        """Release the connection (nothing was written: whatever is open is rolled back)."""
        try:
            self.connection.rollback()
        finally:
            self.connection.close()


def open_reader(url: str, user: str) -> PlainReader | None:
    """A reader of the database at the URL for the user, or None when the ordinary path must
    open it (see the module's text); raises the ordinary path's DomainError for a user who has
    no access."""
    name = _plain_user(user)
    if name is None:
        return None
    reader = _connect(url)
    if reader is None:
        return None
    try:
        cursor = reader.connection.cursor()
        try:
            current = schema.dbapi_state(cursor, reader.dialect) is schema.SchemaState.current
        finally:
            cursor.close()
        if not current:
            reader.close()
            return None
        _check_user(reader, name)
    except DomainError:
        reader.close()
        raise
    except Exception:  # anything odd: the ordinary path opens it and says what is wrong
        reader.close()
        return None
    return reader


def _plain_user(user: str) -> str | None:
    name = (user or "").strip()
    if not name or len(name) > _USER_MAX_LENGTH or any(
            unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in name):
        return None
    return name


def sqlite_threads() -> int:
    """Helper threads SQLite may start for one statement (`PRAGMA threads`, set on every
    connection, here and in persistence.engine): a sort of a million rows (Milepæler at 10x
    scale) runs on the other cores, 1.8 → 1.5 s on two. None with a single core."""
    cores = os.cpu_count() or 1
    return min(4, cores) if cores > 1 else 0


def _connect(url: str) -> PlainReader | None:
    if url.startswith(_SQLITE_PREFIXES):
        path = url.split(":///", 1)[1]
        if not path or path == ":memory:" or path.startswith(("file:", "~")) \
                or any(c in path for c in "?%#") or not os.path.isfile(path):
            return None
        import sqlite3

        try:
            connection = sqlite3.connect(path)
            connection.execute("PRAGMA busy_timeout=5000")  # as persistence.engine
            connection.execute(f"PRAGMA threads={sqlite_threads()}")
        except sqlite3.Error:
            return None
        return PlainReader(connection, "sqlite")
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in _POSTGRES_SCHEMES:
        return None
    from urllib.parse import urlsplit

    try:
        if urlsplit(url).query:
            return None  # driver options: left to SQLAlchemy's reading of them
        import psycopg

        server = psycopg.connect("postgresql://" + rest)
    except Exception:
        return None
    return PlainReader(server, "postgresql")


def _check_user(reader: PlainReader, name: str) -> None:
    """As `persistence.access.resolve`: anyone while no users are registered; else an active
    registered user."""
    if not reader.rows("SELECT count(*) FROM app_user")[0][0]:
        return
    found = reader.rows("SELECT active FROM app_user WHERE username = ?", (name,))
    if not found or not found[0][0]:
        raise DomainError(
            "user",
            f"brukeren {name!r} har ikke tilgang til denne databasen; "
            "be en leder legge deg til (`nettverk user add`)",
        )
