"""Gatherings (samlinger): plan, change, cancel, hold and list them, with their warnings
(attendance and the programme year: services.attendance)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import (
    Gathering,
    GatheringMode,
    GatheringStatus,
    new_gathering_uid,
)
from nettverk.domain.register import Programme
from nettverk.domain.values import OSLO, today_in_norway
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_gatherings
from nettverk.services.gathering_rules import GatheringTable as GatheringTable
from nettverk.services.gathering_rules import GatheringView as GatheringView
from nettverk.services.gathering_rules import (
    GatheringWarnings,
    Slot,
    warning_span,
)
from nettverk.services.gathering_rules import holiday_warnings as holiday_warnings
from nettverk.services.network_common import (
    aware,
    local,
    municipality_label,
    parse_enum,
)
from nettverk.services.register import find_municipality, find_programme

# --- helpers -----------------------------------------------------------------------------

_PLACE_OR_TIME = ("starts_at", "ends_at", "mode", "location", "video_url")
_UPDATABLE = {"title", "theme", "agenda", "municipality", *_PLACE_OR_TIME}
_ALIASES = {"start": "starts_at", "end": "ends_at"}


def load_gathering(session: Session, gathering_id: int, for_update: bool = False) -> Gathering:
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


def _warnings(session: Session, gatherings: Sequence[Slot]) -> dict[int, list[str]]:
    """Holiday, overlap, period, place and gatherings-per-year warnings for loaded gatherings
    (one extra query: the other gatherings of their years; the rules are
    services.gathering_rules', which `gathering list` applies to plain reads too)."""
    found = _warnings_of(session, gatherings)
    return {g.id: found.texts(g) for g in gatherings}


def _warnings_of(session: Session, gatherings: Sequence[Slot]) -> GatheringWarnings:
    """The gatherings' warnings, written when asked for (`GatheringWarnings`)."""
    span = warning_span(gatherings)
    if span is None:
        return GatheringWarnings(gatherings, [])
    lo, hi = span
    others = session.execute(
        select(Gathering.id, Gathering.programme_id, Programme.slug, Gathering.title,
               Gathering.starts_at, Gathering.ends_at)
        .join(Programme, Gathering.programme_id == Programme.id)
        .where(Gathering.status != GatheringStatus.cancelled,
               Gathering.starts_at < hi, Gathering.ends_at > lo)
        .order_by(Gathering.starts_at)
    ).all()
    return GatheringWarnings(gatherings, others)


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
        g = load_gathering(s, id)
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
        g = load_gathering(s, id)
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
        g = load_gathering(uow.session, id)
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
    """Gatherings by start time, with their warnings.

    With `municipality`: the gatherings tied to it, plus the shared gatherings (not tied to
    any municipality) of the programmes it takes part in.
    """
    return gathering_table(uow, programme, municipality, year, status, limit, offset).views()


def gathering_table(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    year: int | None = None,
    status: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> GatheringTable:
    """What `list_gatherings` lists, with each row's warnings written only when its view is
    made (`GatheringTable`): the TUI's Samlinger, 100,000 gatherings at ten times national
    scale, writes them for the gatherings it shows. Read in plain SQL on the unit of work's
    connection (services.plain_gatherings, the same statements `nettverk gathering list` runs
    without SQLAlchemy): mapping 40,000 date-times a national list holds through SQLAlchemy's
    result processing was most of Samlinger's time."""
    with uow:
        return plain_gatherings.gathering_table(uow.plain_reader(), programme, municipality,
                                                year, status, limit, offset)
