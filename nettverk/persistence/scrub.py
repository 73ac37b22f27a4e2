"""After an erasure: overwrite freed space, and find the backups that still hold the old data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from nettverk import paths


def secure_delete(connection: Connection) -> None:
    """On SQLite, make this connection overwrite deleted content with zeros (no-op elsewhere)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete=ON")


def reclaim(engine: Engine, tables: Iterable[str]) -> None:
    """Rewrite the storage so old row versions are gone from the database files.

    SQLite: VACUUM (the whole file) and truncate the write-ahead log. PostgreSQL: VACUUM FULL
    each touched table (it rewrites the table; plain VACUUM only marks the space reusable).
    Both run outside a transaction.
    """
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            conn.exec_driver_sql("VACUUM")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        quote = engine.dialect.identifier_preparer.quote
        for table in sorted(set(tables)):
            conn.exec_driver_sql(f"VACUUM FULL {quote(table)}")


def backups_before(engine: Engine, moment: datetime) -> list[Path]:
    """The backup files this program knows of (automatic ones next to the SQLite file, and the
    backup directory) written before the moment: they still hold what was erased."""
    candidates: list[Path] = []
    name = str(engine.url.database or "")
    if engine.dialect.name == "sqlite" and name:
        db_path = Path(name)
        name = db_path.stem
        candidates += db_path.parent.glob(f"{db_path.stem}.backup-*")
    directory = paths.backup_dir()
    if name and directory.is_dir():
        candidates += (p for p in directory.iterdir() if p.name.startswith(name))
    stamp = moment.timestamp()
    return sorted({p for p in candidates if p.is_file() and p.stat().st_mtime < stamp})
