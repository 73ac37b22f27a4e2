"""Which tables a transaction changed: told to this process after commit, and to others.

Every flush records the tables it touched in the session. After a commit the unit of work
publishes them on the database's `ChangeFeed` (this process). On PostgreSQL each flush also
sends `pg_notify('nettverk_changes', 'table,table|origin')` in the same transaction, so other
processes hear of the change exactly when it is committed, and not at all when it is rolled
back. SQLite has no notifications; other processes poll `PRAGMA data_version` instead.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, UOWTransaction

log = logging.getLogger(__name__)

CHANNEL = "nettverk_changes"
SESSION_TABLES_KEY = "nettverk_changed_tables"
SESSION_ORIGIN_KEY = "nettverk_change_origin"

#: Told the tables a commit changed, or None when they are unknown (another process on SQLite).
ChangeListener = Callable[[frozenset[str] | None], None]


class ChangeFeed:
    """The commits of one open database in this process, told to whoever subscribed."""

    def __init__(self) -> None:
        self.origin = secrets.token_hex(8)  # tells our own notifications from other processes'
        self._listeners: list[ChangeListener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call the listener after every commit (in the committing thread); returns the
        function that stops it."""
        with self._lock:
            self._listeners = [*self._listeners, listener]

        def unsubscribe() -> None:
            with self._lock:
                self._listeners = [x for x in self._listeners if x is not listener]

        return unsubscribe

    def publish(self, tables: Iterable[str] | None) -> None:
        """Tell every listener that a commit changed these tables."""
        changed = None if tables is None else frozenset(tables)
        if changed is not None and not changed:
            return
        for listener in self._listeners:  # a copy: subscribing replaces the list
            try:
                listener(changed)
            except Exception:  # the commit stands whatever a listener does
                log.exception("a change listener failed")


def encode(tables: Iterable[str], origin: str) -> str:
    """The notification payload: the table names, then who sent it."""
    return ",".join(sorted(tables)) + "|" + origin


def decode(payload: str) -> tuple[frozenset[str], str]:
    """The table names and the origin of a notification payload."""
    names, _, origin = payload.partition("|")
    return frozenset(n for n in names.split(",") if n), origin


def take_tables(session: Session) -> set[str]:
    """The tables the session's transaction changed (and forget them)."""
    tables: set[str] = session.info.pop(SESSION_TABLES_KEY, set())
    return tables


def _flushed(session: Session, _flush_context: UOWTransaction) -> None:
    tables = {
        str(getattr(obj, "__tablename__", ""))
        for group in (session.new, session.dirty, session.deleted)
        for obj in group
    } - {""}
    if not tables:
        return
    session.info.setdefault(SESSION_TABLES_KEY, set()).update(tables)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        origin = session.info.get(SESSION_ORIGIN_KEY, "")
        # Delivered by PostgreSQL at commit only, so a rollback tells nobody.
        connection.execute(select(func.pg_notify(CHANNEL, encode(tables, origin))))


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(SESSION_TABLES_KEY, None)


def install(session_class: type[Session]) -> None:
    """Record the tables every flush of sessions of this class touches."""
    if not event.contains(session_class, "after_flush", _flushed):
        event.listen(session_class, "after_flush", _flushed)
        event.listen(session_class, "after_rollback", _forget)
