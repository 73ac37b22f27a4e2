"""The audit log's hash chain: appending entries one after another, redaction and verification.

Each entry carries the hash of the entry before it (`prev_hash`) and its own `entry_hash`, a
SHA-256 of a canonical serialisation of the row. The `changes` enter through `changes_hash`, a
digest of the changes as first written, so that a GDPR erasure may blank the changes of an old
entry without breaking the chain; such an entry is accepted only when a later, chained `erase`
entry names it. The one-row table `audit_chain` holds the chain's head (last id and hash): it
serialises appends (a row lock on PostgreSQL, SQLite serialises writes anyway) and shows when
entries at the end were removed. On PostgreSQL every append and redaction goes through the
SECURITY DEFINER functions created by migration 0007, so application logins need no write
privilege on the audit tables and the database records the login itself (`db_user`).
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, inspect, select, text

GENESIS = "0" * 64
ADVISORY_LOCK_KEY = 7_341_013  # pg_advisory_xact_lock key of the audit chain's appenders
REDACTED_IDS_KEY = "redacted_entries"  # in an erase entry's changes: the entries it redacted


def changes_digest(changes: Any) -> str:
    """The SHA-256 of a canonical JSON serialisation of an entry's changes."""
    canonical = json.dumps(changes, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _moment(at: datetime | str) -> datetime:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _time(at: datetime | str) -> str:
    at = _moment(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def entry_digest(prev_hash: str, row: Mapping[Any, Any]) -> str:
    """The hash of one entry: its predecessor's hash and the entry's fields, canonically."""
    fields = [prev_hash, _time(row["at"]), row["user"], row.get("db_user"), row["action"],
              row["table_name"], row["row_id"], row["changes_hash"]]
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_CHAINED: weakref.WeakSet[Engine] = weakref.WeakSet()


def _chained_schema(conn: Connection) -> bool:
    """Whether the database has the chain (migration 0007); an older schema is being upgraded."""
    if conn.engine in _CHAINED:
        return True
    if inspect(conn).has_table("audit_chain"):
        _CHAINED.add(conn.engine)
        return True
    return False


def _is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def append(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Append entries (at, user, action, table_name, row_id, changes) to the chain, in order."""
    if not rows:
        return
    if not _chained_schema(conn):
        from nettverk.persistence.audit import AuditEntry

        conn.execute(insert(AuditEntry), [dict(r) for r in rows])  # only the old columns
        return
    if _is_postgres(conn):
        # Two writers must not chain onto the same predecessor: the second waits here until
        # the first commits, then reads the head it left.
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
        head = conn.execute(text(
            "SELECT last_hash, session_user FROM audit_chain WHERE id = 1")).first()
        prev, db_user = (head[0], head[1]) if head else (GENESIS, None)
    else:
        head = conn.execute(text("SELECT last_hash FROM audit_chain WHERE id = 1")).first()
        prev, db_user = (head[0] if head else GENESIS), None
    chained: list[dict[str, Any]] = []
    for row in rows:
        entry = dict(row, db_user=db_user, changes_hash=changes_digest(row["changes"]),
                     prev_hash=prev)
        entry["entry_hash"] = prev = entry_digest(entry["prev_hash"], entry)
        chained.append(entry)
    if _is_postgres(conn):
        conn.execute(text(
            "SELECT nettverk_audit_append(:at, :user, :action, :table_name, :row_id, "
            "CAST(:changes AS json), :changes_hash, :prev_hash, :entry_hash)"),
            [dict(e, changes=json.dumps(e["changes"], ensure_ascii=False)) for e in chained])
        return
    from nettverk.persistence.audit import AuditEntry  # the model; imported late (no cycle)

    conn.execute(insert(AuditEntry), [
        {k: e[k] for k in ("at", "user", "db_user", "action", "table_name", "row_id", "changes",
                           "changes_hash", "prev_hash", "entry_hash")} for e in chained])
    # SQLite: the trigger audit_chain_follows_log moves the head to each inserted entry.


def redact(conn: Connection, entry_id: int, changes: Any) -> None:
    """Replace an old entry's changes (GDPR erasure); its hashes stay as they were."""
    if _is_postgres(conn):
        conn.execute(text("SELECT nettverk_audit_redact(:id, CAST(:changes AS json))"),
                     {"id": entry_id, "changes": json.dumps(changes, ensure_ascii=False)})
        return
    conn.execute(text("UPDATE audit_chain SET unlocked = 1 WHERE id = 1"))
    conn.execute(text("UPDATE audit_log SET changes = :c WHERE id = :id"),
                 {"id": entry_id, "c": json.dumps(changes, ensure_ascii=False)})
    conn.execute(text("UPDATE audit_chain SET unlocked = 0 WHERE id = 1"))


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the chain: the number of entries and the first broken link."""

    entries: int
    last_hash: str
    broken_id: int | None = None
    broken_at: datetime | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """True when every link holds."""
        return self.reason is None


def _redacted_ids(changes: Any) -> list[int]:
    pair = changes.get(REDACTED_IDS_KEY) if isinstance(changes, dict) else None
    if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], list):
        return [i for i in pair[1] if isinstance(i, int)]
    return []


def check(rows: Iterable[Mapping[Any, Any]], head: tuple[Any, Any] | None) -> ChainReport:
    """Walk entries in id order against the chain's head; report the first broken link.

    `rows` need id, at (datetime or ISO text), user, db_user, action, table_name, row_id,
    changes (dict or JSON text) and the three hashes; `head` is (last_id, last_hash) or None.
    """
    prev = GENESIS
    count = 0
    last_id: Any = None
    redacted: set[int] = set()
    altered: list[tuple[int, Any]] = []  # changes differ from their hash: fine if redacted
    broken: ChainReport | None = None
    for row in rows:
        changes = row["changes"]
        if isinstance(changes, str):
            changes = json.loads(changes)
        reason = None
        if row["prev_hash"] != prev:
            reason = ("lenken til forrige oppføring stemmer ikke (en oppføring før den er "
                      "fjernet, satt inn eller endret)")
        elif row["entry_hash"] != entry_digest(prev, row):
            reason = "oppføringen er endret etter at den ble skrevet"
        if reason:
            broken = ChainReport(count, prev, row["id"], _moment(row["at"]), reason)
            break
        if row["changes_hash"] != changes_digest(changes):
            altered.append((row["id"], row["at"]))
        if row["action"] == "erase":
            redacted.update(_redacted_ids(changes))
        count += 1
        prev = row["entry_hash"]
        last_id = row["id"]
    for entry_id, at in altered:
        if entry_id not in redacted:
            return ChainReport(count, prev, entry_id, _moment(at),
                               "endringene i oppføringen er endret etter at den ble skrevet")
    if broken is not None:
        return broken
    if head is None:
        return ChainReport(count, prev, None, None, "kjedens hode (audit_chain) mangler")
    if head[0] != last_id or head[1] != prev:
        return ChainReport(count, prev, head[0], None,
                           "kjedens hode viser til en annen siste oppføring: oppføringer på "
                           "slutten er fjernet")
    return ChainReport(count, prev)


def verify(conn: Connection) -> ChainReport:
    """Check the chain of the database on this connection."""
    from nettverk.persistence.audit import AuditEntry

    head = conn.execute(text("SELECT last_id, last_hash FROM audit_chain WHERE id = 1")).first()
    rows = conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.id)).mappings()
    return check(rows, None if head is None else (head[0], head[1]))
