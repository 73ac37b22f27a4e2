"""Backups: SQLite's online backup API, pg_dump/pg_restore for PostgreSQL."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import zlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData

from nettverk import paths
from nettverk.domain.errors import DomainError
from nettverk.persistence import files, schema


def automatic_path(engine: Engine) -> Path:
    """Where the automatic backup before a migration goes."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    revision = schema.current_revision(engine) or "tom"
    if engine.url.get_backend_name() == "sqlite" and engine.url.database:
        db_path = Path(engine.url.database)
        return db_path.with_name(f"{db_path.stem}.backup-{stamp}-{revision}.sqlite")
    return paths.backup_dir() / f"{engine.url.database}-{stamp}-{revision}.dump"


def backup(engine: Engine, path: Path, *, force: bool = False) -> Path:
    """Copy the whole database to the path, consistently, while it may be in use.

    The file is created 0600 (it holds personal data). An existing path is refused unless
    `force`, and anything but a regular file (a link, a directory, a device) always."""
    path = Path(path).expanduser()
    if engine.url.get_backend_name() == "sqlite":
        files.write_private(path, lambda target: _sqlite_backup(engine, target), force=force)
    else:
        files.write_private(path, lambda target: _pg_dump(engine, target), force=force)
    return path


def restore(engine: Engine, path: Path) -> Path:
    """Replace the database's contents with the backup at the path; returns the safety copy.

    The backup is copied to a private temporary file and checked there (integrity, schema,
    audit log: `restore_check`) before anything is written; only then is the current database
    backed up (the safety copy) and replaced from the checked copy.
    """
    import tempfile

    from nettverk.persistence import restore_check

    path = Path(path).expanduser()
    if not path.is_file():
        raise DomainError("path", f"finner ikke filen {path}")
    with tempfile.TemporaryDirectory(prefix="nettverk-restore-") as tmp:
        candidate = Path(tmp) / "candidate"
        if engine.url.get_backend_name() == "sqlite":
            restore_check.copy_sqlite(path, candidate)
            restore_check.check_sqlite(candidate)
            safety = backup(engine, automatic_path(engine))
            _sqlite_restore(engine, candidate)
            return safety
        shutil.copyfile(path, candidate)
        if candidate.read_bytes()[:2] == b"\x1f\x8b":  # gzip: the portable format
            try:
                with gzip.open(candidate, "rt", encoding="utf-8") as f:
                    payload = json.load(f)
            except (OSError, EOFError, ValueError, zlib.error):
                raise restore_check.refuse("sikkerhetskopien er skadet (gzip eller JSON kan ikke "
                                           "leses)") from None
            if not isinstance(payload, dict) or payload.get("format") != _PORTABLE_MAGIC:
                raise restore_check.refuse("filen er ikke en sikkerhetskopi fra nettverk")
            restore_check.check_portable(payload, _decode)
            safety = backup(engine, automatic_path(engine))
            _portable_restore(engine, payload)
        else:
            if shutil.which("pg_restore") is None:
                raise DomainError("restore",
                                  "pg_restore finnes ikke på maskinen; installer postgresql-client")
            restore_check.check_pg_custom(candidate)
            safety = backup(engine, automatic_path(engine))
            _pg_restore(engine, candidate)
    return safety


def _sqlite_backup(engine: Engine, path: Path) -> None:
    raw = engine.raw_connection()
    try:
        source: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        raw.close()


def _sqlite_restore(engine: Engine, path: Path) -> None:
    engine.dispose()
    raw = engine.raw_connection()
    try:
        target: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(target)
        finally:
            source.close()
    finally:
        raw.close()
    engine.dispose()


def _pg_args(engine: Engine) -> list[str]:
    url = engine.url
    args = ["--host", url.host or "localhost", "--port", str(url.port or 5432)]
    if url.username:
        args += ["--username", url.username]
    return args


def _pg_env(engine: Engine) -> dict[str, str]:
    import os

    env = dict(os.environ)
    if engine.url.password:
        env["PGPASSWORD"] = str(engine.url.password)
    return env


def _pg_dump(engine: Engine, path: Path) -> None:
    if shutil.which("pg_dump") is None:
        _portable_dump(engine, path)
        return
    result = subprocess.run(
        ["pg_dump", *_pg_args(engine), "--format=custom", "--no-owner", "--file", str(path),
         str(engine.url.database)],
        env=_pg_env(engine), capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise DomainError("backup", f"pg_dump feilet: {result.stderr.strip()[:500]}")


def _pg_restore(engine: Engine, path: Path) -> None:
    listing = subprocess.run(
        ["pg_restore", "--list", str(path)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0 or "alembic_version" not in listing.stdout:
        raise DomainError("path", "filen er ikke en sikkerhetskopi fra nettverk")
    revision = subprocess.run(
        ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)],
        capture_output=True, text=True, check=False,
    ).stdout
    if not any(line.strip() in schema.known_revisions() for line in revision.splitlines()):
        raise DomainError("path", "sikkerhetskopien er fra en ukjent eller nyere versjon av nettverk")
    engine.dispose()
    result = subprocess.run(
        ["pg_restore", *_pg_args(engine), "--clean", "--if-exists", "--no-owner",
         "--single-transaction", "--dbname", str(engine.url.database), str(path)],
        env=_pg_env(engine), capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise DomainError("restore", f"pg_restore feilet: {result.stderr.strip()[:500]}")


# --- the portable format: when pg_dump is missing, a gzip'd JSON of every row -------------

_PORTABLE_MAGIC = "nettverk-backup"


def _encode(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "$date" in value:
        text = value["$date"]
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    if isinstance(value, dict) and "$decimal" in value:
        return Decimal(value["$decimal"])
    return value


def _portable_dump(engine: Engine, path: Path) -> None:
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        tables = {
            t.name: [{k: _encode(v) for k, v in r._mapping.items()} for r in conn.execute(t.select())]
            for t in meta.sorted_tables
        }
    payload = {"format": _PORTABLE_MAGIC, "revision": schema.current_revision(engine),
               "tables": tables}
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False)


def _portable_restore(engine: Engine, payload: dict[str, Any]) -> None:
    if payload.get("revision") not in schema.known_revisions():
        raise DomainError("path", "sikkerhetskopien er fra en ukjent eller nyere versjon av nettverk")
    current = schema.current_revision(engine)
    if current is None:
        schema.upgrade(engine, payload["revision"])
    elif current != payload["revision"]:
        raise DomainError(
            "path",
            f"sikkerhetskopien har skjemaversjon {payload['revision']}, databasen {current}; "
            "gjenopprett i en tom database og kjør `nettverk db upgrade`",
        )
    meta = MetaData()
    meta.reflect(engine)
    guarded = "audit_chain" in meta.tables and engine.url.get_backend_name() == "postgresql"
    with engine.begin() as conn:
        if guarded:  # the append-only log's guard is lifted for the restore's transaction only
            conn.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
        for table in reversed(meta.sorted_tables):
            conn.execute(table.delete())
        for table in meta.sorted_tables:
            rows = payload["tables"].get(table.name) or []
            if rows:
                conn.execute(table.insert(), [{k: _decode(v) for k, v in r.items()} for r in rows])
        if engine.url.get_backend_name() == "postgresql":
            for table in meta.sorted_tables:
                if "id" in table.c and payload["tables"].get(table.name):
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
        if guarded:
            conn.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER USER")
