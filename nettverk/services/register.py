"""Register use cases: counties and municipalities, and the finders the other services share
(county, municipality, programme, organisation, person). Organisations, persons and programmes
with their participants have their own modules (services.organisations, services.persons,
services.programmes)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.history import record_population
from nettverk.domain.register import County, Municipality, Organisation, Person, Programme
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_register
from nettverk.services.register_list_views import CountyView as CountyView
from nettverk.services.register_views import MunicipalityView as MunicipalityView

# --- views -------------------------------------------------------------------------------


def municipality_view(m: Municipality) -> MunicipalityView:
    """The plain view of a loaded municipality."""
    return MunicipalityView(
        number=m.number, name=m.name, sami_name=m.sami_name, county=m.county.number,
        county_name=m.county.name, population=m.population, population_year=m.population_year,
        org_number=m.org_number, kven_name=m.kven_name,
        sami_administrative_area=m.sami_administrative_area, ended_on=m.ended_on,
        version=m.version,
    )


# --- lookups shared by other services ----------------------------------------------------


def find_county(session: Session, number: str, field: str = "county") -> County:
    """The county with the number, or a DomainError naming the field."""
    number = (number or "").strip()
    if len(number) == 1 and number.isdigit():
        number = "0" + number
    county = session.scalar(select(County).where(County.number == number))
    if county is None:
        raise NotFoundError(field, f"fylke {number!r} finnes ikke")
    return county


def find_municipality(session: Session, number: str, field: str = "municipality") -> Municipality:
    """The municipality with the number, or a DomainError naming the field."""
    number = (number or "").strip()
    m = session.scalar(
        select(Municipality).options(joinedload(Municipality.county))
        .where(Municipality.number == number)
    )
    if m is None:
        raise NotFoundError(field, f"kommune {number!r} finnes ikke")
    return m


def find_programme(session: Session, slug: str, field: str = "programme") -> Programme:
    """The programme with the slug, or a DomainError naming the field."""
    p = session.scalar(select(Programme).where(Programme.slug == (slug or "").strip()))
    if p is None:
        raise NotFoundError(field, f"programmet {slug!r} finnes ikke")
    return p


def find_organisation(session: Session, name: str, field: str = "organisation") -> Organisation:
    """The organisation by name or short name."""
    name = (name or "").strip()
    org = session.scalar(
        select(Organisation).where(or_(Organisation.name == name, Organisation.short_name == name))
    )
    if org is None:
        raise NotFoundError(field, f"organisasjonen {name!r} finnes ikke")
    return org


def find_person(session: Session, person_id: int, field: str = "person") -> Person:
    """The person with the id."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(field, f"person {person_id} finnes ikke")
    return person


# --- counties ----------------------------------------------------------------------------


def add_county(uow: UnitOfWork, number: str, name: str) -> CountyView:
    """Register a county."""
    with uow:
        number = rules.check_county_number(number)
        if uow.session.scalar(select(County).where(County.number == number)):
            raise DomainError("number", f"fylke {number} finnes allerede")
        county = County(number=number, name=name)
        uow.session.add(county)
        uow.commit()
        return CountyView(county.number, county.name)


def list_counties(uow: UnitOfWork) -> list[CountyView]:
    """Every county (services.plain_register, on the unit of work's connection)."""
    with uow:
        return plain_register.list_counties(uow.plain_reader())


# --- municipalities ----------------------------------------------------------------------


def list_municipalities(
    uow: UnitOfWork,
    county: str | None = None,
    search: str | None = None,
    include_ended: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[MunicipalityView]:
    """Municipalities ordered by number, optionally of one county or matching a search."""
    with uow:
        stmt = select(Municipality).options(joinedload(Municipality.county))
        if county:
            stmt = stmt.where(Municipality.county_id == find_county(uow.session, county).id)
        if search:
            pattern = f"%{search.strip().lower()}%"
            stmt = stmt.where(or_(
                func.lower(Municipality.name).like(pattern),
                func.lower(Municipality.sami_name).like(pattern),
                Municipality.number.like(pattern),
            ))
        if not include_ended:
            stmt = stmt.where(Municipality.ended_on.is_(None))
        stmt = stmt.order_by(Municipality.number).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [municipality_view(m) for m in uow.session.scalars(stmt)]


def get_municipality(uow: UnitOfWork, number: str) -> MunicipalityView:
    """One municipality by number."""
    with uow:
        return municipality_view(find_municipality(uow.session, number, "number"))


def add_municipality(
    uow: UnitOfWork,
    number: str,
    name: str,
    county: str,
    population: int | None,
    sami_name: str | None = None,
    org_number: str | None = None,
    population_year: int | None = None,
    kven_name: str | None = None,
    sami_administrative_area: bool = False,
    ended_on: date | None = None,
) -> MunicipalityView:
    """Register a municipality; its number's first two digits must be its county."""
    with uow:
        number = rules.check_municipality_number(number)
        county_obj = find_county(uow.session, county)
        if number[:2] != county_obj.number:
            raise DomainError(
                "number",
                f"kommunenummer {number} hører ikke til fylke {county_obj.number} "
                "(de to første sifrene er fylket)",
            )
        if uow.session.scalar(select(Municipality.id).where(Municipality.number == number)):
            raise DomainError("number", f"kommunenummer {number} finnes allerede (må være unikt)")
        m = Municipality(
            number=number, name=name, sami_name=sami_name, kven_name=kven_name,
            county=county_obj, population=population, population_year=population_year,
            org_number=org_number, sami_administrative_area=sami_administrative_area,
            ended_on=ended_on,
        )
        record_population(m, population_year, population, "registrert")
        uow.session.add(m)
        uow.flush()
        view = municipality_view(m)
        uow.commit()
        return view


_MUNICIPALITY_FIELDS = {
    "name", "sami_name", "kven_name", "population", "population_year", "org_number", "ended_on",
    "sami_administrative_area",
}


def update_municipality(
    uow: UnitOfWork, number: str, expected_version: int | None = None, **changes: object
) -> MunicipalityView:
    """Change a municipality; refused if someone else changed it since `expected_version`."""
    unknown = set(changes) - _MUNICIPALITY_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        m = find_municipality(uow.session, number, "number")
        m.check_version(expected_version, f"kommune {m.number}")
        for key, value in changes.items():
            setattr(m, key, value)
        if "population" in changes or "population_year" in changes:
            record_population(m, m.population_year, m.population, "registrert")
        uow.flush()
        view = municipality_view(m)
        uow.commit()
        return view
