"""Gatherings (samlinger) and attendance: plan, change, cancel, hold, count and sum up."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple, Protocol

from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.holidays import holiday_name
from nettverk.domain.mail import MailLog, MailStatus
from nettverk.domain.network import (
    Attendance,
    Gathering,
    GatheringMode,
    GatheringStatus,
    check_money,
    days_between,
    new_gathering_uid,
)
from nettverk.domain.norwegian import count, plural
from nettverk.domain.register import Municipality, Participation, ParticipationStatus, Programme
from nettverk.domain.values import OSLO, today_in_norway, year_bounds
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.as_of import attendance_recorded_by, gathering_state
from nettverk.services.network_common import (
    aware,
    display_name,
    fmt_period,
    local,
    municipality_label,
    parse_enum,
)
from nettverk.services.register import find_municipality, find_programme

# --- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GatheringView:
    """A gathering as shown to users; start and end are aware datetimes in Europe/Oslo."""

    id: int
    uid: str
    title: str
    theme: str | None
    programme: str
    municipality: str | None
    municipality_name: str | None
    start: datetime
    end: datetime
    mode: str
    location: str | None
    video_url: str | None
    agenda: str | None
    status: str
    revision: int
    version: int
    warnings: list[str] = field(default_factory=list)
    held_on: date | None = None
    cancelled_on: date | None = None


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


# --- helpers -----------------------------------------------------------------------------

_PLACE_OR_TIME = ("starts_at", "ends_at", "mode", "location", "video_url")
_UPDATABLE = {"title", "theme", "agenda", "municipality", *_PLACE_OR_TIME}
_ALIASES = {"start": "starts_at", "end": "ends_at"}
_ZERO = Decimal("0.00")


def _load(session: Session, gathering_id: int, for_update: bool = False) -> Gathering:
    g = session.scalar(
        select(Gathering)
        .options(joinedload(Gathering.programme), joinedload(Gathering.municipality))
        .where(Gathering.id == gathering_id)
    )
    if g is None:
        raise NotFoundError("id", f"samling {gathering_id} finnes ikke")
    return g


def _check_version(g: Gathering, expected_version: int | None) -> None:
    g.check_version(expected_version, "samlingen")


def _view(g: Gathering, warnings: list[str] | None = None) -> GatheringView:
    m = g.municipality
    return GatheringView(
        id=g.id, uid=g.uid, title=g.title, theme=g.theme, programme=g.programme.slug,
        municipality=m.number if m else None,
        municipality_name=municipality_label(m) if m else None,
        start=local(g.starts_at), end=local(g.ends_at), mode=g.mode.value, location=g.location,
        video_url=g.video_url, agenda=g.agenda, status=g.status.value, revision=g.revision,
        version=g.version, warnings=list(warnings or []), held_on=g.held_on,
        cancelled_on=g.cancelled_on,
    )


def holiday_warnings(starts_at: datetime, ends_at: datetime) -> list[str]:
    """A warning for each Norwegian public holiday the gathering touches (local dates)."""
    end_local = local(ends_at)
    last_day = end_local.date()
    if end_local.time() == datetime.min.time() and last_day > local(starts_at).date():
        last_day -= timedelta(days=1)  # ending at midnight does not touch the next day
    notes = []
    for day in days_between(local(starts_at).date(), last_day):
        name = holiday_name(day)
        if name:
            notes.append(f"{day:%d.%m.%Y} er en helligdag ({name}).")
    return notes


class _Programme(Protocol):
    starts: date
    ends: date | None
    gatherings_per_year_max: int | None


class _Slot(Protocol):
    """What the warnings read of a gathering: a loaded `Gathering`, or a `_Row` of a list."""

    @property
    def id(self) -> int: ...
    @property
    def programme_id(self) -> int: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...
    @property
    def status(self) -> GatheringStatus: ...
    @property
    def mode(self) -> GatheringMode: ...
    @property
    def location(self) -> str | None: ...
    @property
    def video_url(self) -> str | None: ...
    @property
    def programme(self) -> _Programme: ...


def _period_warning(g: _Slot, day: date) -> list[str]:
    p = g.programme
    if day < p.starts or (p.ends is not None and day > p.ends):
        until = f"{p.ends:%d.%m.%Y}" if p.ends else "…"
        return [f"Samlingen ligger utenfor programperioden ({p.starts:%d.%m.%Y}–{until})."]
    return []


def _place_warning(g: _Slot) -> list[str]:
    if g.mode in (GatheringMode.physical, GatheringMode.hybrid) and not g.location:
        return ["Fysisk samling uten sted."]
    if g.mode in (GatheringMode.video, GatheringMode.hybrid) and not g.video_url:
        return ["Videomøte uten lenke."]
    return []


def _warnings(session: Session, gatherings: Sequence[_Slot]) -> dict[int, list[str]]:
    """Holiday, overlap, period, place and gatherings-per-year warnings for loaded gatherings
    (one extra query). Overlaps are checked across every programme (the same people attend
    several); the yearly count against the programme's maximum counts its own gatherings."""
    result: dict[int, list[str]] = {g.id: [] for g in gatherings}
    live = [g for g in gatherings if g.status is not GatheringStatus.cancelled]
    if live:
        lo = year_bounds(min(g.starts_at for g in live).astimezone(OSLO).year)[0]
        hi = year_bounds(max(g.ends_at for g in live).astimezone(OSLO).year)[1]
        others = session.execute(
            select(Gathering.id, Gathering.programme_id, Programme.slug, Gathering.title,
                   Gathering.starts_at, Gathering.ends_at)
            .join(Programme, Gathering.programme_id == Programme.id)
            .where(Gathering.status != GatheringStatus.cancelled,
                   Gathering.starts_at < hi, Gathering.ends_at > lo)
            .order_by(Gathering.starts_at)
        ).all()
        starts = [o.starts_at for o in others]
        longest = max((o.ends_at - o.starts_at for o in others), default=timedelta(0))
        per_year: dict[tuple[int, int], int] = defaultdict(int)
        year_of: dict[int, int] = {}
        for o in others:
            year_of[o.id] = year = o.starts_at.astimezone(OSLO).year
            per_year[(o.programme_id, year)] += 1
        ends = [o.ends_at for o in others]
        ids = [o.id for o in others]
        programme_ids = [o.programme_id for o in others]
        # Each other gathering's warning text, made once (its own programme's and another's):
        # at national scale most gatherings overlap several others.
        said: dict[tuple[int, bool], str] = {}
        for g in live:
            g_start, g_end, g_id, g_programme = g.starts_at, g.ends_at, g.id, g.programme_id
            found = result[g_id]
            # The others that start before g ends (bisect) and end after it starts: `overlaps`,
            # written out, since this runs for every pair within the longest gathering's reach.
            for k in range(bisect_left(starts, g_start - longest), bisect_left(starts, g_end)):
                if ends[k] > g_start and ids[k] != g_id:
                    same = programme_ids[k] == g_programme
                    text = said.get((ids[k], same))
                    if text is None:
                        other = others[k]
                        where = "" if same else f" i programmet {other.slug}"
                        text = said[(ids[k], same)] = (
                            f"Overlapper med «{other.title}»{where} "
                            f"({fmt_period(other.starts_at, other.ends_at)}).")
                    found.append(text)
            maximum = g.programme.gatherings_per_year_max if g.programme else None
            year = year_of.get(g.id) or g.starts_at.astimezone(OSLO).year
            in_year = per_year[(g.programme_id, year)]
            if maximum is not None and in_year > maximum:
                result[g.id].append(
                    f"Programmet har {count(in_year, 'samlinger')} i {year}; reglene sier høyst "
                    f"{maximum} i året."
                )
    for g in gatherings:
        if g.status is not GatheringStatus.cancelled:
            day = local(g.starts_at).date()
            result[g.id] = (holiday_warnings(g.starts_at, g.ends_at) + result[g.id]
                            + _period_warning(g, day) + _place_warning(g))
    return result


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return year_bounds(year)


