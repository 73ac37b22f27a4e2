"""Field rules and input parsing, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nettverk.domain import rules, values
from nettverk.domain.errors import DomainError
from nettverk.domain.register import Municipality, Person


@pytest.mark.parametrize("number", ["964982953", "817920632", "964 982 953"])
def test_valid_org_numbers_pass_mod11(number: str) -> None:
    assert rules.check_org_number(number) == number.replace(" ", "")


@pytest.mark.parametrize("number", ["964982954", "12345678", "9649829530", "abcdefghi"])
def test_bad_org_numbers_are_refused(number: str) -> None:
    with pytest.raises(DomainError) as err:
        rules.check_org_number(number)
    assert err.value.field == "org_number"


def test_check_digit_rest_one_has_no_valid_number() -> None:
    # 8 digits whose weighted sum leaves rest 1: no check digit can make it valid.
    candidates = [f"{n:08d}" for n in range(10_000_000, 10_000_200)]
    impossible = [c for c in candidates if rules.mod11_check_digit(c) is None]
    assert impossible
    for c in impossible[:3]:
        for last in "0123456789":
            with pytest.raises(DomainError):
                rules.check_org_number(c + last)


@pytest.mark.parametrize("email", ["a@b.no", "kari.nordmann@nfk.no"])
def test_valid_email(email: str) -> None:
    assert rules.check_email(email) == email


@pytest.mark.parametrize("email", ["kari", "kari@", "kari@nfk", "ka ri@nfk.no", "@nfk.no"])
def test_bad_email(email: str) -> None:
    with pytest.raises(DomainError, match="e-post") as err:
        rules.check_email(email)
    assert err.value.field == "email"


@pytest.mark.parametrize("number", ["185", "18533", "18a3", ""])
def test_municipality_number_is_four_digits(number: str) -> None:
    with pytest.raises(DomainError) as err:
        Municipality(number=number, name="X", county_id=1, population=1)
    assert err.value.field == "number"


def test_negative_population_is_refused_by_the_entity() -> None:
    with pytest.raises(DomainError) as err:
        Municipality(number="1853", name="Evenes", county_id=1, population=-1)
    assert err.value.field == "population"
    assert "negativt" in err.value.message


def test_person_email_is_checked_by_the_entity() -> None:
    with pytest.raises(DomainError):
        Person(name="Kari", email="ikke-en-adresse")


def test_period_end_not_before_start() -> None:
    rules.check_period(date(2020, 1, 1), date(2020, 1, 1))
    with pytest.raises(DomainError, match="slutt"):
        rules.check_period(date(2020, 1, 2), date(2020, 1, 1))


def test_control_characters_are_refused() -> None:
    with pytest.raises(DomainError, match="kontrolltegn"):
        rules.clean_text("name", "Eve\x00nes")


@pytest.mark.parametrize("typed", ["Linje 1\rLinje 2", "Linje 1\r\nLinje 2", "Linje 1\nLinje 2"])
def test_line_breaks_are_stored_as_lf(typed: str) -> None:
    assert rules.clean_text("agenda", typed) == "Linje 1\nLinje 2"


@pytest.mark.parametrize("text", ["2022-03-10", "10.03.2022", "10.3.2022"])
def test_dates_in_iso_and_norwegian_form(text: str) -> None:
    assert values.parse_date("due", text) == date(2022, 3, 10)


@pytest.mark.parametrize("text", ["2022-02-30", "31.04.2022", "10/03/2022", "i morgen", ""])
def test_bad_dates_name_the_field(text: str) -> None:
    with pytest.raises(DomainError) as err:
        values.parse_date("due", text)
    assert err.value.field == "due"


def test_datetimes_are_oslo_time_with_the_right_offset() -> None:
    winter = values.parse_datetime("start", "10.01.2022 09:00")
    summer = values.parse_datetime("start", "2022-06-10 09:00")
    assert winter.isoformat() == "2022-01-10T09:00:00+01:00"
    assert summer.isoformat() == "2022-06-10T09:00:00+02:00"


def test_a_time_that_does_not_exist_in_oslo_is_refused() -> None:
    with pytest.raises(DomainError, match="sommertid"):
        values.parse_datetime("start", "2022-03-27 02:30")


def test_money_is_exact() -> None:
    assert values.parse_money("travel_cost", "1 250,50") == Decimal("1250.50")
    with pytest.raises(DomainError):
        values.parse_money("travel_cost", "12,345")
    with pytest.raises(DomainError):
        values.parse_money("travel_cost", "-5")


def test_year_bounds_are_oslo_new_year_and_refuse_impossible_years() -> None:
    start, end = values.year_bounds(2024)
    assert start.isoformat() == "2023-12-31T23:00:00+00:00"
    assert end.isoformat() == "2024-12-31T23:00:00+00:00"
    for year in (-1, 0, 99999):
        with pytest.raises(DomainError) as err:
            values.year_bounds(year)
        assert err.value.field == "year"
