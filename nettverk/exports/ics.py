"""A minimal RFC 5545 (iCalendar) writer for gatherings and the theme calendar: plain data in, bytes out.

Why our own writer and not icalendar 7: the output we need is a small, fixed subset (VEVENT with
text, date and date-time values, one static VTIMEZONE), and icalendar 7 took ~2.3 s for 10,000
events against a budget of 1.0 s (see `bench/ics_writers.py`). icalendar is still what the tests
use to read every file back. Rules followed: CRLF line endings; lines folded at 75 octets
without splitting a UTF-8 character; TEXT escaped (backslash, semicolon, comma, newline);
times written with TZID=Europe/Oslo and its VTIMEZONE, never floating.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
TZID = "Europe/Oslo"
PRODID = "-//nettverk//Kalender for utviklingsnettverk//NO"

# Europe/Oslo as it has been since 1996 (EU summer time: last Sunday of March to the last
# Sunday of October, switching at 01:00 UTC). Calendar clients use it to show local time.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Oslo",
    "X-LIC-LOCATION:Europe/Oslo",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class CalendarEvent:
    """A timed event (a gathering); `starts`/`ends` must carry a zone."""

    uid: str
    sequence: int
    summary: str
    starts: datetime
    ends: datetime
    stamp: datetime
    cancelled: bool = False
    location: str | None = None
    url: str | None = None
    description: str | None = None
    categories: Sequence[str] = ()


@dataclass(frozen=True)
class AllDayItem:
    """An all-day item over whole days (a month's theme); `ends` is the first day after it."""

    uid: str
    sequence: int
    summary: str
    starts: date
    ends: date
    stamp: datetime
    description: str | None = None
    url: str | None = None
    categories: Sequence[str] = ()


@dataclass(frozen=True)
class Calendar:
    """One calendar file: its name and what is in it."""

    name: str
    events: Sequence[CalendarEvent] = ()
    all_day: Sequence[AllDayItem] = field(default_factory=tuple)
    description: str | None = None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11 (newlines as \\n, control characters dropped)."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in value:
        value = value.replace("\t", " ")
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    # str.replace is several times faster than str.translate here; backslash must go first.
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _uri(value: str) -> str:
    # URIs are not TEXT: no backslash escaping, but a line break would end the property.
    return _CONTROL.sub("", value.replace("\r", "").replace("\n", "").replace("\t", "")).strip()


def fold(line: str) -> str:
    """One content line folded at 75 octets (continuations start with a space), CRLF ended.

    Splits only between characters, so a multi-byte UTF-8 letter (á, š, ŋ, æ) is never cut.
    """
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # never start a line inside a character
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # the leading space takes one octet
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def _stamp(v: datetime | date) -> str:
    if isinstance(v, datetime):
        return f"{v.year:04d}{v.month:02d}{v.day:02d}T{v.hour:02d}{v.minute:02d}{v.second:02d}"
    return f"{v.year:04d}{v.month:02d}{v.day:02d}"


def _utc(value: datetime) -> str:
    return _stamp(value.astimezone(UTC)) + "Z"


def _when(value: datetime) -> str:
    """`;TZID=Europe/Oslo:local` — or UTC in the one hour a year when local time is ambiguous."""
    if value.tzinfo is None:
        raise ValueError("a calendar time must carry its zone")
    local = value.astimezone(OSLO)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return ":" + _utc(value)  # 02:00–03:00 on the last Sunday of October happens twice
    return f";TZID={TZID}:" + _stamp(local)


def _event_lines(e: CalendarEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(e.uid)}",
        f"SEQUENCE:{e.sequence}",
        f"DTSTAMP:{_utc(e.stamp)}",
        f"LAST-MODIFIED:{_utc(e.stamp)}",
        f"DTSTART{_when(e.starts)}",
        f"DTEND{_when(e.ends)}",
        f"SUMMARY:{escape_text(e.summary)}",
        "STATUS:CANCELLED" if e.cancelled else "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
    ]
    if e.location:
        lines.append(f"LOCATION:{escape_text(e.location)}")
    if e.url and _uri(e.url):
        lines.append(f"URL:{_uri(e.url)}")
    if e.description:
        lines.append(f"DESCRIPTION:{escape_text(e.description)}")
    if e.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in e.categories))
    lines.append("END:VEVENT")
    return lines


def _all_day_lines(item: AllDayItem) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(item.uid)}",
        f"SEQUENCE:{item.sequence}",
        f"DTSTAMP:{_utc(item.stamp)}",
        f"LAST-MODIFIED:{_utc(item.stamp)}",
        f"DTSTART;VALUE=DATE:{_stamp(item.starts)}",
        f"DTEND;VALUE=DATE:{_stamp(item.ends)}",
        f"SUMMARY:{escape_text(item.summary)}",
        "TRANSP:TRANSPARENT",
    ]
    if item.url and _uri(item.url):
        lines.append(f"URL:{_uri(item.url)}")
    if item.description:
        lines.append(f"DESCRIPTION:{escape_text(item.description)}")
    if item.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in item.categories))
    lines.append("END:VEVENT")
    return lines


def _lines(calendar: Calendar) -> Iterable[str]:
    yield "BEGIN:VCALENDAR"
    yield "VERSION:2.0"
    yield f"PRODID:{PRODID}"
    yield "CALSCALE:GREGORIAN"
    yield "METHOD:PUBLISH"
    yield f"X-WR-CALNAME:{escape_text(calendar.name)}"
    yield f"X-WR-TIMEZONE:{TZID}"
    if calendar.description:
        yield f"X-WR-CALDESC:{escape_text(calendar.description)}"
    # Always: RFC 5545 wants at least one component, so an empty programme's calendar is still
    # valid to strict readers, and a VTIMEZONE is a component.
    yield from VTIMEZONE
    for event in calendar.events:
        yield from _event_lines(event)
    for item in calendar.all_day:
        yield from _all_day_lines(item)
    yield "END:VCALENDAR"


def write_calendar(calendar: Calendar,
                   memo: MutableMapping[CalendarEvent, str] | None = None) -> bytes:
    """The calendar as an iCalendar file: UTF-8, CRLF, folded lines.

    `memo` (for a feed served again and again): each event's folded text by the event, reused
    when the same event comes again and filled with the ones that are new, so a calendar in
    which one gathering changed renders that one event. The same bytes as without it."""
    if memo is None:
        return "".join(fold(line) for line in _lines(calendar)).encode("utf-8")
    events = calendar.events
    head = "".join(fold(line) for line in _lines(replace(calendar, events=())))
    cut = head.index("END:VCALENDAR\r\n") if not calendar.all_day else head.index(
        "BEGIN:VEVENT")
    parts = [head[:cut]]
    for event in events:
        try:
            text = memo.get(event)
        except TypeError:  # an event that cannot be a key (a list of categories)
            parts.append("".join(fold(line) for line in _event_lines(event)))
            continue
        if text is None:
            text = memo[event] = "".join(fold(line) for line in _event_lines(event))
        parts.append(text)
    parts.append(head[cut:])
    return "".join(parts).encode("utf-8")