# --- gatherings --------------------------------------------------------------------------


def add_gathering(
    uow: UnitOfWork,
    programme: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    location: str | None = None,
    video_url: str | None = None,
    agenda: str | None = None,
    theme: str | None = None,
    municipality: str | None = None,
) -> GatheringView:
    """Plan a gathering; warns (never refuses) on public holidays and overlapping gatherings.

    `municipality` ties the gathering to one municipality (e.g. the yearly partnership
    meeting); naive datetimes are read as Norwegian local time.
    """
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        g = Gathering(
            programme=prog, uid=new_gathering_uid(), title=title, theme=theme,
            starts_at=aware("start", starts_at), ends_at=aware("end", ends_at),
            mode=parse_enum(GatheringMode, "mode", mode), location=location,
            video_url=video_url, agenda=agenda, status=GatheringStatus.planned, revision=0,
            municipality=find_municipality(s, municipality) if municipality else None,
        )
        g.check()
        s.add(g)
        uow.flush()
        view = _view(g, _warnings(s, [g])[g.id])
        uow.commit()
        return view


def update_gathering(
    uow: UnitOfWork, id: int, expected_version: int | None = None, **changes: object
) -> GatheringView:
    """Change a gathering; a change of time, place or mode raises its revision (uid stays).

    Keys: title, theme, agenda, starts_at (or start), ends_at (or end), mode, location,
    video_url, municipality (number or None).
    """
    changes = {_ALIASES.get(k, k): v for k, v in changes.items()}
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        s = uow.session
        g = _load(s, id)
        _check_version(g, expected_version)
        if g.status is GatheringStatus.cancelled:
            raise DomainError("status", "samlingen er avlyst og kan ikke endres")
        moved = False
        for key, value in changes.items():
            if key in ("starts_at", "ends_at"):
                if not isinstance(value, datetime):
                    raise DomainError("start" if key == "starts_at" else "end",
                                      "må være et tidspunkt")
                value = aware("start" if key == "starts_at" else "end", value)
            elif key == "mode":
                value = parse_enum(GatheringMode, "mode", str(value))
            elif key == "municipality":
                g.municipality = find_municipality(s, str(value)) if value else None
                continue
            if getattr(g, key) != value:
                setattr(g, key, value)
                moved = moved or key in _PLACE_OR_TIME
        g.check()
        if moved:
            g.revision += 1
        uow.flush()
        view = _view(g, _warnings(s, [g])[g.id])
        uow.commit()
        return view


