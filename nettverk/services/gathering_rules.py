"""Gatherings' views and warnings apart from SQLAlchemy and the mapped classes: the rules of
`services.gatherings` (which re-exports them) that `gathering list` also applies when it reads
with plain DB-API SQL (services.plain_gatherings). Each reader fetches the other gatherings of
the years concerned (`warning_span`) its own way; `warnings` says the same of them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple, Protocol

from nettverk.domain.holidays import holiday_name, norwegian_holidays
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


def _period_warning(g: Slot) -> list[str]:
    p = g.programme
    day = local(g.starts_at).date()
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
    given the others of `warning_span` (`GatheringWarnings`)."""
    found = GatheringWarnings(gatherings, others)
    return {g.id: found.texts(g) for g in gatherings}


def _midnight(day: date) -> datetime:
    """The start of a Norwegian calendar day, as a UTC instant."""
    return datetime.combine(day, time(0), tzinfo=OSLO).astimezone(UTC)


class GatheringWarnings:
    """The warnings of the given gatherings, from the other gatherings they may overlap (those
    of `warning_span`, by start time, as rows of id, programme id, programme slug, title,
    start and end), read once by the caller. `texts` gives a gathering's warnings as shown,
    `count` how many there are without writing them (bisections over sorted start and end
    times, no time zone conversion per gathering): a list of 100,000 gatherings shows its ⚠
    marks, and sorts and filters on them, with the texts written only for the gatherings made.
    A cancelled gathering has none."""

    def __init__(self, gatherings: Sequence[Slot], others: Sequence[Any]) -> None:
        live = [g for g in gatherings if g.status is not GatheringStatus.cancelled]
        first_year = last_year = 0
        if live:
            first_year = local(min(g.starts_at for g in live)).year
            last_year = local(max(g.ends_at for g in live)).year
        self.others = others
        self._starts = [o[4] for o in others]
        self._ends = [o[5] for o in others]
        self._sorted_ends = sorted(self._ends)
        self._longest = max((o[5] - o[4] for o in others), default=timedelta(0))
        self._listed = {o[0] for o in others}
        # Years by their first instant (UTC): a start's Norwegian year by bisection.
        years = range(first_year - 1, last_year + 2) if live else range(0)
        self._year_starts = [_midnight(date(y, 1, 1)) for y in years]
        self._first_year = years.start
        per_year: dict[tuple[int, int], int] = defaultdict(int)
        for o in others:
            per_year[(o[1], self._year(o[4]))] += 1
        self._per_year = per_year
        # The holidays of those years as UTC instants (each a whole Norwegian day).
        days = sorted(day for y in years for day in norwegian_holidays(y))
        self._holiday_starts = [_midnight(day) for day in days]
        self._holiday_ends = [_midnight(day + timedelta(days=1)) for day in days]
        self._said: dict[tuple[int, bool], str] = {}
        self._period: dict[int, tuple[datetime, datetime | None]] = {}

    def _year(self, moment: datetime) -> int:
        return self._first_year + bisect_right(self._year_starts, moment) - 1

    def _overlapping(self, g: Slot) -> list[int]:
        """The positions in `others` of the gatherings g overlaps, in start order."""
        starts, ends, g_start, g_id = self._starts, self._ends, g.starts_at, g.id
        return [k for k in range(bisect_left(starts, g_start - self._longest),
                                 bisect_left(starts, g.ends_at))
                if ends[k] > g_start and self.others[k][0] != g_id]

    def _too_many(self, g: Slot) -> tuple[int, int, int] | None:
        """(gatherings in the year, the year, the programme's maximum) when over it."""
        maximum = g.programme.gatherings_per_year_max if g.programme else None
        if maximum is None:
            return None
        year = self._year(g.starts_at)
        in_year = self._per_year[(g.programme_id, year)]
        return (in_year, year, maximum) if in_year > maximum else None

    def texts(self, g: Slot) -> list[str]:
        """The gathering's warnings: holidays, overlaps, the yearly count, the programme's
        period, and its place or link."""
        if g.status is GatheringStatus.cancelled:
            return []
        found = holiday_warnings(g.starts_at, g.ends_at)
        for k in self._overlapping(g):
            other = self.others[k]
            same = other[1] == g.programme_id
            text = self._said.get((other[0], same))
            if text is None:
                where = "" if same else f" i programmet {other[2]}"
                text = self._said[(other[0], same)] = (
                    f"Overlapper med «{other[3]}»{where} ({fmt_period(other[4], other[5])}).")
            found.append(text)
        over = self._too_many(g)
        if over is not None:
            in_year, year, maximum = over
            found.append(f"Programmet har {count(in_year, 'samlinger')} i {year}; reglene sier "
                         f"høyst {maximum} i året.")
        return found + _period_warning(g) + _place_warning(g)

    def count(self, g: Slot) -> int:
        """How many warnings `texts` gives, without writing them."""
        if g.status is GatheringStatus.cancelled:
            return 0
        start, end = g.starts_at, g.ends_at
        holidays = (bisect_left(self._holiday_starts, end)
                    - bisect_right(self._holiday_ends, start))
        overlaps = (bisect_left(self._starts, end) - bisect_right(self._sorted_ends, start)
                    - (g.id in self._listed))
        return (holidays + overlaps + (self._too_many(g) is not None)
                + self._outside_period(g) + len(_place_warning(g)))

    def _outside_period(self, g: Slot) -> bool:
        p = g.programme
        bounds = self._period.get(g.programme_id)
        if bounds is None:
            bounds = self._period[g.programme_id] = (
                _midnight(p.starts),
                None if p.ends is None else _midnight(p.ends + timedelta(days=1)))
        first, after = bounds
        return g.starts_at < first or (after is not None and g.starts_at >= after)


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


class GatheringTable:
    """A list's gatherings as read (`rows`, in order) with their warnings worked out only when
    asked for: `view(i)` is what `list_gatherings` gives at position i, `warning_count(i)` how
    many warnings it has (without writing them)."""

    def __init__(self, rows: list[ListRow], warnings: GatheringWarnings) -> None:
        self.rows = rows
        self.warnings = warnings

    def __len__(self) -> int:
        return len(self.rows)

    def view(self, index: int) -> GatheringView:
        """Row `index`'s view, with its warnings."""
        row = self.rows[index]
        return row_view(row, self.warnings.texts(row))

    def views(self) -> list[GatheringView]:
        """Every row's view, in order."""
        return list(map(self.view, range(len(self.rows))))

    def warning_counts(self) -> list[int]:
        """How many warnings each row has, in order."""
        return list(map(self.warnings.count, self.rows))
