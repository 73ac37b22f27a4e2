"""Safe to share: only a leader may back up, restore or downgrade; `db backup` never replaces
anything it should not; database files and backups are the owner's only (0600)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from nettverk.persistence import schema
from nettverk.services import register, users
from nettverk.services.database import Database, connect
from tests.support import run_cli, snapshot


@pytest.fixture
def team(db: Database, db_url: str) -> str:
    """A database with a leader (kari), a partner (ola) and a reader (ingrid)."""
    leader = connect(db_url, "kari")
    try:
        users.add_user(leader.uow(), "kari", "leader", "Kari Fjellheim")
        users.add_user(leader.uow(), "ola", "partner")
        users.add_user(leader.uow(), "ingrid", "reader")
        register.add_county(leader.uow(), "18", "Nordland")
    finally:
        leader.close()
    return db_url


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("who", ["ingrid", "ola"])
def test_only_a_leader_may_back_up_restore_or_downgrade(
        team: str, db: Database, tmp_path: Path, who: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETTVERK_USER", "kari")
    made = run_cli(team, "db", "backup", str(tmp_path / "leder.backup"))
    assert made.code == 0, made.err
    register.add_county(connect(team, "kari").uow(), "50", "Trøndelag")
    before = snapshot(db.engine)
    revision = schema.current_revision(db.engine)

    monkeypatch.setenv("NETTVERK_USER", who)
    backup = run_cli(team, "db", "backup", str(tmp_path / "min.backup"))
    assert backup.code == 2
    assert "bare en leder" in backup.err and "ta sikkerhetskopi" in backup.err
    assert not (tmp_path / "min.backup").exists()

    restore = run_cli(team, "db", "restore", str(tmp_path / "leder.backup"))
    assert restore.code == 2
    assert "bare en leder" in restore.err
    assert snapshot(db.engine) == before

    downgrade = run_cli(team, "db", "downgrade", "base")
    assert downgrade.code == 2
    assert "bare en leder" in downgrade.err
    assert schema.current_revision(db.engine) == revision
    assert snapshot(db.engine) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leder.backup"]


def test_a_backup_never_replaces_an_existing_file_without_force(
        db: Database, db_url: str, tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "kopi.backup"
    target.write_text("noe viktig")
    refused = run_cli(db_url, "db", "backup", str(target))
    assert refused.code == 2
    assert "finnes allerede" in refused.err and "--force" in refused.err
    assert target.read_text() == "noe viktig"

    forced = run_cli(db_url, "db", "backup", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_bytes() != b"noe viktig"
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopi.backup"]  # no temporary left


def test_a_backup_touches_nothing_but_a_regular_file_even_with_force(
        db: Database, db_url: str, tmp_path: Path) -> None:
    elsewhere = tmp_path / "annen-fil.txt"
    elsewhere.write_text("skal stå")
    link = tmp_path / "lenke.backup"
    link.symlink_to(elsewhere)
    folder = tmp_path / "mappe.backup"
    folder.mkdir()
    (folder / "inni.txt").write_text("skal stå")
    fifo = tmp_path / "fifo.backup"
    os.mkfifo(fifo)
    odd = [link, folder, fifo]
    device = tmp_path / "enhet.backup"  # a device node of our own, never a real /dev entry
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        odd.append(device)
    except PermissionError:
        pass  # not root: the FIFO stands in for the device
    for path in odd:
        for extra in ([], ["--force"]):
            result = run_cli(db_url, "db", "backup", str(path), *extra)
            assert result.code == 2, (path, extra, result.err)
            assert "vanlig fil" in result.err or "symbolsk lenke" in result.err
    assert link.is_symlink() and elsewhere.read_text() == "skal stå"
    assert (folder / "inni.txt").read_text() == "skal stå"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    if device in odd:
        assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_backups_are_created_for_the_owner_only(db: Database, db_url: str, tmp_path: Path,
                                                umask_022: None) -> None:
    result = run_cli(db_url, "db", "backup", str(tmp_path / "ny" / "kopi.backup"))
    assert result.code == 0, result.err
    assert _mode(tmp_path / "ny" / "kopi.backup") == 0o600


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_new_sqlite_database_and_its_wal_files_are_the_owners_only(
        tmp_path: Path, umask_022: None, backend: str) -> None:
    path = tmp_path / "ny.db"
    result = run_cli(f"sqlite:///{path}", "init")
    assert result.code == 0, result.err
    assert _mode(path) == 0o600
    database = connect(f"sqlite:///{path}", "test")
    try:
        with database.engine.connect() as conn:  # holds the WAL open
            register.add_county(database.uow(), "18", "Nordland")
            conn.exec_driver_sql("SELECT count(*) FROM county").all()
            sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
            assert all(p.exists() for p in sidecars)
            assert [_mode(p) for p in sidecars] == [0o600, 0o600]
    finally:
        database.close()
