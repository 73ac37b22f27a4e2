"""The CLI contract's Learning network part, end to end on both databases."""

from __future__ import annotations

from datetime import datetime

import pytest

from nettverk.services.database import Database
from tests.support import run_cli, snapshot

PROG = "mindre-kommuner-2020"


@pytest.fixture
def demo_url(demo_db: Database, db_url: str) -> str:
    return db_url


def test_application_add_returns_status_and_eligibility(demo_url: str) -> None:
    ok = run_cli(demo_url, "application", "add", "--programme", "gode-lokalsamfunn",
                 "--municipality", "1816", "--received", "01.11.2026", "--samfunnsdel-year",
                 "2014", "--progress-plan", "Planstrategi 2027", "--has-statistics", "yes",
                 "--personnel", "Rådgiver 50 %", "--format", "json")
    assert ok.code == 0, ok.err
    created = ok.json()
    assert created["status"] == "received" and created["eligible"] is True
    assert created["eligibility_notes"] == [] and isinstance(created["id"], int)
    assert created["received"] == "2026-11-01" and created["has_statistics"] is True

    too_big = run_cli(demo_url, "application", "add", "--programme", PROG,
                      "--municipality", "1804", "--received", "2019-12-01", "--format", "json")
    assert too_big.code == 0, too_big.err
    body = too_big.json()
    assert body["eligible"] is False and "2\u00a0500" in body["eligibility_notes"][0]


def test_application_decide_refuses_without_override_and_writes_nothing(
        demo_url: str, demo_db: Database) -> None:
    created = run_cli(demo_url, "application", "add", "--programme", PROG, "--municipality",
                      "1804", "--received", "2019-12-01", "--format", "json").json()
    before = snapshot(demo_db.engine)
    refused = run_cli(demo_url, "application", "decide", str(created["id"]), "--accept")
    assert refused.code == 2
    assert "«override»" in refused.err and "2\u00a0500" in refused.err
    assert "Traceback" not in refused.err
    assert snapshot(demo_db.engine) == before
    accepted = run_cli(demo_url, "application", "decide", str(created["id"]), "--accept",
                       "--override", "Regional by; særskilt vedtak i styringsgruppen",
                       "--date", "2020-01-14", "--format", "json")
    assert accepted.code == 0, accepted.err
    assert accepted.json()["override_justification"].startswith("Regional by")
    members = run_cli(demo_url, "participant", "list", "--programme", PROG, "--format",
                      "json").json()
    assert "1804" in {m["municipality"] for m in members}


def test_application_list_shows_the_demo_round(demo_url: str) -> None:
    rows = run_cli(demo_url, "application", "list", "--programme", PROG, "--format",
                   "json").json()
    by = {r["municipality"]: r for r in rows}
    assert {n for n, r in by.items() if r["status"] == "accepted"} == {
        "1853", "1839", "1826", "5041", "5043", "5020"}
    assert by["1835"]["late"] is True and by["1835"]["status"] == "rejected"
    assert by["1848"]["eligible"] is False
    assert all(not r["late"] for n, r in by.items() if n != "1835")


def test_gathering_add_update_cancel_list(demo_url: str, demo_db: Database) -> None:
    add = run_cli(demo_url, "gathering", "add", "--programme", PROG, "--title", "Ekstra",
                  "--start", "10.03.2022 09:00", "--end", "2022-03-10 15:00", "--mode",
                  "physical", "--location", "Mo i Rana", "--format", "json")
    assert add.code == 0, add.err
    g = add.json()
    assert {"id", "uid", "title", "start", "end", "mode", "status", "revision"} <= set(g)
    assert g["start"] == "2022-03-10T09:00:00+01:00" and g["end"] == "2022-03-10T15:00:00+01:00"
    assert g["status"] == "planned" and g["revision"] == 0 and g["mode"] == "physical"

    same = run_cli(demo_url, "gathering", "update", str(g["id"]), "--agenda", "Ny agenda",
                   "--format", "json").json()
    assert same["revision"] == 0
    moved = run_cli(demo_url, "gathering", "update", str(g["id"]), "--start", "2022-03-11 09:00",
                    "--end", "2022-03-11 15:00", "--format", "json").json()
    assert moved["revision"] == 1 and moved["uid"] == g["uid"]
    assert moved["start"] == "2022-03-11T09:00:00+01:00"
    assert run_cli(demo_url, "gathering", "cancel", str(g["id"])).code == 0
    listed = run_cli(demo_url, "gathering", "list", "--programme", PROG, "--format",
                     "json").json()
    mine = next(x for x in listed if x["id"] == g["id"])
    assert mine["status"] == "cancelled" and mine["revision"] == 2 and mine["uid"] == g["uid"]
    starts = [datetime.fromisoformat(x["start"]) for x in listed]
    assert starts == sorted(starts)


