"""A gathering's send log in plain SQL through a DB-API connection (persistence.plain), without
SQLAlchemy or the mapped classes: `nettverk invitation list` runs it on a bare connection, and
services.invitations (the TUI's Samlinger) on the unit of work's own
(`UnitOfWork.plain_reader`). tests/cli/test_plain_invitations.py compares the command's
formats on both paths on both databases.
"""

from __future__ import annotations

from nettverk.domain.errors import NotFoundError
from nettverk.domain.values import OSLO
from nettverk.persistence.plain import PlainReader
from nettverk.services.invitation_views import STATUS_LABELS, InvitationLogView


def list_invitations(reader: PlainReader, gathering_id: int) -> list[InvitationLogView]:
    """The gathering's send log: who was sent what, when, and how it went (newest sequence
    first, then by address). Refuses a gathering that does not exist."""
    if not reader.rows("SELECT id FROM gathering WHERE id = ?", (gathering_id,)):
        raise NotFoundError("gathering", f"samling {gathering_id} finnes ikke")
    views = []
    for (recipient, name, number, sequence, method, status, reply, attempts, sent_at,
         updated_at) in reader.rows(
            "SELECT l.recipient, l.recipient_name, m.number, l.sequence, l.method, l.status, "
            "l.reply, l.attempts, l.sent_at, l.updated_at FROM mail_log l "
            "LEFT OUTER JOIN municipality m ON m.id = l.municipality_id "
            "WHERE l.gathering_id = ? AND l.kind = ? "
            "ORDER BY l.sequence DESC, l.recipient, l.id", (gathering_id, "invitation")):
        sent = reader.as_datetime(sent_at)
        views.append(InvitationLogView(
            recipient=recipient, name=name, municipality=number, sequence=sequence,
            method=method, status=status, status_label=STATUS_LABELS[status], reply=reply,
            attempts=attempts, sent_at=None if sent is None else sent.astimezone(OSLO),
            changed_at=reader.instant(updated_at).astimezone(OSLO)))
    return views
