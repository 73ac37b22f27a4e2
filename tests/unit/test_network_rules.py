"""The learning network's pure domain rules: holidays, statuses, deadlines, eligibility."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from nettverk.domain import network as n
from nettverk.domain.errors import DomainError
from nettverk.domain.holidays import easter_sunday, holiday_name, norwegian_holidays
from nettverk.domain.values import OSLO


@pytest.mark.parametrize(("year", "easter"), [
    (2019, date(2019, 4, 21)), (2020, date(2020, 4, 12)), (2021, date(2021, 4, 4)),
    (2022, date(2022, 4, 17)), (2023, date(2023, 4, 9)), (2024, date(2024, 3, 31)),
    (2025, date(2025, 4, 20)), (2038, date(2038, 4, 25)),
])
def test_easter(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_twelve_norwegian_holidays_of_2023() -> None:
    days = norwegian_holidays(2023)
    assert len(days) == 12
    assert days[date(2023, 4, 6)] == "Skjærtorsdag"
    assert days[date(2023, 4, 7)] == "Langfredag"
    assert days[date(2023, 5, 18)] == "Kristi himmelfartsdag"
    assert days[date(2023, 5, 29)] == "2. pinsedag"
    assert days[date(2023, 5, 17)] == "Grunnlovsdag"
    assert holiday_name(date(2023, 12, 26)) == "2. juledag"
    assert holiday_name(date(2023, 12, 27)) is None


def test_ascension_on_labour_day_keeps_both_names() -> None:
    assert holiday_name(date(2008, 5, 1)) == "Arbeidernes dag og Kristi himmelfartsdag"


@pytest.mark.parametrize(("due", "done", "expected"), [
    (date(2022, 5, 31), None, n.MilestoneStatus.overdue),
    (date(2022, 6, 1), None, n.MilestoneStatus.due_soon),
    (date(2022, 6, 15), None, n.MilestoneStatus.due_soon),
    (date(2022, 6, 16), None, n.MilestoneStatus.upcoming),
    (date(2022, 5, 1), date(2022, 5, 2), n.MilestoneStatus.done),
])
def test_milestone_status(due: date, done: date | None, expected: n.MilestoneStatus) -> None:
    assert n.milestone_status(due, done, date(2022, 6, 1)) is expected


def test_council_elections_and_constitution() -> None:
    assert n.council_election_years(2018, 2031) == [2019, 2023, 2027, 2031]
    assert n.default_constitution_date(2023) == date(2023, 10, 15)
    with pytest.raises(DomainError):
        n.default_constitution_date(2024)
    assert n.plan_strategy_deadline(date(2023, 10, 19)) == date(2024, 10, 19)
    assert n.plan_strategy_deadline(date(2020, 2, 29)) == date(2021, 2, 28)
    assert n.latest_election_year(date(2023, 10, 14)) == 2019
    assert n.latest_election_year(date(2026, 11, 22)) == 2023
    assert n.election_year_for_period(2020, date(2026, 1, 1)) == 2019
    assert n.election_year_for_period(2024, date(2026, 1, 1)) == 2023
    assert n.election_year_for_period(2023, date(2026, 1, 1)) == 2023
    assert n.election_year_for_period(2027, date(2026, 1, 1)) == 2027
    assert n.election_year_for_period(2028, date(2026, 1, 1)) == 2027


@pytest.mark.parametrize(("adopted", "today", "expected"), [
    (None, date(2024, 5, 1), n.DeadlineState.not_due),
    (None, date(2024, 9, 1), n.DeadlineState.due_soon),
    (None, date(2024, 10, 16), n.DeadlineState.overdue),
    (date(2024, 10, 15), date(2025, 1, 1), n.DeadlineState.met),
    (date(2024, 12, 1), date(2025, 1, 1), n.DeadlineState.met_late),
])
def test_plan_strategy_deadline_state(adopted: date | None, today: date,
                                      expected: n.DeadlineState) -> None:
    assert n.plan_strategy_deadline_state(date(2024, 10, 15), adopted, today) is expected


def test_eligibility_population_must_be_under_the_maximum() -> None:
    assert n.eligibility_notes(2499, 2019, 2500) == []
    [note] = n.eligibility_notes(2500, 2019, 2500)
    assert "2\u00a0500 (2019)" in note and "ikke under" in note
    assert "ikke registrert" in n.eligibility_notes(None, None, 2500)[0]
    assert n.eligibility_notes(9000, 2019, None) == []
    assert n.county_capacity_note(2, 3, "Nordland") is None
    assert "høyst 3 per fylke" in (n.county_capacity_note(3, 3, "Nordland") or "")


def test_application_moves() -> None:
    n.check_application_move(n.ApplicationStatus.received, n.ApplicationStatus.interview)
    n.check_application_move(n.ApplicationStatus.interview, n.ApplicationStatus.accepted)
    with pytest.raises(DomainError) as err:
        n.check_application_move(n.ApplicationStatus.accepted, n.ApplicationStatus.rejected)
    assert "«tatt opp» til «avslått»" in err.value.message
    with pytest.raises(DomainError):
        n.check_application_move(n.ApplicationStatus.interview, n.ApplicationStatus.received)


def test_gathering_uid_is_unique_and_stable_in_form() -> None:
    uids = {n.new_gathering_uid() for _ in range(500)}
    assert len(uids) == 500 and all(u.endswith("@nettverk") for u in uids)


def test_money_is_exact() -> None:
    assert n.check_money("travel_cost", Decimal("10.5")) == Decimal("10.50")
    with pytest.raises(DomainError):
        n.check_money("travel_cost", Decimal("0.001"))
    with pytest.raises(DomainError):
        n.check_money("travel_cost", Decimal("-1"))


def test_overlap_does_not_count_touching_ends() -> None:
    a = datetime(2022, 3, 1, 9, tzinfo=OSLO)
    b = datetime(2022, 3, 1, 12, tzinfo=OSLO)
    c = datetime(2022, 3, 1, 15, tzinfo=OSLO)
    assert not n.overlaps(a, b, b, c)
    assert n.overlaps(a, c, b, c)


def test_the_public_notice_warning_counts_days_in_the_right_form() -> None:
    from nettverk.domain.network_rules import public_notice_warning

    one = public_notice_warning(date(2024, 3, 1), date(2024, 3, 2))
    assert one is not None and "bare 1 dag før vedtaket 02.03.2024" in one
    many = public_notice_warning(date(2024, 3, 1), date(2024, 3, 6))
    assert many is not None and "bare 5 dager før vedtaket 06.03.2024" in many
