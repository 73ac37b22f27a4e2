"""Gatherings and attendance through the use cases, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from nettverk.domain.errors import DomainError
from nettverk.domain.values import OSLO
from nettverk.services import attendance, gatherings, programmes, register
from nettverk.services.database import Database
from tests.support import snapshot

PROG = "mindre-kommuner-2020"


def build_network(db: Database) -> Database:
    """Two counties, three small municipalities, the learning network, two participants."""
    register.add_county(db.uow(), "18", "Nordland")
    register.add_county(db.uow(), "50", "Trøndelag")
    register.add_municipality(db.uow(), "1853", "Evenes", "18", 1370, sami_name="Evenášši",
                              population_year=2020)
    register.add_municipality(db.uow(), "1839", "Beiarn", "18", 1030, population_year=2020)
    register.add_municipality(db.uow(), "5020", "Osen", "50", 960, population_year=2020)
    programmes.add_programme(db.uow(), PROG, "Samfunnsutvikling i mindre kommuner",
                           "learning_network", date(2020, 1, 1), date(2023, 12, 31),
                           max_population=2500, min_per_county=2, max_per_county=3,
                           gatherings_per_year_min=2, gatherings_per_year_max=3,
                           physical_per_year=1)
    for number in ("1853", "1839"):
        programmes.add_participant(db.uow(), PROG, number)
    return db


@pytest.fixture
def network(db: Database) -> Database:
    return build_network(db)


def _at(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=OSLO)


def test_add_gathering_stores_local_time_unambiguously(network: Database) -> None:
    g = gatherings.add_gathering(network.uow(), PROG, "Oppstartssamling",
                                 _at(2020, 3, 10, 9), _at(2020, 3, 10, 15), "video",
                                 video_url="https://meet.example.no/abc")
    assert g.uid.endswith("@nettverk") and g.revision == 0 and g.status == "planned"
    assert g.start == _at(2020, 3, 10, 9) and g.start.utcoffset() is not None
    again = gatherings.get_gathering(network.uow(), g.id)
    assert again.start.astimezone(UTC) == datetime(2020, 3, 10, 8, tzinfo=UTC)
    assert again.end.isoformat() == "2020-03-10T15:00:00+01:00"
    # summer time is kept right too
    s = gatherings.add_gathering(network.uow(), PROG, "Sommer", _at(2020, 6, 10, 9),
                                 _at(2020, 6, 10, 11), "physical", location="Bodø")
    assert gatherings.get_gathering(network.uow(), s.id).start.isoformat() == \
        "2020-06-10T09:00:00+02:00"


def test_end_before_start_is_refused_and_nothing_written(network: Database) -> None:
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        gatherings.add_gathering(network.uow(), PROG, "Feil", _at(2020, 3, 10, 15),
                                 _at(2020, 3, 10, 9), "video")
    assert err.value.field == "end"
    with pytest.raises(DomainError) as err:
        gatherings.add_gathering(network.uow(), PROG, "Feil", _at(2020, 3, 10, 9),
                                 _at(2020, 3, 10, 15), "teams")
    assert err.value.field == "mode"
    with pytest.raises(DomainError) as err:
        gatherings.add_gathering(network.uow(), PROG, "  ", _at(2020, 3, 10, 9),
                                 _at(2020, 3, 10, 15), "video")
    assert err.value.field == "title"
    with pytest.raises(DomainError) as err:
        gatherings.add_gathering(network.uow(), PROG, "Feil", _at(2020, 3, 10, 9),
                                 _at(2020, 3, 10, 15), "video", video_url="meet.example")
    assert err.value.field == "video_url"
    assert snapshot(network.engine) == before


def test_holiday_and_overlap_warn_but_do_not_refuse(network: Database) -> None:
    # Kristi himmelfartsdag 2022 was 26 May
    first = gatherings.add_gathering(network.uow(), PROG, "Vårsamling", _at(2022, 5, 26, 9),
                                     _at(2022, 5, 26, 15), "physical", location="Bodø")
    assert any("Kristi himmelfartsdag" in w for w in first.warnings)
    second = gatherings.add_gathering(network.uow(), PROG, "Oppfølging", _at(2022, 5, 26, 14),
                                      _at(2022, 5, 26, 16), "video",
                                      video_url="https://meet.example.no/x")
    assert any("Overlapper med «Vårsamling»" in w for w in second.warnings)
    listed = gatherings.list_gatherings(network.uow(), programme=PROG)
    assert len(listed) == 2
    assert any("Overlapper med «Oppfølging»" in w for w in listed[0].warnings)
    ordinary = gatherings.add_gathering(network.uow(), PROG, "Høst", _at(2022, 10, 4, 9),
                                        _at(2022, 10, 4, 15), "physical", location="Mo")
    assert ordinary.warnings == []


def test_revision_rises_on_time_place_status_but_uid_stays(network: Database) -> None:
    g = gatherings.add_gathering(network.uow(), PROG, "Samling", _at(2021, 2, 2, 9),
                                 _at(2021, 2, 2, 12), "video",
                                 video_url="https://meet.example.no/a")
    same = gatherings.update_gathering(network.uow(), g.id, agenda="Planstrategi")
    assert same.revision == 0 and same.agenda == "Planstrategi"
    moved = gatherings.update_gathering(network.uow(), g.id, starts_at=_at(2021, 2, 3, 9),
                                        ends_at=_at(2021, 2, 3, 12))
    assert moved.revision == 1 and moved.uid == g.uid
    placed = gatherings.update_gathering(network.uow(), g.id, mode="hybrid", location="Bodø")
    assert placed.revision == 2
    cancelled = gatherings.cancel_gathering(network.uow(), g.id)
    assert cancelled.status == "cancelled" and cancelled.revision == 3 and cancelled.uid == g.uid
    with pytest.raises(DomainError):
        gatherings.mark_held(network.uow(), g.id)


def test_update_with_stale_version_is_refused(network: Database) -> None:
    g = gatherings.add_gathering(network.uow(), PROG, "Samling", _at(2021, 2, 2, 9),
                                 _at(2021, 2, 2, 12), "physical", location="Mo")
    gatherings.update_gathering(network.uow(), g.id, title="Ny tittel")
    with pytest.raises(DomainError) as err:
        gatherings.update_gathering(network.uow(), g.id, expected_version=g.version,
                                    title="Min tittel")
    assert err.value.field == "version"


def test_partnership_meeting_tied_to_a_municipality(network: Database) -> None:
    programmes.add_programme(network.uow(), "gode-lokalsamfunn", "Gode lokalsamfunn for alle",
                           "partnership", date(2023, 5, 1))
    g = gatherings.add_gathering(network.uow(), "gode-lokalsamfunn", "Årlig partnerskapsmøte",
                                 _at(2024, 9, 3, 10), _at(2024, 9, 3, 12), "physical",
                                 location="Evenes rådhus", municipality="1853")
    assert g.municipality == "1853" and g.municipality_name == "Evenes – Evenášši"
    mine = gatherings.list_gatherings(network.uow(), municipality="1853")
    assert [x.id for x in mine if x.programme == "gode-lokalsamfunn"] == [g.id]
    assert gatherings.list_gatherings(network.uow(), municipality="1839",
                                      programme="gode-lokalsamfunn") == []


def test_attendance_and_yearly_summary(network: Database) -> None:
    uow = network.uow
    a = gatherings.add_gathering(uow(), PROG, "Video 1", _at(2021, 2, 2, 9),
                                 _at(2021, 2, 2, 12), "video",
                                 video_url="https://meet.example.no/a")
    b = gatherings.add_gathering(uow(), PROG, "Fysisk", _at(2021, 9, 14, 10),
                                 _at(2021, 9, 15, 14), "physical", location="Steinkjer")
    c = gatherings.add_gathering(uow(), PROG, "Avlyst", _at(2021, 11, 2, 9),
                                 _at(2021, 11, 2, 12), "video",
                                 video_url="https://meet.example.no/c")
    gatherings.cancel_gathering(uow(), c.id)
    for g in (a, b):
        attendance.invite_participants(uow(), g.id)
        gatherings.mark_held(uow(), g.id)
    attendance.set_attendance(uow(), a.id, "1853", registered=True, attended=True, persons=2)
    attendance.set_attendance(uow(), b.id, "1853", registered=True, attended=True, persons=3,
                              travel_cost=Decimal("4120.50"),
                              accommodation_cost=Decimal("1890.10"))
    attendance.set_attendance(uow(), b.id, "1839", registered=True, attended=True, persons=1,
                              travel_cost=Decimal("0.10"), accommodation_cost=Decimal("0.20"))
    rows = attendance.list_attendance(uow(), b.id)
    assert [r.municipality for r in rows] == ["1839", "1853"]
    assert rows[1].total_cost == Decimal("6010.60")

    summary = attendance.yearly_summary(uow(), PROG, 2021)
    assert (summary.held, summary.cancelled, summary.physical_held) == (2, 1, 1)
    assert summary.meets_target
    by = {m.municipality: m for m in summary.municipalities}
    assert by["1853"].attendance_percent == Decimal("100.0")
    assert by["1839"].attendance_percent == Decimal("50.0")
    assert by["1853"].display_name == "Evenes – Evenášši"
    assert by["1839"].total_cost == Decimal("0.30")
    assert summary.total_cost == Decimal("6010.90")

    empty = attendance.yearly_summary(uow(), PROG, 2022)
    assert not empty.meets_target and empty.held == 0 and empty.target_notes


def test_attendance_rules(network: Database) -> None:
    g = gatherings.add_gathering(network.uow(), PROG, "Samling", _at(2021, 2, 2, 9),
                                 _at(2021, 2, 2, 12), "physical", location="Mo")
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        attendance.set_attendance(network.uow(), g.id, "5020", invited=True)
    assert err.value.field == "municipality"
    with pytest.raises(DomainError) as err:
        attendance.set_attendance(network.uow(), g.id, "1853", travel_cost=Decimal("-1"))
    assert err.value.field == "travel_cost"
    with pytest.raises(DomainError) as err:
        attendance.set_attendance(network.uow(), g.id, "1853", travel_cost=Decimal("1.005"))
    assert err.value.field == "travel_cost"
    with pytest.raises(DomainError) as err:
        attendance.set_attendance(network.uow(), g.id, "1853", attended=True, persons=0)
    assert err.value.field == "persons"
    assert snapshot(network.engine) == before
