"""The priority sessions' list in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk priority list` runs it on a bare
connection, and services.priority (the TUI's Evaluering, the reports) on the unit of work's own
(`UnitOfWork.plain_reader`). tests/cli/test_plain_evaluation.py compares every option and
format of the command on both paths on both databases, and the views with the ORM objects'.
"""

from __future__ import annotations

from typing import Any

from nettverk.persistence.plain import PlainReader
from nettverk.services.plain_lookups import municipality_id, programme_id
from nettverk.services.priority_views import SessionView


def list_sessions(reader: PlainReader, municipality: str | None = None,
                  programme: str | None = None) -> list[SessionView]:
    """Sessions, newest first (the latest registered first on a day). Refuses an unknown
    municipality or programme, in that order."""
    conditions: list[str] = []
    params: list[Any] = []
    if municipality:
        conditions.append("s.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    if programme:
        conditions.append("s.programme_id = ?")
        params.append(programme_id(reader, programme))
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    found = reader.rows(
        "SELECT s.id, s.title, s.held_on, s.municipality_id, s.programme_id, s.version "
        "FROM priority_session s" + where + " ORDER BY s.held_on DESC, s.id DESC", params)
    if not found:
        return []
    factors: dict[int, int] = dict(reader.rows(
        "SELECT session_id, count(*) FROM priority_factor WHERE session_id IN "
        "(SELECT s.id FROM priority_session s" + where + ") GROUP BY session_id", params))
    names: dict[int | None, tuple[str | None, str | None]] = {None: (None, None)}
    if any(r[3] is not None for r in found):
        names.update((mid, (number, f"{name} – {sami_name}" if sami_name else name))
                     for mid, number, name, sami_name in reader.rows(
                         "SELECT id, number, name, sami_name FROM municipality"))
    slugs: dict[int | None, str | None] = {None: None}
    slugs.update(reader.rows("SELECT id, slug FROM programme"))
    return [SessionView(sid, title, reader.day(held_on), *names[mid], slugs[pid],
                        factors.get(sid, 0), version)
            for sid, title, held_on, mid, pid, version in found]
