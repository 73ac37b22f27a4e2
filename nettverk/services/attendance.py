"""Attendance at gatherings (oppmøte) with the invitations sent, and the programme year summed
up: gatherings held against the target, attendance and costs per municipality."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.errors import DomainError
from nettverk.domain.mail import MailLog, MailStatus
from nettverk.domain.network import (
    Attendance,
    Gathering,
    GatheringMode,
    GatheringStatus,
    check_money,
)
from nettverk.domain.norwegian import plural
from nettverk.domain.register import Municipality, Participation, ParticipationStatus, Programme
from nettverk.domain.values import OSLO, today_in_norway, year_bounds
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.as_of import attendance_recorded_by, gathering_state
from nettverk.services.gatherings import load_gathering
from nettverk.services.network_common import display_name, local, municipality_label
from nettverk.services.register import find_municipality, find_programme

_ZERO = Decimal("0.00")

# --- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceView:
    """A municipality's attendance at one gathering."""

    id: int
    gathering_id: int
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    invited: bool
    registered: bool
    attended: bool
    persons: int
    travel_cost: Decimal
    accommodation_cost: Decimal
    total_cost: Decimal
    version: int
    invited_at: datetime | None = None
    """When the newest invitation e-mail to the municipality was accepted by the server."""


@dataclass(frozen=True)
class MunicipalityYear:
    """One municipality's attendance and costs in a programme year."""

    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    invited: int
    attended: int
    persons: int
    attendance_percent: Decimal | None
    travel_cost: Decimal
    accommodation_cost: Decimal
    total_cost: Decimal


@dataclass(frozen=True)
class YearlySummaryView:
    """A programme year: gatherings held against the target, attendance and costs."""

    programme: str
    year: int
    held: int
    planned: int
    cancelled: int
    physical_held: int
    target_min: int | None
    target_max: int | None
    physical_target: int | None
    meets_target: bool
    target_notes: list[str]
    municipalities: list[MunicipalityYear]
    travel_cost: Decimal
    accommodation_cost: Decimal
    total_cost: Decimal
    unconfirmed: int = 0
    """Gatherings whose time had passed on the date without being recorded held or cancelled."""
    at: date | None = None
    """The date the figures are as of."""


# --- attendance --------------------------------------------------------------------------


def _attendance_view(a: Attendance) -> AttendanceView:
    m = a.municipality
    return AttendanceView(
        id=a.id, gathering_id=a.gathering_id, municipality=m.number, name=m.name,
        sami_name=m.sami_name, display_name=municipality_label(m), invited=a.invited,
        registered=a.registered, attended=a.attended, persons=a.persons,
        travel_cost=a.travel_cost, accommodation_cost=a.accommodation_cost,
        total_cost=a.travel_cost + a.accommodation_cost, version=a.version,
    )


def _may_attend(session: Session, g: Gathering, m: Municipality) -> None:
    if g.municipality_id == m.id:
        return
    participates = session.scalar(select(Participation.id).where(
        Participation.programme_id == g.programme_id, Participation.municipality_id == m.id))
    if participates is None:
        raise DomainError(
            "municipality",
            f"{municipality_label(m)} deltar ikke i {g.programme.slug}; bare deltakerkommuner "
            "kan føres med oppmøte",
        )


def set_attendance(
    uow: UnitOfWork,
    gathering_id: int,
    municipality: str,
    invited: bool | None = None,
    registered: bool | None = None,
    attended: bool | None = None,
    persons: int | None = None,
    travel_cost: Decimal | None = None,
    accommodation_cost: Decimal | None = None,
    on: date | None = None,
) -> AttendanceView:
    """Record (or change) a participating municipality's attendance at a gathering.

    Only what is given changes; a new record starts as invited, not registered, not attended,
    recorded `on` (default today: reports for earlier dates leave it out).
    """
    with uow:
        s = uow.session
        g = load_gathering(s, gathering_id)
        m = find_municipality(s, municipality)
        _may_attend(s, g, m)
        a = s.scalar(select(Attendance).where(
            Attendance.gathering_id == g.id, Attendance.municipality_id == m.id))
        if a is None:
            a = Attendance(gathering=g, municipality=m, invited=True, registered=False,
                           attended=False, persons=0, travel_cost=_ZERO,
                           accommodation_cost=_ZERO, recorded_on=_recorded(on))
            s.add(a)
        if invited is not None:
            a.invited = invited
        if registered is not None:
            a.registered = registered
        if attended is not None:
            a.attended = attended
        if persons is not None:
            a.persons = persons
        if travel_cost is not None:
            a.travel_cost = check_money("travel_cost", travel_cost)
        if accommodation_cost is not None:
            a.accommodation_cost = check_money("accommodation_cost", accommodation_cost)
        if a.attended and g.status is GatheringStatus.cancelled:
            raise DomainError("attended", "samlingen ble avlyst; ingen kan ha deltatt")
        if a.attended and g.starts_at > datetime.now(OSLO):
            raise DomainError("attended", "samlingen har ikke begynt ennå")
        if a.attended and a.persons == 0:
            raise DomainError("persons", "må være minst 1 når kommunen deltok")
        if not a.attended and a.persons > 0:
            raise DomainError("persons", "kan ikke føres når kommunen ikke deltok")
        uow.flush()
        view = _attendance_view(a)
        uow.commit()
        return view


