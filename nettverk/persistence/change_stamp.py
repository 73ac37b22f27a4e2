"""A cheap answer to "has anything been committed since I last asked?", for caches.

SQLite: `PRAGMA data_version` on a connection of our own that never writes: it changes whenever
another connection commits. PostgreSQL: the write-ahead log's current position, which moves with
every commit (and with some background work: then a cache is only rebuilt once too often).
Read the stamp before reading the data a cache keeps; the data is still current while the stamp
has not changed.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine


class ChangeStamp:
    """Reads the database's change stamp on a dedicated connection (thread-safe)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.url.get_backend_name() == "sqlite"
        self._lock = threading.Lock()
        self._connection: Any = None

    def read(self) -> object:
        """The current stamp; equal stamps mean nothing was committed in between."""
        with self._lock:
            if self._connection is None:
                self._connection = self._engine.raw_connection()
            cursor = self._connection.cursor()
            try:
                if self._sqlite:
                    cursor.execute("PRAGMA data_version")
                else:
                    cursor.execute("SELECT pg_current_wal_lsn()")
                row = cursor.fetchone()
            finally:
                cursor.close()
            if not self._sqlite:
                self._connection.rollback()  # no snapshot kept open between reads
            return row[0] if row else None

    def close(self) -> None:
        """Give the connection back."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
