"""Plan progress, milestones and the follow-up log through the use cases, on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import followups, milestones, plans
from nettverk.services.database import Database
from tests.integration.test_network_gatherings import PROG, build_network
from tests.support import snapshot

TODAY = date(2024, 10, 20)


@pytest.fixture
def network(db: Database) -> Database:
    return build_network(db)


def test_plan_strategy_deadline_is_one_year_after_the_council_is_constituted(
        network: Database) -> None:
    doc = plans.add_plan_document(network.uow(), "1853", "plan_strategy", 2024, 2027,
                                  stage="start_notified", on=date(2024, 2, 1), today=TODAY)
    # default: constituted 15 October 2023
    assert doc.deadline == date(2024, 10, 15)
    assert doc.deadline_state == "overdue" and doc.deadline_label == "over fristen"
    [changed] = plans.set_council_constituted(network.uow(), "1853", date(2023, 10, 26),
                                              today=TODAY)
    assert changed.deadline == date(2024, 10, 26) and changed.deadline_state == "due_soon"
    adopted = plans.set_stage(network.uow(), doc.id, "adopted", on=date(2024, 10, 18),
                              note="Kommunestyret sak 45/24", archive_ref="2024/01234",
                              today=TODAY)
    assert adopted.adopted_on == date(2024, 10, 18) and adopted.deadline_state == "met"
    assert [s.stage for s in adopted.stages] == ["start_notified", "adopted"]
    assert adopted.archive_ref == "2024/01234"


def test_stages_are_dated_in_order_and_not_in_the_future(network: Database) -> None:
    doc = plans.add_plan_document(network.uow(), "1839", "community_plan", 2021, 2033,
                                  stage="planning_programme", on=date(2022, 3, 1), today=TODAY)
    assert doc.deadline is None and doc.deadline_state is None
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        plans.set_stage(network.uow(), doc.id, "consultation", on=date(2022, 1, 1), today=TODAY)
    assert err.value.field == "on"
    with pytest.raises(DomainError) as err:
        plans.set_stage(network.uow(), doc.id, "consultation", on=date(2030, 1, 1), today=TODAY)
    assert err.value.field == "on"
    with pytest.raises(DomainError) as err:
        plans.set_stage(network.uow(), doc.id, "vedtatt", today=TODAY)
    assert err.value.field == "stage"
    with pytest.raises(DomainError) as err:
        plans.add_plan_document(network.uow(), "1839", "community_plan", 2021, 2033,
                                today=TODAY)
    assert err.value.field == "kind"
    with pytest.raises(DomainError) as err:
        plans.add_plan_document(network.uow(), "1839", "land_use_plan", 2030, 2020, today=TODAY)
    assert err.value.field == "period_end"
    with pytest.raises(DomainError) as err:
        plans.set_council_constituted(network.uow(), "1839", date(2022, 10, 20), today=TODAY)
    assert err.value.field == "council_constituted_on"
    assert snapshot(network.engine) == before


def test_plan_matrix_and_overdue_list(network: Database) -> None:
    plans.add_plan_document(network.uow(), "1853", "plan_strategy", 2020, 2023,
                            stage="adopted", on=date(2020, 9, 1), today=TODAY)
    late = plans.add_plan_document(network.uow(), "1839", "plan_strategy", 2024, 2027,
                                   stage="consultation", on=date(2024, 9, 1), today=TODAY)
    plans.add_plan_document(network.uow(), "5020", "plan_strategy", 2024, 2027, today=TODAY)
    matrix = plans.plan_matrix(network.uow(), PROG, today=TODAY)
    assert [r.municipality for r in matrix.rows] == ["1839", "1853"]  # Osen takes no part
    evenes = matrix.rows[1]
    assert evenes.display_name == "Evenes – Evenášši"
    cell = evenes.cells["plan_strategy"]
    assert cell is not None and cell.stage == "adopted" and cell.deadline_state == "met"
    assert evenes.cells["community_plan"] is None
    overdue = plans.list_plan_documents(network.uow(), programme=PROG, overdue=True, today=TODAY)
    assert [d.id for d in overdue] == [late.id]
    everyone = plans.list_plan_documents(network.uow(), overdue=True, today=TODAY)
    assert {d.municipality for d in everyone} == {"1839", "5020"}


def test_milestone_status_is_derived_and_overdue_listed(network: Database) -> None:
    today = date(2022, 6, 1)
    add = milestones.add_milestone
    gone = add(network.uow(), "Rapport levert", date(2022, 5, 1), programme=PROG, today=today)
    soon = add(network.uow(), "Planstrategi på høring", date(2022, 6, 15), programme=PROG,
               municipality="1853", today=today)
    later = add(network.uow(), "Sluttrapport", date(2023, 12, 1), programme=PROG, today=today)
    assert (gone.status, soon.status, later.status) == ("overdue", "due_soon", "upcoming")
    assert soon.municipality_name == "Evenes – Evenášši"
    overdue = milestones.list_milestones(network.uow(), programme=PROG, overdue=True,
                                         today=today)
    assert [m.id for m in overdue] == [gone.id]
    done = milestones.mark_done(network.uow(), gone.id, today=today)
    assert done.status == "done" and done.done_on == today
    assert milestones.list_milestones(network.uow(), overdue=True, today=today) == []
    with pytest.raises(DomainError):
        milestones.mark_done(network.uow(), gone.id, today=today)
    assert [m.id for m in milestones.list_milestones(network.uow(), status="due_soon",
                                                     today=today)] == [soon.id]


def test_milestone_needs_an_owner_and_a_participant(network: Database) -> None:
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        milestones.add_milestone(network.uow(), "Løs", date(2022, 1, 1))
    assert err.value.field == "programme"
    with pytest.raises(DomainError) as err:
        milestones.add_milestone(network.uow(), "Osen", date(2022, 1, 1), programme=PROG,
                                 municipality="5020")
    assert err.value.field == "municipality"
    with pytest.raises(DomainError) as err:
        milestones.add_milestone(network.uow(), " ", date(2022, 1, 1), programme=PROG)
    assert err.value.field == "title"
    assert snapshot(network.engine) == before


def test_follow_up_next_action_shows_with_the_milestones(network: Database) -> None:
    today = date(2022, 6, 1)
    f = followups.add_follow_up(
        network.uow(), "1853", date(2022, 5, 20), "call", "Gikk gjennom planprogrammet",
        participants="Kari Fjellheim, Ánne Márjá Sara", next_action="Sende innspill til høring",
        next_action_due=date(2022, 5, 30), programme=PROG, today=today)
    assert f.next_action_status == "overdue" and f.kind_label == "telefon"
    items = milestones.list_milestones(network.uow(), programme=PROG, overdue=True, today=today)
    assert [(i.kind, i.follow_up_id, i.title) for i in items] == [
        ("next_action", f.id, "Sende innspill til høring")]
    done = followups.complete_next_action(network.uow(), f.id, today=today)
    assert done.next_action_status == "done"
    assert milestones.list_milestones(network.uow(), overdue=True, today=today) == []
    log = followups.list_follow_ups(network.uow(), municipality="1853", today=today)
    assert [x.id for x in log] == [f.id]


def test_follow_up_rules(network: Database) -> None:
    today = date(2022, 6, 1)
    before = snapshot(network.engine)
    with pytest.raises(DomainError) as err:
        followups.add_follow_up(network.uow(), "1853", date(2022, 5, 20), "fax", "x", today=today)
    assert err.value.field == "kind"
    with pytest.raises(DomainError) as err:
        followups.add_follow_up(network.uow(), "1853", date(2022, 5, 20), "call", "x",
                                next_action_due=date(2022, 6, 1), today=today)
    assert err.value.field == "next_action"
    with pytest.raises(DomainError) as err:
        followups.add_follow_up(network.uow(), "1853", date(2022, 5, 20), "call", "x",
                                next_action="y", next_action_due=date(2022, 5, 1), today=today)
    assert err.value.field == "next_action_due"
    with pytest.raises(DomainError) as err:
        followups.add_follow_up(network.uow(), "1853", date(2022, 7, 20), "call", "x",
                                today=today)
    assert err.value.field == "on"
    with pytest.raises(DomainError) as err:
        followups.add_follow_up(network.uow(), "1853", date(2022, 5, 20), "call", "  ",
                                today=today)
    assert err.value.field == "summary"
    assert snapshot(network.engine) == before
