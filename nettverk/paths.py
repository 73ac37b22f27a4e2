"""Where nettverk keeps its files on the user's machine."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "nettverk"


def data_dir() -> Path:
    """The user's data directory for nettverk (created when needed)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The SQLite file used when no database URL is given."""
    return data_dir() / "nettverk.db"


def backup_dir() -> Path:
    """Where automatic backups before migrations are written."""
    return data_dir() / "backups"
