"""Issue 15: the county quota's minimum, the invitation's defaults for a new learning network,
gatherings over the yearly maximum and overlaps across programmes, on both databases."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import applications, gatherings, programmes, register
from nettverk.services.database import Database
from tests.integration.test_network_gatherings import PROG, build_network


@pytest.fixture
def network(db: Database) -> Database:
    return build_network(db)


def _at(y: int, mo: int, d: int, h: int) -> datetime:
    return datetime(y, mo, d, h, tzinfo=OSLO)


def test_a_new_learning_network_gets_the_invitations_rules_which_the_user_may_change(
        network: Database) -> None:
    p = programmes.add_programme(network.uow(), "laering-2028", "Læringsnettverk 2028",
                               "learning_network", date(2028, 1, 1))
    assert (p.max_population, p.min_per_county, p.max_per_county, p.gatherings_per_year_min,
            p.gatherings_per_year_max, p.physical_per_year) == (2500, 2, 3, 2, 3, 1)
    own = programmes.add_programme(network.uow(), "laering-stor", "Større", "learning_network",
                                 date(2028, 1, 1), max_population=5000, max_per_county=1)
    assert (own.max_population, own.min_per_county, own.max_per_county) == (5000, 1, 1)
    changed = programmes.update_programme(network.uow(), "laering-2028", min_per_county=1)
    assert changed.min_per_county == 1
    pilot = programmes.add_programme(network.uow(), "pilot-x", "Pilot", "pilot", date(2028, 1, 1))
    assert pilot.max_population is None and pilot.min_per_county is None


def test_a_county_ending_the_round_under_the_minimum_is_warned(network: Database) -> None:
    register.add_municipality(network.uow(), "5043", "Røyrvik", "50", 460, population_year=2019)
    r = applications.add_round(network.uow(), PROG, "Utlysning 2019", date(2019, 10, 1),
                               date(2019, 12, 15))
    osen = applications.add_application(network.uow(), PROG, "5020", received=date(2019, 12, 1),
                                        round_id=r.id, today=date(2019, 12, 1))
    royrvik = applications.add_application(network.uow(), PROG, "5043",
                                           received=date(2019, 12, 2), round_id=r.id,
                                           today=date(2019, 12, 2))
    first = applications.decide(network.uow(), osen.id, accept=True, on=date(2020, 1, 10),
                                today=date(2020, 1, 10))
    assert first.round_warnings == []            # Røyrvik still waits: the round goes on
    last = applications.decide(network.uow(), royrvik.id, accept=False, on=date(2020, 1, 11),
                               today=date(2020, 1, 11))
    assert last.round_warnings == [
        "Trøndelag ender runden med 1 deltakerkommune; programmet skal ha minst 2 per fylke "
        "(«2–3 kommuner i hvert fylke»)."]
    # Nordland (1853, 1839 already take part) meets the minimum and is not named
    assert applications.get_round(network.uow(), r.id, today=date(2020, 2, 1)).warnings == \
        last.round_warnings
    # before the deadline nothing is said
    assert applications.get_round(network.uow(), r.id, today=date(2019, 12, 10)).warnings == []


def test_planning_beyond_the_yearly_maximum_warns(network: Database) -> None:
    for month in (3, 6, 9):
        g = gatherings.add_gathering(network.uow(), PROG, f"Samling {month}",
                                     _at(2021, month, 10, 10), _at(2021, month, 10, 14), "video",
                                     video_url="https://meet.example.no/x")
        assert not any("høyst" in w for w in g.warnings)
    fourth = gatherings.add_gathering(network.uow(), PROG, "Fjerde", _at(2021, 11, 10, 10),
                                      _at(2021, 11, 10, 14), "video",
                                      video_url="https://meet.example.no/x")
    assert "Programmet har 4 samlinger i 2021; reglene sier høyst 3 i året." in fourth.warnings
    gatherings.cancel_gathering(network.uow(), fourth.id)
    third = gatherings.list_gatherings(network.uow(), programme=PROG)[2]
    assert not any("høyst" in w for w in third.warnings)   # a cancelled one does not count


def test_overlaps_are_found_across_programmes(network: Database) -> None:
    programmes.add_programme(network.uow(), "det-gode-liv", "Det gode liv i nord", "pilot",
                           date(2021, 1, 1))
    other = gatherings.add_gathering(network.uow(), "det-gode-liv", "Temamøte",
                                     _at(2021, 5, 4, 12), _at(2021, 5, 4, 16), "physical",
                                     location="Bodø")
    mine = gatherings.add_gathering(network.uow(), PROG, "Samling", _at(2021, 5, 4, 9),
                                    _at(2021, 5, 4, 13), "physical", location="Bodø")
    assert any("«Temamøte» i programmet det-gode-liv" in w for w in mine.warnings)
    again = gatherings.get_gathering(network.uow(), other.id)
    assert any("«Samling» i programmet " + PROG in w for w in again.warnings)
