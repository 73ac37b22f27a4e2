"""Organisation use cases: register, list, change and delete organisations (owners and
partners of programmes, employers of contact persons)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.register import (
    County,
    Municipality,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    ProgrammePartner,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_register
from nettverk.services.deletion import DeletedView, refuse_if_used, remove
from nettverk.services.register import find_county, find_municipality
from nettverk.services.register_list_views import OrganisationView as OrganisationView


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
