"""The capacity sessions' list view, importable without SQLAlchemy (services.plain_capacity
builds it for `nettverk capacity list` and the TUI's Evaluering; services.capacity re-exports
it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AssessmentView:
    """A capacity-diamond session with its consensus per component (code → score)."""

    id: int
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    programme: str | None
    held_on: date
    year: int
    facilitator: str | None
    notes: str | None
    participants: int
    consensus: dict[str, int]
    version: int = 0
