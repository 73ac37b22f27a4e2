"""Invitations to gatherings by e-mail (iTIP): who gets them, sending with the send log, dry runs.

The recipients are the contact persons of the programme's active participants and the persons of
its partner organisations (erased persons never). A planned gathering is sent as METHOD:REQUEST
with its UID and SEQUENCE (= its revision), so a moved gathering goes out again as an update; a
cancelled one as METHOD:CANCEL. Each message is claimed in the send log before it is sent (see
`send_log`), and a sent invitation marks the municipality's attendance as invited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.mail import MailKind, MailLog
from nettverk.domain.network import Attendance, Gathering, GatheringStatus
from nettverk.domain.register import (
    Municipality,
    Participation,
    ParticipationStatus,
    Person,
    ProgrammePartner,
)
from nettverk.domain.values import OSLO, today_in_norway
from nettverk.exports import itip
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_invitations, send_log
from nettverk.services.invitation_views import STATUS_LABELS as STATUS_LABELS
from nettverk.services.invitation_views import InvitationLogView as InvitationLogView
from nettverk.services.network_common import fmt_period, municipality_label
from nettverk.services.send_log import Outcome
from nettverk.services.smtp import MessageRefused, Sender, SmtpUnavailable, Transport


@dataclass(frozen=True)
class RecipientView:
    """A person an invitation goes to (or would, with an e-mail address)."""

    name: str
    email: str | None
    role: str  # "kontaktperson" or "partner"
    municipality: str | None = None
    municipality_name: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class RecipientList:
    """Who a gathering's invitation goes to, and who cannot get it."""

    gathering_id: int
    title: str
    method: str
    sequence: int
    recipients: list[RecipientView]
    without_email: list[RecipientView]
    without_contact: list[str]  # municipalities with no contact person


@dataclass
class SendReport:
    """What one run of sending did."""

    gathering_id: int
    method: str
    sequence: int
    outcomes: list[Outcome] = field(default_factory=list)
    without_email: list[RecipientView] = field(default_factory=list)
    without_contact: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    aborted: str | None = None

    def count(self, status: str) -> int:
        """How many messages ended with the status."""
        return sum(1 for o in self.outcomes if o.status == status)


def _load(uow: UnitOfWork, gathering_id: int) -> Gathering:
    g = uow.session.scalar(select(Gathering).options(joinedload(Gathering.programme))
                           .where(Gathering.id == gathering_id))
    if g is None:
        raise NotFoundError("gathering", f"samling {gathering_id} finnes ikke")
    return g


def _method(g: Gathering) -> str:
    return "CANCEL" if g.status is GatheringStatus.cancelled else "REQUEST"


def _people(uow: UnitOfWork, g: Gathering) -> tuple[list[RecipientView], list[str]]:
    s = uow.session
    found: list[RecipientView] = []
    without_contact: list[str] = []
    parts = s.scalars(
        select(Participation)
        .options(joinedload(Participation.municipality), joinedload(Participation.contact_person))
        .join(Participation.municipality)
        .where(Participation.programme_id == g.programme_id,
               Participation.status == ParticipationStatus.active)
        .order_by(Municipality.number))
    for p in parts:
        m = p.municipality
        person = p.contact_person
        if person is None or person.erased_at is not None:
            without_contact.append(municipality_label(m))
            continue
        found.append(RecipientView(name=person.name, email=person.email, role="kontaktperson",
                                   municipality=m.number, municipality_name=municipality_label(m)))
    partners = s.scalars(
        select(Person).options(joinedload(Person.organisation))
        .join(ProgrammePartner, ProgrammePartner.organisation_id == Person.organisation_id)
        .where(ProgrammePartner.programme_id == g.programme_id, Person.erased_at.is_(None))
        .order_by(Person.name, Person.id))
    for person in partners:
        found.append(RecipientView(
            name=person.name, email=person.email, role="partner",
            organisation=person.organisation.name if person.organisation else None))
    return found, without_contact


def _split(found: list[RecipientView]) -> tuple[list[RecipientView], list[RecipientView]]:
    with_email: list[RecipientView] = []
    without: list[RecipientView] = []
    seen: set[str] = set()
    for r in found:
        if not r.email:
            without.append(r)
        elif r.email.lower() not in seen:
            seen.add(r.email.lower())
            with_email.append(r)
    return with_email, without


def recipients(uow: UnitOfWork, gathering_id: int) -> RecipientList:
    """Who the gathering's invitation goes to; those without an e-mail address listed apart."""
    with uow:
        g = _load(uow, gathering_id)
        found, without_contact = _people(uow, g)
        with_email, without = _split(found)
        return RecipientList(gathering_id=g.id, title=g.title, method=_method(g),
                             sequence=g.revision, recipients=with_email, without_email=without,
                             without_contact=without_contact)


def _key(gathering_id: int, sequence: int, method: str, email: str) -> str:
    return f"invitation:{gathering_id}:{sequence}:{method}:{email.lower()}"


def _earlier_recipients(uow: UnitOfWork, gathering_id: int) -> list[RecipientView]:
    """Everyone an invitation of the gathering was sent to (a cancellation reaches them too)."""
    rows = uow.session.execute(
        select(MailLog.recipient, MailLog.recipient_name, Municipality.number)
        .outerjoin(Municipality, Municipality.id == MailLog.municipality_id)
        .where(MailLog.gathering_id == gathering_id, MailLog.kind == MailKind.invitation,
               MailLog.sent_at.is_not(None))
        .order_by(MailLog.id))
    return [RecipientView(name=name or email, email=email, role="tidligere invitert",
                          municipality=number) for email, name, number in rows]