def _set_status(uow: UnitOfWork, id: int, status: GatheringStatus,
                expected_version: int | None, on: date | None = None) -> GatheringView:
    today = today_in_norway()
    day = on or today
    if day > today:
        raise DomainError("date", "datoen kan ikke være etter i dag")
    with uow:
        s = uow.session
        g = _load(s, id)
        _check_version(g, expected_version)
        if g.status is status:
            raise DomainError("status", {
                GatheringStatus.cancelled: "samlingen er allerede avlyst",
                GatheringStatus.held: "samlingen er allerede markert som holdt",
                GatheringStatus.planned: "samlingen er allerede planlagt",
            }[status])
        if status is GatheringStatus.cancelled and g.status is GatheringStatus.held:
            raise DomainError("status", "en samling som er holdt kan ikke avlyses")
        if status is GatheringStatus.held and g.status is GatheringStatus.cancelled:
            raise DomainError("status", "en avlyst samling kan ikke markeres som holdt")
        if status is GatheringStatus.held and g.starts_at > datetime.now(OSLO):
            raise DomainError("status", "samlingen har ikke begynt ennå")
        if status is GatheringStatus.held and day < local(g.starts_at).date():
            raise DomainError("date", "samlingen kan ikke være bekreftet holdt før den begynte")
        g.status = status
        # The day the status was recorded: reports for earlier dates do not see it.
        g.held_on = day if status is GatheringStatus.held else None
        g.cancelled_on = day if status is GatheringStatus.cancelled else None
        g.revision += 1
        uow.flush()
        view = _view(g, _warnings(s, [g])[g.id])
        uow.commit()
        return view


def cancel_gathering(uow: UnitOfWork, id: int, expected_version: int | None = None,
                     on: date | None = None) -> GatheringView:
    """Cancel a planned gathering (raises its revision so calendars update); `on` is the day
    the cancellation was decided (default today, never later)."""
    return _set_status(uow, id, GatheringStatus.cancelled, expected_version, on)


def mark_held(uow: UnitOfWork, id: int, expected_version: int | None = None,
              on: date | None = None) -> GatheringView:
    """Record that a gathering took place; `on` is the day that was confirmed (default today;
    not before the gathering began). Reports for earlier dates show it as not confirmed."""
    return _set_status(uow, id, GatheringStatus.held, expected_version, on)


def get_gathering(uow: UnitOfWork, id: int) -> GatheringView:
    """One gathering by id, with its warnings."""
    with uow:
        g = _load(uow.session, id)
        return _view(g, _warnings(uow.session, [g])[g.id])


