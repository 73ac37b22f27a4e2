"""Gatherings' views and warnings apart from SQLAlchemy and the mapped classes: the rules of
`services.gatherings` (which re-exports them) that `gathering list` also applies when it reads
with plain DB-API SQL (services.plain_gatherings). Each reader fetches the other gatherings of
the years concerned (`warning_span`) its own way; `warnings` says the same of them."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple, Protocol

from nettverk.domain.holidays import holiday_name
from nettverk.domain.network_rules import GatheringMode, GatheringStatus, days_between
from nettverk.domain.norwegian import count
from nettverk.domain.values import OSLO, year_bounds
from nettverk.services.network_common import fmt_period, local


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


class ProgrammeRules(Protocol):
    """What the warnings read of a gathering's programme."""

    @property
    def starts(self) -> date: ...
    @property
    def ends(self) -> date | None: ...
    @property
    def gatherings_per_year_max(self) -> int | None: ...


class Slot(Protocol):
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
    def programme(self) -> ProgrammeRules: ...


def _period_warning(g: Slot, day: date) -> list[str]:
    p = g.programme
    if day < p.starts or (p.ends is not None and day > p.ends):
        until = f"{p.ends:%d.%m.%Y}" if p.ends else "…"
        return [f"Samlingen ligger utenfor programperioden ({p.starts:%d.%m.%Y}–{until})."]
    return []


def _place_warning(g: Slot) -> list[str]:
    if g.mode in (GatheringMode.physical, GatheringMode.hybrid) and not g.location:
        return ["Fysisk samling uten sted."]
    if g.mode in (GatheringMode.video, GatheringMode.hybrid) and not g.video_url:
        return ["Videomøte uten lenke."]
    return []


class Other(Protocol):
    """What the warnings read of each other gathering of the years concerned."""

    @property
    def id(self) -> int: ...
    @property
    def programme_id(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...


def warning_span(gatherings: Sequence[Slot]) -> tuple[datetime, datetime] | None:
    """The UTC instants bounding the calendar years of the gatherings not cancelled: the other
    gatherings to read for `warnings` are those not cancelled that start before the end and
    end after the start, by start time. None when every gathering is cancelled."""
    live = [g for g in gatherings if g.status is not GatheringStatus.cancelled]
    if not live:
        return None
    return (year_bounds(min(g.starts_at for g in live).astimezone(OSLO).year)[0],
            year_bounds(max(g.ends_at for g in live).astimezone(OSLO).year)[1])


def warnings(gatherings: Sequence[Slot], others: Sequence[Other]) -> dict[int, list[str]]:
    """Holiday, overlap, period, place and gatherings-per-year warnings for the gatherings,
    given the others of `warning_span`. Overlaps are checked across every programme (the same
    people attend several); the yearly count against the programme's maximum counts its own
    gatherings."""
    result: dict[int, list[str]] = {g.id: [] for g in gatherings}
    live = [g for g in gatherings if g.status is not GatheringStatus.cancelled]
    if live:
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


class ProgrammeRow(NamedTuple):
    """What a list's gathering needs of its programme."""

    id: int
    slug: str
    starts: date
    ends: date | None
    gatherings_per_year_max: int | None


class ListRow(NamedTuple):
    """A gathering of a list as read (its columns, then its programme and municipality):
    what `warnings` and the view need, without an ORM object."""

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
    programme: ProgrammeRow
    number: str | None
    municipality_name: str | None


def row_view(r: ListRow, warnings: list[str]) -> GatheringView:
    """The view of a list's row (as services.gatherings._view of a loaded gathering)."""
    return GatheringView(
        id=r.id, uid=r.uid, title=r.title, theme=r.theme, programme=r.programme.slug,
        municipality=r.number, municipality_name=r.municipality_name, start=local(r.starts_at),
        end=local(r.ends_at), mode=r.mode.value, location=r.location, video_url=r.video_url,
        agenda=r.agenda, status=r.status.value, revision=r.revision, version=r.version,
        warnings=list(warnings), held_on=r.held_on, cancelled_on=r.cancelled_on,
    )
