"""Checking a database URL a user typed, before anything is opened or created."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from nettverk.domain.errors import DomainError

FIELD = "db"
EXAMPLES = "sqlite:///sti/til/fil.db eller postgresql+psycopg://bruker@vert:5432/navn"
_DRIVERS = {"sqlite": {"", "pysqlite"}, "postgresql": {"", "psycopg", "psycopg2"}}


def shown(url: str) -> str:
    """The URL as it may be shown in a message: never with its password."""
    return re.sub(r"(//[^/@]*?:)[^/@]*@", r"\1***@", url)


def parse(url: str) -> URL:
    """The URL parsed; refused unless it names SQLite or PostgreSQL with a driver we ship."""
    original, url = url, shown(url)  # every message below names the URL without its password
    try:
        parsed = make_url(original)
    except Exception:
        raise DomainError(FIELD, f"ugyldig database-URL {url!r}; skriv for eksempel {EXAMPLES}") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend not in _DRIVERS:
        raise DomainError(FIELD, f"ukjent databasetype «{backend}» i {url!r}; nettverk bruker SQLite "
                                 f"eller PostgreSQL, for eksempel {EXAMPLES}")
    if driver not in _DRIVERS[backend]:
        raise DomainError(FIELD, f"databasedriveren «{parsed.drivername}» støttes ikke; skriv for "
                                 f"eksempel {EXAMPLES}")
    if backend == "sqlite" and not parsed.database:
        raise DomainError(FIELD, f"SQLite-URL-en {url!r} mangler filnavn; skriv sqlite:///sti/til/fil.db")
    return parsed


def sqlite_file(parsed: URL) -> Path | None:
    """The file of an SQLite URL (None for in-memory and `file:` URIs and other databases)."""
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:") or parsed.query.get("uri"):
        return None
    return Path(database).expanduser()


def check(url: str, *, may_create: bool) -> None:
    """Refuse a URL that cannot be opened as the user meant it.

    A path whose directory does not exist is a mistyped path: it is refused, and nothing is
    created, whatever the command. A new file in an existing directory becomes a new database at
    the newest schema, by any command, as the command-line contract promises. (`may_create` is
    kept for the callers that know a new database is their purpose: init, demo generate.)
    """
    del may_create
    path = sqlite_file(parse(url))
    if path is None:
        return
    if path.is_dir():
        raise DomainError(FIELD, f"{path} er en mappe, ikke en databasefil")
    if path.exists():
        return
    if not path.parent.is_dir():
        raise DomainError(FIELD, f"mappen {path.parent} finnes ikke; sjekk stien i database-URL-en "
                                 "(ingen database er laget)")
