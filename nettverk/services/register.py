"""Register use cases: counties, municipalities, organisations, people, programmes, participants."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.history import record_population
from nettverk.domain.norwegian import count
from nettverk.domain.register import (
    County,
    Municipality,
    Organisation,
    OrganisationKind,
    Participation,
    ParticipationStatus,
    Person,
    Programme,
    ProgrammeKind,
    ProgrammePartner,
    with_learning_network_defaults,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_register
from nettverk.services.deletion import DeletedView, refuse_if_used, remove
from nettverk.services.register_list_views import CountyView as CountyView
from nettverk.services.register_list_views import OrganisationView as OrganisationView
from nettverk.services.register_list_views import ParticipantView as ParticipantView
from nettverk.services.register_list_views import PersonView as PersonView
from nettverk.services.register_list_views import ProgrammeView as ProgrammeView
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


def _programme_view(p: Programme) -> ProgrammeView:
    return ProgrammeView(
        slug=p.slug, name=p.name, kind=p.kind.value, starts=p.starts, ends=p.ends,
        owner=p.owner.name if p.owner else None,
        partners=[pp.organisation.name for pp in p.partners], description=p.description,
        max_population=p.max_population, min_per_county=p.min_per_county,
        max_per_county=p.max_per_county, gatherings_per_year_min=p.gatherings_per_year_min,
        gatherings_per_year_max=p.gatherings_per_year_max, physical_per_year=p.physical_per_year,
        version=p.version,
    )


def _participant_view(p: Participation) -> ParticipantView:
    m = p.municipality
    return ParticipantView(
        id=p.id, programme=p.programme.slug, municipality=m.number, name=m.name,
        sami_name=m.sami_name, county=m.county.number, population=m.population,
        status=p.status.value, starts=p.starts, ends=p.ends,
        contact_person=p.contact_person.name if p.contact_person else None, version=p.version,
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


# --- organisations and people ------------------------------------------------------------


def _organisation_view(session: Session, o: Organisation) -> OrganisationView:
    county = session.get(County, o.county_id) if o.county_id is not None else None
    mun = session.get(Municipality, o.municipality_id) if o.municipality_id is not None else None
    return OrganisationView(
        o.id, o.name, o.short_name, o.kind.value, o.org_number,
        county=county.number if county else None, municipality=mun.number if mun else None,
        version=o.version,
    )


def _check_organisation_names(session: Session, name: str, short_name: str | None,
                              own_id: int | None = None) -> None:
    """Names and short names identify organisations (`--owner NFK`), so none may be shared."""
    for field, value in (("name", name), ("short_name", short_name)):
        if not value:
            continue
        stmt = select(Organisation.name).where(
            or_(Organisation.name == value, Organisation.short_name == value))
        if own_id is not None:
            stmt = stmt.where(Organisation.id != own_id)
        other = session.scalar(stmt)
        if other is not None:
            raise DomainError(field, f"{value!r} brukes allerede av organisasjonen {other!r} "
                                     "(navn og kortnavn må være unike)")


def add_organisation(
    uow: UnitOfWork,
    name: str,
    kind: str,
    short_name: str | None = None,
    org_number: str | None = None,
    county: str | None = None,
    municipality: str | None = None,
) -> OrganisationView:
    """Register an organisation."""
    kind_value = rules.parse_enum(OrganisationKind, "kind", kind, "type")
    with uow:
        s = uow.session
        name = rules.required_text("name", name, max_length=300)
        short_name = rules.clean_text("short_name", short_name, max_length=50)
        _check_organisation_names(s, name, short_name)
        org = Organisation(
            name=name, kind=kind_value, short_name=short_name, org_number=org_number,
            county_id=find_county(s, county).id if county else None,
            municipality_id=find_municipality(s, municipality).id if municipality else None,
        )
        s.add(org)
        uow.flush()
        view = _organisation_view(s, org)
        uow.commit()
        return view


def list_organisations(uow: UnitOfWork) -> list[OrganisationView]:
    """Every organisation by name (services.plain_register, on the unit of work's
    connection)."""
    with uow:
        return plain_register.list_organisations(uow.plain_reader())


def _load_organisation(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFoundError("id", f"organisasjon {organisation_id} finnes ikke")
    return org


def get_organisation(uow: UnitOfWork, organisation_id: int) -> OrganisationView:
    """One organisation by id."""
    with uow:
        return _organisation_view(uow.session, _load_organisation(uow.session, organisation_id))


_ORGANISATION_FIELDS = {"name", "short_name", "kind", "org_number", "county", "municipality"}


def update_organisation(
    uow: UnitOfWork, organisation_id: int, expected_version: int | None = None,
    **changes: str | None,
) -> OrganisationView:
    """Change an organisation (county and municipality by number; empty clears them); refused
    if someone else changed it since `expected_version`."""
    unknown = set(changes) - _ORGANISATION_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        s = uow.session
        org = _load_organisation(s, organisation_id)
        org.check_version(expected_version, f"organisasjonen {org.name}")
        # look everything up before changing the record, so no query flushes half an edit
        name = rules.required_text("name", changes["name"], max_length=300) \
            if "name" in changes else org.name
        short_name = rules.clean_text("short_name", changes["short_name"], max_length=50) \
            if "short_name" in changes else org.short_name
        _check_organisation_names(s, name, short_name, own_id=org.id)
        values: dict[str, object] = {"name": name, "short_name": short_name}
        if "kind" in changes:
            values["kind"] = rules.parse_enum(OrganisationKind, "kind", changes["kind"] or "", "type")
        if "org_number" in changes:
            values["org_number"] = rules.check_org_number(changes["org_number"])
        if "county" in changes:
            county = (changes["county"] or "").strip()
            values["county_id"] = find_county(s, county).id if county else None
        if "municipality" in changes:
            number = (changes["municipality"] or "").strip()
            values["municipality_id"] = find_municipality(s, number).id if number else None
        for key, value in values.items():
            setattr(org, key, value)
        uow.flush()
        view = _organisation_view(s, org)
        uow.commit()
        return view


def delete_organisation(uow: UnitOfWork, organisation_id: int,
                        expected_version: int | None = None) -> DeletedView:
    """Delete an organisation nothing uses (the audit log keeps its values)."""
    with uow:
        org = _load_organisation(uow.session, organisation_id)
        refuse_if_used(uow, "id", f"Organisasjonen {org.name}", [
            (Person.organisation_id, org.id, "kontaktpersoner"),
            (Programme.owner_id, org.id, "program som eier"),
            (ProgrammePartner.organisation_id, org.id, "program som partner"),
        ])
        return remove(uow, org, expected_version, "organisasjon", f"organisasjonen {org.name}",
                      org.name)


def _person_view(p: Person) -> PersonView:
    return PersonView(
        id=p.id, name=p.name, title=p.title, email=p.email, phone=p.phone, role=p.role,
        organisation=p.organisation.name if p.organisation else None,
        municipality=p.municipality.number if p.municipality else None,
        municipality_name=p.municipality.display_name if p.municipality else None,
        erased_on=p.erased_at, version=p.version,
    )


def add_person(
    uow: UnitOfWork,
    name: str,
    title: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    role: str | None = None,
    organisation: str | None = None,
    municipality: str | None = None,
) -> PersonView:
    """Register a contact person in an organisation or a municipality."""
    with uow:
        s = uow.session
        person = Person(
            name=name, title=title, email=email, phone=phone, role=role,
            organisation=find_organisation(s, organisation) if organisation else None,
            municipality=find_municipality(s, municipality) if municipality else None,
        )
        s.add(person)
        uow.flush()
        view = _person_view(person)
        uow.commit()
        return view


def list_persons(
    uow: UnitOfWork, organisation: str | None = None, municipality: str | None = None,
    include_erased: bool = False,
) -> list[PersonView]:
    """Contact persons, optionally of one organisation or municipality; erased (anonymised)
    persons only when asked for (services.plain_register, on the unit of work's connection)."""
    with uow:
        return plain_register.list_persons(uow.plain_reader(), organisation=organisation,
                                           municipality=municipality,
                                           include_erased=include_erased)


def get_person(uow: UnitOfWork, person_id: int) -> PersonView:
    """One contact person by id (erased persons too, anonymised)."""
    with uow:
        return _person_view(find_person(uow.session, person_id, "id"))


def person_links(uow: UnitOfWork, person_id: int) -> list[str]:
    """What a person is linked to, in Norwegian words (contact for participations and
    agreements, responsible for milestones); empty when nothing."""
    from nettverk.domain.agreements import PartnershipAgreement
    from nettverk.domain.network import Milestone

    with uow:
        s = uow.session
        person = find_person(s, person_id, "id")
        links = [
            f"kontaktperson for {p.municipality.name} i {p.programme.slug}"
            for p in s.scalars(select(Participation).options(
                joinedload(Participation.municipality), joinedload(Participation.programme))
                .where(Participation.contact_person_id == person.id))
        ]
        milestones = s.scalar(select(func.count()).select_from(Milestone).where(
            Milestone.responsible_id == person.id)) or 0
        if milestones:
            links.append(f"ansvarlig for {count(milestones, 'milepæler')}")
        agreements = s.scalar(select(func.count()).select_from(PartnershipAgreement).where(or_(
            PartnershipAgreement.county_contact_id == person.id,
            PartnershipAgreement.municipality_contact_id == person.id))) or 0
        if agreements:
            links.append(f"kontakt i {count(agreements, 'partnerskapsavtaler')}")
        return links


_PERSON_FIELDS = {"name", "title", "email", "phone", "role", "organisation", "municipality"}


def update_person(
    uow: UnitOfWork, person_id: int, expected_version: int | None = None, **changes: str | None
) -> PersonView:
    """Change a contact person (organisation by name, municipality by number; empty clears);
    refused for erased persons and if someone else changed the person since `expected_version`."""
    unknown = set(changes) - _PERSON_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        s = uow.session
        person = find_person(s, person_id, "id")
        if person.erased_at is not None:
            raise DomainError("id", f"person {person_id} er slettet (anonymisert) og kan ikke endres")
        person.check_version(expected_version, f"personen {person.name}")
        # look the links up first, so no query flushes half an edit
        links: dict[str, object] = {}
        if "organisation" in changes:
            org = (changes["organisation"] or "").strip()
            links["organisation"] = find_organisation(s, org) if org else None
        if "municipality" in changes:
            number = (changes["municipality"] or "").strip()
            links["municipality"] = find_municipality(s, number) if number else None
        for key in ("name", "title", "email", "phone", "role"):
            if key in changes:
                setattr(person, key, changes[key])
        for key, value in links.items():
            setattr(person, key, value)
        uow.flush()
        view = _person_view(person)
        uow.commit()
        return view


# --- programmes and participants ---------------------------------------------------------


def list_programmes(uow: UnitOfWork) -> list[ProgrammeView]:
    """Every programme, oldest first (services.plain_register, on the unit of work's
    connection)."""
    with uow:
        return plain_register.list_programmes(uow.plain_reader())


def get_programme(uow: UnitOfWork, slug: str) -> ProgrammeView:
    """One programme by slug."""
    with uow:
        return _programme_view(find_programme(uow.session, slug, "slug"))


def add_programme(
    uow: UnitOfWork,
    slug: str,
    name: str,
    kind: str,
    starts: date,
    ends: date | None = None,
    owner: str | None = None,
    partners: list[str] | None = None,
    description: str | None = None,
    max_population: int | None = None,
    min_per_county: int | None = None,
    max_per_county: int | None = None,
    gatherings_per_year_min: int | None = None,
    gatherings_per_year_max: int | None = None,
    physical_per_year: int | None = None,
) -> ProgrammeView:
    """Create a programme with its rules; a learning network gets the invitation's rules
    (LEARNING_NETWORK_DEFAULTS) for those not given."""
    kind_value = rules.parse_enum(ProgrammeKind, "kind", kind, "type")
    if kind_value is ProgrammeKind.learning_network:
        r = with_learning_network_defaults({
            "max_population": max_population, "min_per_county": min_per_county,
            "max_per_county": max_per_county, "gatherings_per_year_min": gatherings_per_year_min,
            "gatherings_per_year_max": gatherings_per_year_max,
            "physical_per_year": physical_per_year})
        max_population, min_per_county = r["max_population"], r["min_per_county"]
        max_per_county = r["max_per_county"]
        gatherings_per_year_min = r["gatherings_per_year_min"]
        gatherings_per_year_max = r["gatherings_per_year_max"]
        physical_per_year = r["physical_per_year"]
    with uow:
        s = uow.session
        if s.scalar(select(Programme.id).where(Programme.slug == slug)):
            raise DomainError("slug", f"programmet {slug!r} finnes allerede")
        programme = Programme(
            slug=slug, name=name, kind=kind_value, starts=starts, ends=ends,
            owner=find_organisation(s, owner, "owner") if owner else None,
            description=rules.clean_text("description", description),
            max_population=max_population, min_per_county=min_per_county,
            max_per_county=max_per_county, gatherings_per_year_min=gatherings_per_year_min,
            gatherings_per_year_max=gatherings_per_year_max, physical_per_year=physical_per_year,
        )
        _check_programme(programme)
        for partner in partners or []:
            programme.partners.append(
                ProgrammePartner(organisation=find_organisation(s, partner, "partners"))
            )
        s.add(programme)
        uow.flush()
        view = _programme_view(programme)
        uow.commit()
        return view


def _check_programme(programme: Programme) -> None:
    programme.check()
    low, high = programme.gatherings_per_year_min, programme.gatherings_per_year_max
    if low is not None and high is not None and low > high:
        raise DomainError("gatherings_per_year_max",
                          "maks samlinger per år kan ikke være under minimum")


_PROGRAMME_TEXT = {"name", "description", "owner"}
_PROGRAMME_COUNTS = {
    "max_population", "min_per_county", "max_per_county", "gatherings_per_year_min",
    "gatherings_per_year_max", "physical_per_year",
}
_PROGRAMME_FIELDS = _PROGRAMME_TEXT | _PROGRAMME_COUNTS | {"starts", "ends"}


def update_programme(
    uow: UnitOfWork, slug: str, expected_version: int | None = None, **changes: object
) -> ProgrammeView:
    """Change a programme's name, period, owner, description or rules (slug and kind stay);
    refused if someone else changed it since `expected_version`."""
    unknown = set(changes) - _PROGRAMME_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    for key in ("starts", "ends"):
        if key in changes and not isinstance(changes[key], date | None):
            raise DomainError(key, "må være en dato")
    if "starts" in changes and changes["starts"] is None:
        raise DomainError("starts", "må fylles ut")
    for key in _PROGRAMME_TEXT & set(changes):
        if changes[key] is not None and not isinstance(changes[key], str):
            raise DomainError(key, "må være tekst")
    with uow:
        s = uow.session
        programme = find_programme(s, slug, "slug")
        programme.check_version(expected_version, f"programmet {programme.slug}")
        if "owner" in changes:
            owner = str(changes.pop("owner") or "").strip()
            programme.owner = find_organisation(s, owner, "owner") if owner else None
        if "description" in changes:
            programme.description = rules.clean_text(
                "description", cast("str | None", changes.pop("description")))
        for key, value in changes.items():
            setattr(programme, key, value)
        _check_programme(programme)
        uow.flush()
        view = _programme_view(programme)
        uow.commit()
        return view


def list_participants(
    uow: UnitOfWork, programme: str, status: str | None = None
) -> list[ParticipantView]:
    """The municipalities taking part in a programme, by number (services.plain_register, on
    the unit of work's connection)."""
    with uow:
        return plain_register.list_participants(uow.plain_reader(), programme, status=status)


def _participation_status(status: str) -> ParticipationStatus:
    return rules.parse_enum(ParticipationStatus, "status", status, "status")


def enrol(
    session: Session,
    programme: Programme,
    municipality: Municipality,
    starts: date | None = None,
    contact_person: Person | None = None,
) -> Participation:
    """Make a municipality a participant (inside an open unit of work); refuses duplicates."""
    existing = session.scalar(
        select(Participation).where(
            Participation.programme_id == programme.id,
            Participation.municipality_id == municipality.id,
        )
    )
    if existing is not None:
        raise DomainError(
            "municipality", f"{municipality.name} deltar allerede i {programme.slug}"
        )
    participation = Participation(
        programme=programme, municipality=municipality,
        starts=starts if starts is not None else programme.starts,
        ends=programme.ends, contact_person=contact_person,
    )
    participation.check()
    session.add(participation)
    return participation


def add_participant(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    starts: date | None = None,
    contact_person_id: int | None = None,
) -> ParticipantView:
    """Add a municipality to a programme."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        contact = find_person(s, contact_person_id, "contact") if contact_person_id is not None else None
        participation = enrol(s, prog, mun, starts or prog.starts, contact)
        uow.flush()
        view = _participant_view(participation)
        uow.commit()
        return view


def set_participation_status(
    uow: UnitOfWork, programme: str, municipality: str, status: str, ends: date | None = None
) -> ParticipantView:
    """Mark a participation completed or withdrawn (or active again)."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        p = s.scalar(select(Participation).where(
            Participation.programme_id == prog.id, Participation.municipality_id == mun.id))
        if p is None:
            raise NotFoundError("municipality", f"{mun.name} deltar ikke i {prog.slug}")
        p.status = _participation_status(status)
        if ends is not None:
            p.ends = ends
        p.check()
        uow.flush()
        view = _participant_view(p)
        uow.commit()
        return view


