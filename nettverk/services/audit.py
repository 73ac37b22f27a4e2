"""Reading the audit log: entries filtered by table, record, user and time, and the chain check."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, select

from nettverk.domain.errors import DomainError
from nettverk.persistence import audit_chain
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_audit
from nettverk.services.audit_views import AuditEntryView as AuditEntryView
from nettverk.services.audit_views import summarise as summarise
from nettverk.services.plain_audit import MAX_LIMIT as MAX_LIMIT


@dataclass(frozen=True)
class ChainCheck:
    """The result of `audit verify`."""

    ok: bool
    entries: int
    last_hash: str
    broken_id: int | None
    broken_at: datetime | None
    reason: str | None


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
    """Entries matching every filter given, newest first (`end` is exclusive). Read in plain
    SQL on the unit of work's connection (services.plain_audit, what `nettverk audit list`
    runs without SQLAlchemy); bad filters are refused before the user's access is checked."""
    plain_audit.check_filters(start, end, limit)
    with uow:
        return plain_audit.list_entries(uow.plain_reader(), table=table, record=record,
                                        user=user, start=start, end=end, limit=limit)


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
