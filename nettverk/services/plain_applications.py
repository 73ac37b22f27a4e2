"""`nettverk application list` in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: the twin of services.applications.list_applications.

That one builds each view from a loaded Application (its events, its municipality's figures),
as `application show`, `decide` and the TUI's forms do for one application; this reads the
same columns with one statement for the applications, one for their events and one for their
municipalities' population figures, and judges them by the same rules (domain.rules'
population_known, domain.network_rules' eligibility_notes). tests/cli/test_plain_lists.py
compares every option and format of the command both ways, byte for byte, on both databases.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nettverk.domain.network_rules import (
    APPLICATION_STATUS_LABELS,
    ApplicationStatus,
    eligibility_notes,
)
from nettverk.domain.norwegian import display_name
from nettverk.domain.rules import population_known
from nettverk.persistence.plain import PlainReader
from nettverk.services.application_views import ApplicationEventView, ApplicationView
from nettverk.services.network_common import parse_enum
from nettverk.services.plain_lookups import programme_id

_DECIDED = (ApplicationStatus.accepted, ApplicationStatus.rejected)  # as applications._DECIDED


def list_applications(reader: PlainReader, programme: str | None = None,
                      status: str | None = None) -> list[ApplicationView]:
    """As services.applications.list_applications: by received date and municipality number;
    refuses an unknown programme, then an unknown status, with the same errors."""
    where: list[str] = []
    params: list[Any] = []
    if programme:
        where.append("a.programme_id = ?")
        params.append(programme_id(reader, programme))
    if status:
        where.append("a.status = ?")
        params.append(parse_enum(ApplicationStatus, "status", status).value)
    condition = " WHERE " + " AND ".join(where) if where else ""
    found = reader.rows(
        "SELECT a.id, pr.slug, a.round_id, r.title, r.deadline, m.number, m.name, m.sami_name, "
        "c.number, a.received, a.samfunnsdel_year, a.progress_plan, a.has_statistics, "
        "a.personnel, a.status, a.decided_on, a.decision_reason, a.override_justification, "
        "a.version, a.decision_population, a.decision_population_year, m.id, m.population, "
        "m.population_year, m.ended_on, pr.max_population, pr.starts FROM application a "
        "JOIN municipality m ON m.id = a.municipality_id JOIN county c ON c.id = m.county_id "
        "JOIN programme pr ON pr.id = a.programme_id "
        "LEFT OUTER JOIN application_round r ON r.id = a.round_id" + condition
        + " ORDER BY a.received, m.number, a.id", params)
    if not found:
        return []
    chosen = f"SELECT a.id FROM application a{condition}"
    events: dict[int, list[ApplicationEventView]] = {}
    for aid, event_status, on, reason in reader.rows(
            'SELECT e.application_id, e.status, e."on", e.reason FROM application_event e '
            f"WHERE e.application_id IN ({chosen}) ORDER BY e.id", params):
        events.setdefault(aid, []).append(ApplicationEventView(
            event_status, APPLICATION_STATUS_LABELS[ApplicationStatus(event_status)],
            reader.day(on), reason))
    figures: dict[int, dict[int, int]] = {}
    for mid, year, population in reader.rows(
            "SELECT p.municipality_id, p.year, p.population FROM municipality_population p "
            "WHERE p.municipality_id IN (SELECT a.municipality_id FROM application a"
            f"{condition})", params):
        figures.setdefault(mid, {})[year] = population
    return [_view(reader, row, events.get(row[0], []), figures) for row in found]


def judged(status: str, decision_population: int | None, decision_year: int | None,
           figures: dict[int, int], population: int | None, population_year: int | None,
           received: date, max_population: int | None, ended_on: date | None,
           starts: date) -> tuple[int | None, int | None, list[str]]:
    """An application's population, its year and the eligibility notes (none: eligible), as
    services.applications judges them: the figures of the decision once decided, else the
    municipality's `figures` by year (with its own latest figure) for the year received."""
    people: int | None
    year: int | None
    if status in _DECIDED and decision_year is not None:
        people, year = decision_population, decision_year
    else:  # as populations.figures_of and population_at
        held = dict(figures)
        if population is not None and population_year is not None:
            held.setdefault(population_year, population)
        people, year = population_known(held, received.year, population)
    return people, year, eligibility_notes(people, year, max_population, ended_on, starts)


def _view(reader: PlainReader, row: tuple[Any, ...], events: list[ApplicationEventView],
          figures: dict[int, dict[int, int]]) -> ApplicationView:
    (aid, slug, round_id, round_title, deadline, number, name, sami_name, county, received,
     samfunnsdel_year, progress_plan, has_statistics, personnel, status, decided_on,
     decision_reason, override_justification, version, decision_population, decision_year,
     mid, population, population_year, ended_on, max_population, starts) = row
    received, deadline = reader.day(received), reader.as_date(deadline)
    ended_on, starts = reader.as_date(ended_on), reader.day(starts)
    state = ApplicationStatus(status)
    people, year, notes = judged(state, decision_population, decision_year, figures.get(mid, {}),
                                 population, population_year, received, max_population,
                                 ended_on, starts)
    return ApplicationView(
        id=aid, programme=slug, round_id=round_id, round_title=round_title, deadline=deadline,
        municipality=number, name=name, sami_name=sami_name,
        display_name=display_name(name, sami_name), county=county, population=people,
        population_year=year, received=received,
        late=round_id is not None and deadline is not None and received > deadline,
        samfunnsdel_year=samfunnsdel_year, progress_plan=progress_plan,
        has_statistics=None if has_statistics is None else bool(has_statistics),
        personnel=personnel, status=state.value, status_label=APPLICATION_STATUS_LABELS[state],
        decided_on=reader.as_date(decided_on), decision_reason=decision_reason,
        override_justification=override_justification, eligible=not notes,
        eligibility_notes=notes, events=events, version=version,
    )

