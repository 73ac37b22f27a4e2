"""`db restore` checks a backup before replacing anything: integrity, schema and the audit log.

A refused backup leaves the live database untouched (byte for byte on SQLite) with exit code 2;
an accepted one is restored after a safety copy of the current database was written.
"""

from __future__ import annotations

import gzip
import json
import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from nettverk.persistence import backup
from nettverk.services import database, register, users
from nettverk.services.database import Database
from tests.support import run_cli, snapshot


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Safety copies of PostgreSQL go to the data directory: keep them in the test's folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    # restore is for leaders only: the command line runs as the test's registered leader
    monkeypatch.setenv("NETTVERK_USER", "testbruker")


def _live_bytes(db: Database) -> bytes:
    db.engine.dispose()  # the last connection checkpoints the WAL into the file
    return Path(str(make_url(str(db.engine.url)).database)).read_bytes()


def _refused(db: Database, db_url: str, path: Path, reason: str) -> None:
    sqlite = db.engine.dialect.name == "sqlite"
    before = _live_bytes(db) if sqlite else None
    rows = snapshot(db.engine)
    result = run_cli(db_url, "db", "restore", str(path))
    assert result.code == 2, result.out + result.err
    assert reason in result.err and "ingenting er endret" in result.err
    assert snapshot(db.engine) == rows
    if sqlite:
        assert _live_bytes(db) == before


def _sqlite_copy(db: Database, tmp_path: Path, name: str) -> Path:
    path = database.make_backup(db, tmp_path / name)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    return path


def _with_team(db: Database) -> None:
    users.add_user(db.uow(), "testbruker", "leader", "Test Testesen")
    register.add_county(db.uow(), "18", "Nordland")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_backup_with_2000_flipped_bytes_is_refused(demo_db: Database, db_url: str,
                                                    tmp_path: Path) -> None:
    path = _sqlite_copy(demo_db, tmp_path, "skadet.sqlite")
    data = bytearray(path.read_bytes())
    rng = random.Random(13)
    for i in rng.sample(range(100, len(data)), 2000):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    _refused(demo_db, db_url, path, "skadet")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_foreign_sqlite_file_with_only_alembic_version_is_refused(
        db: Database, db_url: str, tmp_path: Path) -> None:
    register.add_county(db.uow(), "18", "Nordland")
    path = tmp_path / "fremmed.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0007')")
    _refused(db, db_url, path, "mangler tabellene")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_backup_whose_audit_log_was_emptied_is_refused(db: Database, db_url: str,
                                                        tmp_path: Path) -> None:
    _with_team(db)
    path = _sqlite_copy(db, tmp_path, "tom-logg.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log")
    _refused(db, db_url, path, "vern")  # the guard trigger is gone
    with sqlite3.connect(path) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'"
                              ).fetchone()
        conn.execute(sql.replace("audit_log_no_update", "audit_log_no_delete")
                     .replace("BEFORE UPDATE", "BEFORE DELETE"))
    _refused(db, db_url, path, "oppføringer på slutten er fjernet")
    with sqlite3.connect(path) as conn:  # and the head reset as well: the users are unaudited
        conn.execute("UPDATE audit_chain SET last_id = NULL, last_hash = :g", {"g": "0" * 64})
    _refused(db, db_url, path, "ikke i revisjonsloggen")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_backup_with_a_leader_added_by_sql_is_refused(db: Database, db_url: str,
                                                       tmp_path: Path) -> None:
    _with_team(db)
    path = _sqlite_copy(db, tmp_path, "ny-leder.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO app_user (username, role, active, created_at, updated_at, "
                     "version) VALUES ('mallory', 'leader', 1, '2026-01-01', '2026-01-01', 1)")
    _refused(db, db_url, path, "«mallory» (leader) finnes i sikkerhetskopien, men ikke i "
                               "revisjonsloggen")
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM app_user WHERE username = 'mallory'")
        conn.execute("UPDATE app_user SET role = 'reader' WHERE username = 'testbruker'")
    _refused(db, db_url, path, "revisjonsloggen sier leader")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_backup_with_a_broken_chain_is_refused(db: Database, db_url: str,
                                                tmp_path: Path) -> None:
    _with_team(db)
    path = _sqlite_copy(db, tmp_path, "brutt.sqlite")
    with sqlite3.connect(path) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'"
                              ).fetchone()
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET changes = '{\"role\": [null, \"reader\"]}' WHERE id = "
                     "(SELECT min(id) FROM audit_log)")
        conn.execute(sql)
    _refused(db, db_url, path, "brutt ved oppføring 1")


def test_a_good_backup_is_restored_after_a_safety_copy(demo_db: Database, db_url: str,
                                                      tmp_path: Path) -> None:
    path = database.make_backup(demo_db, tmp_path / "god.backup")
    before = snapshot(demo_db.engine)
    register.update_municipality(demo_db.uow(), "1853", population=1)
    changed = snapshot(demo_db.engine)
    result = run_cli(db_url, "db", "restore", str(path))
    assert result.code == 0, result.err
    assert snapshot(demo_db.engine) == before
    safety = Path(result.out.split("slik den var: ")[1].splitlines()[0])
    assert safety.is_file()
    assert run_cli(db_url, "audit", "verify").code == 0
    # The safety copy is itself a backup that restores the state before the restore.
    assert run_cli(db_url, "db", "restore", str(safety)).code == 0
    assert snapshot(demo_db.engine) == changed


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
@pytest.mark.parametrize("portable", [False, True], ids=["pg_dump", "portable"])
def test_postgres_refuses_tampered_or_corrupted_backups(
        db: Database, db_url: str, tmp_path: Path, portable: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if portable:
        monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
    _with_team(db)
    # A new leader added with SQL (by someone who owns the database), then backed up.
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO app_user (username, role, active, created_at, "
                          "updated_at, version) VALUES ('mallory', 'leader', true, now(), "
                          "now(), 1)"))
    path = database.make_backup(db, tmp_path / "ny-leder.backup")
    _refused(db, db_url, path, "«mallory» (leader) finnes i sikkerhetskopien")
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM app_user WHERE username = 'mallory'"))
    # The audit log emptied.
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(text("DELETE FROM audit_log"))
        conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    path = database.make_backup(db, tmp_path / "tom-logg.backup")
    _refused(db, db_url, path, "oppføringer på slutten er fjernet")
    # A corrupted file.
    data = bytearray(path.read_bytes())
    rng = random.Random(13)
    for i in rng.sample(range(16, len(data)), min(2000, len(data) // 2)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    _refused(db, db_url, path, "skadet")


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_postgres_refuses_a_portable_backup_of_a_foreign_schema(
        db: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "fremmed.backup"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump({"format": "nettverk-backup", "revision": "0007",
                   "tables": {"alembic_version": [{"version_num": "0007"}]}}, f)
    _refused(db, db_url, path, "mangler tabellene")