def test_gathering_on_a_holiday_warns_on_stderr(demo_url: str) -> None:
    r = run_cli(demo_url, "gathering", "add", "--programme", PROG, "--title", "17. mai",
                "--start", "2022-05-17 10:00", "--end", "2022-05-17 12:00", "--mode", "video",
                "--video-url", "https://video.example.no/x", "--format", "json")
    assert r.code == 0
    assert "Grunnlovsdag" in r.err and "Grunnlovsdag" in r.json()["warnings"][0]


BAD_GATHERINGS = [
    ["--start", "2022-03-10 15:00", "--end", "2022-03-10 09:00", "--mode", "video"],
    ["--start", "2022-13-10 15:00", "--end", "2022-03-10 16:00", "--mode", "video"],
    ["--start", "2022-03-27 02:30", "--end", "2022-03-27 04:00", "--mode", "video"],
    ["--start", "2022-03-10 09:00", "--end", "2022-03-10 16:00", "--mode", "video",
     "--video-url", "ftp://x"],
    ["--start", "2022-03-10 09:00", "--end", "2022-03-10 16:00", "--mode", "teams"],
]


def test_bad_gathering_input_exits_2_and_writes_nothing(demo_url: str,
                                                        demo_db: Database) -> None:
    before = snapshot(demo_db.engine)
    for args in BAD_GATHERINGS:
        r = run_cli(demo_url, "gathering", "add", "--programme", PROG, "--title", "X", *args)
        assert r.code == 2, (args, r.err)
        assert "Traceback" not in r.err
    r = run_cli(demo_url, "gathering", "add", "--programme", PROG, "--title", "X",
                "--start", "2022-03-10 15:00", "--end", "2022-03-10 09:00", "--mode", "video")
    assert "«end»" in r.err
    assert snapshot(demo_db.engine) == before


def test_milestones_add_done_and_overdue_list(demo_url: str) -> None:
    add = run_cli(demo_url, "milestone", "add", "--programme", PROG, "--title", "Test-milepæl",
                  "--due", "01.02.2020", "--municipality", "1853", "--format", "json")
    assert add.code == 0, add.err
    m = add.json()
    assert m["status"] == "overdue" and m["municipality"] == "1853"
    overdue = run_cli(demo_url, "milestone", "list", "--programme", PROG, "--overdue",
                      "--format", "json").json()
    assert m["id"] in {x["id"] for x in overdue}
    assert all(x["done_on"] is None for x in overdue)
    assert run_cli(demo_url, "milestone", "done", str(m["id"])).code == 0
    again = run_cli(demo_url, "milestone", "list", "--overdue", "--format", "json").json()
    assert m["id"] not in {x["id"] for x in again}
    assert run_cli(demo_url, "milestone", "done", "999999").code == 2