def _prepare(uow: UnitOfWork, gathering_id: int, organizer: Sender
             ) -> tuple[itip.Invitation, list[RecipientView], RecipientList]:
    with uow:
        g = _load(uow, gathering_id)
        if g.status is GatheringStatus.held:
            raise DomainError("gathering", "samlingen er allerede holdt; invitasjoner sendes ikke")
        if g.ends_at <= utcnow():
            raise DomainError("gathering", "samlingen er over; invitasjoner sendes ikke")
        found, without_contact = _people(uow, g)
        method = _method(g)
        if method == "CANCEL":
            found = found + _earlier_recipients(uow, g.id)
        with_email, without = _split(found)
        plan = RecipientList(gathering_id=g.id, title=g.title, method=method, sequence=g.revision,
                             recipients=with_email, without_email=without,
                             without_contact=without_contact)
        invitation = itip.Invitation(
            uid=g.uid, sequence=g.revision, method=method, summary=g.title,
            starts=g.starts_at.astimezone(OSLO), ends=g.ends_at.astimezone(OSLO), stamp=utcnow(),
            organizer=itip.Attendee(organizer.name, organizer.email),
            attendees=[itip.Attendee(r.name, r.email or "") for r in with_email],
            programme=g.programme.name, location=g.location, video_url=g.video_url,
            agenda=g.agenda, when_text=fmt_period(g.starts_at, g.ends_at))
        return invitation, with_email, plan


def _mark_invited(gathering_id: int, number: str | None) -> Callable[[UnitOfWork, MailLog], None]:
    def mark(uow: UnitOfWork, row: MailLog) -> None:
        if number is None or row.method != "REQUEST":
            return
        s = uow.session
        m = s.scalar(select(Municipality).where(Municipality.number == number))
        if m is None:
            return
        a = s.scalar(select(Attendance).where(Attendance.gathering_id == gathering_id,
                                              Attendance.municipality_id == m.id))
        if a is None:
            zero = Decimal("0.00")
            s.add(Attendance(gathering_id=gathering_id, municipality_id=m.id, invited=True,
                             registered=False, attended=False, persons=0, travel_cost=zero,
                             accommodation_cost=zero, recorded_on=today_in_norway()))
        elif not a.invited:
            a.invited = True
    return mark


def send_invitations(uow: UnitOfWork, gathering_id: int, organizer: Sender,
                     transport: Transport | None = None, dry_run: Path | None = None,
                     retry: bool = False) -> SendReport:
    """Send the gathering's invitation (or update, or cancellation) to each recipient.

    With `dry_run` the messages are written there as .eml files and nothing is sent or logged.
    Otherwise each message is claimed in the send log, sent through the transport, and recorded
    as sent or failed (with the server's reply); one that was sent is never sent again, one that
    failed is sent again only with `retry`. If the server goes away, the run stops there.
    """
    invitation, targets, plan = _prepare(uow, gathering_id, organizer)
    report = SendReport(gathering_id=gathering_id, method=invitation.method,
                        sequence=invitation.sequence, without_email=plan.without_email,
                        without_contact=plan.without_contact)
    for index, r in enumerate(targets, start=1):
        assert r.email is not None
        message = itip.message(invitation, itip.Attendee(r.name, r.email))
        if dry_run is not None:
            report.files.append(send_log.write_eml(dry_run, index, r.email, message.as_bytes()))
            report.outcomes.append(Outcome(r.email, r.name, "written"))
            continue
        if transport is None:
            raise DomainError("smtp", "ingen e-posttjener er satt opp")
        municipality_id = _municipality_id(uow, r.municipality)
        key = _key(gathering_id, invitation.sequence, invitation.method, r.email)
        refused = send_log.claim(
            uow, key, retry, kind=MailKind.invitation, recipient=r.email, recipient_name=r.name,
            gathering_id=gathering_id, sequence=invitation.sequence, method=invitation.method,
            municipality_id=municipality_id, subject=str(message["Subject"]))
        if refused is not None:
            report.outcomes.append(Outcome(r.email, r.name, "skipped", refused))
            continue
        try:
            transport.send(message)
        except MessageRefused as exc:
            send_log.record(uow, key, exc.reply)
            report.outcomes.append(Outcome(r.email, r.name, "failed", exc.reply))
            continue
        except SmtpUnavailable as exc:
            send_log.record(uow, key, exc.message)
            report.outcomes.append(Outcome(r.email, r.name, "failed", exc.message))
            report.aborted = exc.message
            break
        send_log.record(uow, key, None, _mark_invited(gathering_id, r.municipality))
        report.outcomes.append(Outcome(r.email, r.name, "sent"))
    return report


def _municipality_id(uow: UnitOfWork, number: str | None) -> int | None:
    if number is None:
        return None
    with uow:
        return uow.session.scalar(select(Municipality.id).where(Municipality.number == number))


def list_invitations(uow: UnitOfWork, gathering_id: int) -> list[InvitationLogView]:
    """The gathering's send log: who was sent what, when, and how it went (newest sequence
    first). Read in plain SQL on the unit of work's connection (services.plain_invitations,
    what `nettverk invitation list` runs without SQLAlchemy)."""
    with uow:
        return plain_invitations.list_invitations(uow.plain_reader(), gathering_id)
