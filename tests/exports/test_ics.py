"""ICS export: every file is read back with icalendar and checked the way calendar clients use it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from nettverk.domain.errors import DomainError
from nettverk.domain.network import GatheringStatus
from nettverk.exports.ics import Calendar, CalendarEvent, escape_text, fold, write_calendar
from nettverk.services import calendar
from nettverk.services.database import Database
from tests.exports.conftest import Network, change_gathering, oslo
from tests.support import run_cli, snapshot


def _events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def _by_uid(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return lines


def test_programme_calendar_has_what_clients_rely_on(network: Network, db: Database) -> None:
    data = calendar.export_ics(db.uow(), programme=network.programme)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Samfunnsutvikling i mindre kommuner"
    assert str(cal["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    events = _events(data)
    assert set(events) == {"Oppstartssamling: Plan & Bygg <del 1>",
                           "Videosamling om innbyggerdialog", "Høstsamling"}
    for event in events.values():
        assert "@" in str(event["UID"])
        assert int(event["SEQUENCE"]) == 0
        stamp = event["DTSTAMP"].dt
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
        for key in ("DTSTART", "DTEND"):
            assert event[key].params["TZID"] == "Europe/Oslo"  # never floating
            assert event[key].dt.tzinfo is not None


def test_local_time_is_right_in_winter_and_in_summer(network: Network, db: Database) -> None:
    data = calendar.export_ics(db.uow(), programme=network.programme)
    events = _events(data)
    winter = events["Oppstartssamling: Plan & Bygg <del 1>"]
    summer = events["Videosamling om innbyggerdialog"]
    assert b"DTSTART;TZID=Europe/Oslo:20210120T090000" in data
    assert b"DTSTART;TZID=Europe/Oslo:20210615T090000" in data
    # The same wall clock is a different UTC instant in winter (+01) and summer (+02).
    assert winter["DTSTART"].dt.astimezone(UTC) == datetime(2021, 1, 20, 8, tzinfo=UTC)
    assert summer["DTSTART"].dt.astimezone(UTC) == datetime(2021, 6, 15, 7, tzinfo=UTC)
    assert summer["DTEND"].dt.astimezone(UTC) == datetime(2021, 6, 15, 9, 30, tzinfo=UTC)
    # The VTIMEZONE itself says so, for clients that do not know the zone by name.
    tz = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")[0]
    offsets = {c.name: c["TZOFFSETTO"].td for c in tz.subcomponents}
    assert offsets == {"DAYLIGHT": timedelta(hours=2), "STANDARD": timedelta(hours=1)}


def test_location_url_description_and_escaping(network: Network, db: Database) -> None:
    data = calendar.export_ics(db.uow(), programme=network.programme)
    events = _events(data)
    winter = events["Oppstartssamling: Plan & Bygg <del 1>"]
    assert str(winter["LOCATION"]) == "Bodø, Thon Hotel; sal «Nord», 2. etg"
    assert str(winter["DESCRIPTION"]) == (
        "09:00 Velkommen\n10:00 Planstrategi, samfunnsdel\\arealdel; innspill")
    assert b"LOCATION:Bod\xc3\xb8\\, Thon Hotel\\; sal" in data
    assert b"samfunnsdel\\\\arealdel\\; innspill" in data.replace(b"\r\n ", b"")
    video = events["Videosamling om innbyggerdialog"]
    assert str(video["URL"]) == "https://meet.example.no/abc?x=1,2"
    assert "Erfaringer fra Evenášši og Snåase" in str(video["DESCRIPTION"])
    assert "https://meet.example.no/abc?x=1,2" in str(video["DESCRIPTION"])
    assert str(video["LOCATION"]) == "Videomøte"


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_letters() -> None:
    text = "Evenášši, Snåase, Aarborte, Hábmer – æøå ÆØÅ ŋđŧžč " * 6
    event = CalendarEvent(
        uid="x@nettverk", sequence=3, summary=text, starts=oslo(2024, 3, 1, 9),
        ends=oslo(2024, 3, 1, 10), stamp=oslo(2024, 1, 1, 0), description=text + "\n" + text)
    data = write_calendar(Calendar(name="Sámi: Evenášši – Snåase – Aarborte " * 3, events=[event]))
    lines = _physical_lines(data)
    assert max(len(line) for line in lines) <= 75
    assert any(len(line) >= 70 for line in lines)  # folding really happened
    for line in lines:
        line.decode("utf-8")  # every physical line is whole UTF-8: no letter cut in two
    parsed = icalendar.Calendar.from_ical(data)
    ev = parsed.walk("VEVENT")[0]
    assert str(ev["SUMMARY"]) == text.strip() or str(ev["SUMMARY"]) == text
    assert str(ev["DESCRIPTION"]).split("\n") == [text, text] or str(ev["DESCRIPTION"]) == (
        text + "\n" + text)
    assert str(parsed["X-WR-CALNAME"]).startswith("Sámi: Evenášši")


def test_fold_boundaries() -> None:
    # 74 ASCII + a two-octet letter: the letter moves to the next line whole.
    line = "X" * 74 + "å" + "Y"
    folded = fold(line).encode()
    first, second = folded.split(b"\r\n ")
    assert first == b"X" * 74
    assert second == "åY\r\n".encode()
    assert fold("A" * 75) == "A" * 75 + "\r\n"
    assert escape_text("a,b;c\\d\r\ne\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_re_export_after_time_change_and_cancellation(network: Network, db: Database) -> None:
    before = _by_uid(calendar.export_ics(db.uow(), programme=network.programme))
    gid = network.gatherings["winter"]
    change_gathering(db, gid, starts_at=oslo(2021, 1, 21, 10), ends_at=oslo(2021, 1, 21, 16))
    moved = _by_uid(calendar.export_ics(db.uow(), programme=network.programme))
    assert set(moved) == set(before)  # same UIDs: a re-import updates, never duplicates
    uid = next(u for u, e in moved.items() if str(e["SUMMARY"]).startswith("Oppstart"))
    assert int(moved[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert moved[uid]["DTSTART"].dt == oslo(2021, 1, 21, 10)
    assert moved[uid]["DTSTAMP"].dt >= before[uid]["DTSTAMP"].dt

    change_gathering(db, gid, status=GatheringStatus.cancelled)
    cancelled = _by_uid(calendar.export_ics(db.uow(), programme=network.programme))
    assert set(cancelled) == set(before)  # kept in the file so clients remove it
    assert str(cancelled[uid]["STATUS"]) == "CANCELLED"
    assert int(cancelled[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 2
    others = [e for u, e in cancelled.items() if u != uid]
    assert {str(e["STATUS"]) for e in others} == {"CONFIRMED"}


def test_unchanged_data_gives_identical_files(network: Network, db: Database) -> None:
    first = calendar.export_ics(db.uow(), programme=network.programme)
    assert calendar.export_ics(db.uow(), programme=network.programme) == first


def test_themes_are_month_long_all_day_items(network: Network, db: Database) -> None:
    data = calendar.export_ics(db.uow(), programme="det-gode-liv", with_themes=True)
    events = _events(data)
    december = events["Månedens tema: Tilhørighet; fellesskap, og deg"]
    assert december["DTSTART"].dt == date(2024, 12, 1)
    assert december["DTEND"].dt == date(2025, 1, 1)
    assert b"DTSTART;VALUE=DATE:20241201" in data
    assert "FNs bærekraftsmål: 3 God helse og livskvalitet, 11 Bærekraftige byer og lokalsamfunn" \
        in str(december["DESCRIPTION"])
    assert "Snakk sammen." in str(december["DESCRIPTION"])
    january = events["Månedens tema: Trygghet"]
    assert (january["DTSTART"].dt, january["DTEND"].dt) == (date(2025, 1, 1), date(2025, 2, 1))
    assert str(december["UID"]) == "tema-det-gode-liv-2024-12@nettverk"
    assert "Samskaping i Røyrvik" in events
    without = _events(calendar.export_ics(db.uow(), programme="det-gode-liv"))
    assert set(without) == {"Samskaping i Røyrvik"}


def test_municipality_calendar_has_its_programmes_gatherings(network: Network, db: Database) -> None:
    data = calendar.export_ics(db.uow(), municipality="5041")
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Samlinger for Snåsa – Snåase"
    assert len(cal.walk("VEVENT")) == 3
    both = icalendar.Calendar.from_ical(
        calendar.export_ics(db.uow(), programme=network.programme, municipality="1853"))
    assert str(both["X-WR-CALNAME"]) == "Samfunnsutvikling i mindre kommuner (Evenes – Evenášši)"
    with pytest.raises(DomainError) as err:
        calendar.export_ics(db.uow(), programme=network.programme, municipality="5045")
    assert err.value.field == "municipality"


def test_cli_writes_the_file_and_stdout(network: Network, db: Database, db_url: str,
                                        tmp_path: Path) -> None:
    target = tmp_path / "samlinger.ics"
    result = run_cli(db_url, "export", "ics", "--programme", network.programme, "-o", str(target))
    assert result.code == 0, result.err
    data = target.read_bytes()
    assert len(_events(data)) == 3
    out = run_cli(db_url, "export", "ics", "--programme", network.programme, "-o", "-")
    assert out.code == 0
    assert len(_events(out.out.encode("utf-8"))) == 3


def test_cli_refuses_unknown_programme_and_writes_nothing(network: Network, db: Database,
                                                          db_url: str, tmp_path: Path) -> None:
    before = snapshot(db.engine)
    target = tmp_path / "x.ics"
    result = run_cli(db_url, "export", "ics", "--programme", "finnes-ikke", "-o", str(target))
    assert result.code == 2
    assert "«programme»" in result.err
    assert not target.exists()
    none = run_cli(db_url, "export", "ics", "-o", str(target))
    assert none.code == 2 and "«programme»" in none.err
    assert snapshot(db.engine) == before


def test_municipality_calendar_has_its_own_tied_gatherings_only(network: Network,
                                                                 db: Database) -> None:
    from nettverk.domain.network import Gathering
    from tests.exports.conftest import add_gathering

    own = add_gathering(db, "det-gode-liv", "Partnerskapsmøte i Snåsa", oslo(2024, 5, 2, 10),
                        oslo(2024, 5, 2, 12))
    other = add_gathering(db, "det-gode-liv", "Partnerskapsmøte i Evenes", oslo(2024, 5, 3, 10),
                          oslo(2024, 5, 3, 12))
    from sqlalchemy import select

    from nettverk.domain.register import Municipality

    uow = db.uow()
    with uow:
        s = uow.session
        ids = dict(s.execute(select(Municipality.number, Municipality.id)).all())
        s.get(Gathering, own).municipality_id = ids["5041"]
        s.get(Gathering, other).municipality_id = ids["1853"]
        uow.commit()
    snaasa = set(_events(calendar.export_ics(db.uow(), municipality="5041")))
    assert "Partnerskapsmøte i Snåsa" in snaasa  # tied to it, though it is no participant there
    assert "Partnerskapsmøte i Evenes" not in snaasa
    assert "Samskaping i Røyrvik" not in snaasa  # det-gode-liv's shared gatherings: not its programme
    only = _events(calendar.export_ics(db.uow(), programme="det-gode-liv", municipality="5041"))
    assert set(only) == {"Partnerskapsmøte i Snåsa"}
    whole = set(_events(calendar.export_ics(db.uow(), programme="det-gode-liv")))
    assert {"Partnerskapsmøte i Snåsa", "Partnerskapsmøte i Evenes"} <= whole


def test_every_exported_calendar_validates_also_an_empty_programmes(network: Network,
                                                                     db: Database) -> None:
    from nettverk.services import programmes

    programmes.add_programme(db.uow(), "tomt-nettverk", "Et nettverk uten samlinger",
                           "learning_network", date(2027, 1, 1), date(2030, 12, 31))
    for slug in (network.programme, "tomt-nettverk"):
        cal = icalendar.Calendar.from_ical(calendar.export_ics(db.uow(), programme=slug))
        cal.validate()  # a strict reader: PRODID, VERSION and at least one component
    empty = icalendar.Calendar.from_ical(calendar.export_ics(db.uow(), programme="tomt-nettverk"))
    assert list(empty.walk("VEVENT")) == []
    assert [str(tz["TZID"]) for tz in empty.walk("VTIMEZONE")] == ["Europe/Oslo"]
