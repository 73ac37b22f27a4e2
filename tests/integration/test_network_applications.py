"""Calls for applications and selection through the use cases, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import applications, programmes, register
from nettverk.services.database import Database
from tests.integration.test_network_gatherings import PROG, build_network
from tests.support import snapshot

TODAY = date(2020, 1, 20)


@pytest.fixture
def network(db: Database) -> Database:
    build_network(db)
    register.add_municipality(db.uow(), "1848", "Steigen", "18", 2540, population_year=2020)
    register.add_municipality(db.uow(), "1815", "Vega", "18", 1210, population_year=2020)
    register.add_municipality(db.uow(), "1816", "Vevelstad", "18", 480, population_year=2020)
    register.add_municipality(db.uow(), "5043", "Røyrvik", "50", 460, sami_name="Raarvihke",
                              population_year=2020)
    applications.add_round(db.uow(), PROG, "Invitasjon til nettverk", date(2019, 10, 15),
                           date(2019, 12, 15))
    return db


def _apply(db: Database, number: str, received: date = date(2019, 12, 10)
           ) -> applications.ApplicationView:
    return applications.add_application(
        db.uow(), PROG, number, received=received, samfunnsdel_year=2012,
        progress_plan="Planstrategi vedtas høsten 2020", has_statistics=True,
        personnel="50 % planleggerstilling", today=TODAY)


def test_application_keeps_the_invitations_answers_and_flags_lateness(network: Database) -> None:
    on_time = _apply(network, "5043")
    assert on_time.status == "received" and on_time.eligible and on_time.eligibility_notes == []
    assert on_time.samfunnsdel_year == 2012 and on_time.has_statistics is True
    assert on_time.round_title == "Invitasjon til nettverk" and not on_time.late
    assert on_time.display_name == "Røyrvik – Raarvihke"
    late = _apply(network, "5020", received=date(2019, 12, 16))
    assert late.late and late.deadline == date(2019, 12, 15)
    assert [e.status for e in late.events] == ["received"]
    rounds = applications.list_rounds(network.uow(), PROG)
    assert rounds[0].applications == 2


def test_ineligible_application_is_noted_never_rejected(network: Database) -> None:
    app = _apply(network, "1848")
    assert app.status == "received"
    assert not app.eligible
    assert "2\u00a0540 (2020)" in app.eligibility_notes[0] and "2\u00a0500" in app.eligibility_notes[0]


def test_accepting_an_ineligible_application_needs_an_override(network: Database) -> None:
    app = _apply(network, "1848")
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        applications.decide(network.uow(), app.id, accept=True, today=TODAY)
    assert err.value.field == "override" and "2\u00a0500" in err.value.message
    assert snapshot(network.engine) == before
    accepted = applications.decide(network.uow(), app.id, accept=True,
                                   override="Tett på grensen; sterk planressurs", today=TODAY)
    assert accepted.status == "accepted"
    assert accepted.override_justification == "Tett på grensen; sterk planressurs"
    assert "Overstyrt" in (accepted.events[-1].reason or "")
    members = {p.municipality for p in programmes.list_participants(network.uow(), PROG)}
    assert "1848" in members


def test_max_per_county_needs_an_override(network: Database) -> None:
    # Evenes and Beiarn already take part; one more is fine, the fourth is not
    first = _apply(network, "1815")
    applications.decide(network.uow(), first.id, accept=True, today=TODAY)
    second = _apply(network, "1816")
    with pytest.raises(DomainError) as err:
        applications.decide(network.uow(), second.id, accept=True, today=TODAY)
    assert err.value.field == "override" and "høyst 3 per fylke" in err.value.message
    ok = applications.decide(network.uow(), second.id, accept=True, override="Avtalt med Trøndelag",
                             today=TODAY)
    assert ok.status == "accepted"


def test_workflow_interview_then_decision_with_dated_reasons(network: Database) -> None:
    app = _apply(network, "5043")
    interview = applications.move_to_interview(network.uow(), app.id, on=date(2020, 1, 8),
                                               reason="Samtale avtalt", today=TODAY)
    assert interview.status == "interview"
    accepted = applications.decide(network.uow(), app.id, accept=True, reason="God søknad",
                                   on=date(2020, 1, 14), today=TODAY)
    assert [(e.status, e.on) for e in accepted.events] == [
        ("received", date(2019, 12, 10)), ("interview", date(2020, 1, 8)),
        ("accepted", date(2020, 1, 14))]
    assert accepted.decided_on == date(2020, 1, 14) and accepted.decision_reason == "God søknad"
    members = programmes.list_participants(network.uow(), PROG)
    assert "5043" in {p.municipality for p in members}
    with pytest.raises(DomainError) as err:
        applications.withdraw(network.uow(), app.id, today=TODAY)
    assert err.value.field == "status"


def test_reject_and_withdraw(network: Database) -> None:
    a = _apply(network, "5043")
    b = _apply(network, "5020")
    rejected = applications.decide(network.uow(), a.id, accept=False, reason="Manglende ressurs",
                                   today=TODAY)
    assert rejected.status == "rejected" and rejected.decision_reason == "Manglende ressurs"
    withdrawn = applications.withdraw(network.uow(), b.id, reason="Kommunen trakk seg",
                                      today=TODAY)
    assert withdrawn.status == "withdrawn"
    assert {p.municipality for p in programmes.list_participants(network.uow(), PROG)} == {
        "1853", "1839"}
    pending = applications.list_applications(network.uow(), PROG, status="received")
    assert pending == []


def test_accepting_an_existing_participant_does_not_enrol_twice(network: Database) -> None:
    app = _apply(network, "1853")
    accepted = applications.decide(network.uow(), app.id, accept=True, today=TODAY)
    assert accepted.status == "accepted"
    numbers = [p.municipality for p in programmes.list_participants(network.uow(), PROG)]
    assert numbers.count("1853") == 1


def test_bad_input_is_refused_and_nothing_written(network: Database) -> None:
    _apply(network, "5043")
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        _apply(network, "5043")
    assert err.value.field == "municipality"
    with pytest.raises(DomainError) as err:
        applications.add_application(network.uow(), PROG, "5020", received=date(2030, 1, 1),
                                     today=TODAY)
    assert err.value.field == "received"
    with pytest.raises(DomainError) as err:
        applications.add_application(network.uow(), PROG, "9999", today=TODAY)
    assert err.value.field == "municipality"
    with pytest.raises(DomainError) as err:
        applications.add_application(network.uow(), PROG, "5020", samfunnsdel_year=1700,
                                     today=TODAY)
    assert err.value.field == "samfunnsdel_year"
    with pytest.raises(DomainError) as err:
        applications.add_round(network.uow(), PROG, "Feil", date(2020, 1, 1), date(2019, 1, 1))
    assert err.value.field == "deadline"
    assert snapshot(network.engine) == before
