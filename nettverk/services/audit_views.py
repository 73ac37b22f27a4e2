"""The audit log's view and its one-line summary of a change, importable without SQLAlchemy
(services.plain_audit builds the view for `nettverk audit list` and the TUI's Historikk;
services.audit re-exports both).

The marks of redacted values are those of nettverk.persistence.audit and audit_chain, which
import SQLAlchemy; tests/cli/test_plain_audit.py checks that they stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

#: What a redacted value reads (persistence.audit.REDACTED).
REDACTED = "[slettet]"
#: In an erase entry's changes: the entries it redacted (persistence.audit_chain).
REDACTED_IDS_KEY = "redacted_entries"
#: The actions' words.
ACTION_LABELS = {"insert": "opprettet", "update": "endret", "delete": "slettet",
                 "erase": "personsletting"}


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


def _value(value: Any) -> str:
    if value is None:
        return "–"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def summarise(changes: dict[str, Any]) -> str:
    """The changed fields in one line: `field: old → new; …`."""
    parts = []
    for key, pair in sorted(changes.items()):
        if key == REDACTED_IDS_KEY:
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
