"""Issue 15, the planning rules: the planstrategi deadline (PBL § 10-1), the 30 days the
proposal must be public, and the yearly handlingsdel revision (PBL § 11-1), on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import overview, plan_revisions, plans, programmes
from nettverk.services.database import Database
from tests.integration.test_network_gatherings import build_network

TODAY = date(2026, 11, 22)


@pytest.fixture
def network(db: Database) -> Database:
    return build_network(db)


@pytest.mark.parametrize(("start", "end", "deadline"), [
    (2020, 2023, date(2020, 10, 15)),
    (2023, 2027, date(2024, 10, 15)),   # an election year: this period's own council
    (2024, 2027, date(2024, 10, 15)),
    (2027, 2031, date(2028, 10, 15)),
    (2028, 2031, date(2028, 10, 15)),
])
def test_planstrategi_deadline_follows_the_council_elected_at_or_before_the_period(
        network: Database, start: int, end: int, deadline: date) -> None:
    doc = plans.add_plan_document(network.uow(), "1853", "plan_strategy", start, end,
                                  today=TODAY)
    assert doc.deadline == deadline
    # 2023–2027 is not overdue on 22.11.2026 any longer than from October 2024
    assert doc.deadline_state == ("overdue" if deadline < TODAY else "not_due")


def test_recorded_constitution_date_moves_the_deadline_of_an_election_year_period(
        network: Database) -> None:
    doc = plans.add_plan_document(network.uow(), "1839", "plan_strategy", 2023, 2027,
                                  today=TODAY)
    [changed] = plans.set_council_constituted(network.uow(), "1839", date(2023, 10, 26),
                                              today=TODAY)
    assert changed.id == doc.id and changed.deadline == date(2024, 10, 26)


def test_proposal_public_less_than_30_days_before_adoption_warns(network: Database) -> None:
    short = plans.add_plan_document(network.uow(), "1853", "plan_strategy", 2024, 2027,
                                    stage="consultation", on=date(2024, 5, 2), today=TODAY)
    assert short.warnings == []
    adopted = plans.set_stage(network.uow(), short.id, "adopted", on=date(2024, 5, 31),
                              today=TODAY)
    [warning] = adopted.warnings
    assert "29 dager" in warning and "30 dager" in warning and "PBL § 10-1" in warning
    ok = plans.add_plan_document(network.uow(), "1839", "plan_strategy", 2024, 2027,
                                 stage="consultation", on=date(2024, 5, 2), today=TODAY)
    exactly = plans.set_stage(network.uow(), ok.id, "adopted", on=date(2024, 6, 1), today=TODAY)
    assert exactly.warnings == []   # 30 days exactly is enough


def test_handlingsdel_is_revised_every_year(network: Database) -> None:
    plans.add_plan_document(network.uow(), "5020", "action_plan", 2024, 2027,
                            stage="adopted", on=date(2023, 12, 19), today=TODAY)
    late = plans.add_plan_document(network.uow(), "5020", "action_plan", 2025, 2028,
                                   stage="consultation", on=date(2024, 11, 20), today=TODAY)
    assert late.deadline == date(2024, 12, 31) and late.deadline_state == "overdue"
    rows = plan_revisions.handlingsdel_revisions(network.uow(), "5020", 2024, 2027, today=TODAY)
    assert [(r.year, r.due, r.adopted_on, r.state) for r in rows] == [
        (2024, date(2023, 12, 31), date(2023, 12, 19), "met"),
        (2025, date(2024, 12, 31), None, "overdue"),
        (2026, date(2025, 12, 31), None, "overdue"),
        (2027, date(2026, 12, 31), None, "due_soon"),
    ]
    assert rows[2].plan_document_id is None and rows[2].state_label.startswith("ikke registrert")


def test_overview_warns_of_a_handlingsdel_not_revised(network: Database) -> None:
    programmes.add_programme(network.uow(), "laering-2025", "Nytt læringsnettverk",
                           "learning_network", date(2025, 1, 1), date(2028, 12, 31))
    programmes.add_participant(network.uow(), "laering-2025", "1839")
    late = plans.add_plan_document(network.uow(), "5020", "action_plan", 2025, 2028,
                                   today=TODAY)
    view = overview.overview(network.uow(), today=TODAY)
    got = {(r.municipality, r.year, r.plan_document_id) for r in view.overdue_handlingsdel}
    # 1839 takes part in a running learning network and has no revision for 2026;
    # 5020's registered 2025 revision was never adopted; 1853's programme has ended.
    assert got == {("1839", 2026, None), ("5020", 2025, late.id)}
    assert view.needs_attention
