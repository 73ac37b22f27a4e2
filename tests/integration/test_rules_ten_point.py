"""Issue 15: the 10-point model per municipality through the use cases, on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import ten_point
from nettverk.services.database import Database
from tests.integration.test_network_gatherings import PROG, build_network
from tests.support import run_cli, snapshot

TODAY = date(2024, 5, 1)


@pytest.fixture
def network(db: Database) -> Database:
    return build_network(db)


def test_a_municipality_works_through_the_ten_steps(network: Database) -> None:
    steps = ten_point.list_steps(network.uow(), municipality="1853")
    assert [s.number for s in steps] == list(range(1, 11))
    assert steps[0].step_label == "Målanalyse" and steps[6].step_label == \
        "Identitets- og omdømmekartlegging"
    assert {s.status_label for s in steps} == {"ikke startet"}
    started = ten_point.set_step(network.uow(), "1853", "1", "in_progress", on=date(2024, 2, 1),
                                 notes="Workshop med kommunestyret", today=TODAY)
    assert (started.status_label, started.on) == ("pågår", date(2024, 2, 1))
    done = ten_point.set_step(network.uow(), "1853", "Målanalyse", "ferdig", today=TODAY)
    assert (done.status, done.on, done.notes) == ("done", TODAY, "Workshop med kommunestyret")
    ten_point.set_step(network.uow(), "1853", "place_qualities", "pågår", on=date(2024, 4, 2),
                       today=TODAY)
    again = ten_point.list_steps(network.uow(), municipality="1853")
    assert [(s.number, s.status) for s in again[:3]] == [
        (1, "done"), (2, "in_progress"), (3, "not_started")]
    both = ten_point.list_steps(network.uow(), programme=PROG)
    assert len(both) == 20 and {s.municipality for s in both} == {"1853", "1839"}
    recorded = ten_point.list_steps(network.uow())
    assert [(s.municipality, s.number) for s in recorded] == [("1853", 1), ("1853", 2)]


def test_a_step_is_named_in_bokmal_and_found_by_its_earlier_nynorsk_name(
    network: Database,
) -> None:
    by_old_name = ten_point.set_step(network.uow(), "1853", "Val av posisjon", "pågår",
                                     today=TODAY)
    assert (by_old_name.step, by_old_name.step_label) == ("positioning", "Valg av posisjon")
    by_old_name = ten_point.set_step(network.uow(), "1853", "kartlegg stadskvalitetar", "ferdig",
                                     today=TODAY)
    assert (by_old_name.step, by_old_name.step_label) == (
        "place_qualities", "Kartlegg stedskvaliteter")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"step": "11"}, "step"),
    ({"step": "ukjent"}, "step"),
    ({"status": "kanskje"}, "status"),
    ({"on": date(2030, 1, 1)}, "on"),
    ({"municipality": "9999"}, "municipality"),
    ({"expected_version": 1}, "version"),
])
def test_bad_input_names_the_field_and_writes_nothing(network: Database,
                                                      kwargs: dict[str, object],
                                                      field: str) -> None:
    before = snapshot(network.engine)
    args: dict[str, object] = {"municipality": "1853", "step": "1", "status": "done",
                               "today": TODAY, **kwargs}
    with pytest.raises(DomainError) as err:
        ten_point.set_step(network.uow(), **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert snapshot(network.engine) == before


def test_ten_point_on_the_command_line(network: Database, db_url: str) -> None:
    r = run_cli(db_url, "ten-point", "set", "--municipality", "1839", "--step", "5",
                "--status", "in_progress", "--date", "2024-03-01", "--notes", "Posisjon drøftet",
                "--format", "json")
    assert r.code == 0, r.err
    assert r.json()["step_label"] == "Valg av posisjon" and r.json()["status"] == "in_progress"
    listed = run_cli(db_url, "ten-point", "list", "--municipality", "1839")
    assert "Valg av posisjon" in listed.out and "pågår" in listed.out
    before = snapshot(network.engine)
    bad = run_cli(db_url, "ten-point", "set", "--municipality", "1839", "--step", "0",
                  "--status", "done")
    assert bad.code == 2 and "step" in bad.err and snapshot(network.engine) == before
