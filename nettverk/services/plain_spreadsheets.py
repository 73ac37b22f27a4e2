"""`nettverk export xlsx` in plain SQL (persistence.plain): services.spreadsheets'
programme_sheets read without SQLAlchemy or the mapped classes, so the command does not spend
its first half second importing them. Each statement mirrors one of the ordinary path's (same
columns, conditions and order) and the rows are built by the same functions
(services.spreadsheet_rows); the values are given the types SQLAlchemy gives them (dates,
aware datetimes, booleans and money as Decimal on SQLite). tests/cli/test_plain_xlsx.py
compares the two workbooks member by member on both databases.

A programme with partnership agreements or a theme calendar is left to the ordinary path
(`programme_sheets` answers None): those sheets are built from views with rules of their own
(open and overdue actions, focus areas, month names), not repeated here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from statistics import mean
from typing import Any

from nettverk.domain.errors import NotFoundError
from nettverk.domain.evaluation_rules import QUADRANT_LABELS, priority_quadrant, quadrant_of
from nettverk.domain.network_rules import APPLICATION_STATUS_LABELS
from nettverk.domain.norwegian import display_name
from nettverk.exports.tabular import Sheet
from nettverk.persistence.plain import PlainReader
from nettverk.services import spreadsheet_rows
from nettverk.services.network_common import today_or
from nettverk.services.plain_applications import judged

Row = tuple[Any, ...]
_QUADRANT_ORDER = ["prioritise", "influence_others", "low_hanging", "midline", "deprioritise",
                   None]  # as services.priority._QUADRANT_ORDER


def programme_sheets(reader: PlainReader, programme: str,
                     today: date | None = None) -> list[Sheet] | None:
    """As services.spreadsheets.programme_sheets; None when the ordinary path must build it
    (see the module's text). Refuses an unknown programme as find_programme does."""
    today = today_or(today)
    found = reader.rows("SELECT id FROM programme WHERE slug = ?", ((programme or "").strip(),))
    if not found:
        raise NotFoundError("programme", f"programmet {programme!r} finnes ikke")
    pid = found[0][0]
    if reader.rows(
            "SELECT (SELECT count(*) FROM partnership_agreement WHERE programme_id = ?) "
            "+ (SELECT count(*) FROM theme WHERE programme_id = ?)", (pid, pid))[0][0]:
        return None
    p = _Typed(reader)
    return [
        _participants(p, pid), _gatherings(p, pid), _attendance(p, pid),
        _milestones(p, pid, today), _plans(p, pid, today), _evaluation(p, pid),
        _applications(p, pid),
        spreadsheet_rows.agreements([]), spreadsheet_rows.actions([]),
        _follow_ups(p, pid), _feedback(p, pid), _success_factors(p, pid),
        _priority(p, pid), spreadsheet_rows.themes([]),
    ]


class _Typed:
    """Rows of a statement with each column's value as SQLAlchemy would give it: "t" as read
    (text, integers, enum values), "d" a date, "T" an aware UTC datetime, "b" a boolean, "m"
    money (Decimal)."""

    def __init__(self, reader: PlainReader) -> None:
        self.reader = reader
        sqlite = reader.dialect == "sqlite"
        self.kinds: dict[str, Callable[[Any], Any] | None] = {
            "t": None,
            "d": reader.as_date if sqlite else None,
            "T": reader.as_datetime,
            "b": _bool if sqlite else None,
            "m": _money if sqlite else None,
        }

    def rows(self, kinds: str, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        found = self.reader.rows(sql, params)
        convert: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
            (i, f, {}) for i, k in enumerate(kinds.replace(" ", ""))
            if (f := self.kinds[k]) is not None]
        if not convert:
            return found
        out = []
        for row in found:
            values = list(row)
            for i, f, seen in convert:  # dates, times and sums repeat: each converted once
                value = values[i]
                try:
                    values[i] = seen[value]
                except KeyError:
                    values[i] = seen[value] = f(value)
            out.append(tuple(values))
        return out


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _money(value: Any) -> Decimal | None:
    """A Numeric(12, 2) value as SQLAlchemy reads it from SQLite's float: the Decimal of its
    two decimals."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(f"{value:.2f}")


def _participants(p: _Typed, pid: int) -> Sheet:
    """As programmes.list_participants: every participation, by municipality number."""
    return spreadsheet_rows.participants(p.rows(
        "t t t t t t d d t",
        "SELECT m.number, m.name, m.sami_name, c.number, m.population, pa.status, pa.starts, "
        "pa.ends, pe.name FROM participation pa "
        "JOIN municipality m ON m.id = pa.municipality_id "
        "JOIN county c ON c.id = m.county_id "
        "LEFT OUTER JOIN person pe ON pe.id = pa.contact_person_id "
        "WHERE pa.programme_id = ? ORDER BY m.number", (pid,)))


def _gatherings(p: _Typed, pid: int) -> Sheet:
    return spreadsheet_rows.gatherings(p.rows(
        "t t T T t t t t t t t",
        "SELECT id, title, starts_at, ends_at, mode, status, location, video_url, theme, "
        "revision, agenda FROM gathering WHERE programme_id = ? ORDER BY starts_at, id", (pid,)))


def _attendance(p: _Typed, pid: int) -> Sheet:
    return spreadsheet_rows.attendance(p.rows(
        "t T t t t b b b t m m",
        "SELECT g.title, g.starts_at, m.number, m.name, m.sami_name, a.invited, a.registered, "
        "a.attended, a.persons, a.travel_cost, a.accommodation_cost FROM attendance a "
        "JOIN gathering g ON a.gathering_id = g.id "
        "JOIN municipality m ON a.municipality_id = m.id "
        "WHERE g.programme_id = ? ORDER BY g.starts_at, g.id, m.number", (pid,)))


def _milestones(p: _Typed, pid: int, today: date) -> Sheet:
    """As reports.milestone_rows: the municipality its own or its plan's."""
    found = p.rows(
        "t d d t t t t",
        "SELECT ms.title, ms.due, ms.done_on, coalesce(m.number, pm.number), "
        "coalesce(m.name, pm.name), coalesce(m.sami_name, pm.sami_name), pe.name "
        "FROM milestone ms LEFT OUTER JOIN municipality m ON ms.municipality_id = m.id "
        "LEFT OUTER JOIN plan_document d ON ms.plan_document_id = d.id "
        "LEFT OUTER JOIN municipality pm ON d.municipality_id = pm.id "
        "LEFT OUTER JOIN person pe ON ms.responsible_id = pe.id "
        "WHERE ms.programme_id = ? ORDER BY ms.due, ms.id", (pid,))
    return spreadsheet_rows.milestones(
        ((title, due, done_on, number, display_name(name, sami) if name else None, responsible)
         for title, due, done_on, number, name, sami, responsible in found), today)


def _plans(p: _Typed, pid: int, today: date) -> Sheet:
    return spreadsheet_rows.plans(p.rows(
        "t t t t t t t t d d t",
        "SELECT m.number, m.name, m.sami_name, d.kind, d.title, d.period_start, d.period_end, "
        "d.stage, d.adopted_on, d.council_constituted_on, d.archive_ref FROM plan_document d "
        "JOIN municipality m ON m.id = d.municipality_id "
        "WHERE d.municipality_id IN (SELECT pa.municipality_id FROM participation pa "
        "WHERE pa.programme_id = ? AND pa.status != 'withdrawn') "
        "ORDER BY m.number, d.kind, d.period_start, d.id", (pid,)), today)


def _evaluation(p: _Typed, pid: int) -> Sheet:
    sessions = p.rows(
        "t t t t d t",
        "SELECT ca.id, m.number, m.name, m.sami_name, ca.held_on, ca.facilitator "
        "FROM capacity_assessment ca JOIN municipality m ON m.id = ca.municipality_id "
        "WHERE ca.programme_id = ? ORDER BY m.number, ca.held_on", (pid,))
    of_programme = "SELECT id FROM capacity_assessment WHERE programme_id = ?"
    people = {aid: n for aid, n in p.rows(
        "t t", "SELECT assessment_id, count(*) FROM capacity_participant "
               f"WHERE assessment_id IN ({of_programme}) GROUP BY assessment_id", (pid,))}
    agreed = p.rows("t t t", "SELECT assessment_id, component, score FROM capacity_consensus "
                             f"WHERE assessment_id IN ({of_programme})", (pid,))
    return spreadsheet_rows.evaluation(sessions, people, agreed)


def _applications(p: _Typed, pid: int) -> Sheet:
    """As applications.list_applications(programme=…): the population judged by (the one
    stored with a decision, else the figure known for the year received), the eligibility
    notes, late after the round's deadline."""
    found = p.rows(
        "d t t t t t t d t t t t b t d t d t t t t t",
        "SELECT a.received, m.number, m.name, m.sami_name, c.number, r.title, a.status, "
        "a.decided_on, a.decision_reason, a.override_justification, a.samfunnsdel_year, "
        "a.progress_plan, a.has_statistics, a.personnel, r.deadline, m.id, m.ended_on, "
        "m.population, m.population_year, a.decision_population, a.decision_population_year, "
        "pr.max_population FROM application a "
        "JOIN municipality m ON m.id = a.municipality_id "
        "JOIN county c ON c.id = m.county_id "
        "JOIN programme pr ON pr.id = a.programme_id "
        "LEFT OUTER JOIN application_round r ON r.id = a.round_id "
        "WHERE a.programme_id = ? ORDER BY a.received, m.number, a.id", (pid,))
    starts = p.rows("d", "SELECT starts FROM programme WHERE id = ?", (pid,))[0][0]
    figures: dict[int, dict[int, int]] = {}
    if found:
        for mid, year, population in p.rows(
                "t t t", "SELECT municipality_id, year, population FROM municipality_population "
                         "WHERE municipality_id IN (SELECT municipality_id FROM application "
                         "WHERE programme_id = ?)", (pid,)):
            figures.setdefault(mid, {})[year] = population
    return spreadsheet_rows.applications(_application_rows(found, figures, starts))


def _application_rows(found: Iterable[Row], figures: dict[int, dict[int, int]],
                      starts: date) -> Iterable[Row]:
    for (received, number, name, sami, county, round_title, status, decided_on, reason,
         override, samfunnsdel_year, progress_plan, has_statistics, personnel, deadline, mid,
         ended_on, population, population_year, decision_population, decision_year,
         max_population) in found:
        people, year, notes = judged(status, decision_population, decision_year,
                                     figures.get(mid, {}), population, population_year,
                                     received, max_population, ended_on, starts)
        yield (received, number, display_name(name, sami), county, people, year, round_title,
               APPLICATION_STATUS_LABELS[status], not notes, notes, decided_on, reason,
               override, deadline is not None and received > deadline, samfunnsdel_year,
               has_statistics, progress_plan, personnel)


def _follow_ups(p: _Typed, pid: int) -> Sheet:
    return spreadsheet_rows.follow_ups(p.rows(
        "d t t t t t t t d d b",
        'SELECT f."on", m.number, m.name, m.sami_name, f.kind, f.participants, f.summary, '
        "f.next_action, f.next_action_due, f.next_action_done_on, f.exempt_from_public "
        "FROM follow_up f JOIN municipality m ON f.municipality_id = m.id "
        'WHERE f.programme_id = ? ORDER BY f."on" DESC, m.number, f.id DESC', (pid,)))


def _feedback(p: _Typed, pid: int) -> Sheet:
    return spreadsheet_rows.feedback(p.rows(
        "T t t t t t t t t",
        "SELECT g.starts_at, g.title, m.number, m.name, m.sami_name, f.respondent, f.overall, "
        "f.usefulness, f.comment FROM feedback f JOIN gathering g ON f.gathering_id = g.id "
        "LEFT OUTER JOIN municipality m ON f.municipality_id = m.id "
        "WHERE g.programme_id = ? ORDER BY g.starts_at, f.id", (pid,)))


def _success_factors(p: _Typed, pid: int) -> Sheet:
    return spreadsheet_rows.success_factors(p.rows(
        "t t t t t b t",
        "SELECT m.number, m.name, m.sami_name, s.year, s.factor, s.in_place, s.notes "
        "FROM success_factor_status s JOIN participation pa ON s.participation_id = pa.id "
        "JOIN municipality m ON pa.municipality_id = m.id WHERE pa.programme_id = ?", (pid,)))


def _priority(p: _Typed, pid: int) -> Sheet:
    """As priority.list_sessions(programme=…), newest first, each with get_session's factors:
    mean and agreed scores, the quadrant, prioritised ones first."""
    sessions = p.rows(
        "t t d t t t",
        "SELECT ps.id, ps.title, ps.held_on, m.number, m.name, m.sami_name "
        "FROM priority_session ps LEFT OUTER JOIN municipality m ON m.id = ps.municipality_id "
        "WHERE ps.programme_id = ? ORDER BY ps.held_on DESC, ps.id DESC", (pid,))
    of_programme = "SELECT id FROM priority_session WHERE programme_id = ?"
    factors: dict[int, list[Row]] = {}
    scores: dict[int, list[tuple[int, int]]] = {}
    if sessions:
        for factor in p.rows(
                "t t t t t", "SELECT id, session_id, name, agreed_importance, agreed_influence "
                             f"FROM priority_factor WHERE session_id IN ({of_programme}) "
                             "ORDER BY id", (pid,)):
            factors.setdefault(factor[1], []).append(factor)
        for fid, importance, influence in p.rows(
                "t t t", "SELECT s.factor_id, s.importance, s.influence FROM priority_score s "
                         "JOIN priority_factor f ON f.id = s.factor_id "
                         f"WHERE f.session_id IN ({of_programme}) ORDER BY s.id", (pid,)):
            scores.setdefault(fid, []).append((importance, influence))
    rows: list[Row] = []
    for sid, title, held_on, number, name, sami in sessions:
        shown = display_name(name, sami) if number is not None else None
        placed = [_factor(f, scores.get(f[0], [])) for f in factors.get(sid, [])]
        placed.sort(key=lambda f: (_QUADRANT_ORDER.index(f[0]), -(f[4] or f[2] or 0), f[1]))
        rows.extend((held_on, title, number, shown, *f[1:]) for f in placed)
    return spreadsheet_rows.priority(rows)


def _factor(factor: Row, scored: list[tuple[int, int]]) -> Row:
    """(quadrant, name, mean importance, mean influence, agreed importance, agreed influence,
    answers, quadrant label), as priority._factor_view."""
    _, _, name, agreed_importance, agreed_influence = factor
    imp = round(float(mean(x[0] for x in scored)), 2) if scored else None
    inf = round(float(mean(x[1] for x in scored)), 2) if scored else None
    if agreed_importance is not None and agreed_influence is not None:
        quadrant = priority_quadrant(agreed_importance, agreed_influence)
    elif imp is not None and inf is not None:
        quadrant = quadrant_of(imp, inf)
    else:
        quadrant = None
    return (quadrant.value if quadrant else None, name, imp, inf, agreed_importance,
            agreed_influence, len(scored), QUADRANT_LABELS[quadrant] if quadrant else None)
