"""The capacity diamond through the use cases, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import capacity
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import snapshot

PROG = "mindre-kommuner-2020"
COMPONENTS = ["leadership", "competence", "culture", "economy", "time"]


@pytest.fixture
def reg(db: Database) -> Database:
    base_register(db)
    return db


def _session(db: Database, number: str, held_on: date, consensus: list[int]) -> int:
    a = capacity.add_assessment(db.uow(), number, held_on, programme=PROG)
    for component, score in zip(COMPONENTS, consensus, strict=True):
        capacity.set_consensus(db.uow(), a.id, component, score)
    return a.id


def test_compare_year_1_against_year_3_gives_change_per_component(reg: Database) -> None:
    year1 = _session(reg, "1853", date(2020, 3, 10), [3, 2, 3, 2, 2])
    year3 = _session(reg, "1853", date(2022, 10, 10), [4, 3, 3, 1, 5])
    rows = capacity.compare(reg.uow(), year1, year3)
    assert [(r.component_label, r.earlier, r.later, r.change) for r in rows] == [
        ("Utviklingsledelse", 3, 4, 1),
        ("Utviklingskompetanse", 2, 3, 1),
        ("Utviklingskultur", 3, 3, 0),
        ("Utviklingsøkonomi", 2, 1, -1),
        ("Tidsressurser", 2, 5, 3),
    ]


def test_compare_refuses_other_municipality_and_reversed_order(reg: Database) -> None:
    a = _session(reg, "1853", date(2020, 3, 10), [3, 3, 3, 3, 3])
    b = _session(reg, "1853", date(2022, 3, 10), [3, 3, 3, 3, 3])
    other = _session(reg, "1839", date(2022, 3, 10), [3, 3, 3, 3, 3])
    for earlier, later in [(a, other), (b, a), (a, a)]:
        with pytest.raises(DomainError) as err:
            capacity.compare(reg.uow(), earlier, later)
        assert err.value.field == "later_id"


def test_a_session_collects_participants_scores_consensus_and_priorities(
    reg: Database,
) -> None:
    a = capacity.add_assessment(reg.uow(), "1853", date(2020, 3, 10), programme=PROG,
                                facilitator="Prosessleiar")
    capacity.add_participant(reg.uow(), a.id, "Fiktiv Ordfører", "ordfører")
    capacity.add_participant(reg.uow(), a.id, "Fiktiv Plansjef", "plansjef")
    capacity.add_score(reg.uow(), a.id, "Fiktiv Ordfører", "leadership", 4, "God forankring")
    capacity.add_score(reg.uow(), a.id, "fiktiv plansjef", "Utviklingsleiing", 1)
    capacity.add_score(reg.uow(), a.id, "Fiktiv Plansjef", "leadership", 2)  # replaces the 1
    capacity.set_consensus(reg.uow(), a.id, "leadership", 3, "Einige etter refleksjon")
    capacity.add_priority(reg.uow(), a.id, "Frigjere tid til planarbeid", "time",
                          "Kommunedirektør")
    d = capacity.get_assessment(reg.uow(), a.id)
    assert d.assessment.display_name == "Evenes – Evenášši"
    assert d.assessment.participants == 2 and d.assessment.consensus == {"leadership": 3}
    leadership = d.consensus[0]
    assert (leadership.score, leadership.individual_mean, leadership.individual_scores) == (
        3, 3.0, 2)
    assert leadership.justification == "Einige etter refleksjon"
    assert [(s.participant, s.score) for s in d.scores] == [
        ("Fiktiv Ordfører", 4), ("Fiktiv Plansjef", 2)]
    assert d.priorities[0].component_label == "Tidsressurser"
    assert d.priorities[0].responsible == "Kommunedirektør"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda db, a: capacity.add_score(db.uow(), a, "Per", "time", 6), "score"),
        (lambda db, a: capacity.add_score(db.uow(), a, "Per", "time", 0), "score"),
        (lambda db, a: capacity.add_score(db.uow(), a, "Per", "humør", 3), "component"),
        (lambda db, a: capacity.add_score(db.uow(), a, "Ukjent", "time", 3), "participant"),
        (lambda db, a: capacity.set_consensus(db.uow(), a, "economy", 9), "score"),
        (lambda db, a: capacity.add_participant(db.uow(), a, "per"), "name"),
        (lambda db, a: capacity.add_assessment(db.uow(), "1853", date(2020, 3, 10)),
         "held_on"),
        (lambda db, a: capacity.add_assessment(db.uow(), "9999", date(2021, 3, 10)),
         "municipality"),
        (lambda db, a: capacity.add_priority(db.uow(), a, " "), "description"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_written(
    reg: Database, call: object, field: str
) -> None:
    a = capacity.add_assessment(reg.uow(), "1853", date(2020, 3, 10))
    capacity.add_participant(reg.uow(), a.id, "Per")
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        call(reg, a.id)  # type: ignore[operator]
    assert err.value.field == field
    assert snapshot(reg.engine) == before


def test_network_averages_are_mean_consensus_per_component_per_year(reg: Database) -> None:
    _session(reg, "1853", date(2020, 3, 10), [3, 2, 3, 2, 2])
    _session(reg, "1839", date(2020, 4, 1), [2, 2, 4, 1, 2])
    _session(reg, "5041", date(2020, 5, 1), [4, 2, 2, 1, 2])
    _session(reg, "1853", date(2022, 10, 10), [4, 3, 3, 2, 3])
    other = capacity.add_assessment(reg.uow(), "1804", date(2020, 6, 1))  # no programme
    capacity.set_consensus(reg.uow(), other.id, "leadership", 1)
    rows = capacity.network_averages(reg.uow(), PROG)
    by_key = {(r.year, r.component): (r.mean, r.sessions) for r in rows}
    assert by_key[(2020, "leadership")] == (3.0, 3)
    assert by_key[(2020, "culture")] == (3.0, 3)
    assert by_key[(2020, "economy")] == (1.33, 3)
    assert by_key[(2022, "time")] == (3.0, 1)
    assert [r.year for r in capacity.network_averages(reg.uow(), PROG, year=2022)] == [2022] * 5
    assert [(a.municipality, a.year) for a in capacity.list_assessments(
        reg.uow(), programme=PROG)] == [("1839", 2020), ("1853", 2020), ("1853", 2022),
                                        ("5041", 2020)]
    assert len(capacity.list_assessments(reg.uow(), municipality="1853")) == 2