def list_gatherings(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    year: int | None = None,
    status: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[GatheringView]:
    """Gatherings by start time.

    With `municipality`: the gatherings tied to it, plus the shared gatherings (not tied to
    any municipality) of the programmes it takes part in.
    """
    with uow:
        s = uow.session
        conditions: list[Any] = []
        if programme:
            conditions.append(Gathering.programme_id == find_programme(s, programme).id)
        if year is not None:
            lo, hi = _year_bounds(year)
            conditions += [Gathering.starts_at >= lo, Gathering.starts_at < hi]
        if status:
            conditions.append(Gathering.status == parse_enum(GatheringStatus, "status", status))
        page_done = False
        if municipality:
            # Its own gatherings and its programmes' shared ones, each found by its own
            # condition (ids and start times only), and the page's ids sorted from these: with
            # an OR, PostgreSQL walked the start-time index of every gathering and filtered
            # them one by one (a limit per branch brings that walk back for the shared ones).
            mun = find_municipality(s, municipality)
            participates = select(Participation.programme_id).where(
                Participation.municipality_id == mun.id)
            both = union_all(
                select(Gathering.id, Gathering.starts_at)
                .where(Gathering.municipality_id == mun.id, *conditions),
                select(Gathering.id, Gathering.starts_at)
                .where(Gathering.municipality_id.is_(None),
                       Gathering.programme_id.in_(participates), *conditions),
            ).subquery("municipality_gathering")
            page = select(both.c.id).order_by(both.c.starts_at, both.c.id).offset(offset)
            if limit is not None:
                page = page.limit(limit)
            conditions = [Gathering.id.in_(page)]
            page_done = True
        # Columns, not ORM objects: a whole national list (10,000 gatherings) is read for the
        # TUI's Samlinger, and mapping objects with their joined programme and municipality
        # was most of its time (tests/integration/test_gathering_list_rows.py: the same views).
        stmt = (select(*_LIST_COLUMNS, Municipality.number, Municipality.name,
                       Municipality.sami_name)
                .outerjoin(Municipality, Municipality.id == Gathering.municipality_id)
                .where(*conditions).order_by(Gathering.starts_at, Gathering.id))
        if not page_done:
            stmt = stmt.offset(offset)
        if limit is not None and not page_done:
            stmt = stmt.limit(limit)
        found = s.execute(stmt).all()
        programmes = {p.id: p for p in s.execute(select(
            Programme.id, Programme.slug, Programme.starts, Programme.ends,
            Programme.gatherings_per_year_max)).all()} if found else {}
        width = len(_LIST_COLUMNS)
        rows = [_ListRow._make((*r[:width], programmes[r.programme_id], r.number,
                                None if r.number is None else display_name(r.name, r.sami_name)))
                for r in found]
        warnings = _warnings(s, rows)
        return [_row_view(r, warnings[r.id]) for r in rows]


_LIST_COLUMNS = (Gathering.id, Gathering.uid, Gathering.title, Gathering.theme,
                 Gathering.programme_id, Gathering.starts_at, Gathering.ends_at, Gathering.mode,
                 Gathering.location, Gathering.video_url, Gathering.agenda, Gathering.status,
                 Gathering.revision, Gathering.version, Gathering.held_on, Gathering.cancelled_on)


class _ListRow(NamedTuple):
    """A gathering of a list as read (the columns of _LIST_COLUMNS, then its programme and
    municipality); what `_warnings` and the view need, without an ORM object."""

    id: int
    uid: str
    title: str
    theme: str | None
    programme_id: int
    starts_at: datetime
    ends_at: datetime
    mode: GatheringMode
    location: str | None
    video_url: str | None
    agenda: str | None
    status: GatheringStatus
    revision: int
    version: int
    held_on: date | None
    cancelled_on: date | None
    programme: Any  # a row of id, slug, starts, ends, gatherings_per_year_max
    number: str | None
    municipality_name: str | None


def _row_view(r: _ListRow, warnings: list[str]) -> GatheringView:
    """As `_view`, from a list's row."""
    return GatheringView(
        id=r.id, uid=r.uid, title=r.title, theme=r.theme, programme=r.programme.slug,
        municipality=r.number, municipality_name=r.municipality_name, start=local(r.starts_at),
        end=local(r.ends_at), mode=r.mode.value, location=r.location, video_url=r.video_url,
        agenda=r.agenda, status=r.status.value, revision=r.revision, version=r.version,
        warnings=list(warnings), held_on=r.held_on, cancelled_on=r.cancelled_on,
    )


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
        g = _load(s, gathering_id)
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
        g = _load(s, gathering_id)
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
        _load(s, gathering_id)
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
        lo, hi = _year_bounds(year)
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

