"""Programme use cases: programmes with their rules, owner and partners, and the
municipalities taking part in them (participants, their status and deletion)."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.norwegian import count
from nettverk.domain.register import (
    Municipality,
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
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.register import (
    find_municipality,
    find_organisation,
    find_person,
    find_programme,
)
from nettverk.services.register_list_views import ParticipantView as ParticipantView
from nettverk.services.register_list_views import ProgrammeView as ProgrammeView


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



# --- programmes --------------------------------------------------------------------------


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


# --- participants ------------------------------------------------------------------------


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


def _find_participation(s: Session, programme: str, municipality: str) -> Participation:
    """The municipality's participation in the programme; refused when it does not take part."""
    prog = find_programme(s, programme)
    mun = find_municipality(s, municipality)
    p = s.scalar(select(Participation).where(
        Participation.programme_id == prog.id, Participation.municipality_id == mun.id))
    if p is None:
        raise NotFoundError("municipality", f"{mun.name} deltar ikke i {prog.slug}")
    return p


def set_participation_status(
    uow: UnitOfWork, programme: str, municipality: str, status: str, ends: date | None = None
) -> ParticipantView:
    """Mark a participation completed or withdrawn (or active again)."""
    with uow:
        s = uow.session
        p = _find_participation(s, programme, municipality)
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
        p = _find_participation(s, programme, municipality)
        mun, prog = p.municipality, p.programme
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
