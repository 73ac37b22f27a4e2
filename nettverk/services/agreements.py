"""Partnership agreements ("Gode lokalsamfunn for alle"): the workflow of an agreement (offer,
status, details, chosen focus areas, deletion) and its yearly partnership meeting. The focus
areas themselves are services.focus_areas, the agreed actions services.agreement_actions, and
reminders and coverage services.agreement_reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from nettverk.domain.agreements import (
    AGREEMENT_STATUS_LABELS,
    AgreementFocusArea,
    AgreementStatus,
    PartnershipAgreement,
    parse_agreement_status,
)
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.register import Municipality
from nettverk.domain.values import today_in_norway
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_agreements
from nettverk.services.agreement_views import PROGRAMME as PROGRAMME
from nettverk.services.agreement_views import AgreementEventView as AgreementEventView
from nettverk.services.agreement_views import AgreementPeriodView as AgreementPeriodView
from nettverk.services.agreement_views import AgreementView as AgreementView
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.focus_areas import _find_focus_area
from nettverk.services.register import (
    find_municipality,
    find_person,
    find_programme,
)

if TYPE_CHECKING:
    from nettverk.services.gatherings import GatheringView

# --- helpers -----------------------------------------------------------------------------


def _display(m: Municipality) -> str:
    return f"{m.name} – {m.sami_name}" if m.sami_name else m.name


def _agreement_view(a: PartnershipAgreement) -> AgreementView:
    m = a.municipality
    chosen = sorted(a.focus_areas, key=lambda x: x.focus_area_id)
    return AgreementView(
        id=a.id, programme=a.programme.slug, municipality=m.number, name=m.name,
        sami_name=m.sami_name, display_name=_display(m), county=m.county.number,
        status=a.status.value, status_label=AGREEMENT_STATUS_LABELS[a.status],
        offered_on=a.offered_on, signed_on=a.signed_on, starts=a.starts, ends=a.ends,
        archive_ref=a.archive_ref,
        county_contact=a.county_contact.name if a.county_contact else None,
        municipality_contact=a.municipality_contact.name if a.municipality_contact else None,
        focus_areas=[fa.focus_area.code for fa in chosen],
        focus_area_names=[fa.focus_area.name for fa in chosen],
        open_actions=sum(1 for x in a.actions if x.is_open),
        notes=a.notes, exempt_from_public=a.exempt_from_public,
        events=[
            AgreementEventView(e.status.value, AGREEMENT_STATUS_LABELS[e.status], e.on, e.note)
            for e in a.events
        ],
        version=a.version,
        county_contact_id=a.county_contact_id, municipality_contact_id=a.municipality_contact_id,
    )


def _agreement_options() -> list[Any]:
    return [
        joinedload(PartnershipAgreement.programme),
        joinedload(PartnershipAgreement.municipality).joinedload(Municipality.county),
        joinedload(PartnershipAgreement.county_contact),
        joinedload(PartnershipAgreement.municipality_contact),
        selectinload(PartnershipAgreement.focus_areas).joinedload(AgreementFocusArea.focus_area),
        selectinload(PartnershipAgreement.actions),
        selectinload(PartnershipAgreement.events),
    ]


def find_agreement(
    session: Session, agreement_id: int, field: str = "agreement"
) -> PartnershipAgreement:
    """The agreement with the id, loaded for a view, or a NotFoundError naming the field."""
    a = session.scalar(
        select(PartnershipAgreement).options(*_agreement_options())
        .where(PartnershipAgreement.id == agreement_id)
    )
    if a is None:
        raise NotFoundError(field, f"avtale {agreement_id} finnes ikke")
    return a


def _today(today: date | None) -> date:
    return today if today is not None else today_in_norway()


# --- agreements --------------------------------------------------------------------------


def list_agreements(
    uow: UnitOfWork,
    status: str | None = None,
    county: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    programme: str = PROGRAMME,
) -> list[AgreementView]:
    """Agreements by county and municipality number, optionally of one status or county. Read
    in plain SQL on the unit of work's connection (services.plain_agreements, what `nettverk
    agreement list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_agreements(uow.plain_reader(), status, county, limit,
                                                offset, programme)


def get_agreement(uow: UnitOfWork, agreement_id: int) -> AgreementView:
    """One agreement with its history."""
    with uow:
        a = find_agreement(uow.session, agreement_id, "id")
        return replace(_agreement_view(a), periods=[
            AgreementPeriodView(p.signed_on, p.starts, p.ends, p.ended_on) for p in a.periods])


