"""Agreement, focus-area, action and theme commands end to end, in the contract's style."""

from __future__ import annotations

import pytest

from nettverk.persistence.engine import make_engine
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import run_cli, snapshot


@pytest.fixture
def url(db: Database, db_url: str) -> str:
    base_register(db)
    return db_url


def _unchanged(url: str, *args: str) -> tuple[int, str]:
    """Run a command that must fail; return (code, stderr) after proving nothing was written."""
    engine = make_engine(url)
    try:
        before = snapshot(engine)
        result = run_cli(url, *args)
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    assert result.out == "" or result.code == 0
    return result.code, result.err


def test_agreement_add_status_action_and_reminders_as_json(url: str) -> None:
    added = run_cli(url, "agreement", "add", "--municipality", "1853", "--offered-on",
                    "01.03.2024", "--focus-area", "tilhorighet", "--archive-ref", "24/1-1",
                    "--format", "json")
    assert added.code == 0, added.err
    agreement = added.json()
    assert agreement["status"] == "offered" and agreement["offered_on"] == "2024-03-01"
    assert agreement["display_name"] == "Evenes – Evenášši"
    signed = run_cli(url, "agreement", "status", str(agreement["id"]), "--status", "signed",
                     "--signed-on", "2024-06-10", "--ends", "2026-12-31", "--format", "json")
    assert signed.code == 0, signed.err
    assert [e["status"] for e in signed.json()["events"]] == ["offered", "signed"]
    action = run_cli(url, "agreement", "action", "add", "--agreement", str(agreement["id"]),
                     "--title", "Kultursti", "--focus-area", "tilhorighet", "--due",
                     "2026-09-30", "--format", "json")
    assert action.code == 0, action.err
    reminders = run_cli(url, "agreement", "reminders", "--date", "2026-11-22",
                        "--format", "json").json()
    assert [(r["kind"], r["days"]) for r in reminders] == [
        ("overdue_action", 53), ("expiring", 39)]
    done = run_cli(url, "agreement", "action", "done", str(action.json()["id"]), "--on",
                   "2026-10-01", "--format", "json")
    assert done.json()["status"] == "done"
    listed = run_cli(url, "agreement", "list", "--status", "signed", "--format", "json").json()
    assert [a["municipality"] for a in listed] == ["1853"]
    coverage = run_cli(url, "agreement", "coverage", "--format", "json").json()
    assert coverage["counties"][0]["signed"] == 1
    updated = run_cli(url, "agreement", "update", str(agreement["id"]), "--archive-ref",
                      "24/1-2", "--format", "json")
    assert updated.code == 0, updated.err
    assert updated.json()["archive_ref"] == "24/1-2"
    table = run_cli(url, "agreement", "show", str(agreement["id"]))
    assert table.code == 0 and "Historikk" in table.out and "Evenes – Evenášši" in table.out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["agreement", "add", "--municipality", "1853", "--offered-on", "31.02.2024"],
         "offered_on"),
        (["agreement", "add", "--municipality", "0000"], "municipality"),
        (["agreement", "add", "--municipality", "1853", "--focus-area", "lykke"],
         "focus_areas"),
        (["agreement", "status", "{id}", "--status", "signed"], "signed_on"),
        (["agreement", "status", "{id}", "--status", "ended"], "status"),
        (["agreement", "status", "{id}", "--status", "glemt"], "status"),
        (["agreement", "status", "{id}", "--status", "declined", "--on", "2020-01-01"], "on"),
        (["agreement", "status", "x", "--status", "declined"], "id"),
        (["agreement", "action", "add", "--agreement", "{id}", "--title", "T", "--due",
          "i morgen"], "due"),
        (["theme", "add", "--year", "2024", "--month", "13", "--title", "T"], "month"),
        (["theme", "add", "--year", "2024", "--month", "1", "--title", "T", "--goals", "2,18"],
         "goals"),
        (["theme", "add", "--year", "2024", "--month", "1", "--title", "T", "--goals", "to"],
         "goals"),
        (["focus-area", "add", "--code", "Æ Ø", "--name", "X"], "code"),
        (["agreement", "update", "{id}", "--ends", "2020-01-01", "--starts", "2024-01-01"],
         "ends"),
        (["agreement", "update", "{id}", "--notes", "x", "--expected-version", "7"], "version"),
    ],
)
def test_bad_input_exits_2_naming_the_field_and_writes_nothing(
    url: str, args: list[str], field: str
) -> None:
    created = run_cli(url, "agreement", "add", "--municipality", "1839", "--offered-on",
                      "2024-03-01", "--format", "json").json()
    args = [a.replace("{id}", str(created["id"])) for a in args]
    code, err = _unchanged(url, *args)
    assert code == 2
    assert f"«{field}»" in err and "Traceback" not in err


def test_theme_and_focus_area_commands(url: str) -> None:
    added = run_cli(url, "theme", "add", "--year", "2024", "--month", "1", "--title",
                    "Gjør matsvinn til matvinn", "--goals", "12,2", "--link",
                    "https://example.no/mat", "--format", "json")
    assert added.code == 0, added.err
    assert added.json()["goals"] == [2, 12]
    updated = run_cli(url, "theme", "update", str(added.json()["id"]), "--title", "Matvinn",
                      "--format", "json")
    assert updated.json()["title"] == "Matvinn"
    themes = run_cli(url, "theme", "list", "--year", "2024", "--format", "json").json()
    assert [(t["month"], t["month_name"]) for t in themes] == [(1, "januar")]
    area = run_cli(url, "focus-area", "add", "--code", "tilgang", "--name",
                   "Tilgang til utdanning, arbeid og gode nærmiljø", "--format", "json")
    assert area.code == 0, area.err
    codes = [a["code"] for a in run_cli(url, "focus-area", "list", "--format", "json").json()]
    assert codes == ["tilhorighet", "trygghet", "tillit", "tilgang"]
