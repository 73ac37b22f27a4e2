"""The feedback list in plain SQL through a DB-API connection (persistence.plain), without
SQLAlchemy or the mapped classes: `nettverk feedback list` runs it on a bare connection, and
services.feedback (the TUI's Tilbakemeldinger) on the unit of work's own
(`UnitOfWork.plain_reader`). The rows become columns and views in services.feedback_table.
tests/cli/test_plain_evaluation.py compares every option and format of the command on both
paths on both databases; tests/integration/test_feedback_list_rows.py checks the views against
the ORM objects'.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from nettverk.domain import rules
from nettverk.domain.norwegian import display_name
from nettverk.domain.values import year_bounds
from nettverk.persistence.plain import PlainReader
from nettverk.services.feedback_table import FeedbackTable, FeedbackView
from nettverk.services.plain_lookups import programme_id


def list_feedback(reader: PlainReader, gathering_id: int | None = None,
                  programme: str | None = None, year: int | None = None,
                  limit: int | None = None, offset: int = 0) -> list[FeedbackView]:
    """Feedback by gathering time (then as registered). Refuses an unknown programme, then a
    year out of range."""
    return feedback_table(reader, gathering_id, programme, year, limit, offset).views()


def feedback_table(reader: PlainReader, gathering_id: int | None = None,
                   programme: str | None = None, year: int | None = None,
                   limit: int | None = None, offset: int = 0) -> FeedbackTable:
    """What `list_feedback` lists (the same rows in the same order), as columns with a view
    made per row only when asked for (`FeedbackTable.view`): for the TUI's Tilbakemeldinger,
    378,000 responses at ten times national scale."""
    conditions: list[str] = []
    params: list[Any] = []
    if gathering_id is not None:
        conditions.append("f.gathering_id = ?")
        params.append(gathering_id)
    if programme:
        conditions.append("g.programme_id = ?")
        params.append(programme_id(reader, programme))
    if year is not None:
        start, end = year_bounds(rules.check_year("year", year) or year)
        conditions += ["g.starts_at >= ?", "g.starts_at < ?"]
        params += [start, end]
    page, page_params = reader.page(limit, offset)
    # Columns, and each gathering, programme and municipality read once and shared by its
    # responses.
    listed = ("FROM feedback f JOIN gathering g ON g.id = f.gathering_id"
              + (" WHERE " + " AND ".join(conditions) if conditions else "")
              + " ORDER BY g.starts_at, f.id" + page)
    found = reader.rows(
        "SELECT f.id, f.gathering_id, f.municipality_id, f.respondent, f.overall, "
        "f.usefulness, f.comment, f.version " + listed, (*params, *page_params))
    if not found:
        return FeedbackTable([], {}, {})
    slugs = dict(reader.rows("SELECT id, slug FROM programme"))
    gatherings: dict[int, tuple[str, datetime, str]] = {
        gid: (title, reader.instant(starts), slugs[pid])
        for gid, title, starts, pid in reader.rows(
            "SELECT id, title, starts_at, programme_id FROM gathering WHERE id IN "
            "(SELECT f.gathering_id " + listed + ")", (*params, *page_params))}
    names: dict[int | None, tuple[str | None, str | None]] = {None: (None, None)}
    if any(r[2] is not None for r in found):
        names.update((mid, (number, display_name(name, sami_name)))
                     for mid, number, name, sami_name in reader.rows(
                         "SELECT id, number, name, sami_name FROM municipality"))
    return FeedbackTable(found, gatherings, names)
