"""`round`, `application`, `followup` and `plan` update/delete from the command line.

Bad input exits 2 with a message naming the field and the rule, and writes nothing.
"""

from __future__ import annotations

import pytest

from nettverk.services.database import Database
from tests.support import run_cli, snapshot

PROG = "mindre-kommuner-2020"
PARTNERS = "gode-lokalsamfunn"


@pytest.fixture
def demo_url(demo_db: Database, db_url: str) -> str:
    return db_url


def _json(url: str, *args: str) -> object:
    result = run_cli(url, *args, "--format", "json")
    assert result.code == 0, result.err
    return result.json()


def _refused(url: str, db: Database, *args: str) -> str:
    before = snapshot(db.engine)
    result = run_cli(url, *args)
    assert result.code == 2, (result.out, result.err)
    assert snapshot(db.engine) == before
    return result.err


def test_round_update_and_delete(demo_url: str, demo_db: Database) -> None:
    rounds = _json(demo_url, "round", "list", "--programme", PARTNERS)
    assert isinstance(rounds, list)
    r = rounds[0]
    changed = _json(demo_url, "round", "update", str(r["id"]), "--title", "Partnerskap 2027",
                    "--deadline", "15.01.2027", "--expected-version", str(r["version"]))
    assert changed == {**r, "title": "Partnerskap 2027", "deadline": "2027-01-15",
                       "version": r["version"] + 1}
    assert "«deadline»" in _refused(demo_url, demo_db, "round", "update", str(r["id"]),
                                    "--deadline", "2026-09-01")
    assert "«deadline»" in _refused(demo_url, demo_db, "round", "update", str(r["id"]),
                                    "--deadline", "31.02.2027")
    assert "«version»" in _refused(demo_url, demo_db, "round", "update", str(r["id"]),
                                   "--title", "x", "--expected-version", str(r["version"]))
    err = _refused(demo_url, demo_db, "round", "delete", str(r["id"]))
    assert "Utlysningen kan ikke slettes: brukes av 2 søknader" in err
    empty = _json(demo_url, "round", "add", "--programme", PROG, "--title", "Ekstra runde",
                  "--opens", "2026-12-01", "--deadline", "2027-01-31")
    assert isinstance(empty, dict)
    gone = _json(demo_url, "round", "delete", str(empty["id"]))
    assert gone == {"kind": "utlysning", "id": empty["id"], "label": "Ekstra runde",
                    "deleted": True}
    assert "«id»" in _refused(demo_url, demo_db, "round", "show", str(empty["id"]))


def _application_id(url: str, programme: str, number: str) -> int:
    rows = _json(url, "application", "list", "--programme", programme)
    assert isinstance(rows, list)
    return int(next(a["id"] for a in rows if a["municipality"] == number))


def test_application_update_and_delete(demo_url: str, demo_db: Database) -> None:
    pending = _application_id(demo_url, PARTNERS, "1845")
    changed = _json(demo_url, "application", "update", str(pending), "--received", "10.11.2026",
                    "--personnel", "Planlegger 40 %", "--has-statistics", "no")
    assert isinstance(changed, dict)
    assert (changed["received"], changed["personnel"], changed["has_statistics"]) == (
        "2026-11-10", "Planlegger 40 %", False)
    assert "«has_statistics»" in _refused(demo_url, demo_db, "application", "update",
                                          str(pending), "--has-statistics", "kanskje")
    assert "«samfunnsdel_year»" in _refused(demo_url, demo_db, "application", "update",
                                            str(pending), "--samfunnsdel-year", "2099")
    accepted = _application_id(demo_url, PROG, "1853")
    err = _refused(demo_url, demo_db, "application", "delete", str(accepted))
    assert "«status»" in err and "tatt opp" in err and "kan ikke slettes" in err
    err = _refused(demo_url, demo_db, "application", "update", str(accepted), "--personnel", "x")
    assert "«status»" in err
    gone = _json(demo_url, "application", "delete", str(pending))
    assert gone == {"kind": "søknad", "id": pending, "label": "Sørfold til gode-lokalsamfunn",
                    "deleted": True}
    assert "«id»" in _refused(demo_url, demo_db, "application", "delete", str(pending))
    assert "«id»" in _refused(demo_url, demo_db, "application", "delete", "tolv")


def test_followup_update_and_delete(demo_url: str, demo_db: Database) -> None:
    created = _json(demo_url, "followup", "add", "--municipality", "1853", "--date",
                    "2026-11-02", "--kind", "call", "--summary", "Samtale om planstrategien",
                    "--next-action", "Sende mal", "--next-due", "2026-12-01",
                    "--programme", PROG)
    assert isinstance(created, dict)
    fid = str(created["id"])
    changed = _json(demo_url, "followup", "update", fid, "--kind", "meeting", "--summary",
                    "Møte om planstrategien", "--next-due", "10.12.2026", "--programme", "",
                    "--expected-version", str(created["version"]))
    assert isinstance(changed, dict)
    assert (changed["kind"], changed["summary"], changed["next_action_due"],
            changed["programme"]) == ("meeting", "Møte om planstrategien", "2026-12-10", None)
    assert "«next_action_due»" in _refused(demo_url, demo_db, "followup", "update", fid,
                                           "--next-due", "2026-10-01")
    assert "«next_action»" in _refused(demo_url, demo_db, "followup", "update", fid,
                                       "--next-action", "")
    assert "«summary»" in _refused(demo_url, demo_db, "followup", "update", fid,
                                   "--summary", "  ")
    assert "«version»" in _refused(demo_url, demo_db, "followup", "delete", fid,
                                   "--expected-version", str(created["version"]))
    cleared = _json(demo_url, "followup", "update", fid, "--next-due", "")
    assert isinstance(cleared, dict) and cleared["next_action_due"] is None
    gone = _json(demo_url, "followup", "delete", fid)
    assert gone == {"kind": "oppfølging", "id": int(fid), "label": "Evenes – Evenášši 02.11.2026",
                    "deleted": True}
    listed = _json(demo_url, "followup", "list", "--municipality", "1853")
    assert isinstance(listed, list) and int(fid) not in {f["id"] for f in listed}


def test_plan_delete(demo_url: str, demo_db: Database) -> None:
    docs = _json(demo_url, "plan", "list", "--municipality", "1853")
    assert isinstance(docs, list)
    by_kind = {(d["kind"], d["period_start"]): d for d in docs}
    followed = by_kind[("community_plan", 2021)]
    err = _refused(demo_url, demo_db, "plan", "delete", str(followed["id"]))
    assert "«id»" in err and "1 milepæl hører til det" in err
    old = by_kind[("plan_strategy", 2020)]
    gone = _json(demo_url, "plan", "delete", str(old["id"]), "--expected-version",
                 str(old["version"]))
    assert gone == {"kind": "plandokument", "id": old["id"],
                    "label": "planstrategi 2020–2023 – Evenes – Evenášši", "deleted": True}
    assert "«id»" in _refused(demo_url, demo_db, "plan", "show", str(old["id"]))
