"""The milestone list in plain SQL through a DB-API connection (persistence.plain), without
SQLAlchemy or the mapped classes: `nettverk milestone list` runs it on a bare connection, and
services.milestones (the TUI's Milepæler, every other list of milestones) on the unit of work's
own (`UnitOfWork.plain_reader`). The rows become columns and views in services.milestone_table.
tests/cli/test_plain_milestones.py compares every option and format of the command on both
paths, byte for byte, on both databases; tests/integration/test_scale_queries.py and
test_municipality_query_plans.py watch these statements and their plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from nettverk.domain.network_rules import DUE_SOON_DAYS, MilestoneStatus
from nettverk.domain.rules import parse_enum
from nettverk.persistence.plain import PlainReader
from nettverk.services.milestone_table import MilestoneTable, SharedNames, milestone_columns
from nettverk.services.network_common import today_or
from nettverk.services.overview_views import MilestoneView
from nettverk.services.plain_lookups import municipality_id, programme_id

#: Rows read at a time: the columns of a million milestones are kept, never the rows at once.
BATCH = 20_000


def list_milestones(reader: PlainReader, programme: str | None = None,
                    municipality: str | None = None, overdue: bool = False,
                    status: str | None = None, today: date | None = None,
                    limit: int | None = None, offset: int = 0,
                    include_next_actions: bool = True) -> list[MilestoneView]:
    """Milestones and follow-up next actions by due date. `overdue`: due before today and not
    done. `status`: upcoming, due_soon, overdue or done. Refuses an unknown status, programme
    or municipality, in that order."""
    return milestone_table(reader, programme, municipality, overdue, status, today, limit,
                           offset, include_next_actions).views()


def status_sql(due: str, done_on: str, status: MilestoneStatus,
               today: date) -> tuple[str, tuple[Any, ...]]:
    """The SQL condition for a derived status on these columns, with its parameters (as
    services.milestones.status_condition)."""
    if status is MilestoneStatus.done:
        return f"{done_on} IS NOT NULL", ()
    if status is MilestoneStatus.overdue:
        return f"{done_on} IS NULL AND {due} < ?", (today,)
    soon = today + timedelta(days=DUE_SOON_DAYS)
    if status is MilestoneStatus.due_soon:
        return f"{done_on} IS NULL AND {due} >= ? AND {due} <= ?", (today, soon)
    return f"{done_on} IS NULL AND {due} > ?", (soon,)


def milestone_table(reader: PlainReader, programme: str | None = None,
                    municipality: str | None = None, overdue: bool = False,
                    status: str | None = None, today: date | None = None,
                    limit: int | None = None, offset: int = 0,
                    include_next_actions: bool = True) -> MilestoneTable:
    """What `list_milestones` lists, as columns with a view made per row only when asked for
    (`MilestoneTable.view`): for a list of 100,000 rows."""
    today = today_or(today)
    wanted = MilestoneStatus.overdue if overdue else (
        parse_enum(MilestoneStatus, "status", status) if status else None)
    prog = programme_id(reader, programme) if programme else None
    mun = municipality_id(reader, municipality) if municipality else None
    window = None if limit is None else offset + limit
    # An id as text, ordered character by character (as Python orders strings) on both
    # databases: the list's order within a day is by key as text, "milestone:10" first.
    as_text = "CAST({} AS TEXT)" + (' COLLATE "C"' if reader.dialect == "postgresql" else "")

    conditions: list[str] = []
    params: list[Any] = []
    if prog is not None:
        conditions.append("m.programme_id = ?")
        params.append(prog)
    if mun is not None:
        # The municipality's plan documents first (a few ids), then an OR of two indexed
        # columns of milestone itself: both databases combine the two index lookups. An OR
        # across the outer join walks the whole table (bench/README.md, finding 2), and an
        # `IN (… UNION …)` of ids makes PostgreSQL read the whole table at national scale.
        plans = [id for id, in reader.rows(
            "SELECT id FROM plan_document WHERE municipality_id = ?", (mun,))]
        conditions.append(f"(m.municipality_id = ? OR m.plan_document_id IN "
                          f"({', '.join('?' * len(plans)) or 'NULL'}))")
        params += [mun, *plans]
    if wanted is not None:
        condition, values = status_sql("m.due", "m.done_on", wanted, today)
        conditions.append(condition)
        params += values
    # In the list's order (by deadline, then by key as text), sorted by the database:
    # MilestoneTable then only merges the two kinds. The whole list is sorted without the
    # deadline's index (`coalesce`: walking the index reads the table in index order, twice
    # the time of a scan and a sort).
    # A plan document's municipality is looked up once per document (SharedNames), not
    # joined on every row (a million rows: a third of a second).
    sql = ("SELECT m.id, m.title, m.due, m.done_on, m.plan_document_id, m.version, "
           "m.programme_id, m.municipality_id, m.responsible_id FROM milestone m"
           + _where(conditions)
           + f" ORDER BY {'m.due' if window is not None else 'coalesce(m.due, m.due)'}, "
           + as_text.format("m.id"))
    if window is not None:
        sql += " LIMIT ?"
        params.append(window)
    m_columns = milestone_columns(reader.batches(sql, params, BATCH))

    f_rows: Sequence[Any] = []
    if include_next_actions:
        conditions, params = ["f.next_action_due IS NOT NULL"], []
        if prog is not None:
            conditions.append("f.programme_id = ?")
            params.append(prog)
        if mun is not None:
            conditions.append("f.municipality_id = ?")
            params.append(mun)
        if wanted is not None:
            condition, values = status_sql("f.next_action_due", "f.next_action_done_on",
                                           wanted, today)
            conditions.append(condition)
            params += values
        sql = ("SELECT f.id, f.next_action, f.next_action_due, f.next_action_done_on, "
               "f.participants, f.version, f.programme_id, f.municipality_id FROM follow_up f"
               + _where(conditions) + " ORDER BY f.next_action_due, " + as_text.format("f.id"))
        if window is not None:
            sql += " LIMIT ?"
            params.append(window)
        f_rows = [(id, action, reader.day(due), reader.as_date(done_on), *rest)
                  for id, action, due, done_on, *rest in reader.rows(sql, params)]

    shared = SharedNames(today)
    shared.look_up(
        reader, programmes=set(m_columns[6]) | {r[6] for r in f_rows},
        plan_documents=set(m_columns[4]),
        municipalities=set(m_columns[7]) | {r[7] for r in f_rows},
        persons=set(m_columns[8]))
    return MilestoneTable(m_columns, f_rows, shared, offset, window)


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""
