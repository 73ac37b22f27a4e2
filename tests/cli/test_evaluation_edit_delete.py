"""feedback update/delete, capacity update/delete, priority delete and success-factor delete:
exit 2 with field and rule on bad input and nothing written; JSON on success."""

from __future__ import annotations

from typing import Any

from nettverk.services import capacity, feedback, priority, success_factors
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

PROG = "mindre-kommuner-2020"


def _json(url: str, *args: str) -> Any:
    result = run_cli(url, *args, "--format", "json")
    assert result.code == 0, result.err
    return result.json()


def _refused(db: Database, url: str, *args: str, field: str) -> str:
    """Run a command that must be refused: exit 2, the field named, nothing written."""
    before = snapshot(db.engine)
    result = run_cli(url, *args)
    assert result.code == 2, (result.out, result.err)
    assert field in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(db.engine) == before
    return result.err


def test_feedback_update_and_delete(demo_db: Database, db_url: str) -> None:
    f = feedback.list_feedback(demo_db.uow(), programme=PROG)[0]
    _refused(demo_db, db_url, "feedback", "update", str(f.id), "--overall", "7", field="overall")
    _refused(demo_db, db_url, "feedback", "update", "tolv", "--overall", "3", field="id")
    _refused(demo_db, db_url, "feedback", "update", str(f.id), "--municipality", "9999",
             field="municipality")
    _refused(demo_db, db_url, "feedback", "update", str(f.id), "--overall", "3",
             "--expected-version", str(f.version + 1), field="version")
    changed = _json(db_url, "feedback", "update", str(f.id), "--overall", "2",
                    "--comment", "For lang dag", "--expected-version", str(f.version))
    assert (changed["id"], changed["overall"], changed["comment"]) == (f.id, 2, "For lang dag")
    assert changed["usefulness"] == f.usefulness  # not given: unchanged
    _refused(demo_db, db_url, "feedback", "delete", str(f.id), "--expected-version",
             str(f.version), field="version")  # stale after the update
    gone = _json(db_url, "feedback", "delete", str(f.id))
    assert gone == {"kind": "tilbakemelding", "id": f.id, "label": gone["label"], "deleted": True}
    listed = _json(db_url, "feedback", "list", "--programme", PROG)
    assert f.id not in {row["id"] for row in listed}
    _refused(demo_db, db_url, "feedback", "delete", str(f.id), field="id")


def test_capacity_update_and_delete(demo_db: Database, db_url: str) -> None:
    a = capacity.list_assessments(demo_db.uow(), programme=PROG)[0]
    _refused(demo_db, db_url, "capacity", "update", str(a.id), "--date", "31.02.2021",
             field="date")
    _refused(demo_db, db_url, "capacity", "update", str(a.id), "--programme", "ukjent",
             field="programme")
    changed = _json(db_url, "capacity", "update", str(a.id), "--facilitator", "Ola Prosess",
                    "--date", "2019-03-04")
    assert (changed["facilitator"], changed["held_on"], changed["programme"]) == (
        "Ola Prosess", "2019-03-04", a.programme)
    _refused(demo_db, db_url, "capacity", "delete", "x", field="id")
    gone = _json(db_url, "capacity", "delete", str(a.id), "--expected-version",
                 str(changed["version"]))
    assert (gone["kind"], gone["id"]) == ("kapasitetsvurdering", a.id)
    shown = run_cli(db_url, "capacity", "show", str(a.id))
    assert shown.code == 2 and "finnes ikke" in shown.err


def test_priority_delete(demo_db: Database, db_url: str) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    _refused(demo_db, db_url, "priority", "delete", str(s.id), "--expected-version", "nei",
             field="expected_version")
    gone = _json(db_url, "priority", "delete", str(s.id))
    assert (gone["kind"], gone["id"]) == ("prioriteringsøkt", s.id)
    assert s.id not in {row["id"] for row in _json(db_url, "priority", "list")}


def test_success_factor_change_and_delete(demo_db: Database, db_url: str) -> None:
    x = next(s for s in success_factors.list_status(demo_db.uow(), PROG) if s.notes)
    key = ["--programme", PROG, "--municipality", x.municipality, "--year", str(x.year),
           "--factor", x.factor]
    changed = _json(db_url, "success-factor", "set", *key, "--in-place",
                    "no" if x.in_place else "yes", "--expected-version", str(x.version))
    assert changed["in_place"] is (not x.in_place) and changed["notes"] == x.notes
    _refused(demo_db, db_url, "success-factor", "set", *key, "--in-place", "yes",
             "--expected-version", str(x.version), field="version")
    _refused(demo_db, db_url, "success-factor", "delete", "--programme", PROG,
             "--municipality", x.municipality, "--year", str(x.year), "--factor", "flaks",
             field="factor")
    _refused(demo_db, db_url, "success-factor", "delete", "--programme", PROG,
             "--municipality", x.municipality, "--year", "tjue", "--factor", x.factor,
             field="year")
    gone = _json(db_url, "success-factor", "delete", *key)
    assert gone["kind"] == "suksessfaktor" and x.factor_label in gone["label"]
    listed = _json(db_url, "success-factor", "list", "--programme", PROG, "--municipality",
                   x.municipality, "--year", str(x.year))
    assert x.factor not in {row["factor"] for row in listed}
    _refused(demo_db, db_url, "success-factor", "delete", *key, field="factor")


def test_priority_update(demo_db: Database, db_url: str) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    _refused(demo_db, db_url, "priority", "update", str(s.id), "--date", "2021-13-01",
             field="date")
    _refused(demo_db, db_url, "priority", "update", str(s.id), "--title", "",
             field="title")
    changed = _json(db_url, "priority", "update", str(s.id), "--title", "Bolyst",
                    "--municipality", "1839", "--expected-version", str(s.version))
    assert (changed["title"], changed["municipality"], changed["held_on"]) == (
        "Bolyst", "1839", s.held_on.isoformat())
