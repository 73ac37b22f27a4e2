"""ICS writers side by side: our minimal RFC 5545 writer, icalendar 7, and `ics` 0.7 (if importable).

Run: `.venv/bin/python bench/ics_writers.py [N]` (default 10,000 gatherings). `ics` is not a
dependency; to include it: `pip install --target /tmp/icsbench ics` and set
`ICS_BENCH_PATH=/tmp/icsbench`. Each writer gets the same plain data (times in Europe/Oslo,
Norwegian and Sámi text with characters that need escaping) and must produce one file.
The figures are the best of three runs, in seconds; the file is also parsed back with icalendar
to be sure each writer produced what it claims.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from nettverk.exports.ics import OSLO, Calendar, CalendarEvent, write_calendar


def make_events(n: int) -> list[CalendarEvent]:
    """N gatherings over ten years, half in summer time, with text that needs escaping."""
    start = datetime(2020, 1, 6, 9, tzinfo=OSLO)
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    return [
        CalendarEvent(
            uid=f"{i:08d}-samling@nettverk", sequence=i % 4,
            summary=f"Samling {i}: planstrategi, samfunnsdel; Evenes – Evenášši",
            starts=start + timedelta(hours=9 * i), ends=start + timedelta(hours=9 * i + 3),
            stamp=stamp, cancelled=i % 17 == 0, location="Bodø, Thon Hotel; sal «Nord»",
            url="https://meet.example.no/samling", categories=("Læringsnettverk",),
            description="09:00 Velkommen\n10:00 Planstrategi og samfunnsdel\\arealdel\n"
            "12:00 Lunsj i Snåase – Aarborte; erfaringer fra kommunene, innspill",
        )
        for i in range(n)
    ]


def ours(events: list[CalendarEvent]) -> bytes:
    return write_calendar(Calendar(name="Samfunnsutvikling i mindre kommuner", events=events))


def with_icalendar(events: list[CalendarEvent]) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//nettverk//bench//NO")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Samfunnsutvikling i mindre kommuner")
    cal.add_component(icalendar.Timezone.from_tzid("Europe/Oslo"))
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", e.uid)
        ev.add("sequence", e.sequence)
        ev.add("dtstamp", e.stamp)
        ev.add("dtstart", e.starts)
        ev.add("dtend", e.ends)
        ev.add("summary", e.summary)
        ev.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        ev.add("location", e.location)
        ev.add("url", e.url)
        ev.add("description", e.description)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def with_ics(events: list[CalendarEvent]) -> bytes:
    import ics  # type: ignore[import-not-found]

    cal = ics.Calendar()
    for e in events:
        cal.events.add(ics.Event(
            uid=e.uid, name=e.summary, begin=e.starts, end=e.ends, created=e.stamp,
            location=e.location, url=e.url, description=e.description,
            status="CANCELLED" if e.cancelled else "CONFIRMED",
        ))
    return cal.serialize().encode("utf-8")


def best_of(fn: Callable[[list[CalendarEvent]], bytes], events: list[CalendarEvent],
            runs: int = 3) -> tuple[float, bytes]:
    best, data = float("inf"), b""
    for _ in range(runs):
        t0 = time.perf_counter()
        data = fn(events)
        best = min(best, time.perf_counter() - t0)
    return best, data


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    if os.environ.get("ICS_BENCH_PATH"):
        sys.path.append(os.environ["ICS_BENCH_PATH"])
    events = make_events(n)
    writers: list[tuple[str, Callable[[list[CalendarEvent]], bytes], int]] = [
        ("nettverk.exports.ics (egen)", ours, 3), ("icalendar 7", with_icalendar, 3)]
    try:
        import ics  # type: ignore[import-not-found]  # noqa: F401

        writers.append(("ics 0.7", with_ics, 1))
    except ImportError:
        print("ics: ikke installert (se docstring); hoppet over")
    import icalendar

    for name, fn, runs in writers:
        seconds, data = best_of(fn, events, runs)
        parsed = icalendar.Calendar.from_ical(data)
        count = len(parsed.walk("VEVENT"))
        longest = max(len(line) for line in data.split(b"\r\n"))
        print(f"{name:30} {n} hendelser: {seconds:6.2f} s  ({len(data) / 1e6:.1f} MB, "
              f"{count} lest tilbake, lengste linje {longest} oktetter)")


if __name__ == "__main__":
    main()
