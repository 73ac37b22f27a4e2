"""Priority tool, gathering feedback and success factors, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nettverk.domain.errors import DomainError
from nettverk.domain.values import OSLO
from nettverk.services import feedback, gatherings, priority, success_factors
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import snapshot

PROG = "mindre-kommuner-2020"


@pytest.fixture
def reg(db: Database) -> Database:
    base_register(db)
    return db


def test_priority_session_places_factors_in_quadrants(reg: Database) -> None:
    s = priority.add_session(reg.uow(), "Attraktivitet", date(2021, 4, 20), municipality="1853")
    for name in ("Boligtilbud", "Bredbånd", "Fasader"):
        priority.add_factor(reg.uow(), s.id, name)
    priority.add_score(reg.uow(), s.id, "Boligtilbud", "A", 5, 4)
    priority.add_score(reg.uow(), s.id, "Boligtilbud", "B", 4, 3)
    priority.add_score(reg.uow(), s.id, "bredbånd", "A", 4, 1)
    priority.add_score(reg.uow(), s.id, "Bredbånd", "B", 5, 2)
    priority.add_score(reg.uow(), s.id, "Fasader", "A", 2, 4)
    # The group agrees bredbånd is after all possible to influence locally.
    priority.set_placing(reg.uow(), s.id, "Bredbånd", 4, 4)
    d = priority.get_session(reg.uow(), s.id)
    got = {f.name: (f.mean_importance, f.mean_influence, f.quadrant) for f in d.factors}
    assert got == {
        "Boligtilbud": (4.5, 3.5, "prioritise"),
        "Bredbånd": (4.5, 1.5, "prioritise"),  # the agreed placing decides
        "Fasader": (2.0, 4.0, "low_hanging"),
    }
    assert d.factors[-1].name == "Fasader"  # prioritised first
    assert [x.quadrant for x in d.scores if x.factor == "Bredbånd"] == [
        "influence_others", "influence_others"]
    assert priority.list_sessions(reg.uow(), municipality="1853")[0].factors == 3


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda db, s: priority.add_score(db.uow(), s, "Bolig", "A", 6, 3), "importance"),
        (lambda db, s: priority.add_score(db.uow(), s, "Bolig", "A", 3, 0), "influence"),
        (lambda db, s: priority.add_score(db.uow(), s, "Ukjent", "A", 3, 3), "factor"),
        (lambda db, s: priority.set_placing(db.uow(), s, "Bolig", 3, 7), "influence"),
        (lambda db, s: priority.add_factor(db.uow(), s, "bolig"), "name"),
        (lambda db, s: priority.add_session(db.uow(), "", date(2021, 1, 1)), "title"),
    ],
)
def test_priority_bad_input_refused_and_nothing_written(
    reg: Database, call: object, field: str
) -> None:
    s = priority.add_session(reg.uow(), "Økt", date(2021, 4, 20))
    priority.add_factor(reg.uow(), s.id, "Bolig")
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        call(reg, s.id)  # type: ignore[operator]
    assert err.value.field == field
    assert snapshot(reg.engine) == before


def _gathering(db: Database, start: datetime, title: str = "Samling") -> int:
    g = gatherings.add_gathering(db.uow(), programme=PROG, title=title, starts_at=start,
                                 ends_at=start.replace(hour=start.hour + 4), mode="video")
    return g.id


def test_feedback_averages_per_gathering_and_per_year(reg: Database) -> None:
    g1 = _gathering(reg, datetime(2021, 3, 3, 9, 0, tzinfo=OSLO), "Vårsamling")
    g2 = _gathering(reg, datetime(2021, 10, 6, 9, 0, tzinfo=OSLO), "Høstsamling")
    g3 = _gathering(reg, datetime(2022, 3, 2, 9, 0, tzinfo=OSLO), "Vår 2022")
    for overall, useful in [(5, 4), (4, 4), (3, 2)]:
        feedback.add_feedback(reg.uow(), g1, overall, useful, respondent="Fiktiv",
                              municipality="1853")
    feedback.add_feedback(reg.uow(), g2, 2, 5)
    feedback.add_feedback(reg.uow(), g3, 4, 3, comment="Nyttig")
    s = feedback.averages(reg.uow(), programme=PROG)
    assert [(g.gathering, g.responses, g.overall, g.usefulness) for g in s.gatherings] == [
        ("Vårsamling", 3, 4.0, 3.33), ("Høstsamling", 1, 2.0, 5.0), ("Vår 2022", 1, 4.0, 3.0)]
    # per year every response weighs the same: 2021 = (5+4+3+2)/4 and (4+4+2+5)/4
    assert [(y.year, y.gatherings, y.responses, y.overall, y.usefulness) for y in s.years] == [
        (2021, 2, 4, 3.5, 3.75), (2022, 1, 1, 4.0, 3.0)]
    only = feedback.averages(reg.uow(), year=2022)
    assert [g.gathering_id for g in only.gatherings] == [g3]
    assert len(feedback.list_feedback(reg.uow(), gathering_id=g1)) == 3
    assert len(feedback.list_feedback(reg.uow(), year=2021)) == 4


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"overall": 0}, "overall"),
        ({"overall": 6}, "overall"),
        ({"usefulness": 9}, "usefulness"),
        ({"gathering_id": 999999}, "gathering"),
        ({"municipality": "0000"}, "municipality"),
    ],
)
def test_feedback_bad_input_refused_and_nothing_written(
    reg: Database, kwargs: dict[str, object], field: str
) -> None:
    g = _gathering(reg, datetime(2021, 3, 3, 9, 0, tzinfo=OSLO))
    before = snapshot(reg.engine)
    args: dict[str, object] = {"gathering_id": g, "overall": 3, "usefulness": 3, **kwargs}
    with pytest.raises(DomainError) as err:
        feedback.add_feedback(reg.uow(), **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert snapshot(reg.engine) == before


def test_no_feedback_on_cancelled_or_future_gatherings(reg: Database) -> None:
    future = _gathering(reg, datetime(2030, 3, 3, 9, 0, tzinfo=OSLO))
    cancelled = _gathering(reg, datetime(2030, 4, 3, 9, 0, tzinfo=OSLO))
    gatherings.cancel_gathering(reg.uow(), cancelled)
    for g in (future, cancelled):
        with pytest.raises(DomainError) as err:
            feedback.add_feedback(reg.uow(), g, 4, 4)
        assert err.value.field == "gathering"


def test_success_factors_per_participant_and_year(reg: Database) -> None:
    success_factors.set_status(reg.uow(), PROG, "1853", 2021, "anchoring", True, "Vedtak i "
                               "kommunestyret")
    success_factors.set_status(reg.uow(), PROG, "1853", 2021, "Mobilisering", False)
    success_factors.set_status(reg.uow(), PROG, "1839", 2022, "communication", True)
    again = success_factors.set_status(reg.uow(), PROG, "1853", 2021, "mobilisation", True)
    assert again.in_place and again.factor_label == "Mobilisering"
    rows = success_factors.list_status(reg.uow(), PROG, year=2021)
    assert [(r.display_name, r.factor, r.in_place) for r in rows] == [
        ("Evenes – Evenášši", "mobilisation", True), ("Evenes – Evenášši", "anchoring", True)]
    assert len(success_factors.list_status(reg.uow(), PROG)) == 3


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("1853", 2021, "flaks", True), "factor"),
        (("1804", 2021, "anchoring", True), "municipality"),  # not a participant
        (("1853", 2019, "anchoring", True), "year"),  # before the participation
        (("1853", 2024, "anchoring", True), "year"),  # after the programme ended
        (("1853", 1800, "anchoring", True), "year"),
    ],
)
def test_success_factor_bad_input_refused_and_nothing_written(
    reg: Database, args: tuple[str, int, str, bool], field: str
) -> None:
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        success_factors.set_status(reg.uow(), PROG, *args)
    assert err.value.field == field
    assert snapshot(reg.engine) == before
