"""A gathering's send log as a view, importable without SQLAlchemy (services.plain_invitations
builds it for `nettverk invitation list` and the TUI's Samlinger; services.invitations
re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: A logged message's status in words (domain.mail.MailStatus's values).
STATUS_LABELS = {"sending": "sendes", "sent": "sendt", "failed": "feilet"}


@dataclass(frozen=True)
class InvitationLogView:
    """One row of a gathering's send log."""

    recipient: str
    name: str | None
    municipality: str | None
    sequence: int | None
    method: str | None
    status: str
    status_label: str
    reply: str | None
    attempts: int
    sent_at: datetime | None
    changed_at: datetime
