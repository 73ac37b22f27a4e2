"""Reading the audit log: entries filtered by table, record, user and time, and the chain check."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, or_, select

from nettverk.domain.errors import DomainError
from nettverk.persistence import audit_chain
from nettverk.persistence.audit import REDACTED, AuditEntry
from nettverk.persistence.uow import UnitOfWork

MAX_LIMIT = 10_000
_ACTIONS = {"insert": "opprettet", "update": "endret", "delete": "slettet", "erase": "personsletting"}


@dataclass(frozen=True)
class AuditEntryView:
    """One entry of the audit log as plain data."""

    id: int
    at: datetime
    user: str
    db_user: str | None
    action: str
    action_label: str
    table: str
    record: str
    changes: dict[str, Any]
    summary: str


@dataclass(frozen=True)
class ChainCheck:
    """The result of `audit verify`."""

    ok: bool
    entries: int
    last_hash: str
    broken_id: int | None
    broken_at: datetime | None
    reason: str | None


def _value(value: Any) -> str:
    if value is None:
        return "–"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def summarise(changes: dict[str, Any]) -> str:
    """The changed fields in one line: `field: old → new; …`."""
    parts = []
    for key, pair in sorted(changes.items()):
        if key == audit_chain.REDACTED_IDS_KEY:
            continue
        if isinstance(pair, list) and len(pair) == 2:
            old, new = pair
            if old == REDACTED and new == REDACTED:
                parts.append(f"{key}: {REDACTED}")
            elif old is None:
                parts.append(f"{key}: {_value(new)}")
            elif new is None:
                parts.append(f"{key}: {_value(old)} → –")
            else:
                parts.append(f"{key}: {_value(old)} → {_value(new)}")
        else:
            parts.append(f"{key}: {_value(pair)}")
    return "; ".join(parts)


def _view(e: AuditEntry) -> AuditEntryView:
    return AuditEntryView(
        id=e.id, at=e.at, user=e.user, db_user=e.db_user, action=e.action,
        action_label=_ACTIONS.get(e.action, e.action), table=e.table_name, record=e.row_id,
        changes=e.changes or {}, summary=summarise(e.changes or {}),
    )


def list_entries(
    uow: UnitOfWork,
    *,
    table: str | None = None,
    record: str | None = None,
    user: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = 100,
) -> list[AuditEntryView]:
    """Entries matching every filter given, newest first (`end` is exclusive)."""
    if limit < 1 or limit > MAX_LIMIT:
        raise DomainError("limit", f"må være mellom 1 og {MAX_LIMIT}")
    if start is not None and end is not None and end <= start:
        raise DomainError("to", "må være etter --from")
    query = select(AuditEntry)
    if table is not None:
        query = query.where(AuditEntry.table_name == table.strip())
    if record is not None:
        query = query.where(AuditEntry.row_id == record.strip())
    if user is not None:
        query = query.where(or_(AuditEntry.user == user.strip(), AuditEntry.db_user == user.strip()))
    if start is not None:
        query = query.where(AuditEntry.at >= start)
    if end is not None:
        query = query.where(AuditEntry.at < end)
    with uow:
        rows = uow.session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit))
        return [_view(e) for e in rows]


@dataclass(frozen=True)
class RecordHistory:
    """One record's entries, newest first."""

    table: str
    record: str
    entries: list[AuditEntryView]


_NATURAL_KEYS = ("number", "username", "slug")  # what lists use as key instead of the id


def _table_for(kind: str) -> Table | None:
    """The table behind a service view class name (`PersonView` → person)."""
    from nettverk.domain.model import Base

    stem = re.sub(r"(?<!^)(?=[A-Z])", "_", kind.removesuffix("View")).lower()
    tables = Base.metadata.tables
    if stem in tables:
        return tables[stem]
    matches = [t for name, t in tables.items() if name.endswith("_" + stem)]
    return matches[0] if len(matches) == 1 else None


def history_of(uow: UnitOfWork, kind: str, key: Hashable, limit: int = 500) -> RecordHistory:
    """The history of the record behind a list row: its view's class name and the row's key."""
    table = _table_for(kind)
    if table is None or "id" not in table.c:
        raise DomainError("record", "denne listen har ingen historikk i revisjonsloggen")
    record: object = key
    column = next((table.c[c] for c in _NATURAL_KEYS if c in table.c), None)
    if isinstance(key, str) and column is not None:  # a municipality's number, say
        with uow:
            record = uow.session.scalar(select(table.c.id).where(column == key))
        if record is None:
            raise DomainError("record", "fant ikke posten")
    elif isinstance(key, str) and not key.isdigit():
        record = None
    if not isinstance(record, (int, str)) or isinstance(record, bool):
        raise DomainError("record", "denne raden har ingen egen post i revisjonsloggen")
    entries = list_entries(uow, table=table.name, record=str(record), limit=limit)
    return RecordHistory(table.name, str(record), entries)


def verify(uow: UnitOfWork) -> ChainCheck:
    """Walk the whole chain and report the first broken link."""
    with uow:
        report = audit_chain.verify(uow.session.connection())
    return ChainCheck(report.ok, report.entries, report.last_hash, report.broken_id,
                      report.broken_at, report.reason)
