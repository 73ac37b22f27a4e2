"""Issue 15's rules as the user meets them on the command line, on both databases."""

from __future__ import annotations

import pytest

from nettverk.services.database import Database
from tests.support import run_cli, snapshot

PROG = "mindre-kommuner-2020"


@pytest.fixture
def demo_url(demo_db: Database, db_url: str) -> str:
    return db_url


def test_plan_rules_on_the_command_line(demo_url: str, demo_db: Database) -> None:
    added = run_cli(demo_url, "plan", "add", "--municipality", "1838", "--kind",
                    "plan_strategy", "--period-start", "2023", "--period-end", "2027",
                    "--stage", "consultation", "--date", "2024-03-01", "--format", "json")
    assert added.code == 0, added.err
    assert added.json()["deadline"] == "2024-10-15"
    adopted = run_cli(demo_url, "plan", "stage", str(added.json()["id"]), "--stage", "adopted",
                      "--date", "2024-03-20")
    assert adopted.code == 0
    assert "advarsel" in adopted.err and "bare 19 dager" in adopted.err
    revisions = run_cli(demo_url, "plan", "revisions", "--municipality", "5020", "--from",
                        "2024", "--to", "2025", "--format", "json")
    assert revisions.code == 0, revisions.err
    assert [(r["year"], r["due"], r["adopted_on"], r["state"]) for r in revisions.json()] == [
        (2024, "2023-12-31", "2023-12-19", "met"), (2025, "2024-12-31", None, "overdue")]
    before = snapshot(demo_db.engine)
    bad = run_cli(demo_url, "plan", "revisions", "--municipality", "5020", "--from", "2025",
                  "--to", "2020")
    assert bad.code == 2 and "to" in bad.err and snapshot(demo_db.engine) == before


def test_theme_calendar_names_the_un_goals_in_norwegian(demo_url: str) -> None:
    added = run_cli(demo_url, "theme", "add", "--year", "2027", "--month", "3", "--title",
                    "Mat og fellesskap", "--goals", "2,17", "--format", "json")
    assert added.code == 0, added.err
    body = added.json()
    assert body["goals"] == [2, 17]
    assert body["goal_names"] == ["2 Utrydde sult", "17 Samarbeid for å nå målene"]
    table = run_cli(demo_url, "theme", "list", "--year", "2027")
    assert "2 Utrydde sult; 17 Samarbeid for å nå målene" in table.out


def test_capacity_consensus_alone_warns_on_the_command_line(demo_url: str) -> None:
    made = run_cli(demo_url, "capacity", "add", "--municipality", "1853", "--date",
                   "2026-11-01", "--format", "json")
    assert made.code == 0, made.err
    ident = str(made.json()["id"])
    alone = run_cli(demo_url, "capacity", "consensus", ident, "--component", "leadership",
                    "--score", "4")
    assert alone.code == 0 and "individuelle vurderinger først" in alone.err
    shown = run_cli(demo_url, "capacity", "show", ident)
    assert "Spredning" in shown.out and "Utviklingsledelse: Felleskarakteren" in shown.err
