"""The capacity sessions' list in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk capacity list` runs it on a bare
connection, and services.capacity (the TUI's Evaluering, every other list of sessions) on the
unit of work's own (`UnitOfWork.plain_reader`). tests/cli/test_plain_evaluation.py compares
every option and format of the command on both paths on both databases;
tests/integration/test_capacity_list_rows.py checks the views against the ORM objects'.
"""

from __future__ import annotations

from typing import Any

from nettverk.domain.evaluation_rules import CapacityComponent
from nettverk.persistence.plain import PlainReader
from nettverk.services.capacity_views import AssessmentView
from nettverk.services.plain_lookups import municipality_id, programme_id


def list_assessments(reader: PlainReader, municipality: str | None = None,
                     programme: str | None = None, limit: int | None = None,
                     offset: int = 0) -> list[AssessmentView]:
    """Sessions by municipality number and date. Refuses an unknown municipality or programme,
    in that order."""
    conditions: list[str] = []
    params: list[Any] = []
    if municipality:
        conditions.append("a.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    if programme:
        conditions.append("a.programme_id = ?")
        params.append(programme_id(reader, programme))
    page, page_params = reader.page(limit, offset)
    params += page_params
    # Columns, not sessions with their participants and consensus: the TUI's Evaluering reads
    # every session (1,300 at national scale, 6,000 participants and consensus scores).
    listed = ("FROM capacity_assessment a JOIN municipality mu ON mu.id = a.municipality_id"
              + (" WHERE " + " AND ".join(conditions) if conditions else "")
              + " ORDER BY mu.number, a.held_on, a.id" + page)
    found = reader.rows("SELECT a.id, a.municipality_id, a.programme_id, a.held_on, "
                        "a.facilitator, a.notes, a.version " + listed, params)
    if not found:
        return []
    ids = "(SELECT a.id " + listed + ")"
    counts: dict[int, int] = dict(reader.rows(
        "SELECT assessment_id, count(*) FROM capacity_participant WHERE assessment_id IN "
        + ids + " GROUP BY assessment_id", params))
    order = {c.value: i for i, c in enumerate(CapacityComponent)}
    agreed: dict[int, list[tuple[str, int]]] = {}
    for aid, component, score in reader.rows(
            "SELECT assessment_id, component, score FROM capacity_consensus "
            "WHERE assessment_id IN " + ids, params):
        agreed.setdefault(aid, []).append((component, score))
    names = {mid: (number, name, sami_name,
                   f"{name} – {sami_name}" if sami_name else name)
             for mid, number, name, sami_name in reader.rows(
                 "SELECT id, number, name, sami_name FROM municipality")}
    slugs: dict[int | None, str | None] = {None: None}
    slugs.update(reader.rows("SELECT id, slug FROM programme"))
    views = []
    for aid, mid, pid, held_on, facilitator, notes, version in found:
        number, name, sami_name, shown = names[mid]
        day = reader.day(held_on)
        views.append(AssessmentView(
            id=aid, municipality=number, name=name, sami_name=sami_name, display_name=shown,
            programme=slugs[pid], held_on=day, year=day.year, facilitator=facilitator,
            notes=notes, participants=counts.get(aid, 0),
            consensus={c: score for c, score in
                       sorted(agreed.get(aid, []), key=lambda cs: order[cs[0]])},
            version=version))
    return views
