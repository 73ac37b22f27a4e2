"""What every SQLite connection is set up with, the ordinary path's (SQLAlchemy) and the plain
readers' alike: foreign keys, WAL, a busy timeout, and helper threads for large sorts (issue 17:
Milepæler at 10x sorts a million rows; on two cores 1.8 → 1.5 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nettverk.persistence import plain
from nettverk.services.database import connect


def test_both_kinds_of_connection_may_sort_on_the_other_cores(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nettverk.db'}"
    db = connect(url, "testbruker")
    try:
        with db.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA threads").scalar() == plain.sqlite_threads()
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == 5000
    finally:
        db.close()
    reader = plain.open_reader(url, "testbruker")
    assert reader is not None
    try:
        assert reader.rows("PRAGMA threads") == [(plain.sqlite_threads(),)]
        assert reader.rows("PRAGMA busy_timeout") == [(5000,)]
    finally:
        reader.connection.close()


@pytest.mark.parametrize(("cores", "threads"), [(None, 0), (1, 0), (2, 2), (4, 4), (16, 4)])
def test_helper_threads_follow_the_cores(monkeypatch: pytest.MonkeyPatch, cores: int | None,
                                         threads: int) -> None:
    monkeypatch.setattr(plain.os, "cpu_count", lambda: cores)
    assert plain.sqlite_threads() == threads
