"""Being told when data changes: by this process at once, by other processes within seconds.

Interfaces that show data (the terminal UI) subscribe here; listeners get the names of the
tables a commit changed, or None when only "something changed" is known (another process on
SQLite). Listeners run in a background thread: they must hand the news to their own thread.
"""

from __future__ import annotations

from collections.abc import Callable

from nettverk.persistence.change_watch import POLL_SECONDS, ChangeWatcher
from nettverk.persistence.changes import ChangeListener
from nettverk.services.database import Database

__all__ = ["ChangeListener", "subscribe", "watch_others"]


def subscribe(db: Database, listener: ChangeListener) -> Callable[[], None]:
    """Call the listener after every commit this process makes to the database; returns the
    function that stops it."""
    return db.changes.subscribe(listener)


def watch_others(db: Database, listener: ChangeListener,
                 interval: float = POLL_SECONDS) -> Callable[[], None]:
    """Call the listener when another process (another user) commits to the database: on
    PostgreSQL through LISTEN/NOTIFY, on SQLite by polling `PRAGMA data_version` on a dedicated
    connection every `interval` seconds. Returns the function that stops watching."""
    watcher = ChangeWatcher(db.engine, db.changes.origin, listener, interval).start()
    return watcher.stop
