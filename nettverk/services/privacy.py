"""Personal data (GDPR): everything held about a person, and erasure that keeps the statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, String, or_, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from nettverk.domain.agreements import PartnershipAgreement
from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError
from nettverk.domain.model import Base
from nettverk.domain.network import Milestone
from nettverk.domain.register import Participation, Person
from nettverk.domain.values import today_in_norway
from nettverk.persistence import audit, audit_chain
from nettverk.persistence.audit import REDACTED, SESSION_REDACT_KEY, AuditEntry
from nettverk.persistence.scrub import backups_before, reclaim, secure_delete
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.register import find_person

ERASED_TEXT = "[slettet person]"

# The audit log is searched on its own terms (its values are JSON).
_OWN_TABLES = {"audit_log"}
_MIN_NEEDLE = 3  # shorter values (an initial, a two-letter name) would erase ordinary words


def _person_data(p: Person) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "title": p.title, "email": p.email, "phone": p.phone,
        "role": p.role, "organisation": p.organisation.name if p.organisation else None,
        "municipality": p.municipality.number if p.municipality else None,
        "created_at": p.created_at.isoformat(), "updated_at": p.updated_at.isoformat(),
        "erased_at": p.erased_at.isoformat() if p.erased_at else None,
    }


def text_columns() -> list[tuple[Any, str]]:
    """Every free-text column of every table, from the ORM metadata: (mapped class, attribute).

    String and Text columns, but not enum columns (fixed values that name no one); new tables
    and columns are searched without anyone remembering to add them here.
    """
    found: list[tuple[Any, str]] = []
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__):
        table = getattr(mapper.class_, "__tablename__", None)
        if table is None or table in _OWN_TABLES or "id" not in mapper.columns:
            continue
        for attr in mapper.column_attrs:
            column = attr.columns[0]
            if isinstance(column.type, String) and not isinstance(column.type, SAEnum):
                found.append((mapper.class_, attr.key))
    return found


def _pattern(needle: str, is_phone: bool) -> str:
    if is_phone:
        digits = re.sub(r"\D", "", needle)
        if digits.startswith("47") and len(digits) == 10:
            digits = digits[2:]
        if len(digits) < 5:
            return re.escape(needle)
        # +47 900 00 011, 90000011, 900-00-011: any spacing, with or without the country code
        return r"(?:\+?47[\s.-]*)?" + r"[\s.-]*".join(map(re.escape, digits))
    return r"\s+".join(map(re.escape, needle.split()))


def _matcher(values: list[tuple[str, bool]]) -> re.Pattern[str] | None:
    parts = sorted({_pattern(v.strip(), phone) for v, phone in values
                    if v and len(v.strip()) >= _MIN_NEEDLE}, key=len, reverse=True)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _known_values(uow: UnitOfWork, p: Person) -> list[tuple[str, bool]]:
    """The person's name, e-mail and phone, now and as the audit log shows they were before."""
    known = [(v, False) for v in (p.name, p.email) if v] + ([(p.phone, True)] if p.phone else [])
    own = uow.session.scalars(select(AuditEntry.changes).where(
        AuditEntry.table_name == "person", AuditEntry.row_id == str(p.id)))
    for changes in own:
        for key in ("name", "email", "phone"):
            for old in (changes or {}).get(key) or []:
                if isinstance(old, str) and old != REDACTED:
                    known.append((old, key == "phone"))
    return known


def _mentions(uow: UnitOfWork, matcher: re.Pattern[str] | None,
              person: Person) -> list[dict[str, Any]]:
    """Every row whose free text names the person (any letter case, any phone spacing), apart
    from the person's own record."""
    found: list[dict[str, Any]] = []
    if matcher is None:
        return found
    for model, column in text_columns():
        col = getattr(model, column)
        rows = uow.session.execute(select(model.id, col).where(col.is_not(None))
                                   .order_by(model.id)).all()
        found += [{"table": model.__tablename__, "id": r[0], "field": column, "text": r[1]}
                  for r in rows if matcher.search(r[1])
                  and not (model is Person and r[0] == person.id)]
    return found


def _mentions_in(value: Any, matcher: re.Pattern[str]) -> bool:
    if isinstance(value, str):
        return matcher.search(value) is not None
    if isinstance(value, list):
        return any(_mentions_in(v, matcher) for v in value)
    if isinstance(value, dict):
        return any(_mentions_in(v, matcher) for v in value.values())
    return False


