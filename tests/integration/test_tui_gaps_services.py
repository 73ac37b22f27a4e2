"""The service additions behind the TUI's new forms (both databases): deleting an unused
programme, an agreement's focus areas and contacts in one edit, an application's round, the
reasoning behind a capacity score, and the consensus on every component at once."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import agreements, applications, capacity, focus_areas, persons, programmes
from nettverk.services.database import Database
from nettverk.services.programme_deletion import delete_programme
from tests.support import snapshot

TODAY = date(2026, 3, 2)


def test_an_unused_programme_is_deleted_and_one_in_use_is_refused_naming_what_uses_it(
        demo_db: Database) -> None:
    programmes.add_programme(demo_db.uow(), slug="prove-2027", name="Prøve", kind="pilot",
                           starts=date(2027, 1, 1), owner="Nordland fylkeskommune")
    gone = delete_programme(demo_db.uow(), "prove-2027")
    assert gone.kind == "program"
    assert "prove-2027" not in {p.slug for p in programmes.list_programmes(demo_db.uow())}
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        delete_programme(demo_db.uow(), "mindre-kommuner-2020")
    message = refused.value.message
    assert message.startswith("programmet mindre-kommuner-2020 kan ikke slettes: det har ")
    assert {"1 utlysning", "1 prioriteringsøkt", "6 deltakelser", "9 søknader",
            "12 milepæler"} <= set(message.split(": det har ")[1].split(", "))
    assert snapshot(demo_db.engine) == before


def test_an_agreements_focus_areas_and_contacts_change_in_one_edit(demo_db: Database) -> None:
    a = next(x for x in agreements.list_agreements(demo_db.uow()) if x.status == "offered")
    codes = [f.code for f in focus_areas.list_focus_areas(demo_db.uow())]
    person = persons.list_persons(demo_db.uow())[0]
    fresh = agreements.update_agreement(demo_db.uow(), a.id, focus_areas=codes[:2],
                                        county_contact_id=person.id, expected_version=a.version)
    assert set(fresh.focus_areas) == set(codes[:2])
    assert fresh.county_contact_id == person.id and fresh.county_contact == person.name
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:  # nothing half-done: the contact stays too
        agreements.update_agreement(demo_db.uow(), a.id, focus_areas=["finnes-ikke"],
                                    municipality_contact_id=person.id)
    assert refused.value.field == "focus_areas"
    assert snapshot(demo_db.engine) == before


def test_an_applications_round_is_chosen_and_not_one_opened_after_it_was_received(
        demo_db: Database) -> None:
    rnd = next(r for r in applications.list_rounds(demo_db.uow())
               if r.programme == "mindre-kommuner-2020")
    a = applications.add_application(demo_db.uow(), "mindre-kommuner-2020", "1875",
                                     received=date(2019, 9, 1), today=TODAY)
    assert a.round_id is None  # received before any round opened
    with pytest.raises(DomainError) as refused:
        applications.update_application(demo_db.uow(), a.id, today=TODAY, round_id=rnd.id)
    assert refused.value.field == "received"
    moved = applications.update_application(demo_db.uow(), a.id, today=TODAY,
                                            received=date(2019, 10, 20), round_id=rnd.id)
    assert moved.round_id == rnd.id


def test_the_reasoning_behind_a_score_is_kept_and_needs_its_score(demo_db: Database) -> None:
    a = capacity.list_assessments(demo_db.uow())[0]
    p = capacity.add_participant(demo_db.uow(), a.id, "Kari Fiktiv", "ordfører",
                                 scores={"economy": 2}, reasons={"economy": "Lite midler"})
    assert p.reasons == {"economy": "Lite midler"}
    with pytest.raises(DomainError) as refused:
        capacity.update_participant(demo_db.uow(), p.id, reasons={"time": "Travelt"})
    assert refused.value.field == "time_reasoning"
    changed = capacity.update_participant(demo_db.uow(), p.id, expected_version=p.version,
                                          reasons={"economy": ""})
    assert changed.reasons == {}


def test_consensus_on_every_component_at_once(demo_db: Database) -> None:
    a = capacity.list_assessments(demo_db.uow())[0]
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        capacity.set_consensus_all(demo_db.uow(), a.id, {"leadership": (3, None),
                                                          "time": (6, None)})
    assert refused.value.field == "time"
    assert snapshot(demo_db.engine) == before  # the good score was not saved alone
    views = capacity.set_consensus_all(demo_db.uow(), a.id, {
        "leadership": (2, "Ny rådmann"), "competence": (3, None), "culture": (4, None),
        "economy": (1, None), "time": (5, None)})
    assert [v.score for v in views] == [2, 3, 4, 1, 5]
    assert views[0].justification == "Ny rådmann"
