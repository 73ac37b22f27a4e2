"""Agreement workflow and theme rules without a database."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.agreements import (
    AGREEMENT_STATUS_LABELS,
    AgreementStatus,
    PartnershipAgreement,
    Theme,
)
from nettverk.domain.errors import DomainError


def _offered() -> PartnershipAgreement:
    a = PartnershipAgreement()
    a.offer(date(2024, 1, 10))
    return a


def test_signing_needs_signed_on_and_records_dated_steps() -> None:
    a = _offered()
    with pytest.raises(DomainError) as err:
        a.move_to(AgreementStatus.signed, date(2024, 2, 1))
    assert err.value.field == "signed_on"
    a.move_to(AgreementStatus.signed, date(2024, 2, 1), signed_on=date(2024, 2, 1),
              ends=date(2027, 12, 31))
    assert [(e.status, e.on) for e in a.events] == [
        (AgreementStatus.offered, date(2024, 1, 10)), (AgreementStatus.signed, date(2024, 2, 1))]
    assert a.starts == date(2024, 2, 1)


@pytest.mark.parametrize("target", [AgreementStatus.offered, AgreementStatus.declined,
                                    AgreementStatus.under_consideration])
def test_a_signed_agreement_can_only_end(target: AgreementStatus) -> None:
    a = _offered()
    a.move_to(AgreementStatus.signed, date(2024, 2, 1), signed_on=date(2024, 2, 1))
    with pytest.raises(DomainError) as err:
        a.move_to(target, date(2024, 3, 1))
    assert err.value.field == "status"
    assert AGREEMENT_STATUS_LABELS[AgreementStatus.signed] in err.value.message


def test_steps_cannot_go_back_in_time_nor_sign_before_the_offer() -> None:
    a = _offered()
    with pytest.raises(DomainError) as err:
        a.move_to(AgreementStatus.declined, date(2024, 1, 1))
    assert err.value.field == "on"
    with pytest.raises(DomainError) as err:
        a.move_to(AgreementStatus.signed, date(2024, 2, 1), signed_on=date(2023, 12, 1))
    assert err.value.field == "signed_on"


def test_theme_goals_are_un_goals_1_to_17_and_links_are_web_addresses() -> None:
    t = Theme(year=2024, month=1, title="Matvinn", goals=[12, 2, 12], links=[])
    assert t.goals == [2, 12]
    for goals in ([0], [18], ["to"]):
        with pytest.raises(DomainError) as err:
            Theme(goals=goals)
        assert err.value.field == "goals"
    with pytest.raises(DomainError) as err:
        Theme(links=["ftp://x"])
    assert err.value.field == "links"
    with pytest.raises(DomainError) as err:
        Theme(month=13)
    assert err.value.field == "month"
