"""The register's lists in plain SQL through a DB-API connection (persistence.plain): counties,
organisations, contact persons, programmes and a programme's participants.

One implementation: the read-only commands (`nettverk programme list`, `participant list` …)
run these on a bare DB-API connection so they start without SQLAlchemy or the mapped classes;
services.register, .organisations, .persons and .programmes run the very same functions on
the unit of work's own connection (`UnitOfWork.plain_reader`), inside its transaction and
access check, for the TUI and every other caller. Lookups refuse an unknown programme,
organisation or municipality with the NotFoundError of services.register's find_* functions,
naming the same field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nettverk.domain import rules
from nettverk.domain.norwegian import display_name
from nettverk.domain.register_words import ParticipationStatus
from nettverk.persistence.plain import PlainReader
from nettverk.services.plain_lookups import municipality_id, organisation_id, programme_id
from nettverk.services.register_list_views import (
    CountyView,
    OrganisationView,
    ParticipantView,
    PersonView,
    ProgrammeView,
)

# --- lists --------------------------------------------------------------------------------


def list_counties(reader: PlainReader) -> list[CountyView]:
    """Every county, by number."""
    return [CountyView(number, name)
            for number, name in reader.rows("SELECT number, name FROM county ORDER BY number")]


def list_organisations(reader: PlainReader) -> list[OrganisationView]:
    """Every organisation by name, with the number of its county and municipality."""
    return [
        OrganisationView(id=r[0], name=r[1], short_name=r[2], kind=r[3], org_number=r[4],
                         county=r[5], municipality=r[6], version=r[7])
        for r in reader.rows(
            "SELECT o.id, o.name, o.short_name, o.kind, o.org_number, c.number, m.number, "
            "o.version FROM organisation o LEFT OUTER JOIN county c ON c.id = o.county_id "
            "LEFT OUTER JOIN municipality m ON m.id = o.municipality_id ORDER BY o.name")
    ]


def list_persons(reader: PlainReader, organisation: str | None = None,
                 municipality: str | None = None,
                 include_erased: bool = False) -> list[PersonView]:
    """Contact persons by name, optionally of one organisation or municipality; erased
    (anonymised) persons only when asked for."""
    where: list[str] = []
    params: list[Any] = []
    if not include_erased:
        where.append("p.erased_at IS NULL")
    if organisation:
        where.append("p.organisation_id = ?")
        params.append(organisation_id(reader, organisation))
    if municipality:
        where.append("p.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    return [
        PersonView(id=r[0], name=r[1], title=r[2], email=r[3], phone=r[4], role=r[5],
                   organisation=r[6], municipality=r[7],
                   municipality_name=None if r[7] is None else display_name(r[8], r[9]),
                   erased_on=reader.as_date(r[10]), version=r[11])
        for r in reader.rows(
            "SELECT p.id, p.name, p.title, p.email, p.phone, p.role, o.name, m.number, m.name, "
            "m.sami_name, p.erased_at, p.version FROM person p "
            "LEFT OUTER JOIN organisation o ON o.id = p.organisation_id "
            "LEFT OUTER JOIN municipality m ON m.id = p.municipality_id"
            + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.name, p.id",
            params)
    ]


def list_programmes(reader: PlainReader) -> list[ProgrammeView]:
    """Every programme, oldest first, with its owner and partners (in the order they were
    added)."""
    partners: dict[int, list[str]] = {}
    for pid, name in reader.rows(
            "SELECT pp.programme_id, o.name FROM programme_partner pp "
            "JOIN organisation o ON o.id = pp.organisation_id ORDER BY pp.id"):
        partners.setdefault(pid, []).append(name)
    return [
        ProgrammeView(
            slug=r[1], name=r[2], kind=r[3], starts=_date(reader, r[4]),
            ends=reader.as_date(r[5]), owner=r[6], partners=partners.get(r[0], []),
            description=r[7], max_population=r[8], min_per_county=r[9], max_per_county=r[10],
            gatherings_per_year_min=r[11], gatherings_per_year_max=r[12],
            physical_per_year=r[13], version=r[14],
        )
        for r in reader.rows(
            "SELECT p.id, p.slug, p.name, p.kind, p.starts, p.ends, o.name, p.description, "
            "p.max_population, p.min_per_county, p.max_per_county, p.gatherings_per_year_min, "
            "p.gatherings_per_year_max, p.physical_per_year, p.version FROM programme p "
            "LEFT OUTER JOIN organisation o ON o.id = p.owner_id ORDER BY p.starts, p.slug")
    ]


def list_participants(reader: PlainReader, programme: str,
                      status: str | None = None) -> list[ParticipantView]:
    """The municipalities taking part in a programme, by municipality number; refuses an
    unknown programme, then an unknown status."""
    pid = programme_id(reader, programme)
    params: list[Any] = [pid]
    condition = ""
    if status:
        params.append(rules.parse_enum(ParticipationStatus, "status", status, "status").value)
        condition = " AND pa.status = ?"
    return [
        ParticipantView(
            id=r[0], programme=r[1], municipality=r[2], name=r[3], sami_name=r[4], county=r[5],
            population=r[6], status=r[7], starts=_date(reader, r[8]),
            ends=reader.as_date(r[9]), contact_person=r[10], version=r[11],
        )
        for r in reader.rows(
            "SELECT pa.id, pr.slug, m.number, m.name, m.sami_name, c.number, m.population, "
            "pa.status, pa.starts, pa.ends, pe.name, pa.version FROM participation pa "
            "JOIN programme pr ON pr.id = pa.programme_id "
            "JOIN municipality m ON m.id = pa.municipality_id "
            "JOIN county c ON c.id = m.county_id "
            "LEFT OUTER JOIN person pe ON pe.id = pa.contact_person_id "
            "WHERE pa.programme_id = ?" + condition + " ORDER BY m.number", params)
    ]


def _date(reader: PlainReader, value: Any) -> date:
    """A NOT NULL date column's value."""
    found = reader.as_date(value)
    assert found is not None
    return found
