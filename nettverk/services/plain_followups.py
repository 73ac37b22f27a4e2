"""The follow-up log in plain SQL through a DB-API connection (persistence.plain), without
SQLAlchemy or the mapped classes: `nettverk followup list` runs it on a bare connection, and
services.followups (the TUI's Oppfølging) on the unit of work's own
(`UnitOfWork.plain_reader`). tests/cli/test_plain_followups.py compares every option and
format of the command on both paths on both databases; tests/integration/
test_followup_list_rows.py checks the views against the ORM objects'.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nettverk.domain.network_rules import FOLLOW_UP_KIND_LABELS, FollowUpKind, milestone_status
from nettverk.domain.norwegian import display_name
from nettverk.persistence.plain import PlainReader
from nettverk.services.followup_views import FollowUpView
from nettverk.services.network_common import today_or
from nettverk.services.plain_lookups import municipality_id, programme_id


def list_follow_ups(reader: PlainReader, municipality: str | None = None,
                    programme: str | None = None, include_exempt: bool = True,
                    today: date | None = None, limit: int | None = None,
                    offset: int = 0) -> list[FollowUpView]:
    """The follow-up log, newest first (then by municipality number, the latest logged
    first). Refuses an unknown municipality or programme, in that order."""
    today = today_or(today)
    conditions: list[str] = []
    params: list[Any] = []
    if municipality:
        conditions.append("f.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    if programme:
        conditions.append("f.programme_id = ?")
        params.append(programme_id(reader, programme))
    if not include_exempt:
        conditions.append("f.exempt_from_public = ?")
        params.append(False)
    page, page_params = reader.page(limit, offset)
    # Columns, with each municipality's and programme's names looked up once and shared (the
    # TUI's Oppfølging reads 10,000 at national scale).
    found = reader.rows(
        "SELECT f.id, f.municipality_id, f.programme_id, f.\"on\", f.kind, f.participants, "
        "f.summary, f.next_action, f.next_action_due, f.next_action_done_on, "
        "f.exempt_from_public, f.version FROM follow_up f "
        "JOIN municipality mu ON mu.id = f.municipality_id"
        + (" WHERE " + " AND ".join(conditions) if conditions else "")
        + " ORDER BY f.\"on\" DESC, mu.number, f.id DESC" + page, (*params, *page_params))
    if not found:
        return []
    municipalities = {mid: (number, name, sami_name, display_name(name, sami_name))
                      for mid, number, name, sami_name in reader.rows(
                          "SELECT id, number, name, sami_name FROM municipality")}
    slugs: dict[int | None, str | None] = {None: None}
    slugs.update(reader.rows("SELECT id, slug FROM programme"))
    days: dict[Any, date | None] = {None: None}
    kinds = {kind.value: (kind.value, FOLLOW_UP_KIND_LABELS[kind]) for kind in FollowUpKind}
    statuses: dict[tuple[date, bool], str] = {}
    views = []
    for (id, mid, pid, on, kind, participants, summary, action, due, done_on, exempt,
         version) in found:
        on, due, done_on = (days[v] if v in days else days.setdefault(v, reader.as_date(v))
                            for v in (on, due, done_on))
        assert on is not None  # NOT NULL
        number, name, sami_name, shown = municipalities[mid]
        status = None
        if due is not None:
            status = statuses.get((due, done_on is None))
            if status is None:
                status = statuses[(due, done_on is None)] = milestone_status(
                    due, done_on, today).value
        kind_value, kind_label = kinds[kind]
        views.append(FollowUpView(
            id=id, municipality=number, name=name, sami_name=sami_name, display_name=shown,
            programme=slugs[pid], on=on, kind=kind_value, kind_label=kind_label,
            participants=participants, summary=summary, next_action=action,
            next_action_due=due, next_action_done_on=done_on, next_action_status=status,
            exempt_from_public=bool(exempt), version=version))
    return views