def test_attendance_plans_and_followups_commands(demo_url: str, demo_db: Database) -> None:
    gs = run_cli(demo_url, "gathering", "list", "--programme", PROG, "--year", "2021",
                 "--status", "held", "--format", "json").json()
    assert len(gs) == 3
    att = run_cli(demo_url, "attendance", "list", "--gathering", str(gs[1]["id"]), "--format",
                  "json").json()
    assert len(att) == 6 and any(a["travel_cost"] > 0 for a in att)
    before = snapshot(demo_db.engine)
    bad = run_cli(demo_url, "attendance", "set", "--gathering", str(gs[1]["id"]),
                  "--municipality", "1853", "--travel-cost", "12,345")
    assert bad.code == 2 and "«travel_cost»" in bad.err
    assert snapshot(demo_db.engine) == before
    ok = run_cli(demo_url, "attendance", "set", "--gathering", str(gs[1]["id"]),
                 "--municipality", "1853", "--travel-cost", "1250,50", "--format", "json")
    assert ok.code == 0 and ok.json()["travel_cost"] == 1250.5

    summary = run_cli(demo_url, "gathering", "summary", "--programme", PROG, "--year", "2021",
                      "--format", "json").json()
    assert summary["held"] == 3 and summary["physical_held"] == 1 and summary["meets_target"]

    overdue = run_cli(demo_url, "plan", "list", "--programme", PROG, "--overdue", "--format",
                      "json").json()
    assert [(d["municipality"], d["period_start"]) for d in overdue] == [("1839", 2024)]
    moved = run_cli(demo_url, "plan", "stage", str(overdue[0]["id"]), "--stage", "adopted",
                    "--date", "2026-11-20", "--format", "json")
    assert moved.code == 0, moved.err
    assert moved.json()["deadline_state"] == "met_late"
    matrix = run_cli(demo_url, "plan", "matrix", "--programme", PROG, "--format", "json").json()
    assert len(matrix["rows"]) == 6

    f = run_cli(demo_url, "followup", "add", "--municipality", "1853", "--date", "2026-11-01",
                "--kind", "call", "--summary", "Samtale om ny periode", "--next-action",
                "Sende referat", "--next-due", "2026-11-05", "--format", "json")
    assert f.code == 0, f.err
    assert run_cli(demo_url, "followup", "done", str(f.json()["id"])).code == 0
    log = run_cli(demo_url, "followup", "list", "--municipality", "1853", "--format",
                  "json").json()
    assert log[0]["summary"] == "Samtale om ny periode"


def test_status_on_the_demo_shows_each_kind_of_item(demo_url: str) -> None:
    r = run_cli(demo_url, "status", "--date", "2026-11-22")
    assert r.code == 0, r.err
    text = r.out
    assert "Status per 22.11.2026" in text
    assert "Oppfølgingsmøte: tre år etter" in text          # gathering within 60 days
    assert "Erfaringsnotat til fylkesrådet" in text          # overdue milestone
    assert "Sende mal og tidsplan" in text                   # overdue next action
    assert "Invitasjon til oppfølgingsnettverk 2027 sendt" in text  # due soon
    assert "Gildeskål (1838)" in text                        # awaiting a decision
    assert "Beiarn (1839): planstrategi 2024–2027" in text   # planstrategi past deadline
    assert "Røyrvik – Raarvihke" in text
    assert "(ingen)" not in text
    data = run_cli(demo_url, "status", "--date", "2026-11-22", "--format", "json").json()
    assert data["upcoming_gatherings"] and data["overdue"] and data["due_soon"]
    assert data["pending_applications"] and data["overdue_plan_strategies"]
    counts = {p["slug"]: p for p in data["programmes"]}
    assert counts[PROG]["participants"] == 6 and counts[PROG]["gatherings_held"] == 12


def test_status_says_today_and_counts_days_for_gatherings(demo_url: str) -> None:
    """A gathering on the day itself is «i dag», not «om 0 dager»; one day ahead is «om 1 dag»."""
    on_the_day = run_cli(demo_url, "status", "--date", "2026-12-09").out
    line = next(x for x in on_the_day.splitlines() if "Oppfølgingsmøte: tre år etter" in x)
    assert "– i dag [samling" in line and "om 0 dager" not in on_the_day
    day_before = run_cli(demo_url, "status", "--date", "2026-12-08").out
    line = next(x for x in day_before.splitlines() if "Oppfølgingsmøte: tre år etter" in x)
    assert "– om 1 dag [samling" in line
