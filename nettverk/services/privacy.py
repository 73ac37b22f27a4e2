"""Personal data (GDPR): everything held about a person, and erasure that keeps the statistics."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Text, cast, or_, select, update

from nettverk.domain.agreements import AgreementAction, PartnershipAgreement
from nettverk.domain.errors import DomainError
from nettverk.domain.evaluation import (
    CapacityParticipant,
    CapacityPriority,
    Feedback,
    PriorityScore,
)
from nettverk.domain.network import FollowUp, Milestone
from nettverk.domain.register import Participation, Person
from nettverk.persistence.audit import REDACTED, SESSION_REDACT_KEY, AuditEntry
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.register import find_person

ERASED_TEXT = "[slettet person]"

# Free-text fields where a person may be named without a link: (model, column name).
_NAME_FIELDS: list[tuple[Any, str]] = [
    (FollowUp, "participants"), (FollowUp, "summary"), (FollowUp, "next_action"),
    (CapacityParticipant, "name"), (CapacityPriority, "responsible"),
    (Feedback, "respondent"), (PriorityScore, "participant"), (AgreementAction, "owner"),
]


def _person_data(p: Person) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "title": p.title, "email": p.email, "phone": p.phone,
        "role": p.role, "organisation": p.organisation.name if p.organisation else None,
        "municipality": p.municipality.number if p.municipality else None,
        "created_at": p.created_at.isoformat(), "updated_at": p.updated_at.isoformat(),
        "erased_at": p.erased_at.isoformat() if p.erased_at else None,
    }


def _mentions(uow: UnitOfWork, needles: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for model, column in _NAME_FIELDS:
        col = getattr(model, column)
        rows = uow.session.execute(
            select(model.id, col).where(or_(*(col.contains(n, autoescape=True) for n in needles)))
        ).all()
        found += [{"table": model.__tablename__, "id": r[0], "field": column, "text": r[1]}
                  for r in rows]
    return found


def _audit_needles(values: list[str]) -> list[str]:
    """The forms a value takes inside the audit log's JSON (escaped and plain)."""
    forms: set[str] = set()
    for v in values:
        forms.add(v)
        forms.add(json.dumps(v)[1:-1])
    return sorted(forms)


def _audit_entries(uow: UnitOfWork, person: Person, needles: list[str]) -> list[AuditEntry]:
    text = cast(AuditEntry.changes, Text)
    return list(uow.session.scalars(
        select(AuditEntry).where(or_(
            (AuditEntry.table_name == "person") & (AuditEntry.row_id == str(person.id)),
            *(text.contains(n, autoescape=True) for n in _audit_needles(needles)),
        )).order_by(AuditEntry.id)
    ))


def _needles(p: Person) -> list[str]:
    return [v for v in (p.name, p.email, p.phone) if v]


def export_person(uow: UnitOfWork, person_id: int) -> dict[str, Any]:
    """Everything held about a person: the record, what it is linked to, mentions, audit log."""
    with uow:
        s = uow.session
        p = find_person(s, person_id, "id")
        needles = _needles(p)
        return {
            "person": _person_data(p),
            "contact_for_participations": [
                {"programme": x.programme.slug, "municipality": x.municipality.number}
                for x in s.scalars(select(Participation).where(
                    Participation.contact_person_id == p.id))
            ],
            "responsible_for_milestones": [
                {"id": m.id, "title": m.title, "due": m.due.isoformat()}
                for m in s.scalars(select(Milestone).where(Milestone.responsible_id == p.id))
            ],
            "contact_for_agreements": [
                {"id": a.id, "municipality": a.municipality.number}
                for a in s.scalars(select(PartnershipAgreement).where(or_(
                    PartnershipAgreement.county_contact_id == p.id,
                    PartnershipAgreement.municipality_contact_id == p.id)))
            ],
            "mentions": _mentions(uow, needles),
            "audit_log": [
                {"at": e.at.isoformat(), "user": e.user, "action": e.action,
                 "table": e.table_name, "row": e.row_id, "changes": e.changes}
                for e in _audit_entries(uow, p, needles)
            ],
        }


@dataclass(frozen=True)
class ErasureView:
    """What an erasure did."""

    person_id: int
    mentions_replaced: int
    audit_entries_redacted: int


def _redact(value: Any, needles: list[str]) -> Any:
    if isinstance(value, str):
        for n in needles:
            value = value.replace(n, REDACTED)
        return value
    if isinstance(value, list):
        return [_redact(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: _redact(v, needles) for k, v in value.items()}
    return value


def _erase_from_send_log(uow: UnitOfWork, p: Person) -> None:
    """The person's address and name out of the send log (the rows stay, so nothing is resent)."""
    from nettverk.domain.mail import MailLog

    if not p.email:
        return
    email = p.email.lower()
    stand_in = f"slettet-{p.id}"
    for row in uow.session.scalars(select(MailLog).where(MailLog.recipient == p.email)):
        uow.session.info[SESSION_REDACT_KEY].add((MailLog.__tablename__, row.id))
        row.key = row.key.replace(email, stand_in)
        row.recipient = stand_in
        row.recipient_name = None


def erase_person(uow: UnitOfWork, person_id: int, today: date | None = None) -> ErasureView:
    """Anonymise a person everywhere; scores and counts stay, the audit log keeps no trace."""
    with uow:
        s = uow.session
        p = find_person(s, person_id, "id")
        if p.erased_at is not None:
            raise DomainError("id", f"person {person_id} er allerede slettet")
        needles = _needles(p)
        s.info[SESSION_REDACT_KEY] = {("person", p.id)}
        replaced = 0
        for mention in _mentions(uow, needles):
            model = next(m for m, _c in _NAME_FIELDS if m.__tablename__ == mention["table"])
            obj = s.get(model, mention["id"])
            assert obj is not None
            text = mention["text"]
            for n in needles:
                text = text.replace(n, ERASED_TEXT)
            setattr(obj, mention["field"], text)
            s.info[SESSION_REDACT_KEY].add((model.__tablename__, obj.id))
            replaced += 1
        entries = _audit_entries(uow, p, needles)
        for e in entries:
            if e.table_name == "person" and e.row_id == str(p.id):
                redacted = {key: [REDACTED, REDACTED] for key in e.changes}
            else:
                redacted = _redact(e.changes, _audit_needles(needles))
            s.execute(update(AuditEntry).where(AuditEntry.id == e.id).values(changes=redacted))
        _erase_from_send_log(uow, p)
        p.name = f"Slettet person {p.id}"
        p.title = p.email = p.phone = p.role = None
        p.erased_at = today or date.today()
        uow.flush()
        s.add(AuditEntry(user=uow.user, action="erase", table_name="person", row_id=str(p.id),
                         changes={"erased": [None, p.erased_at.isoformat()]}))
        view = ErasureView(p.id, replaced, len(entries))
        uow.commit()
        return view
