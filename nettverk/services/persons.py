"""Contact person use cases: register, list, change persons and say what each is linked to
(erasing a person is services.privacy's)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count
from nettverk.domain.register import Participation, Person
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_register
from nettverk.services.register import find_municipality, find_organisation, find_person
from nettverk.services.register_list_views import PersonView as PersonView


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
