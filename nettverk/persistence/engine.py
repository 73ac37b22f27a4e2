"""Engines and session factories; nothing connects at import time."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from nettverk.persistence import access, audit, changes, files
from nettverk.persistence.plain import sqlite_threads

SQLITE_BUSY_TIMEOUT_MS = 5000


class NettverkSession(Session):
    """The session class every unit of work uses; it writes the audit log."""


audit.install(NettverkSession)
changes.install(NettverkSession)
event.listen(NettverkSession, "before_flush", access.check_flush)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is kept; the pragmas must run outside a transaction.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA threads={sqlite_threads()}")
    cursor.close()


def _sqlite_own_transactions(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # pysqlite must not commit DDL on its own


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str, *, transactional_ddl: bool = False, **kwargs: Any) -> Engine:
    """An engine for the URL; SQLite gets foreign keys, WAL and a busy timeout on every connection.

    `transactional_ddl` makes SQLite run schema changes inside the transaction (pysqlite
    otherwise commits each CREATE/ALTER at once), so a migration killed half-way leaves nothing
    half-done. Migrations use it; ordinary work keeps pysqlite's deferred transactions, which let
    readers and writers share the WAL file without snapshot conflicts.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            # personal data: a new file is the owner's only (SQLite gives -wal/-shm its mode)
            with contextlib.suppress(OSError):  # SQLite reports what is wrong with the path
                files.create_private(Path(database).expanduser())
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if transactional_ddl:
            event.listen(engine, "connect", _sqlite_own_transactions)
            event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[NettverkSession]:
    """A factory of audited sessions bound to the engine."""
    return sessionmaker(bind=engine, class_=NettverkSession, expire_on_commit=False)
