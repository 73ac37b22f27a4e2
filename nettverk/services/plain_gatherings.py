"""The gathering list in plain SQL through a DB-API connection (persistence.plain), without
SQLAlchemy or the mapped classes: `nettverk gathering list` runs it on a bare connection, and
services.gatherings (the TUI's Samlinger, every other list of gatherings) on the unit of work's
own (`UnitOfWork.plain_reader`). The rows become views and warnings through
services.gathering_rules. tests/cli/test_plain_gatherings.py compares every option and format
of the command on both paths, byte for byte, on both databases; tests/integration/
test_scale_queries.py and test_municipality_query_plans.py watch these statements' plans.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from nettverk.domain.network_rules import GatheringMode, GatheringStatus
from nettverk.domain.norwegian import display_name
from nettverk.domain.values import year_bounds
from nettverk.persistence.plain import PlainReader
from nettverk.services import gathering_rules
from nettverk.services.gathering_rules import (
    GatheringTable,
    GatheringView,
    GatheringWarnings,
    ListRow,
    ProgrammeRow,
)
from nettverk.services.network_common import parse_enum
from nettverk.services.plain_lookups import municipality_id, programme_id

#: The enumerations' members by stored value (a dict lookup per row instead of a call).
_MODES = {mode.value: mode for mode in GatheringMode}
_STATUSES = {status.value: status for status in GatheringStatus}

_COLUMNS = ("g.id, g.uid, g.title, g.theme, g.programme_id, g.starts_at, g.ends_at, g.mode, "
            "g.location, g.video_url, g.agenda, g.status, g.revision, g.version, g.held_on, "
            "g.cancelled_on")


def list_gatherings(reader: PlainReader, programme: str | None = None,
                    municipality: str | None = None, year: int | None = None,
                    status: str | None = None, limit: int | None = None,
                    offset: int = 0) -> list[GatheringView]:
    """Gatherings by start time, with their warnings; with `municipality`, its own and its
    programmes' shared ones. Refuses an unknown programme, year, status or municipality in
    that order."""
    return gathering_table(reader, programme, municipality, year, status, limit,
                           offset).views()


def gathering_table(reader: PlainReader, programme: str | None = None,
                    municipality: str | None = None, year: int | None = None,
                    status: str | None = None, limit: int | None = None,
                    offset: int = 0) -> GatheringTable:
    """What `list_gatherings` lists, its warnings written only when a row's view is made."""
    conditions: list[str] = []
    params: list[Any] = []
    if programme:
        conditions.append("g.programme_id = ?")
        params.append(programme_id(reader, programme))
    if year is not None:
        lo, hi = year_bounds(year)
        conditions += ["g.starts_at >= ?", "g.starts_at < ?"]
        params += [lo, hi]
    if status:
        conditions.append("g.status = ?")
        params.append(parse_enum(GatheringStatus, "status", status).value)
    page = _page(reader, limit, offset)
    if municipality:
        mid = municipality_id(reader, municipality)
        extra = "".join(" AND " + c for c in conditions)
        both = (f"SELECT g.id, g.starts_at FROM gathering g WHERE g.municipality_id = ?{extra} "
                "UNION ALL SELECT g.id, g.starts_at FROM gathering g "
                "WHERE g.municipality_id IS NULL AND g.programme_id IN (SELECT "
                f"pa.programme_id FROM participation pa WHERE pa.municipality_id = ?){extra}")
        conditions = [f"g.id IN (SELECT b.id FROM ({both}) b ORDER BY b.starts_at, b.id{page})"]
        params = [mid, *params, mid, *params, *_page_params(limit, offset)]
        page = ""
    else:
        params += _page_params(limit, offset)
    found = reader.rows(
        f"SELECT {_COLUMNS}, m.number, m.name, m.sami_name FROM gathering g "
        "LEFT OUTER JOIN municipality m ON m.id = g.municipality_id"
        + (" WHERE " + " AND ".join(conditions) if conditions else "")
        + f" ORDER BY g.starts_at, g.id{page}", params)
    programmes = {r[0]: ProgrammeRow(r[0], r[1], reader.day(r[2]), reader.as_date(r[3]), r[4])
                  for r in reader.rows(
                      "SELECT id, slug, starts, ends, gatherings_per_year_max FROM programme")
                  } if found else {}
    instant, day, modes, statuses = reader.instant, reader.as_date, _MODES, _STATUSES
    names: dict[tuple[str, str | None], str] = {}
    rows = [ListRow(
        id=r[0], uid=r[1], title=r[2], theme=r[3], programme_id=r[4],
        starts_at=instant(r[5]), ends_at=instant(r[6]),
        mode=modes[r[7]], location=r[8], video_url=r[9], agenda=r[10],
        status=statuses[r[11]], revision=r[12], version=r[13],
        held_on=None if r[14] is None else day(r[14]),
        cancelled_on=None if r[15] is None else day(r[15]),
        programme=programmes[r[4]], number=r[16],
        municipality_name=None if r[16] is None else names.get((r[17], r[18])) or
        names.setdefault((r[17], r[18]), display_name(r[17], r[18])),
    ) for r in found]
    whole = not conditions and limit is None and not offset
    return GatheringTable(rows, GatheringWarnings(rows, _others_in(rows) if whole
                                                  else _others(reader, rows)))


class _Other(NamedTuple):
    id: int
    programme_id: int
    slug: str
    title: str
    starts_at: datetime
    ends_at: datetime


def _others_in(rows: list[ListRow]) -> list[_Other]:
    """`_others` of a list of every gathering, taken from its rows (in start order) instead
    of reading the same gatherings again."""
    span = gathering_rules.warning_span(rows)
    if span is None:
        return []
    lo, hi = span
    cancelled = GatheringStatus.cancelled
    return [_Other(r.id, r.programme_id, r.programme.slug, r.title, r.starts_at, r.ends_at)
            for r in rows if r.status is not cancelled and r.starts_at < hi and r.ends_at > lo]


def _others(reader: PlainReader, rows: list[ListRow]) -> list[_Other]:
    """The other gatherings of the rows' years (as services.gatherings._warnings' statement):
    not cancelled, in start order."""
    span = gathering_rules.warning_span(rows)
    if span is None:
        return []
    lo, hi = span
    return [_Other(r[0], r[1], r[2], r[3], reader.instant(r[4]), reader.instant(r[5]))
            for r in reader.rows(
                "SELECT g.id, g.programme_id, p.slug, g.title, g.starts_at, g.ends_at "
                "FROM gathering g JOIN programme p ON g.programme_id = p.id "
                "WHERE g.status != ? AND g.starts_at < ? AND g.ends_at > ? "
                "ORDER BY g.starts_at", (GatheringStatus.cancelled.value, hi, lo))]


def _page(reader: PlainReader, limit: int | None, offset: int) -> str:
    if limit is not None:
        return " LIMIT ?" + (" OFFSET ?" if offset else "")
    if offset:
        return (" LIMIT -1" if reader.dialect == "sqlite" else "") + " OFFSET ?"
    return ""


def _page_params(limit: int | None, offset: int) -> list[int]:
    return ([limit] if limit is not None else []) + ([offset] if offset else [])


