"""The audit log: every insert, update and delete, with who and when."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from nettverk.domain.base import Base, Entity, utcnow
from nettverk.persistence import audit_chain

SESSION_USER_KEY = "nettverk_user"
SESSION_REDACT_KEY = "nettverk_redact"  # {(table, id)} whose old and new values must not be logged
REDACTED = "[slettet]"
_PENDING_KEY = "nettverk_audit_pending"  # entries of this transaction, chained at commit
_SKIPPED_FIELDS = {"created_at", "updated_at", "version"}


class AuditEntry(Base):
    """One recorded change of one row."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_table_name_row_id", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(100))
    row_id: Mapped[str] = mapped_column(String(100))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    db_user: Mapped[str | None] = mapped_column(String(200))  # the PostgreSQL login
    changes_hash: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHead(Base):
    """The audit chain's head (one row): the last entry and its hash; also the append lock."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int | None] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    unlocked: Mapped[bool] = mapped_column(Boolean)  # true only inside a redaction


class AuditAction(enum.StrEnum):
    """What happened to the row."""

    insert = "insert"
    update = "update"
    delete = "delete"


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a column value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _changes(obj: Entity, action: AuditAction) -> dict[str, Any]:
    state = inspect(obj)
    result: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIPPED_FIELDS:
            continue
        history = state.attrs[key].history
        if action is AuditAction.insert:
            value = getattr(obj, key)
            if value is not None:
                result[key] = [None, _plain(value)]
        elif action is AuditAction.delete:
            value = state.dict.get(key)
            if value is not None:
                result[key] = [_plain(value), None]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _plain(old) != _plain(new):
                result[key] = [_plain(old), _plain(new)]
    return result


def _record(session: Session, _flush_context: Any) -> None:
    user = session.info.get(SESSION_USER_KEY, "ukjent")
    rows: list[dict[str, Any]] = []
    groups = (
        (session.new, AuditAction.insert),
        (session.dirty, AuditAction.update),
        (session.deleted, AuditAction.delete),
    )
    for objects, action in groups:
        for obj in objects:
            if not isinstance(obj, Entity):
                continue
            if action is AuditAction.update and not session.is_modified(obj):
                continue
            changes = _changes(obj, action)
            if action is AuditAction.update and not changes:
                continue
            if (obj.__tablename__, obj.id) in session.info.get(SESSION_REDACT_KEY, ()):
                changes = {key: [REDACTED, REDACTED] for key in changes}
            rows.append({
                "at": utcnow(), "user": user, "action": action.value,
                "table_name": obj.__tablename__, "row_id": str(obj.id), "changes": changes,
            })
    if rows:
        session.info.setdefault(_PENDING_KEY, []).extend(rows)


def queue(session: Session, entry: dict[str, Any]) -> None:
    """Add an entry (at, user, action, table_name, row_id, changes) written at commit."""
    session.info.setdefault(_PENDING_KEY, []).append(entry)


def _write_pending(session: Session) -> None:
    # The entries join the chain at commit, in the same transaction: the chain's lock is then
    # held only from here to the commit, never while the use case waits for other rows.
    session.flush()
    rows = session.info.pop(_PENDING_KEY, None)
    if rows:
        audit_chain.append(session.connection(), rows)


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)


def install(session_class: type[Session]) -> None:
    """Record every change flushed by sessions of this class."""
    for name, listener in (("after_flush", _record), ("before_commit", _write_pending),
                           ("after_rollback", _forget_pending)):
        if not event.contains(session_class, name, listener):
            event.listen(session_class, name, listener)
