"""Hearing of commits made by other processes: LISTEN on PostgreSQL, `data_version` on SQLite.

A `ChangeWatcher` runs in its own daemon thread with its own dedicated connection (never one
from the pool) and calls back with the changed tables, or None when it cannot know them.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import Engine

from nettverk.persistence.changes import CHANNEL, ChangeListener, decode

log = logging.getLogger(__name__)

#: Seconds between two looks at SQLite's data_version (and PostgreSQL's longest wait).
POLL_SECONDS = 1.0
RETRY_SECONDS = 5.0


class ChangeWatcher:
    """Calls `listener` when another process commits to the database, until `stop()`."""

    def __init__(self, engine: Engine, origin: str, listener: ChangeListener,
                 interval: float = POLL_SECONDS) -> None:
        self._engine = engine
        self._origin = origin
        self._listener = listener
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nettverk-change-watch",
                                        daemon=True)

    @property
    def supported(self) -> bool:
        """Whether other processes can be heard (not for an in-memory SQLite database)."""
        url = self._engine.url
        if url.get_backend_name() == "sqlite":
            return bool(url.database) and url.database != ":memory:" and "mode=memory" not in str(url)
        return url.get_backend_name() == "postgresql"

    def start(self) -> ChangeWatcher:
        """Begin watching in the background."""
        if self.supported:
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching (returns at once; the thread ends within a poll interval)."""
        self._stop.set()

    def _connect(self) -> Any:
        """A dedicated DBAPI connection (outside the pool)."""
        cargs, cparams = self._engine.dialect.create_connect_args(self._engine.url)
        return self._engine.dialect.connect(*cargs, **cparams)

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            try:
                if self._engine.url.get_backend_name() == "sqlite":
                    self._poll_sqlite()
                else:
                    self._listen_postgresql(missed=not first)
            except Exception:  # the server went away, say: try again, and report a change
                log.debug("change watcher lost its connection", exc_info=True)
                first = False
                if self._stop.wait(RETRY_SECONDS):
                    return

    def _poll_sqlite(self) -> None:
        connection = self._connect()
        try:
            last = None
            while True:
                cursor = connection.execute("PRAGMA data_version")
                version = cursor.fetchone()[0]
                cursor.close()
                if last is not None and version != last:
                    # Another connection committed; which tables, SQLite does not say.
                    self._listener(None)
                last = version
                if self._stop.wait(self._interval):
                    return
        finally:
            connection.close()

    def _listen_postgresql(self, *, missed: bool) -> None:
        connection = self._connect()
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            if missed:  # changes may have been made while we were not listening
                self._listener(None)
            while not self._stop.is_set():
                tables: set[str] = set()
                for note in connection.notifies(timeout=self._interval, stop_after=1):
                    changed, origin = decode(note.payload)
                    if origin != self._origin:
                        tables |= changed
                # gather what else has arrived, so a burst of commits is told once
                for note in connection.notifies(timeout=0.05):
                    changed, origin = decode(note.payload)
                    if origin != self._origin:
                        tables |= changed
                if tables:
                    self._listener(frozenset(tables))
        finally:
            connection.close()