def _recorded(on: date | None) -> date:
    today = today_in_norway()
    if on is not None and on > today:
        raise DomainError("date", "datoen kan ikke være etter i dag")
    return on or today


def invite_participants(uow: UnitOfWork, gathering_id: int,
                        on: date | None = None) -> list[AttendanceView]:
    """Invite every active participant of the programme (those already listed stay as they are),
    recorded `on` (default today)."""
    with uow:
        s = uow.session
        g = load_gathering(s, gathering_id)
        have = set(s.scalars(select(Attendance.municipality_id).where(
            Attendance.gathering_id == g.id)))
        participants = s.scalars(select(Participation.municipality_id).where(
            Participation.programme_id == g.programme_id,
            Participation.status == ParticipationStatus.active))
        for mid in participants:
            if mid not in have:
                s.add(Attendance(gathering=g, municipality_id=mid, invited=True,
                                 registered=False, attended=False, persons=0,
                                 travel_cost=_ZERO, accommodation_cost=_ZERO,
                                 recorded_on=_recorded(on)))
        uow.flush()
        uow.commit()
    return list_attendance(uow, gathering_id)


def list_attendance(uow: UnitOfWork, gathering_id: int) -> list[AttendanceView]:
    """The attendance records of a gathering, by municipality number."""
    with uow:
        s = uow.session
        load_gathering(s, gathering_id)
        rows = s.scalars(
            select(Attendance).join(Attendance.municipality)
            .options(joinedload(Attendance.municipality))
            .where(Attendance.gathering_id == gathering_id)
            .order_by(Municipality.number)
        )
        mailed: dict[int | None, datetime | None] = {
            mid: at for mid, at in s.execute(
                select(MailLog.municipality_id, func.max(MailLog.sent_at))
                .where(MailLog.gathering_id == gathering_id, MailLog.method == "REQUEST",
                       MailLog.status == MailStatus.sent)
                .group_by(MailLog.municipality_id))}
        return [replace(_attendance_view(a), invited_at=local(at) if (at := mailed.get(
            a.municipality_id)) else None) for a in rows]


