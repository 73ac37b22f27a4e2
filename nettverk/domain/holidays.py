"""Norwegian public holidays (offentlige høytidsdager), computed without any dependency.

The fixed days and the Easter-based days of the Norwegian calendar (lov om 1. og 17. mai
som høgtidsdager, lov om helligdager og helligdagsfred). Ordinary Sundays are not listed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def _holidays(year: int) -> tuple[tuple[date, str], ...]:
    easter = easter_sunday(year)
    days = [
        (date(year, 1, 1), "1. nyttårsdag"),
        (easter - timedelta(days=3), "Skjærtorsdag"),
        (easter - timedelta(days=2), "Langfredag"),
        (easter, "1. påskedag"),
        (easter + timedelta(days=1), "2. påskedag"),
        (date(year, 5, 1), "Arbeidernes dag"),
        (date(year, 5, 17), "Grunnlovsdag"),
        (easter + timedelta(days=39), "Kristi himmelfartsdag"),
        (easter + timedelta(days=49), "1. pinsedag"),
        (easter + timedelta(days=50), "2. pinsedag"),
        (date(year, 12, 25), "1. juledag"),
        (date(year, 12, 26), "2. juledag"),
    ]
    # Kristi himmelfart can fall on 1 or 17 May; keep both names rather than lose one.
    merged: dict[date, str] = {}
    for day, name in days:
        merged[day] = f"{merged[day]} og {name}" if day in merged else name
    return tuple(sorted(merged.items()))


def norwegian_holidays(year: int) -> dict[date, str]:
    """The public holidays of a year, by date, with their Norwegian names."""
    return dict(_holidays(year))


def holiday_name(d: date) -> str | None:
    """The name of the public holiday on a date, or None on an ordinary day."""
    return dict(_holidays(d.year)).get(d)
