"""capacity participant-update/-delete, priority-update/-delete; priority factor-update/-delete
and score-delete: exit 2 with field and rule on bad input and nothing written; JSON on success."""

from __future__ import annotations

from typing import Any

from nettverk.services import capacity, priority
from nettverk.services.database import Database
from tests.support import run_cli, snapshot


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


def test_capacity_participant_update_and_delete(demo_db: Database, db_url: str) -> None:
    d = capacity.get_assessment(demo_db.uow(), capacity.list_assessments(demo_db.uow())[0].id)
    p = d.participants[0]
    err = _refused(demo_db, db_url, "capacity", "participant-update", str(p.id), "--culture", "6",
                   field="culture")
    assert "1 til 5" in err
    _refused(demo_db, db_url, "capacity", "participant-update", str(p.id), "--time", "fire",
             field="time")
    _refused(demo_db, db_url, "capacity", "participant-update", str(p.id), "--name",
             d.participants[1].name, field="name")
    _refused(demo_db, db_url, "capacity", "participant-update", str(p.id), "--role", "x",
             "--expected-version", str(p.version + 1), field="version")
    _refused(demo_db, db_url, "capacity", "participant-update", "999999", "--role", "x",
             field="id")
    changed = _json(db_url, "capacity", "participant-update", str(p.id), "--leadership", "1",
                    "--economy", "", "--role", "", "--expected-version", str(p.version))
    assert changed["role"] is None and changed["name"] == p.name
    expected = {**p.scores, "leadership": 1}
    del expected["economy"]
    assert changed["scores"] == expected
    table = run_cli(db_url, "capacity", "participant-update", str(p.id), "--time", "5")
    assert table.code == 0 and "Tid" in table.out

    _refused(demo_db, db_url, "capacity", "participant-delete", "x", field="id")
    gone = _json(db_url, "capacity", "participant-delete", str(p.id))
    assert (gone["kind"], gone["id"], gone["deleted"]) == ("deltaker", p.id, True)
    shown = _json(db_url, "capacity", "show", str(d.assessment.id))
    assert p.id not in {x["id"] for x in shown["participants"]}
    assert p.name not in {x["participant"] for x in shown["scores"]}


def test_capacity_priority_update_and_delete(demo_db: Database, db_url: str) -> None:
    d = capacity.get_assessment(demo_db.uow(), capacity.list_assessments(demo_db.uow())[0].id)
    pr = d.priorities[0]
    _refused(demo_db, db_url, "capacity", "priority-update", str(pr.id), "--component",
             "ukjent", field="component")
    _refused(demo_db, db_url, "capacity", "priority-update", str(pr.id), "--description", " ",
             field="description")
    changed = _json(db_url, "capacity", "priority-update", str(pr.id), "--component", "culture",
                    "--responsible", "", "--expected-version", str(pr.version))
    assert (changed["component"], changed["responsible"], changed["description"]) == (
        "culture", None, pr.description)
    _refused(demo_db, db_url, "capacity", "priority-delete", str(pr.id), "--expected-version",
             str(pr.version), field="version")
    gone = _json(db_url, "capacity", "priority-delete", str(pr.id))
    assert (gone["kind"], gone["id"]) == ("prioritering", pr.id)


def test_priority_factor_update_delete_and_score_delete(demo_db: Database, db_url: str) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    detail = priority.get_session(demo_db.uow(), s.id)
    f, other = detail.factors[0], detail.factors[1]
    _refused(demo_db, db_url, "priority", "factor-update", str(f.id), "--importance", "0",
             field="importance")
    _refused(demo_db, db_url, "priority", "factor-update", str(f.id), "--name", other.name,
             field="name")
    _refused(demo_db, db_url, "priority", "factor-update", str(f.id), "--clear-placing",
             "--influence", "2", field="importance")
    moved = _json(db_url, "priority", "factor-update", str(f.id), "--importance", "1",
                  "--influence", "5", "--expected-version", str(f.version))
    assert (moved["agreed_importance"], moved["agreed_influence"], moved["quadrant"]) == (
        1, 5, "low_hanging")
    cleared = _json(db_url, "priority", "factor-update", str(f.id), "--clear-placing")
    assert cleared["agreed_importance"] is None

    score = next(x for x in detail.scores if x.factor == other.name)
    _refused(demo_db, db_url, "priority", "score-delete", str(s.id), "--factor", other.name,
             "--participant", "Ingen", field="participant")
    _json(db_url, "priority", "score-delete", str(s.id), "--factor", other.name,
          "--participant", score.participant)
    shown = _json(db_url, "priority", "show", str(s.id))
    assert (other.name, score.participant) not in {(x["factor"], x["participant"])
                                                    for x in shown["scores"]}

    _refused(demo_db, db_url, "priority", "factor-delete", str(f.id), "--expected-version",
             str(f.version), field="version")
    gone = _json(db_url, "priority", "factor-delete", str(f.id))
    assert (gone["kind"], gone["id"]) == ("faktor", f.id)
    shown = _json(db_url, "priority", "show", str(s.id))
    assert f.name not in {x["name"] for x in shown["factors"]}
    assert f.name not in {x["factor"] for x in shown["scores"]}
