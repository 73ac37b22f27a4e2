"""Samlinger: send the highlighted gathering's invitation by e-mail, and its send log."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual import work
from textual.message import Message

from nettverk.domain.errors import DomainError
from nettverk.forms.fields import show_moment
from nettverk.services.database import Database
from nettverk.tui.messages import ServiceFailed
from nettverk.tui.related import section
from nettverk.tui.screens.confirm import ConfirmScreen

METHODS = {"REQUEST": "invitasjon", "CANCEL": "avlysning"}


def send_log_section(db: Database, gathering_id: int) -> RenderableType:
    """The gathering's send log for its detail pane (called in a worker)."""
    from nettverk.services.invitations import list_invitations

    rows = list_invitations(db.uow(), gathering_id)
    return section("Invitasjoner (e-post)", ["Mottaker", "Sekv.", "Hva", "Status", "Sendt"], [
        (r.name or r.recipient, str(r.sequence), METHODS.get(r.method or "", r.method or ""),
         r.status_label + (f": {r.reply}" if r.reply else ""),
         show_moment(r.sent_at) if r.sent_at else "") for r in rows])


class InvitationsPlanned(Message):
    """Who the invitation would go to, ready for the question."""

    def __init__(self, plan: Any) -> None:
        super().__init__()
        self.plan = plan


class InvitationsSent(Message):
    """The outcome of sending."""

    def __init__(self, gathering_id: int, text: str, failed: bool) -> None:
        super().__init__()
        self.gathering_id = gathering_id
        self.text = text
        self.failed = failed


def question(plan: Any) -> str:
    """The confirmation: what is sent, to how many, and who will not get it."""
    what = {"REQUEST": "invitasjonen" if plan.sequence == 0 else "endringen",
            "CANCEL": "avlysningen"}[plan.method]
    lines = [f"Sende {what} til «{plan.title}» på e-post til {len(plan.recipients)} mottakere?"]
    missing = [f"{r.name} ({r.municipality_name or r.organisation or r.role})"
               for r in plan.without_email] + [f"{m} (ingen kontaktperson)"
                                               for m in plan.without_contact]
    if missing:
        lines += ["", "Får den ikke (mangler e-post):", *[f"• {m}" for m in missing]]
    return "\n".join(lines)


class GatheringMailMixin:
    """For GatheringsArea: `action_send_invitations` asks, then sends in a worker."""

    db: Database
    table: Any

    def action_send_invitations(self) -> None:
        """Send the highlighted gathering's invitation (update, cancellation) by e-mail."""
        row = self.table.current
        if row is None:
            return
        self._plan_invitations(row.data.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="gathering-mail-plan")
    def _plan_invitations(self, gathering_id: int) -> None:
        from nettverk.services.invitations import recipients

        try:
            plan = recipients(self.db.uow(), gathering_id)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))  # type: ignore[attr-defined]
        else:
            self.post_message(InvitationsPlanned(plan))  # type: ignore[attr-defined]

    # Named handlers, not @on: Textual collects @on handlers only from its own classes, and
    # this mixin is a plain class (dispatch by name walks the whole MRO).
    def on_invitations_planned(self, message: InvitationsPlanned) -> None:
        """Ask before sending, naming those without an e-mail address."""
        message.stop()
        plan = message.plan
        if not plan.recipients:
            self.notify("Ingen mottakere har e-postadresse.", severity="warning",  # type: ignore[attr-defined]
                        timeout=6)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._send_invitations(plan.gathering_id)

        self.app.push_screen(ConfirmScreen(question(plan), yes="Send"),  # type: ignore[attr-defined]
                             answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="gathering-mail-send")
    def _send_invitations(self, gathering_id: int) -> None:
        from nettverk.services import invitations, smtp

        try:
            organizer = smtp.sender()
            with smtp.SmtpTransport() as transport:
                report = invitations.send_invitations(self.db.uow(), gathering_id, organizer,
                                                      transport=transport, retry=True)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))  # type: ignore[attr-defined]
            return
        sent, failed = report.count("sent"), report.count("failed")
        text = f"Sendt: {sent}. Feilet: {failed}." + (f" {report.aborted}" if report.aborted else "")
        if report.count("skipped"):
            text += f" Allerede sendt: {report.count('skipped')}."
        self.post_message(InvitationsSent(gathering_id, text, bool(failed)))  # type: ignore[attr-defined]

    def on_invitations_sent(self, message: InvitationsSent) -> None:
        """Say how it went and show the send log."""
        message.stop()
        self.notify(message.text, title="Invitasjoner",  # type: ignore[attr-defined]
                    severity="warning" if message.failed else "information", timeout=8)
        self.reload(keep=message.gathering_id)  # type: ignore[attr-defined]
