"""Daily reminders by e-mail: each responsible person's overdue and soon-due milestones, and the
leader's digest of what Oversikt shows. Run daily (cron, Task Scheduler); the send log holds one
row per person, item and day, so nothing is reminded twice the same day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.errors import DomainError
from nettverk.domain.mail import MailKind
from nettverk.domain.network import DUE_SOON_DAYS, Milestone, PlanDocument
from nettverk.domain.norwegian import count
from nettverk.domain.register import Person
from nettverk.exports.itip import one_line
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import send_log
from nettverk.services.milestones import MilestoneView, milestone_view
from nettverk.services.network_common import fmt_date, today_or
from nettverk.services.overview import OverviewView, overview
from nettverk.services.send_log import Outcome
from nettverk.services.smtp import MessageRefused, Sender, SmtpUnavailable, Transport


@dataclass
class RemindReport:
    """What one reminder run did."""

    day: date
    outcomes: list[Outcome] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    aborted: str | None = None

    def count(self, status: str) -> int:
        """How many messages ended with the status."""
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(frozen=True)
class _Digest:
    email: str
    name: str
    subject: str
    body: str
    items: Sequence[str]  # the keys of what it reminds of


def _line(v: MilestoneView, today: date) -> str:
    where = ", ".join(x for x in (v.municipality_name, v.programme) if x)
    days = (v.due - today).days
    when = f"{count(-days, 'dager')} over fristen" if days < 0 else (
        "frist i dag" if days == 0 else f"om {count(days, 'dager')}")
    return f"- {v.title} (frist {fmt_date(v.due)}, {when}){' – ' + where if where else ''}"


def _person_digests(uow: UnitOfWork, today: date) -> tuple[list[_Digest], list[str]]:
    soon = today + timedelta(days=DUE_SOON_DAYS)
    with uow:
        rows = uow.session.scalars(
            select(Milestone)
            .options(joinedload(Milestone.programme), joinedload(Milestone.municipality),
                     joinedload(Milestone.plan_document).joinedload(PlanDocument.municipality),
                     joinedload(Milestone.responsible))
            .join(Person, Person.id == Milestone.responsible_id)
            .where(Milestone.done_on.is_(None), Milestone.due <= soon, Person.erased_at.is_(None))
            .order_by(Person.id, Milestone.due, Milestone.id)).all()
        by_person: dict[int, tuple[Person, list[MilestoneView]]] = {}
        for m in rows:
            assert m.responsible is not None
            by_person.setdefault(m.responsible.id, (m.responsible, []))[1].append(
                milestone_view(m, today))
    digests: list[_Digest] = []
    without: list[str] = []
    for person, items in by_person.values():
        if not person.email:
            without.append(f"{person.name} ({count(len(items), 'milepæler')})")
            continue
        digests.append(_milestone_digest(person.email, person.name, items, today))
    return digests, without


def _milestone_digest(email: str, name: str, items: list[MilestoneView], today: date) -> _Digest:
    overdue = [v for v in items if v.due < today]
    soon = [v for v in items if v.due >= today]
    parts = [f"Hei {name},", "", f"Dette er påminnelsen fra nettverk for {fmt_date(today)}."]
    if overdue:
        parts += ["", "Over fristen:", *(_line(v, today) for v in overdue)]
    if soon:
        parts += ["", f"Frist de neste {DUE_SOON_DAYS} dagene:", *(_line(v, today) for v in soon)]
    parts += ["", "Marker en milepæl som utført i nettverk når den er gjort."]
    subject = f"Påminnelse: {len(overdue)} over fristen, {len(soon)} med frist snart"
    return _Digest(email, name, subject, "\n".join(parts), [v.key for v in items])


def _leader_digest(email: str, name: str, view: OverviewView) -> _Digest | None:
    if not view.needs_attention:
        return None
    today = view.today
    parts = [f"Oversikt fra nettverk {fmt_date(today)}"]
    if view.unconfirmed_gatherings:
        parts += ["", "Samlinger som ikke er bekreftet holdt eller avlyst:"]
        parts += [f"- {g.title} ({g.start:%d.%m.%Y}, {g.programme})"
                  for g in view.unconfirmed_gatherings]
    if view.upcoming_gatherings:
        parts += ["", f"Samlinger de neste {view.horizon_days} dagene:"]
        parts += [f"- {g.title} ({g.start:%d.%m.%Y %H:%M}, {g.mode_label}"
                  f"{', ' + g.location if g.location else ''})" for g in view.upcoming_gatherings]
    if view.overdue:
        parts += ["", f"Over fristen ({view.overdue_total}):"]
        parts += [_line(v, today) for v in view.overdue]
    if view.due_soon:
        parts += ["", f"Frist snart ({view.due_soon_total}):"]
        parts += [_line(v, today) for v in view.due_soon]
    if view.pending_applications:
        parts += ["", "Søknader som venter på avgjørelse:"]
        parts += [f"- {a.display_name} ({a.programme}, mottatt {fmt_date(a.received)})"
                  for a in view.pending_applications]
    if view.overdue_plan_strategies:
        parts += ["", "Planstrategier over lovfristen:"]
        parts += [f"- {p.display_name} (frist {fmt_date(p.deadline)}, "
                  f"{count(p.days_overdue, 'dager')} over)"
                  for p in view.overdue_plan_strategies]
    if view.overdue_handlingsdel:
        parts += ["", "Handlingsdelen er ikke rullert (PBL § 11-1, årlig):"]
        parts += [f"- {h.display_name} ({h.year}, frist {fmt_date(h.due)})"
                  for h in view.overdue_handlingsdel]
    subject = (f"Oversikt {fmt_date(today)}: {view.overdue_total} over fristen, "
               f"{view.due_soon_total} snart, {count(len(view.upcoming_gatherings), 'samlinger')}")
    return _Digest(email, name, subject, "\n".join(parts), ["overview"])


def _message(sender: Sender, d: _Digest) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = one_line(d.subject)
    local, _, domain = sender.email.rpartition("@")
    msg["From"] = Address(display_name=one_line(sender.name), username=local, domain=domain)
    local, _, domain = d.email.rpartition("@")
    msg["To"] = Address(display_name=one_line(d.name), username=local, domain=domain)
    msg.set_content(d.body, charset="utf-8")
    return msg


def _key(email: str, item: str, day: date) -> str:
    return f"reminder:{email.lower()}:{item}:{day.isoformat()}"


def remind(uow: UnitOfWork, sender: Sender, leader: str | None = None,
           transport: Transport | None = None, dry_run: Path | None = None,
           today: date | None = None) -> RemindReport:
    """Send the day's reminders (or write them as .eml files with `dry_run`).

    Each item is claimed in the send log for its person and day before the digest goes, so a
    second run the same day sends only what is new; a digest the server refused is recorded
    failed and tried again by the next run that day.
    """
    day = today_or(today)
    digests, without = _person_digests(uow, day)
    leader_digest = _leader_digest(leader or sender.email, sender.name, overview(uow, day))
    if leader_digest is not None:
        digests.append(leader_digest)
    report = RemindReport(day=day, without_email=without)
    for index, d in enumerate(digests, start=1):
        if dry_run is not None:
            data = _message(sender, d).as_bytes()
            report.files.append(send_log.write_eml(dry_run, index, d.email, data))
            report.outcomes.append(Outcome(d.email, d.name, "written"))
            continue
        if transport is None:
            raise DomainError("smtp", "ingen e-posttjener er satt opp")
        claimed = [item for item in d.items if send_log.claim(
            uow, _key(d.email, item, day), True, kind=MailKind.reminder, recipient=d.email,
            recipient_name=d.name, item=item[:100], day=day, subject=d.subject) is None]
        if not claimed:
            report.outcomes.append(Outcome(d.email, d.name, "skipped", "allerede påminnet i dag"))
            continue
        if len(claimed) < len(d.items) and d.items != ["overview"]:
            d = _only(uow, d, claimed, day)
        try:
            transport.send(_message(sender, d))
        except MessageRefused as exc:
            for item in claimed:
                send_log.record(uow, _key(d.email, item, day), exc.reply)
            report.outcomes.append(Outcome(d.email, d.name, "failed", exc.reply))
            continue
        except SmtpUnavailable as exc:
            for item in claimed:
                send_log.record(uow, _key(d.email, item, day), exc.message)
            report.outcomes.append(Outcome(d.email, d.name, "failed", exc.message))
            report.aborted = exc.message
            break
        for item in claimed:
            send_log.record(uow, _key(d.email, item, day), None)
        report.outcomes.append(Outcome(d.email, d.name, "sent", count(len(claimed), "punkter")))
    return report


def _only(uow: UnitOfWork, d: _Digest, keys: list[str], day: date) -> _Digest:
    """The person's digest limited to the items not yet reminded today."""
    ids = [int(k.split(":")[1]) for k in keys if k.startswith("milestone:")]
    with uow:
        rows = uow.session.scalars(
            select(Milestone)
            .options(joinedload(Milestone.programme), joinedload(Milestone.municipality),
                     joinedload(Milestone.plan_document).joinedload(PlanDocument.municipality),
                     joinedload(Milestone.responsible))
            .where(Milestone.id.in_(ids)).order_by(Milestone.due, Milestone.id)).all()
        items = [milestone_view(m, day) for m in rows]
    return _milestone_digest(d.email, d.name, items, day)
