"""The follow-up log's view, importable without SQLAlchemy (services.plain_followups builds it
for `nettverk followup list` and the TUI's Oppfølging; services.followups re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FollowUpView:
    """A logged contact; the next action's status is derived like a milestone's."""

    id: int
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    programme: str | None
    on: date
    kind: str
    kind_label: str
    participants: str | None
    summary: str
    next_action: str | None
    next_action_due: date | None
    next_action_done_on: date | None
    next_action_status: str | None
    exempt_from_public: bool
    version: int
