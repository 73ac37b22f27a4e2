"""Issue 15: renewing a partnership agreement keeps every earlier period, on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import agreements
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import run_cli


@pytest.fixture
def reg(db: Database) -> Database:
    base_register(db)
    return db


def test_renewing_keeps_the_signed_start_and_end_dates_of_each_period(
        reg: Database, db_url: str) -> None:
    a = agreements.add_agreement(reg.uow(), "1853", date(2019, 3, 1))
    agreements.set_status(reg.uow(), a.id, "signed", signed_on=date(2019, 6, 10),
                          starts=date(2019, 7, 1), ends=date(2022, 6, 30))
    agreements.set_status(reg.uow(), a.id, "ended", date(2022, 6, 30))
    agreements.set_status(reg.uow(), a.id, "offered", date(2022, 9, 1))
    agreements.set_status(reg.uow(), a.id, "signed", signed_on=date(2022, 11, 2),
                          ends=date(2026, 11, 1))
    agreements.set_status(reg.uow(), a.id, "ended", date(2026, 11, 1))
    renewed = agreements.set_status(reg.uow(), a.id, "offered", date(2026, 11, 20))
    assert renewed.signed_on is None and renewed.starts is None   # the new round is open
    shown = agreements.get_agreement(reg.uow(), a.id)
    assert [(p.signed_on, p.starts, p.ends, p.ended_on) for p in shown.periods] == [
        (date(2019, 6, 10), date(2019, 7, 1), date(2022, 6, 30), date(2022, 6, 30)),
        (date(2022, 11, 2), date(2022, 11, 2), date(2026, 11, 1), date(2026, 11, 1)),
    ]
    out = run_cli(db_url, "agreement", "show", str(a.id))
    assert out.code == 0, out.err
    assert "Tidligere avtaleperioder" in out.out
    assert "10.06.2019" in out.out or "2019-06-10" in out.out
    data = run_cli(db_url, "agreement", "show", str(a.id), "--format", "json").json()
    assert [p["signed_on"] for p in data["periods"]] == ["2019-06-10", "2022-11-02"]


def test_a_declined_offer_offered_again_has_no_earlier_period(reg: Database) -> None:
    a = agreements.add_agreement(reg.uow(), "1853", date(2024, 3, 1))
    agreements.set_status(reg.uow(), a.id, "declined", date(2024, 4, 1))
    agreements.set_status(reg.uow(), a.id, "offered", date(2025, 3, 1))
    assert agreements.get_agreement(reg.uow(), a.id).periods == []
