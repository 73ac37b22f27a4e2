"""The audit log's entries in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk audit list` runs it on a bare connection,
and services.audit (the TUI's Historikk) on the unit of work's own
(`UnitOfWork.plain_reader`). tests/cli/test_plain_audit.py compares every option and format of
the command on both paths on both databases.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from nettverk.domain.errors import DomainError
from nettverk.persistence.plain import PlainReader
from nettverk.services.audit_views import ACTION_LABELS, AuditEntryView, summarise

MAX_LIMIT = 10_000


def check_filters(start: datetime | None, end: datetime | None, limit: int) -> None:
    """Refuse a limit out of range, and a period that ends before it starts (checked before
    anything is read, so before the user's access)."""
    if limit < 1 or limit > MAX_LIMIT:
        raise DomainError("limit", f"må være mellom 1 og {MAX_LIMIT}")
    if start is not None and end is not None and end <= start:
        raise DomainError("to", "må være etter --from")


def list_entries(
    reader: PlainReader,
    *,
    table: str | None = None,
    record: str | None = None,
    user: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = 100,
) -> list[AuditEntryView]:
    """Entries matching every filter given, newest first (`end` is exclusive)."""
    check_filters(start, end, limit)
    conditions: list[str] = []
    params: list[Any] = []
    if table is not None:
        conditions.append("table_name = ?")
        params.append(table.strip())
    if record is not None:
        conditions.append("row_id = ?")
        params.append(record.strip())
    if user is not None:
        conditions.append("(\"user\" = ? OR db_user = ?)")
        params += [user.strip(), user.strip()]
    if start is not None:
        conditions.append("\"at\" >= ?")
        params.append(start)
    if end is not None:
        conditions.append("\"at\" < ?")
        params.append(end)
    views = []
    for id, at, by, db_user, action, table_name, row_id, changes in reader.rows(
            "SELECT id, \"at\", \"user\", db_user, action, table_name, row_id, changes "
            "FROM audit_log" + (" WHERE " + " AND ".join(conditions) if conditions else "")
            + " ORDER BY id DESC LIMIT ?", (*params, limit)):
        found = (json.loads(changes) if isinstance(changes, (str, bytes)) else changes) or {}
        views.append(AuditEntryView(
            id=id, at=reader.instant(at), user=by, db_user=db_user, action=action,
            action_label=ACTION_LABELS.get(action, action), table=table_name, record=row_id,
            changes=found, summary=summarise(found)))
    return views