def _participation_records(session: Session, p: Participation) -> list[str]:
    """What has been recorded on a participation (in words), besides the participation itself."""
    from nettverk.domain.agreements import PartnershipAgreement
    from nettverk.domain.evaluation import (
        CapacityAssessment,
        Feedback,
        PrioritySession,
        SuccessFactorStatus,
    )
    from nettverk.domain.network import Application, Attendance, FollowUp, Gathering, Milestone

    prog, mun = p.programme_id, p.municipality_id
    checks: list[tuple[str, Select[Any]]] = [
        (noun, select(func.count()).select_from(model).where(
            model.programme_id == prog, model.municipality_id == mun))
        for noun, model in (
            ("søknader", Application), ("samlinger for kommunen", Gathering),
            ("milepæler", Milestone), ("oppfølginger", FollowUp),
            ("kapasitetsvurderinger", CapacityAssessment),
            ("prioriteringsøkter", PrioritySession), ("partnerskapsavtaler", PartnershipAgreement),
        )
    ]
    checks += [
        ("oppmøteregistreringer", select(func.count()).select_from(Attendance).join(
            Gathering, Gathering.id == Attendance.gathering_id).where(
            Gathering.programme_id == prog, Attendance.municipality_id == mun)),
        ("tilbakemeldinger", select(func.count()).select_from(Feedback).join(
            Gathering, Gathering.id == Feedback.gathering_id).where(
            Gathering.programme_id == prog, Feedback.municipality_id == mun)),
        ("suksessfaktorer", select(func.count()).select_from(SuccessFactorStatus).where(
            SuccessFactorStatus.participation_id == p.id)),
    ]
    found = []
    for nouns, stmt in checks:
        recorded = session.scalar(stmt) or 0
        if recorded:
            found.append(count(recorded, nouns))
    return found


