"""Register use cases on SQLite and PostgreSQL: rules, refusals that write nothing."""

from __future__ import annotations

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import persons, programmes, register
from nettverk.services.database import Database
from tests.support import snapshot


@pytest.fixture
def nordland(db: Database) -> Database:
    register.add_county(db.uow(), "18", "Nordland")
    register.add_county(db.uow(), "50", "Trøndelag")
    return db


def test_add_and_read_back_a_municipality_with_sami_name(nordland: Database) -> None:
    register.add_municipality(nordland.uow(), number="1853", name="Evenes", county="18",
                              population=1370, sami_name="Evenášši", org_number="964982953")
    m = register.get_municipality(nordland.uow(), "1853")
    assert (m.name, m.sami_name, m.county, m.population) == ("Evenes", "Evenášši", "18", 1370)
    assert m.display_name == "Evenes – Evenášši"
    assert m.version == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"number": "185"}, "number"),
        ({"number": "9953"}, "number"),  # county mismatch
        ({"county": "99", "number": "9953"}, "county"),
        ({"population": -5}, "population"),
        ({"org_number": "964982954"}, "org_number"),
        ({"name": "  "}, "name"),
    ],
)
def test_bad_municipality_is_refused_and_nothing_written(
    nordland: Database, kwargs: dict[str, object], field: str
) -> None:
    before = snapshot(nordland.engine)
    args: dict[str, object] = {"number": "1853", "name": "Evenes", "county": "18",
                               "population": 1370}
    args.update(kwargs)
    with pytest.raises(DomainError) as err:
        register.add_municipality(nordland.uow(), **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert snapshot(nordland.engine) == before


def test_municipality_number_is_unique(nordland: Database) -> None:
    register.add_municipality(nordland.uow(), number="1853", name="Evenes", county="18",
                              population=1370)
    before = snapshot(nordland.engine)
    with pytest.raises(DomainError, match="finnes allerede") as err:
        register.add_municipality(nordland.uow(), number="1853", name="Annen", county="18",
                                  population=1)
    assert err.value.field == "number"
    assert snapshot(nordland.engine) == before


def test_person_with_bad_email_writes_nothing(nordland: Database) -> None:
    before = snapshot(nordland.engine)
    with pytest.raises(DomainError) as err:
        persons.add_person(nordland.uow(), name="Kari", email="kari@")
    assert err.value.field == "email"
    assert snapshot(nordland.engine) == before


def test_programme_period_must_be_ordered(nordland: Database) -> None:
    from datetime import date

    before = snapshot(nordland.engine)
    with pytest.raises(DomainError) as err:
        programmes.add_programme(nordland.uow(), slug="x", name="X", kind="pilot",
                               starts=date(2024, 1, 1), ends=date(2023, 1, 1))
    assert err.value.field == "ends"
    assert snapshot(nordland.engine) == before


def test_participants_are_listed_with_their_county(demo_db: Database) -> None:
    rows = programmes.list_participants(demo_db.uow(), "mindre-kommuner-2020")
    by_county: dict[str, int] = {}
    for r in rows:
        by_county[r.county] = by_county.get(r.county, 0) + 1
    assert by_county == {"18": 3, "50": 3}
    assert {r.name for r in rows} >= {"Evenes", "Snåsa"}


def test_a_municipality_cannot_join_a_programme_twice(demo_db: Database) -> None:
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError, match="deltar allerede"):
        programmes.add_participant(demo_db.uow(), "mindre-kommuner-2020", "1853")
    assert snapshot(demo_db.engine) == before


def test_demo_programmes_carry_the_rules_of_the_invitation(demo_db: Database) -> None:
    p = programmes.get_programme(demo_db.uow(), "mindre-kommuner-2020")
    assert (p.kind, p.starts.year, p.ends and p.ends.year) == ("learning_network", 2020, 2023)
    assert (p.max_population, p.min_per_county, p.max_per_county) == (2500, 2, 3)
    assert (p.gatherings_per_year_min, p.gatherings_per_year_max, p.physical_per_year) == (2, 3, 1)
    assert "Distriktssenteret" in p.partners


def test_demo_load_is_idempotent(demo_db: Database) -> None:
    from nettverk.demo import seed

    before = snapshot(demo_db.engine)
    assert sum(seed.load(demo_db).values()) == 0
    assert snapshot(demo_db.engine) == before
