"""The evaluation lists (`nettverk feedback list`, `capacity list`, `priority list`,
`success-factor list`) read with plain DB-API SQL (services.plain_feedback, plain_capacity,
plain_priority, plain_success_factors), without SQLAlchemy: byte for byte what the ordinary
path prints, for every option and format, on both databases; bad input refused the same way;
the user's access checked the same way; neither SQLAlchemy nor the mapped classes imported.
The ordinary path runs the same statements on the unit of work's connection, so the views are
also checked against the ORM objects' (here for the priority sessions; in
tests/integration/test_feedback_list_rows.py, test_capacity_list_rows.py and
test_success_factor_list_rows.py for the others)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from nettverk.cli.output import plain as plain_data
from nettverk.domain.evaluation import (
    CapacityAssessment,
    Feedback,
    PrioritySession,
    SuccessFactor,
    SuccessFactorStatus,
)
from nettverk.domain.network import Gathering
from nettverk.domain.register import Municipality, Participation
from nettverk.domain.values import OSLO
from nettverk.persistence.plain import PlainReader
from nettverk.services import (
    capacity,
    feedback,
    gatherings,
    plain_capacity,
    plain_feedback,
    plain_priority,
    plain_success_factors,
    priority,
    programmes,
    success_factors,
)
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    plain_statements,
    printed_the_same_both_ways,
    refused_the_same_way,
    run_cli,
)

SLUG = "mindre-kommuner-2020"
OTHER = "gode-lokalsamfunn"

#: Each command with the options it is run with, and those it must refuse (exit 2).
COMMANDS: dict[str, tuple[list[str], list[list[str]], list[list[str]]]] = {
    "feedback": (["feedback", "list"], [
        [], ["--programme", SLUG], ["--programme", OTHER], ["--year", "2022"],
        ["--year", "1990"], ["--gathering", "1"], ["--gathering", "99999"],
        ["--programme", SLUG, "--year", "2020", "--gathering", "1"],
    ], [
        ["--programme", "finnes-ikke"], ["--year", "1800"], ["--year", "x"],
        ["--gathering", "0"], ["--gathering", "x"], ["--programme", " "],
        ["--programme", "finnes-ikke", "--year", "1800"],
    ]),
    "capacity": (["capacity", "list"], [
        [], ["--programme", SLUG], ["--programme", OTHER], ["--programme", "det-gode-liv"],
        ["--municipality", "1853"], ["--municipality", "1804"],
        ["--municipality", "1853", "--programme", SLUG],
    ], [
        ["--municipality", "9999"], ["--programme", "finnes-ikke"],
        ["--municipality", "9999", "--programme", "finnes-ikke"],
    ]),
    "priority": (["priority", "list"], [
        [], ["--municipality", "1853"], ["--municipality", "5020"], ["--programme", SLUG],
        ["--programme", OTHER], ["--programme", "det-gode-liv"],
        ["--municipality", "1853", "--programme", OTHER],
    ], [
        ["--municipality", "9999"], ["--programme", "finnes-ikke"],
        ["--municipality", "9999", "--programme", "finnes-ikke"],
    ]),
    "success-factor": (["success-factor", "list"], [
        ["--programme", SLUG], ["--programme", SLUG, "--year", "2021"],
        ["--programme", SLUG, "--municipality", "1853"], ["--programme", OTHER],
        ["--programme", OTHER, "--year", "2024", "--municipality", "1804"],
        ["--programme", "det-gode-liv"], ["--programme", SLUG, "--year", "1990"],
    ], [
        [], ["--programme", "finnes-ikke"], ["--programme", SLUG, "--year", "1800"],
        ["--programme", SLUG, "--year", "x"], ["--programme", SLUG, "--municipality", "9999"],
        ["--programme", "finnes-ikke", "--year", "1800", "--municipality", "9999"],
    ]),
}
#: What the seeded rows print, so the comparison covers them.
SEEN = {
    "feedback": ["For lang", "Sa «ja»; og", "Samling i et annet program"],
    "capacity": ["Bodø", "Evenes – Evenášši", "Åse Fjell"],
    "priority": ["Uten kommune", "Evenes; «bolyst»", "Evenes – Evenášši"],
    "success-factor": ["Ikke ennå;", "Bodø", "Evenes – Evenášši"],
}


def _seed(db: Database) -> None:
    """Beyond the demonstration data: feedback on a gathering in another programme with a
    comment full of CSV's and JSON's special characters, an anonymous response over two lines
    and one without a municipality; a capacity session with part of a consensus, one without
    any in another programme; priority sessions on one day with and without a municipality
    and programme; success factors of a participant in another programme."""
    other = gatherings.add_gathering(
        db.uow(), OTHER, "Samling i et annet program", datetime(2022, 5, 18, 9, tzinfo=OSLO),
        datetime(2022, 5, 18, 12, tzinfo=OSLO), "hybrid")
    feedback.add_feedback(db.uow(), other.id, 3, 3, "Per", "1804", 'Sa «ja»; og "nei"')
    gid = gatherings.list_gatherings(db.uow(), programme=SLUG, status="held")[-1].id
    feedback.add_feedback(db.uow(), gid, 2, 3, comment="For lang\nog for sen")
    feedback.add_feedback(db.uow(), gid, 4, 4, "Ola")

    a = capacity.add_assessment(db.uow(), "1804", date(2023, 5, 2), facilitator="Åse Fjell")
    capacity.set_consensus(db.uow(), a.id, "time", 4)
    capacity.set_consensus(db.uow(), a.id, "leadership", 2)
    capacity.add_participant(db.uow(), a.id, "Kari")
    capacity.add_assessment(db.uow(), "1853", date(2023, 5, 2), programme=OTHER,
                            notes="To\nlinjer")

    priority.add_session(db.uow(), "Uten kommune", date(2023, 1, 5))
    priority.add_session(db.uow(), "Evenes; «bolyst»", date(2023, 1, 5), municipality="1853",
                         programme=OTHER)

    programmes.add_participant(db.uow(), OTHER, "1804", starts=date(2023, 5, 1))
    success_factors.set_status(db.uow(), OTHER, "1804", 2024, "communication", False,
                               notes="Ikke ennå;\nneste år")
    success_factors.set_status(db.uow(), OTHER, "1804", 2024, "mobilisation", True)


@BOTH_DATABASES
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str, command: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    argv, options, _ = COMMANDS[command]
    said = printed_the_same_both_ways(db_url, [[*argv, *o, *f] for o in options for f in FORMATS],
                                      monkeypatch)
    for text in SEEN[command]:
        assert text in said, (command, text)


@BOTH_DATABASES
@pytest.mark.parametrize("command", list(COMMANDS))
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str, command: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    argv, _, refused = COMMANDS[command]
    for args, plain, _ in refused_the_same_way(db_url, [[*argv, *o] for o in refused],
                                               monkeypatch):
        assert not plain.out and plain.err, (args, plain.err)
        assert "Traceback" not in plain.err


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    access_checked_the_same_way(demo_db, db_url, [
        [*argv, *options[0]] for argv, options, _ in COMMANDS.values()], monkeypatch)


@BOTH_DATABASES
def test_the_lists_import_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    services = {"nettverk.services.feedback", "nettverk.services.capacity",
                "nettverk.services.priority", "nettverk.services.success_factors",
                "nettverk.services.register"}
    imports_no_sqlalchemy(db_url, [[*argv, *option, "--format", "json"]
                                   for argv, options, _ in COMMANDS.values()
                                   for option in (options[0], options[-1])], services)


@BOTH_DATABASES
def test_pages_are_parts_of_the_whole_list(demo_db: Database, db_url: str) -> None:
    _seed(demo_db)
    with demo_db.uow() as uow:
        reader = uow.plain_reader()
        for listed in (lambda **page: plain_feedback.list_feedback(reader, **page),
                       lambda **page: plain_capacity.list_assessments(reader, **page)):
            whole = listed()
            assert len(whole) > 8
            for limit, offset in ((3, 0), (3, 2), (None, 4), (100, 1), (2, len(whole) - 1)):
                end = None if limit is None else offset + limit
                assert listed(limit=limit, offset=offset) == whole[offset:end]


def _statements(call: Callable[[PlainReader, int | None], Any], reader: PlainReader,
                limit: int | None) -> int:
    seen: list[tuple[str, tuple[Any, ...]]] = []
    with plain_statements(seen):
        call(reader, limit)
    return len(seen)


@BOTH_DATABASES
def test_a_list_runs_a_fixed_number_of_statements(demo_db: Database, db_url: str) -> None:
    """Whatever the number of rows: the rows, then what they refer to, each read once (plus a
    lookup of each programme or municipality filtered on)."""
    _seed(demo_db)
    calls: list[tuple[Callable[[PlainReader, int | None], Any], int]] = [
        (lambda r, n: plain_feedback.list_feedback(r, limit=n), 4),
        (lambda r, n: plain_feedback.list_feedback(r, programme=SLUG, year=2021, limit=n), 5),
        (lambda r, n: plain_capacity.list_assessments(r, limit=n), 5),
        (lambda r, n: plain_capacity.list_assessments(r, municipality="1853", programme=SLUG,
                                                      limit=n), 7),
        (lambda r, n: plain_priority.list_sessions(r), 4),
        (lambda r, n: plain_priority.list_sessions(r, municipality="1853", programme=OTHER), 6),
        (lambda r, n: plain_success_factors.list_status(r, SLUG), 4),
        (lambda r, n: plain_success_factors.list_status(r, OTHER, year=2024,
                                                        municipality="1804"), 5),
        (lambda r, n: plain_success_factors.first_status(r, n or 1000), 4),
    ]
    with demo_db.uow() as uow:
        reader = uow.plain_reader()
        for number, (call, expected) in enumerate(calls):
            assert call(reader, None), number
            few, many = (_statements(call, reader, n) for n in (1, None))
            assert few == many == expected, (number, few, many)


def _sessions_from_orm_objects(db: Database, **only: Any) -> list[priority.SessionView]:
    """Every priority session as `_session_view` makes it of a loaded ORM object, filtered
    afterwards."""
    with db.uow() as uow:
        views = [priority._session_view(p) for p in uow.session.scalars(
            select(PrioritySession).options(
                joinedload(PrioritySession.municipality), joinedload(PrioritySession.programme),
                selectinload(PrioritySession.factors))
            .order_by(PrioritySession.held_on.desc(), PrioritySession.id.desc()))]
    if "municipality" in only:
        views = [v for v in views if v.municipality == only["municipality"]]
    if "programme" in only:
        views = [v for v in views if v.programme == only["programme"]]
    return views


@BOTH_DATABASES
def test_the_priority_sessions_say_what_the_orm_objects_said(demo_db: Database,
                                                             db_url: str) -> None:
    _seed(demo_db)
    for only in ({}, {"municipality": "1853"}, {"programme": SLUG}, {"programme": OTHER},
                 {"municipality": "1853", "programme": OTHER}):
        expected = _sessions_from_orm_objects(demo_db, **only)
        assert expected and priority.list_sessions(demo_db.uow(), **only) == expected, only
    whole = priority.list_sessions(demo_db.uow())
    assert {v.municipality for v in whole} >= {None, "1853"}
    assert any(v.factors for v in whole) and not all(v.factors for v in whole)


def _views_of_orm_objects(db: Database, command: str) -> list[Any]:
    """Each list as its service's own view functions make it of loaded ORM objects, in the
    list's order (the success factors of SLUG)."""
    with db.uow() as uow:
        s = uow.session
        if command == "feedback":
            return [feedback._view(f) for f in s.scalars(
                select(Feedback).join(Feedback.gathering).options(
                    joinedload(Feedback.gathering).joinedload(Gathering.programme),
                    joinedload(Feedback.municipality))
                .order_by(Gathering.starts_at, Feedback.id))]
        if command == "capacity":
            return [capacity._assessment_view(a) for a in s.scalars(
                select(CapacityAssessment).join(CapacityAssessment.municipality).options(
                    joinedload(CapacityAssessment.municipality),
                    joinedload(CapacityAssessment.programme),
                    selectinload(CapacityAssessment.participants),
                    selectinload(CapacityAssessment.consensus))
                .order_by(Municipality.number, CapacityAssessment.held_on,
                          CapacityAssessment.id))]
        if command == "priority":
            return _sessions_from_orm_objects(db)
        order = list(SuccessFactor)
        views = [success_factors._view(x) for x in s.scalars(
            select(SuccessFactorStatus).options(
                joinedload(SuccessFactorStatus.participation)
                .joinedload(Participation.municipality),
                joinedload(SuccessFactorStatus.participation)
                .joinedload(Participation.programme)))]
        return sorted((v for v in views if v.programme == SLUG),
                      key=lambda v: (v.municipality, v.year, order.index(SuccessFactor(v.factor))))


@BOTH_DATABASES
@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_json_is_what_the_orm_objects_said(demo_db: Database, db_url: str,
                                               command: str) -> None:
    """The printed JSON, as text (a flag printed as 1 instead of true would show), is what
    the ORM objects' views print: what every list printed before it read in plain SQL."""
    _seed(demo_db)
    argv, options, _ = COMMANDS[command]
    done = run_cli(db_url, *argv, *options[0], "--format", "json")
    assert done.code == 0, done.err
    views = _views_of_orm_objects(demo_db, command)
    assert len(views) > 2
    assert done.out == json.dumps(plain_data(views), ensure_ascii=False) + "\n"
