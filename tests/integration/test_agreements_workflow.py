"""Partnership agreements through the use cases, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nettverk.domain.errors import DomainError
from nettverk.domain.values import OSLO
from nettverk.services import (
    agreement_actions,
    agreement_reminders,
    agreements,
    focus_areas,
    programmes,
    register,
)
from nettverk.services.database import Database
from tests.support import snapshot

TODAY = date(2026, 11, 22)


def base_register(db: Database) -> None:
    """Two counties, a few municipalities, the three programmes, participants."""
    register.add_county(db.uow(), "18", "Nordland")
    register.add_county(db.uow(), "50", "Trøndelag")
    for number, name, county, sami in [
        ("1853", "Evenes", "18", "Evenášši"), ("1839", "Beiarn", "18", None),
        ("1804", "Bodø", "18", None), ("1875", "Hamarøy", "18", "Hábmer"),
        ("5041", "Snåsa", "50", "Snåase"),
    ]:
        register.add_municipality(db.uow(), number, name, county, 1000, sami_name=sami)
    programmes.add_programme(db.uow(), "gode-lokalsamfunn", "Gode lokalsamfunn for alle",
                           "partnership", date(2023, 5, 1))
    programmes.add_programme(db.uow(), "det-gode-liv", "Det gode liv i nord", "pilot",
                           date(2023, 3, 14), date(2025, 12, 31))
    programmes.add_programme(db.uow(), "mindre-kommuner-2020", "Samfunnsutvikling i mindre "
                           "kommuner", "learning_network", date(2020, 1, 1), date(2023, 12, 31))
    for number in ("1853", "1839", "5041"):
        programmes.add_participant(db.uow(), "mindre-kommuner-2020", number)
    for code, name in [("tilhorighet", "Tilhørighet"), ("trygghet", "Trygghet"),
                       ("tillit", "Tillit")]:
        focus_areas.add_focus_area(db.uow(), code, name)


@pytest.fixture
def reg(db: Database) -> Database:
    base_register(db)
    return db


def test_offer_then_sign_keeps_a_dated_history(reg: Database) -> None:
    a = agreements.add_agreement(reg.uow(), "1853", date(2024, 3, 1),
                                 focus_areas=["tilhorighet", "tillit"], archive_ref="24/1-1")
    assert a.status == "offered" and a.status_label == "Tilbudt"
    assert a.display_name == "Evenes – Evenášši"
    agreements.set_status(reg.uow(), a.id, "under_consideration", date(2024, 4, 2))
    signed = agreements.set_status(reg.uow(), a.id, "signed", signed_on=date(2024, 6, 10),
                                   ends=date(2028, 6, 9))
    assert signed.status == "signed" and signed.signed_on == date(2024, 6, 10)
    assert signed.starts == date(2024, 6, 10)
    assert [(e.status, e.on) for e in agreements.get_agreement(reg.uow(), a.id).events] == [
        ("offered", date(2024, 3, 1)), ("under_consideration", date(2024, 4, 2)),
        ("signed", date(2024, 6, 10)),
    ]
    assert signed.focus_areas == ["tilhorighet", "tillit"]  # in the programme's order


@pytest.mark.parametrize(
    ("steps", "status", "kwargs", "field"),
    [
        ([], "signed", {}, "signed_on"),
        ([], "ended", {}, "status"),
        ([], "offered", {}, "status"),
        ([], "archived", {}, "status"),
        ([("declined", {})], "signed", {"signed_on": date(2024, 5, 1)}, "status"),
        ([("signed", {"signed_on": date(2024, 5, 1)})], "under_consideration", {}, "status"),
        ([], "declined", {"on": date(2024, 1, 1)}, "on"),
        ([], "signed", {"signed_on": date(2024, 1, 1)}, "signed_on"),
        ([], "signed", {"signed_on": date(2024, 5, 1), "starts": date(2024, 5, 1),
                        "ends": date(2024, 4, 1)}, "ends"),
    ],
)
def test_impossible_transitions_and_bad_dates_are_refused_and_nothing_written(
    reg: Database, steps: list[tuple[str, dict[str, date]]], status: str,
    kwargs: dict[str, date], field: str,
) -> None:
    a = agreements.add_agreement(reg.uow(), "1853", date(2024, 3, 1))
    for step, extra in steps:
        agreements.set_status(reg.uow(), a.id, step, today=date(2024, 6, 1), **extra)
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        agreements.set_status(reg.uow(), a.id, status, today=date(2024, 6, 1), **kwargs)
    assert err.value.field == field
    assert snapshot(reg.engine) == before


def test_a_municipality_has_one_agreement_per_programme(reg: Database) -> None:
    agreements.add_agreement(reg.uow(), "1853", date(2024, 3, 1))
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        agreements.add_agreement(reg.uow(), "1853", date(2024, 4, 1))
    assert err.value.field == "municipality"
    with pytest.raises(DomainError) as err:
        agreements.add_agreement(reg.uow(), "1839", date(2024, 4, 1), focus_areas=["ukjent"])
    assert err.value.field == "focus_areas"
    assert snapshot(reg.engine) == before


def test_declined_can_be_offered_again(reg: Database) -> None:
    a = agreements.add_agreement(reg.uow(), "1839", date(2023, 5, 15))
    agreements.set_status(reg.uow(), a.id, "declined", date(2023, 10, 1))
    again = agreements.set_status(reg.uow(), a.id, "offered", date(2026, 2, 1))
    assert again.status == "offered" and again.offered_on == date(2026, 2, 1)
    assert [e.status for e in again.events] == ["offered", "declined", "offered"]


def test_list_filters_by_status_and_county_with_paging(reg: Database) -> None:
    for number in ("1853", "1839", "1804", "5041"):
        agreements.add_agreement(reg.uow(), number, date(2024, 3, 1))
    a = agreements.list_agreements(reg.uow(), county="18")[0]
    agreements.set_status(reg.uow(), a.id, "signed", signed_on=date(2024, 4, 1))
    assert [x.municipality for x in agreements.list_agreements(reg.uow())] == [
        "1804", "1839", "1853", "5041"]
    assert [x.municipality for x in agreements.list_agreements(reg.uow(), county="50")] == [
        "5041"]
    assert [x.municipality for x in agreements.list_agreements(reg.uow(), status="signed")] == [
        "1804"]
    assert [x.municipality for x in agreements.list_agreements(reg.uow(), limit=2,
                                                               offset=1)] == ["1839", "1853"]
    with pytest.raises(DomainError) as err:
        agreements.list_agreements(reg.uow(), status="halvveis")
    assert err.value.field == "status"


def _signed(db: Database, number: str, signed: date, ends: date,
            areas: list[str] | None = None) -> int:
    a = agreements.add_agreement(db.uow(), number, signed, focus_areas=areas or ["tilhorighet"])
    agreements.set_status(db.uow(), a.id, "signed", signed_on=signed, ends=ends)
    return a.id


def test_actions_belong_to_the_agreements_focus_areas_and_can_be_done(reg: Database) -> None:
    aid = _signed(reg, "1853", date(2024, 6, 10), date(2028, 6, 9))
    x = agreement_actions.add_action(reg.uow(), aid, "Kulturstien", focus_area="tilhorighet",
                              owner="Kultur", due=date(2025, 9, 30), today=TODAY)
    assert x.overdue and x.focus_area_name == "Tilhørighet"
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        agreement_actions.add_action(reg.uow(), aid, "Beredskapsdag", focus_area="trygghet")
    assert err.value.field == "focus_area"
    with pytest.raises(DomainError) as err:
        agreement_actions.add_action(reg.uow(), aid, "  ")
    assert err.value.field == "title"
    assert snapshot(reg.engine) == before
    done = agreement_actions.complete_action(reg.uow(), x.id, date(2025, 10, 5), today=TODAY)
    assert done.status == "done" and done.done_on == date(2025, 10, 5) and not done.overdue
    with pytest.raises(DomainError) as err:
        agreement_actions.complete_action(reg.uow(), x.id)
    assert err.value.field == "status"
    assert agreement_actions.list_actions(reg.uow(), overdue=True, today=TODAY) == []
    assert agreements.get_agreement(reg.uow(), aid).open_actions == 0


def test_reminders_expiring_overdue_and_unanswered(reg: Database) -> None:
    soon = _signed(reg, "1853", date(2023, 6, 20), date(2026, 12, 31))
    _signed(reg, "1804", date(2023, 6, 20), date(2027, 6, 30))  # 220 days away: no reminder
    late = agreement_actions.add_action(reg.uow(), soon, "Boligprogram", due=date(2026, 8, 31))
    agreement_actions.add_action(reg.uow(), soon, "Framtidig", due=date(2026, 12, 1))
    agreements.add_agreement(reg.uow(), "1839", date(2026, 3, 1))
    considering = agreements.add_agreement(reg.uow(), "1875", date(2026, 5, 2))
    agreements.set_status(reg.uow(), considering.id, "under_consideration", date(2026, 6, 10))
    agreements.add_agreement(reg.uow(), "5041", date(2026, 10, 15))  # 38 days: still fresh

    got = agreement_reminders.reminders(reg.uow(), today=TODAY)
    assert [(r.kind, r.municipality, r.days) for r in got] == [
        ("unanswered", "1839", 266),
        ("unanswered", "1875", 204),
        ("overdue_action", "1853", 83),
        ("expiring", "1853", 39),
    ]
    assert got[2].action_id == late.id
    # A day after the end, the agreement no longer "expires soon".
    kinds = {r.kind for r in agreement_reminders.reminders(reg.uow(), today=date(2027, 1, 1))}
    assert "expiring" not in kinds


def test_coverage_counts_signed_per_county_and_focus_area(reg: Database) -> None:
    _signed(reg, "1853", date(2024, 1, 1), date(2027, 1, 1), ["tilhorighet", "tillit"])
    _signed(reg, "1804", date(2024, 1, 1), date(2027, 1, 1), ["tilhorighet"])
    agreements.add_agreement(reg.uow(), "1839", date(2024, 1, 1), focus_areas=["trygghet"])
    cov = agreement_reminders.coverage(reg.uow())
    nordland = next(c for c in cov.counties if c.county == "18")
    assert (nordland.municipalities, nordland.signed, nordland.pending) == (4, 2, 1)
    assert nordland.share_signed == 0.5
    trondelag = next(c for c in cov.counties if c.county == "50")
    assert (trondelag.municipalities, trondelag.signed) == (1, 0)
    assert {a.code: a.signed for a in cov.focus_areas} == {
        "tilhorighet": 2, "trygghet": 0, "tillit": 1}


def test_yearly_meeting_is_a_gathering_of_the_partnership_programme(reg: Database) -> None:
    aid = _signed(reg, "1853", date(2024, 6, 10), date(2028, 6, 9))
    meeting = agreements.add_yearly_meeting(
        reg.uow(), aid, datetime(2027, 3, 3, 10, 0, tzinfo=OSLO),
        datetime(2027, 3, 3, 14, 0, tzinfo=OSLO), "physical", location="Evenes rådhus")
    assert meeting.programme == "gode-lokalsamfunn" and meeting.municipality == "1853"
    assert meeting.title == "Årlig partnerskapsmøte 2027 – Evenes – Evenášši"
    assert [m.id for m in agreements.list_yearly_meetings(reg.uow(), aid)] == [meeting.id]
    offered = agreements.add_agreement(reg.uow(), "1839", date(2026, 1, 1))
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        agreements.add_yearly_meeting(
            reg.uow(), offered.id, datetime(2027, 3, 3, 10, 0, tzinfo=OSLO),
            datetime(2027, 3, 3, 14, 0, tzinfo=OSLO), "video")
    assert err.value.field == "agreement"
    assert snapshot(reg.engine) == before