def _audit_entries(uow: UnitOfWork, person: Person,
                   matcher: re.Pattern[str] | None) -> list[AuditEntry]:
    """The person's own audit entries and every entry whose values name them."""
    own = (AuditEntry.table_name == "person") & (AuditEntry.row_id == str(person.id))
    found = list(uow.session.scalars(select(AuditEntry).where(own).order_by(AuditEntry.id)))
    if matcher is not None:
        ids = {e.id for e in found}
        for entry in uow.session.scalars(select(AuditEntry).where(~own).order_by(AuditEntry.id)
                                         .execution_options(yield_per=1000)):
            if entry.id not in ids and _mentions_in(entry.changes, matcher):
                found.append(entry)
    return sorted(found, key=lambda e: e.id)


def export_person(uow: UnitOfWork, person_id: int) -> dict[str, Any]:
    """Everything held about a person: the record, what it is linked to, mentions, audit log."""
    with uow:
        s = uow.session
        p = find_person(s, person_id, "id")
        matcher = _matcher(_known_values(uow, p))
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
            "mentions": _mentions(uow, matcher, p),
            "audit_log": [
                {"at": e.at.isoformat(), "user": e.user, "action": e.action,
                 "table": e.table_name, "row": e.row_id, "changes": e.changes}
                for e in _audit_entries(uow, p, matcher)
            ],
        }


@dataclass(frozen=True)
class ErasureView:
    """What an erasure did, and the backups that still hold the person."""

    person_id: int
    mentions_replaced: int
    audit_entries_redacted: int
    tables_cleaned: list[str]
    storage_rewritten: bool
    backups_still_holding: list[str]


def _redact(value: Any, matcher: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return matcher.sub(REDACTED, value)
    if isinstance(value, list):
        return [_redact(v, matcher) for v in value]
    if isinstance(value, dict):
        return {k: _redact(v, matcher) for k, v in value.items()}
    return value


def redact_audit_entries(session: Session, person: Person, entries: list[AuditEntry],
                         matcher: re.Pattern[str] | None) -> None:
    """The one sanctioned change to the audit log: blank a person's values in its entries.

    Their own entries lose every value; other entries lose each mention of them. (An
    append-only audit log must let exactly this statement through.)
    """
    for e in entries:
        if e.table_name == "person" and e.row_id == str(person.id):
            redacted = {key: [REDACTED, REDACTED] for key in e.changes}
        elif matcher is not None:
            redacted = _redact(e.changes, matcher)
        else:
            continue
        audit_chain.redact(session.connection(), e.id, redacted)


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
    """Anonymise a person everywhere; scores and counts stay, the audit log keeps no trace.

    Every free-text column of every table is searched, in any letter case, for every name,
    e-mail and phone the person has had; afterwards the freed storage is overwritten (SQLite
    secure_delete and VACUUM; PostgreSQL VACUUM FULL of the touched tables). Backups written
    before the erasure still hold the person: they are listed, not changed.
    """
    started = datetime.now(UTC)
    with uow:
        s = uow.session
        secure_delete(s.connection())
        p = find_person(s, person_id, "id")
        if p.erased_at is not None:
            raise DomainError("id", f"person {person_id} er allerede slettet")
        matcher = _matcher(_known_values(uow, p))
        s.info[SESSION_REDACT_KEY] = {("person", p.id)}
        models = {model.__tablename__: model for model, _c in text_columns()}
        touched = {"person", "audit_log"}
        replaced = 0
        for mention in _mentions(uow, matcher, p):
            assert matcher is not None
            model = models[mention["table"]]
            obj = s.get(model, mention["id"])
            assert obj is not None
            setattr(obj, mention["field"], matcher.sub(ERASED_TEXT, mention["text"]))
            s.info[SESSION_REDACT_KEY].add((model.__tablename__, obj.id))
            touched.add(model.__tablename__)
            replaced += 1
        entries = _audit_entries(uow, p, matcher)
        redact_audit_entries(s, p, entries, matcher)
        _erase_from_send_log(uow, p)
        p.name = f"Slettet person {p.id}"
        p.title = p.email = p.phone = p.role = None
        p.erased_at = today or today_in_norway()
        uow.flush()
        # Chained like every entry; it names the entries it redacted, so `audit verify` accepts
        # their changed contents.
        audit.queue(s, {
            "at": utcnow(), "user": uow.user, "action": "erase", "table_name": "person",
            "row_id": str(p.id), "changes": {
                "erased": [None, p.erased_at.isoformat()],
                audit_chain.REDACTED_IDS_KEY: [None, [e.id for e in entries]]}})
        pid = p.id
        uow.commit()
        engine = s.get_bind()
    assert isinstance(engine, Engine)
    try:
        reclaim(engine, touched)
        rewritten = True
    except OperationalError:  # busy (another program holds the database): try again later
        rewritten = False
    return ErasureView(pid, replaced, len(entries), sorted(touched), rewritten,
                       [str(b) for b in backups_before(engine, started)])
