"""The 10-point model's list in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk ten-point list` runs it on a bare
connection, and services.ten_point (the TUI's 10-punktsmodellen, the forms) on the unit of
work's own (`UnitOfWork.plain_reader`). tests/cli/test_plain_ten_point.py compares every
option and format of the command on both paths on both databases.
"""

from __future__ import annotations

from datetime import date

from nettverk.domain.norwegian import display_name
from nettverk.domain.register_words import ParticipationStatus
from nettverk.persistence.plain import PlainReader
from nettverk.services.plain_lookups import municipality_id, programme_id
from nettverk.services.ten_point_views import (
    STATUS_LABELS,
    STEP_CODES,
    STEP_LABELS,
    TenPointStepView,
)

_ORDER = {code: index for index, code in enumerate(STEP_CODES)}
#: A recorded step: its id, status, date, notes and version.
_Recorded = tuple[int, str, date | None, str | None, int]


def list_steps(reader: PlainReader, municipality: str | None = None,
               programme: str | None = None) -> list[TenPointStepView]:
    """The ten steps of a municipality (or of each participant in a programme, withdrawn ones
    left out), in the model's order, «ikke startet» where nothing is recorded; with neither,
    every recorded step of every municipality. The municipality wins when both are given."""
    columns = "t.id, t.municipality_id, t.step, t.status, t.\"on\", t.notes, t.version"
    if municipality is None and programme is None:
        found = reader.rows(
            f"SELECT {columns}, m.number, m.name, m.sami_name FROM ten_point_step t "
            "JOIN municipality m ON m.id = t.municipality_id ORDER BY m.number, t.id")
        found.sort(key=lambda r: (r[7], _ORDER[r[2]]))  # stable: the model's order per number
        return [_view(r[7], display_name(r[8], r[9]), r[2], (r[0], r[3], reader.as_date(r[4]),
                                                             r[5], r[6])) for r in found]
    if municipality is not None:
        chosen = reader.rows("SELECT id, number, name, sami_name FROM municipality WHERE id = ?",
                             (municipality_id(reader, municipality),))
    else:
        chosen = reader.rows(
            "SELECT m.id, m.number, m.name, m.sami_name FROM municipality m "
            "JOIN participation p ON p.municipality_id = m.id "
            "WHERE p.programme_id = ? AND p.status != ? ORDER BY m.number",
            (programme_id(reader, programme or ""), ParticipationStatus.withdrawn.value))
    recorded: dict[tuple[int, str], _Recorded] = {}
    if chosen:
        ids = [row[0] for row in chosen]
        for id, mid, step, status, on, notes, version in reader.rows(
                f"SELECT {columns} FROM ten_point_step t WHERE t.municipality_id IN ("
                + ", ".join("?" * len(ids)) + ")", ids):
            recorded[(mid, step)] = (id, status, reader.as_date(on), notes, version)
    views: list[TenPointStepView] = []
    for mid, number, name, sami_name in chosen:
        shown = display_name(name, sami_name)
        views.extend(_view(number, shown, code, recorded.get((mid, code)))
                     for code in STEP_CODES)
    return views


def _view(number: str, shown: str, step: str, found: _Recorded | None) -> TenPointStepView:
    if found is None:
        return TenPointStepView(
            id=None, municipality=number, display_name=shown, number=_ORDER[step] + 1,
            step=step, step_label=STEP_LABELS[step], status="not_started",
            status_label=STATUS_LABELS["not_started"], on=None, notes=None, version=None)
    id, status, on, notes, version = found
    return TenPointStepView(
        id=id, municipality=number, display_name=shown, number=_ORDER[step] + 1, step=step,
        step_label=STEP_LABELS[step], status=status, status_label=STATUS_LABELS[status],
        on=on, notes=notes, version=version)