# --- the programme year ------------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def yearly_summary(uow: UnitOfWork, programme: str, year: int,
                   at: date | None = None) -> YearlySummaryView:
    """Gatherings held against the target (2–3 a year, one physical), attendance, costs.

    The attendance rate counts held gatherings only (attended / invited, in percent, one
    decimal); costs count every gathering of the year that was not cancelled, exactly.
    Hybrid gatherings count as physical. Everything as recorded on `at` (default today): a
    gathering whose time had passed without being recorded held is *unconfirmed*, not held,
    and attendance recorded after `at` is left out.
    """
    at = at or today_in_norway()
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        lo, hi = year_bounds(year)
        in_year = and_(Gathering.programme_id == prog.id, Gathering.starts_at >= lo,
                       Gathering.starts_at < hi)
        # The status each gathering had on `at`; None = its time had passed, not confirmed.
        state_of: dict[int, GatheringStatus | None] = {}
        mode_of: dict[int, GatheringMode] = {}
        for g in s.execute(select(Gathering.id, Gathering.status, Gathering.starts_at,
                                  Gathering.held_on, Gathering.cancelled_on, Gathering.mode)
                           .where(in_year)):
            state = gathering_state(g.status, g.starts_at, g.held_on, g.cancelled_on, at)
            state_of[g.id] = (GatheringStatus(state) if state in GatheringStatus.__members__
                              else None)
            mode_of[g.id] = g.mode
        held = sum(1 for st in state_of.values() if st is GatheringStatus.held)
        planned = sum(1 for st in state_of.values() if st is GatheringStatus.planned)
        cancelled = sum(1 for st in state_of.values() if st is GatheringStatus.cancelled)
        unconfirmed = sum(1 for st in state_of.values() if st is None)
        physical = sum(1 for gid, st in state_of.items() if st is GatheringStatus.held
                       and mode_of[gid] in (GatheringMode.physical, GatheringMode.hybrid))

        rows = s.execute(
            select(Attendance.municipality_id, Attendance.gathering_id, Attendance.invited,
                   Attendance.attended, Attendance.persons, Attendance.travel_cost,
                   Attendance.accommodation_cost)
            .join(Attendance.gathering).where(in_year, attendance_recorded_by(at))
        ).all()
        munis = {m.id: m for m in s.scalars(
            select(Municipality).where(or_(
                Municipality.id.in_({r.municipality_id for r in rows}),
                Municipality.id.in_(select(Participation.municipality_id).where(
                    Participation.programme_id == prog.id,
                    Participation.status != ParticipationStatus.withdrawn)),
            ))
        )}
        acc: dict[int, dict[str, int | Decimal]] = defaultdict(lambda: {
            "invited": 0, "attended": 0, "persons": 0, "travel": _ZERO, "stay": _ZERO})
        for r in rows:
            a = acc[r.municipality_id]
            status = state_of[r.gathering_id]
            if status is GatheringStatus.held and r.invited:
                a["invited"] = int(a["invited"]) + 1
                if r.attended:
                    a["attended"] = int(a["attended"]) + 1
            if status is GatheringStatus.held and r.attended:
                a["persons"] = int(a["persons"]) + r.persons
            if status is not GatheringStatus.cancelled:
                a["travel"] = Decimal(a["travel"]) + Decimal(r.travel_cost)
                a["stay"] = Decimal(a["stay"]) + Decimal(r.accommodation_cost)
        per_mun = []
        for mid, m in sorted(munis.items(), key=lambda item: item[1].number):
            a = acc[mid]
            travel, stay = Decimal(a["travel"]), Decimal(a["stay"])
            per_mun.append(MunicipalityYear(
                municipality=m.number, name=m.name, sami_name=m.sami_name,
                display_name=display_name(m.name, m.sami_name), invited=int(a["invited"]),
                attended=int(a["attended"]), persons=int(a["persons"]),
                attendance_percent=_percent(int(a["attended"]), int(a["invited"])),
                travel_cost=travel, accommodation_cost=stay, total_cost=travel + stay,
            ))
        notes = target_notes(held, physical, prog)
        travel_total = sum((m.travel_cost for m in per_mun), _ZERO)
        stay_total = sum((m.accommodation_cost for m in per_mun), _ZERO)
        return YearlySummaryView(
            programme=prog.slug, year=year, held=held, planned=planned, cancelled=cancelled,
            physical_held=physical, target_min=prog.gatherings_per_year_min,
            target_max=prog.gatherings_per_year_max, physical_target=prog.physical_per_year,
            meets_target=not notes, target_notes=notes, municipalities=per_mun,
            travel_cost=travel_total, accommodation_cost=stay_total,
            total_cost=travel_total + stay_total, unconfirmed=unconfirmed, at=at,
        )


def target_notes(held: int, physical: int, prog: Programme) -> list[str]:
    """Where a year's held gatherings miss the programme's target; empty when on target."""
    notes = []
    held_text = plural(held, "samling", "samlinger")
    if prog.gatherings_per_year_min is not None and held < prog.gatherings_per_year_min:
        notes.append(f"{held_text} holdt; målet er minst {prog.gatherings_per_year_min}.")
    if prog.gatherings_per_year_max is not None and held > prog.gatherings_per_year_max:
        notes.append(f"{held_text} holdt; målet er høyst {prog.gatherings_per_year_max}.")
    if prog.physical_per_year is not None and physical < prog.physical_per_year:
        physical_text = plural(physical, "fysisk samling", "fysiske samlinger")
        notes.append(f"{physical_text} holdt; målet er {prog.physical_per_year} i året.")
    return notes