def add_agreement(
    uow: UnitOfWork,
    municipality: str,
    offered_on: date | None = None,
    *,
    programme: str = PROGRAMME,
    archive_ref: str | None = None,
    county_contact_id: int | None = None,
    municipality_contact_id: int | None = None,
    focus_areas: list[str] | None = None,
    notes: str | None = None,
    exempt_from_public: bool = False,
    today: date | None = None,
) -> AgreementView:
    """Offer a municipality an agreement (status offered, dated `offered_on`, default today)."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        if s.scalar(select(PartnershipAgreement.id).where(
                PartnershipAgreement.programme_id == prog.id,
                PartnershipAgreement.municipality_id == mun.id)):
            raise DomainError(
                "municipality", f"{_display(mun)} har allerede en avtale i {prog.slug}")
        agreement = PartnershipAgreement(
            programme=prog, municipality=mun, archive_ref=archive_ref, notes=notes,
            exempt_from_public=exempt_from_public,
            county_contact=(find_person(s, county_contact_id, "county_contact")
                            if county_contact_id is not None else None),
            municipality_contact=(find_person(s, municipality_contact_id, "municipality_contact")
                                  if municipality_contact_id is not None else None),
        )
        agreement.offer(offered_on if offered_on is not None else _today(today))
        for code in focus_areas or []:
            agreement.focus_areas.append(
                AgreementFocusArea(focus_area=_find_focus_area(s, prog, code, "focus_areas")))
        s.add(agreement)
        uow.flush()
        view = _agreement_view(find_agreement(s, agreement.id))
        uow.commit()
        return view


def set_status(
    uow: UnitOfWork,
    agreement_id: int,
    status: str,
    on: date | None = None,
    *,
    signed_on: date | None = None,
    starts: date | None = None,
    ends: date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> AgreementView:
    """Move an agreement along its workflow on a date (default: signed_on when signing, else
    today). Signing needs `signed_on`; impossible transitions are refused."""
    target = parse_agreement_status(status)
    with uow:
        s = uow.session
        agreement = find_agreement(s, agreement_id, "id")
        when = on if on is not None else (
            signed_on if target is AgreementStatus.signed and signed_on else _today(today))
        agreement.move_to(target, when, signed_on=signed_on, starts=starts, ends=ends, note=note)
        uow.flush()
        view = _agreement_view(agreement)
        uow.commit()
        return view


def update_agreement(
    uow: UnitOfWork,
    agreement_id: int,
    *,
    archive_ref: str | None = None,
    starts: date | None = None,
    ends: date | None = None,
    county_contact_id: int | None = None,
    municipality_contact_id: int | None = None,
    notes: str | None = None,
    expected_version: int | None = None,
    focus_areas: list[str] | None = None,
) -> AgreementView:
    """Change an agreement's details (not its status), its contact persons and its chosen focus
    areas (codes; replaces the earlier choice); None leaves a field as it is."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "id")
        a.check_version(expected_version, "avtalen")
        if archive_ref is not None:
            a.archive_ref = archive_ref
        if starts is not None:
            a.starts = starts
        if ends is not None:
            a.ends = ends
        if notes is not None:
            a.notes = notes
        if county_contact_id is not None:
            a.county_contact = find_person(s, county_contact_id, "county_contact")
        if municipality_contact_id is not None:
            a.municipality_contact = find_person(s, municipality_contact_id,
                                                 "municipality_contact")
        if focus_areas is not None:
            _choose_focus_areas(s, a, focus_areas)
        a.check()
        uow.flush()
        view = _agreement_view(a)
        uow.commit()
        return view


def delete_agreement(uow: UnitOfWork, agreement_id: int,
                     expected_version: int | None = None) -> DeletedView:
    """Delete an agreement that was never signed (a mistaken or withdrawn offer), with its
    status history, chosen focus areas and actions. A signed agreement is history: it is
    ended, never deleted."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "id")
        ever_signed = a.signed_on is not None or any(
            e.status in (AgreementStatus.signed, AgreementStatus.ended) for e in a.events)
        if ever_signed:
            raise DomainError(
                "status",
                f"avtalen med {_display(a.municipality)} har vært signert og er historikk; den "
                "kan ikke slettes (gi den status «Avsluttet/utløpt» i stedet)")
        return remove(uow, a, expected_version, "avtale", "avtalen",
                      f"{a.municipality.number} {_display(a.municipality)}")


def _choose_focus_areas(s: Session, a: PartnershipAgreement, codes: list[str]) -> None:
    wanted = {_find_focus_area(s, a.programme, c, "focus_areas").id: c for c in codes}
    in_use = {x.focus_area_id for x in a.actions if x.focus_area_id is not None}
    dropped = in_use - set(wanted)
    if dropped:
        raise DomainError("focus_areas",
                          "kan ikke fjerne et innsatsområde som har tiltak")
    a.focus_areas[:] = [fa for fa in a.focus_areas if fa.focus_area_id in wanted]
    have = {fa.focus_area_id for fa in a.focus_areas}
    for fa_id in wanted:
        if fa_id not in have:
            a.focus_areas.append(AgreementFocusArea(focus_area_id=fa_id))


def set_focus_areas(uow: UnitOfWork, agreement_id: int, codes: list[str]) -> AgreementView:
    """Choose the agreement's focus areas (replaces the earlier choice)."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "id")
        _choose_focus_areas(s, a, codes)
        uow.flush()
        view = _agreement_view(a)
        uow.commit()
        return view


# --- the yearly partnership meeting ------------------------------------------------------


def add_yearly_meeting(
    uow: UnitOfWork,
    agreement_id: int,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    title: str | None = None,
    location: str | None = None,
    video_url: str | None = None,
    agenda: str | None = None,
) -> GatheringView:
    """Plan the yearly partnership meeting of a signed agreement, as a gathering of the
    programme tied to the municipality."""
    from nettverk.services import gatherings

    with uow:
        a = find_agreement(uow.session, agreement_id, "agreement")
        if a.status is not AgreementStatus.signed:
            raise DomainError(
                "agreement",
                "partnerskapsmøte kan bare planlegges for en signert avtale (status er "
                f"«{AGREEMENT_STATUS_LABELS[a.status]}»)",
            )
        programme = a.programme.slug
        number = a.municipality.number
        display = _display(a.municipality)
    if title is None and isinstance(starts_at, datetime):
        title = f"Årlig partnerskapsmøte {starts_at.year} – {display}"
    return gatherings.add_gathering(
        uow, programme=programme, title=title or "", starts_at=starts_at, ends_at=ends_at,
        mode=mode, location=location, video_url=video_url, agenda=agenda,
        theme="Partnerskapsmøte", municipality=number,
    )


def list_yearly_meetings(uow: UnitOfWork, agreement_id: int) -> list[GatheringView]:
    """The partnership meetings held or planned with the agreement's municipality. Read in
    plain SQL on the unit of work's connection (services.plain_agreements, what `nettverk
    agreement meeting list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_yearly_meetings(uow.plain_reader(), agreement_id)