def delete_participation(uow: UnitOfWork, programme: str, municipality: str,
                         expected_version: int | None = None) -> DeletedView:
    """Delete a participation registered by mistake. Refused as soon as anything has been
    recorded on it (application, attendance, milestone, assessment …): then its status
    (completed or withdrawn) is the way, so no history is lost."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        p = s.scalar(select(Participation).where(
            Participation.programme_id == prog.id, Participation.municipality_id == mun.id))
        if p is None:
            raise NotFoundError("municipality", f"{mun.name} deltar ikke i {prog.slug}")
        found = _participation_records(s, p)
        if found:
            raise DomainError(
                "municipality",
                f"deltakelsen til {mun.name} i {prog.slug} kan ikke slettes: {', '.join(found)} "
                "er registrert på den. Endre status til fullført eller trukket i stedet.",
            )
        return remove(uow, p, expected_version, "deltakelse",
                      f"deltakelsen til {mun.name} i {prog.slug}", f"{mun.name} i {prog.slug}")


def list_participations(uow: UnitOfWork, municipality: str) -> list[ParticipantView]:
    """Every programme a municipality takes or took part in, oldest first."""
    with uow:
        s = uow.session
        mun = find_municipality(s, municipality)
        stmt = (
            select(Participation)
            .options(
                joinedload(Participation.municipality).joinedload(Municipality.county),
                joinedload(Participation.programme),
                joinedload(Participation.contact_person),
            )
            .where(Participation.municipality_id == mun.id)
            .order_by(Participation.starts)
        )
        return [_participant_view(p) for p in s.scalars(stmt)]
