"""Typed settings read from the environment (prefix NETTVERK_) and the command line."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field

from nettverk import paths

ENV_PREFIX = "NETTVERK_"


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukjent"


@dataclass(frozen=True)
class Settings:
    """What the program needs to know about where it runs."""

    database_url: str = ""
    """SQLAlchemy URL of the database; empty means the SQLite file in the data directory."""

    user: str = field(default_factory=_default_user)
    """Who is making changes, as recorded in the audit log (NETTVERK_USER or the OS user)."""

    debug: bool = False
    """Show Python tracebacks for unexpected failures (NETTVERK_DEBUG=1 or --debug)."""

    @property
    def resolved_database_url(self) -> str:
        """The URL actually used."""
        return self.database_url or f"sqlite:///{paths.default_database_path()}"


def load(database_url: str | None = None, debug: bool | None = None) -> Settings:
    """Settings from the environment, overridden by explicit command-line values."""
    env = os.environ
    return Settings(
        database_url=database_url or env.get(f"{ENV_PREFIX}DATABASE_URL", ""),
        user=env.get(f"{ENV_PREFIX}USER") or _default_user(),
        debug=bool(debug) or env.get(f"{ENV_PREFIX}DEBUG", "") not in ("", "0", "false"),
    )
