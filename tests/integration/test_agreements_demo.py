"""The demo data of agreements, themes and evaluations: present, sensible and idempotent."""

from __future__ import annotations

from datetime import date

from nettverk.demo import seed
from nettverk.services import (
    agreement_actions,
    agreement_reminders,
    agreements,
    capacity,
    feedback,
    focus_areas,
    gatherings,
    priority,
    success_factors,
    themes,
)
from nettverk.services.database import Database
from tests.support import snapshot

DEMO_TODAY = date(2026, 11, 22)


def _agreements_in_every_state_with_reminders(demo_db: Database) -> None:
    rows = agreements.list_agreements(demo_db.uow())
    assert {r.status for r in rows} == {
        "offered", "under_consideration", "signed", "ended", "declined"}
    assert all(r.county == "18" for r in rows)
    signed = [r for r in rows if r.status == "signed"]
    assert all(r.signed_on and r.focus_areas for r in signed)
    assert agreement_actions.list_actions(demo_db.uow())
    kinds = {r.kind for r in agreement_reminders.reminders(demo_db.uow(), today=DEMO_TODAY)}
    assert kinds == {"expiring", "overdue_action", "unanswered"}
    codes = [f.code for f in focus_areas.list_focus_areas(demo_db.uow())]
    assert codes == ["tilhorighet", "trygghet", "tillit", "tilgang"]


def _theme_every_month_of_2024_and_2025(demo_db: Database) -> None:
    for year in (2024, 2025):
        months = themes.list_themes(demo_db.uow(), year=year)
        assert [t.month for t in months] == list(range(1, 13))
        assert all(1 <= g <= 17 for t in months for g in t.goals)
    january = themes.list_themes(demo_db.uow(), year=2024)[0]
    assert "matvinn" in january.title.lower() and january.goals == [2, 12]


def _capacity_2020_and_2022_for_every_participant(demo_db: Database) -> None:
    sessions = capacity.list_assessments(demo_db.uow(), programme="mindre-kommuner-2020")
    by_municipality: dict[str, list[int]] = {}
    for s in sessions:
        by_municipality.setdefault(s.municipality, []).append(s.year)
        assert 3 <= s.participants <= 5
        assert len(s.consensus) == 5
    assert by_municipality == {m: [2020, 2022] for m in
                               ("1826", "1839", "1853", "5020", "5041", "5043")}
    first, later = (s.id for s in sessions if s.municipality == "1853")
    assert len(capacity.compare(demo_db.uow(), first, later)) == 5
    detail = capacity.get_assessment(demo_db.uow(), first)
    assert len(detail.scores) == 5 * detail.assessment.participants and detail.priorities
    years = {a.year for a in capacity.network_averages(demo_db.uow(), "mindre-kommuner-2020")}
    assert years == {2020, 2022}


def _priority_feedback_and_success_factors(demo_db: Database) -> None:
    session = priority.list_sessions(demo_db.uow())[0]
    d = priority.get_session(demo_db.uow(), session.id)
    assert d.factors[0].quadrant == "prioritise" and d.scores
    assert len(success_factors.list_status(demo_db.uow(), "mindre-kommuner-2020")) == 6 * 4 * 8
    held = gatherings.list_gatherings(demo_db.uow(), programme="mindre-kommuner-2020",
                                      status="held")
    answered = {f.gathering_id for f in feedback.list_feedback(demo_db.uow())}
    assert answered == {g.id for g in held}


def test_demo_data_of_agreements_themes_and_evaluations(demo_db: Database) -> None:
    """One test per backend, because loading the demo is the slow part."""
    _agreements_in_every_state_with_reminders(demo_db)
    _theme_every_month_of_2024_and_2025(demo_db)
    _capacity_2020_and_2022_for_every_participant(demo_db)
    _priority_feedback_and_success_factors(demo_db)


def test_loading_the_demo_again_changes_nothing(demo_db: Database) -> None:
    before = snapshot(demo_db.engine)
    assert seed.load(demo_db) == {}
    assert snapshot(demo_db.engine) == before
