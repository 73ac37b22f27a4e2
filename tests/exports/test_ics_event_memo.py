"""A feed rendered again with each event's text kept is byte for byte the calendar rendered
afresh, also after a gathering changes, is added or removed, with and without the themes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from nettverk.exports.ics import AllDayItem, Calendar, CalendarEvent, write_calendar

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _event(n: int, **changes: object) -> CalendarEvent:
    event = CalendarEvent(
        uid=f"samling-{n}@nettverk", sequence=0, summary=f"Samling {n}: «Æ, ø og å»; ikke, ja",
        starts=BASE + timedelta(days=7 * n), ends=BASE + timedelta(days=7 * n, hours=3),
        stamp=BASE, location="Bodø", description="Agenda " * 20 * (n % 3),
        categories=("Nasjonalt læringsnettverk", "Fysisk samling"))
    return replace(event, **changes)  # type: ignore[arg-type]


THEME = AllDayItem(uid="tema-x-2026-03@nettverk", sequence=1, summary="Månedens tema: Bolig",
                   starts=date(2026, 3, 1), ends=date(2026, 4, 1), stamp=BASE)


@pytest.mark.parametrize("themes", [(), (THEME,)])
def test_kept_event_texts_give_the_same_calendar(themes: tuple[AllDayItem, ...]) -> None:
    memo: dict[CalendarEvent, str] = {}
    events = [_event(n) for n in range(30)]
    first = Calendar(name="Samlinger", events=events, all_day=themes, description="Nettverket")
    assert write_calendar(first, memo) == write_calendar(first)
    assert len(memo) == 30
    changed = list(events)
    changed[4] = _event(4, sequence=1, summary="Flyttet samling", cancelled=True)
    del changed[10]
    changed.append(_event(99))
    second = replace(first, events=changed)
    body = write_calendar(second, memo)
    assert body == write_calendar(second)
    assert b"Flyttet samling" in body and b"Samling 10:" not in body
    icalendar.Calendar.from_ical(body)  # a real reader accepts it


def test_an_empty_calendar_with_kept_texts_is_the_same() -> None:
    empty = Calendar(name="Tom")
    assert write_calendar(empty, {}) == write_calendar(empty)
