"""Backups on both databases: round trip identical, refusals of foreign or newer files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from nettverk.domain.errors import DomainError
from nettverk.persistence import backup
from nettverk.services import database, persons, register
from nettverk.services.database import Database
from tests.support import snapshot


def test_round_trip_restores_every_row(demo_db: Database, tmp_path: Path) -> None:
    before = snapshot(demo_db.engine)
    path = database.make_backup(demo_db, tmp_path / "kopi.backup")
    register.update_municipality(demo_db.uow(), "1853", population=1)
    persons.add_person(demo_db.uow(), name="Ny person")
    assert snapshot(demo_db.engine) != before
    database.restore(demo_db, path)
    assert snapshot(demo_db.engine) == before


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_portable_backup_when_pg_dump_is_missing(demo_db: Database, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
    before = snapshot(demo_db.engine)
    path = database.make_backup(demo_db, tmp_path / "kopi.backup")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        assert json.load(f)["format"] == "nettverk-backup"
    register.update_municipality(demo_db.uow(), "1853", sami_name="Endret")
    database.restore(demo_db, path)
    assert snapshot(demo_db.engine) == before
    # The sequences were moved past the restored ids: new rows still get fresh ids.
    persons.add_person(demo_db.uow(), name="Etter gjenoppretting")


def test_restore_refuses_a_backup_from_a_newer_schema(demo_db: Database, tmp_path: Path,
                                                      backend: str) -> None:
    before = snapshot(demo_db.engine)
    path = tmp_path / "ny.backup"
    if backend == "sqlite":
        import sqlite3

        database.make_backup(demo_db, path)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    else:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            json.dump({"format": "nettverk-backup", "revision": "9999", "tables": {}}, f)
    with pytest.raises(DomainError, match="nyere versjon"):
        database.restore(demo_db, path)
    assert snapshot(demo_db.engine) == before
