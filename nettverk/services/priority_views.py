"""The priority sessions' list view, importable without SQLAlchemy (services.plain_priority
builds it for `nettverk priority list` and the TUI's Evaluering; services.priority re-exports
it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SessionView:
    """A priority-tool session."""

    id: int
    title: str
    held_on: date
    municipality: str | None
    display_name: str | None
    programme: str | None
    factors: int
    version: int = 0
