"""A gathering's warnings: the public holidays it touches, the other gatherings it overlaps
(across every programme: the same people attend several), more gatherings in a year than its
programme's rules allow, a date outside the programme's period, and a place or link missing.

`GatheringWarnings` reads the other gatherings once (one query) and then answers for any of the
gatherings it was made for: `texts` gives a gathering's warnings as shown, `count` how many
there are without writing them (bisections over sorted start and end times, no time zone
conversion per gathering): a list of 100,000 gatherings shows its ⚠ marks, and sorts and
filters on them, with the texts written only for the gathering whose detail is open."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from nettverk.domain.holidays import holiday_name, norwegian_holidays
from nettverk.domain.network import Gathering, GatheringMode, GatheringStatus, days_between
from nettverk.domain.norwegian import count
from nettverk.domain.register import Programme
from nettverk.domain.values import OSLO
from nettverk.services.network_common import fmt_period, local


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


class SlotProgramme(Protocol):
    """What the warnings read of a gathering's programme."""

    @property
    def starts(self) -> date: ...
    @property
    def ends(self) -> date | None: ...
    @property
    def gatherings_per_year_max(self) -> int | None: ...


class Slot(Protocol):
    """What the warnings read of a gathering: a loaded `Gathering`, or a row of a list."""

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
    def programme(self) -> SlotProgramme: ...


def _midnight(day: date) -> datetime:
    """The start of a Norwegian calendar day, as a UTC instant."""
    return datetime.combine(day, time(0), tzinfo=OSLO).astimezone(UTC)


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


class GatheringWarnings:
    """The warnings of the given gatherings (see the module's text), with the other gatherings
    they may overlap read once: those not cancelled in the calendar years the given ones span.
    A cancelled gathering has none."""

    def __init__(self, session: Session, gatherings: Sequence[Slot]) -> None:
        live = [g for g in gatherings if g.status is not GatheringStatus.cancelled]
        self.others: list[tuple[int, int, str, str, datetime, datetime]] = []
        first_year = last_year = 0
        if live:
            first_year = local(min(g.starts_at for g in live)).year
            last_year = local(max(g.ends_at for g in live)).year
            lo = _midnight(date(first_year, 1, 1))
            hi = _midnight(date(last_year + 1, 1, 1))
            self.others = [tuple(o) for o in session.execute(  # type: ignore[misc]
                select(Gathering.id, Gathering.programme_id, Programme.slug, Gathering.title,
                       Gathering.starts_at, Gathering.ends_at)
                .join(Programme, Gathering.programme_id == Programme.id)
                .where(Gathering.status != GatheringStatus.cancelled,
                       Gathering.starts_at < hi, Gathering.ends_at > lo)
                .order_by(Gathering.starts_at, Gathering.id))]
        others = self.others
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
