"""TUI fixtures: SQLite only (the services are tested on both databases elsewhere).

The demo database is built once per session and copied for each test, so every test starts
from the same data and may change it freely.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nettverk.services.database import Database, connect

TODAY = date(2026, 3, 2)
NARROW = (80, 24)
WIDE = (200, 60)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from nettverk.demo import seed

    path = tmp_path_factory.mktemp("tui-template") / "demo.db"
    db = connect(f"sqlite:///{path}", "test")
    seed.load(db)
    db.close()
    return path


@pytest.fixture
def tui_db(_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private SQLite copy of the demo database."""
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    db = connect(f"sqlite:///{path}", "testbruker")
    yield db
    db.close()



@pytest.fixture
def register_db(tmp_path: Path) -> Iterator[Database]:
    """The register part of the demo data only, so snapshots do not move with other areas' seeds."""
    from nettverk.demo.files import SEED_DIR
    from nettverk.demo.seed import load_register

    db = connect(f"sqlite:///{tmp_path / 'register.db'}", "testbruker")
    load_register(db, SEED_DIR)
    yield db
    db.close()


@pytest.fixture(autouse=True)
def _notifications_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notifications stay until the test has looked at them.

    A toast lasts a few seconds of wall-clock time; on a loaded machine (the suite runs on every
    core) the steps between a notification and the assertion on it can take longer, and the
    test then failed at random.
    """
    from textual.app import App

    real_notify = App.notify

    def notify(self: App[object], message: str, *, timeout: float | None = None,
               **kwargs: Any) -> None:
        real_notify(self, message, timeout=3600, **kwargs)

    monkeypatch.setattr(App, "notify", notify)
