"""Capacity, priority, feedback and success-factor commands end to end."""

from __future__ import annotations

from datetime import datetime

import pytest

from nettverk.domain.values import OSLO
from nettverk.persistence.engine import make_engine
from nettverk.services import gatherings
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import run_cli, snapshot


@pytest.fixture
def url(db: Database, db_url: str) -> str:
    base_register(db)
    return db_url


def _json(url: str, *args: str) -> object:
    result = run_cli(url, *args, "--format", "json")
    assert result.code == 0, result.err
    return result.json()


def _session(url: str, date: str, consensus: list[int]) -> int:
    created = _json(url, "capacity", "add", "--municipality", "1853", "--date", date,
                    "--programme", "mindre-kommuner-2020")
    assert isinstance(created, dict)
    for component, score in zip(["leadership", "competence", "culture", "economy", "time"],
                                consensus, strict=True):
        _json(url, "capacity", "consensus", str(created["id"]), "--component", component,
              "--score", str(score))
    return int(created["id"])


def test_capacity_compare_and_averages(url: str) -> None:
    first = _session(url, "10.03.2020", [3, 2, 3, 2, 2])
    later = _session(url, "2022-10-10", [4, 3, 2, 2, 4])
    _json(url, "capacity", "participant", str(first), "--name", "Fiktiv Person")
    score = _json(url, "capacity", "score", str(first), "--participant", "Fiktiv Person",
                  "--component", "Utviklingskultur", "--score", "4", "--reasoning", "Open")
    assert isinstance(score, dict) and score["component_label"] == "Utviklingskultur"
    rows = _json(url, "capacity", "compare", str(first), str(later))
    assert isinstance(rows, list)
    assert [r["change"] for r in rows] == [1, 1, -1, 0, 2]
    averages = _json(url, "capacity", "averages", "--programme", "mindre-kommuner-2020",
                     "--year", "2022")
    assert isinstance(averages, list) and [a["mean"] for a in averages] == [4, 3, 2, 2, 4]
    shown = run_cli(url, "capacity", "show", str(first))
    assert shown.code == 0 and "Utviklingsledelse" in shown.out and "Fiktiv Person" in shown.out
    listed = _json(url, "capacity", "list", "--municipality", "1853")
    assert isinstance(listed, list) and len(listed) == 2


def _help(*argv: str) -> str:
    result = run_cli("sqlite:///unused.db", *argv, "--help")
    assert result.code == 0, result.err
    return " ".join(result.out.split())  # argparse wraps help text at the terminal width


def test_capacity_help_is_in_bokmal() -> None:
    assert "capacity kapasitetsdiamanten (egenvurdering av utviklingskapasitet)" in _help()
    capacity_help = _help("capacity")
    assert "priority hva som skal styrkes, og hvem som har ansvaret" in capacity_help
    assert "participant legg til en deltaker i vurderingen" in capacity_help
    assert "show vis hele vurderingen" in capacity_help
    workbook_help = _help("capacity", "workbook")
    assert "--participant NAVN [NAVN ...]" in workbook_help
    assert "deltakerne (standard: de som allerede er registrert)" in workbook_help
    assert "bare arbeidsbøker for denne vurderingen" in _help("capacity", "import")
    assert "TIDLIGERE_ID SENERE_ID" in _help("capacity", "compare")


def test_capacity_show_has_bokmal_headings_and_reads_a_nynorsk_component_name(url: str) -> None:
    first = _session(url, "10.03.2020", [3, 2, 3, 2, 2])
    _json(url, "capacity", "participant", str(first), "--name", "Fiktiv Person")
    score = _json(url, "capacity", "score", str(first), "--participant", "Fiktiv Person",
                  "--component", "Tidsressursar", "--score", "2", "--reasoning", "Lite tid")
    assert isinstance(score, dict) and score["component_label"] == "Tidsressurser"
    shown = run_cli(url, "capacity", "show", str(first))
    assert shown.code == 0, shown.err
    for heading in ("Deltakere", "Individuelle karakterer", "Prioriteringer", "Navn",
                    "Spredning", "Begrunnelse", "Tidsressurser"):
        assert heading in shown.out
    assert not {"Deltakarar", "Namn", "Spreiing", "Grunngjeving", "Tidsressursar"} & set(
        shown.out.split())


def test_priority_session_end_to_end(url: str) -> None:
    session = _json(url, "priority", "add", "--title", "Bolyst", "--date", "2021-04-20",
                    "--municipality", "1853")
    assert isinstance(session, dict)
    sid = str(session["id"])
    _json(url, "priority", "factor", sid, "--name", "Boligtilbud")
    scored = _json(url, "priority", "score", sid, "--factor", "Boligtilbud", "--participant",
                   "A", "--importance", "5", "--influence", "2")
    assert isinstance(scored, dict) and scored["quadrant"] == "influence_others"
    placed = _json(url, "priority", "place", sid, "--factor", "Boligtilbud", "--importance",
                   "5", "--influence", "4")
    assert isinstance(placed, dict) and placed["quadrant"] == "prioritise"
    detail = _json(url, "priority", "show", sid)
    assert isinstance(detail, dict) and detail["factors"][0]["name"] == "Boligtilbud"


def test_feedback_and_success_factors(url: str, db: Database) -> None:
    g = gatherings.add_gathering(
        db.uow(), programme="mindre-kommuner-2020", title="Vårsamling",
        starts_at=datetime(2021, 3, 3, 9, 0, tzinfo=OSLO),
        ends_at=datetime(2021, 3, 3, 15, 0, tzinfo=OSLO), mode="video")
    for overall in ("5", "3"):
        _json(url, "feedback", "add", "--gathering", str(g.id), "--overall", overall,
              "--usefulness", "4", "--municipality", "1853")
    summary = _json(url, "feedback", "summary", "--programme", "mindre-kommuner-2020")
    assert isinstance(summary, dict)
    assert summary["gatherings"][0]["overall"] == 4.0
    assert summary["years"] == [{"year": 2021, "gatherings": 1, "responses": 2,
                                 "overall": 4.0, "usefulness": 4.0}]
    row = _json(url, "success-factor", "set", "--programme", "mindre-kommuner-2020",
                "--municipality", "1853", "--year", "2021", "--factor", "anchoring",
                "--in-place", "ja")
    assert isinstance(row, dict) and row["in_place"] is True
    rows = _json(url, "success-factor", "list", "--programme", "mindre-kommuner-2020")
    assert isinstance(rows, list) and rows[0]["factor_label"] == "Forankring"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["capacity", "score", "{a}", "--participant", "Per", "--component", "time",
          "--score", "6"], "score"),
        (["capacity", "score", "{a}", "--participant", "Per", "--component", "time",
          "--score", "tre"], "score"),
        (["capacity", "score", "{a}", "--participant", "Per", "--component", "vær",
          "--score", "3"], "component"),
        (["capacity", "consensus", "{a}", "--component", "economy", "--score", "0"], "score"),
        (["capacity", "add", "--municipality", "1853", "--date", "2021-13-01"], "date"),
        (["capacity", "compare", "{a}", "999999"], "later_id"),
        (["priority", "add", "--title", "X", "--date", "32.01.2021"], "date"),
        (["feedback", "add", "--gathering", "999999", "--overall", "3", "--usefulness", "3"],
         "gathering"),
        (["feedback", "add", "--gathering", "1", "--overall", "7", "--usefulness", "3"],
         "overall"),
        (["success-factor", "set", "--programme", "mindre-kommuner-2020", "--municipality",
          "1853", "--year", "2021", "--factor", "anchoring", "--in-place", "kanskje"],
         "in_place"),
        (["success-factor", "set", "--programme", "mindre-kommuner-2020", "--municipality",
          "1853", "--year", "2021", "--factor", "hell", "--in-place", "ja"], "factor"),
    ],
)
def test_bad_input_exits_2_naming_the_field_and_writes_nothing(
    url: str, args: list[str], field: str
) -> None:
    a = _session(url, "2020-03-10", [3, 3, 3, 3, 3])
    _json(url, "capacity", "participant", str(a), "--name", "Per")
    args = [x.replace("{a}", str(a)) for x in args]
    engine = make_engine(url)
    try:
        before = snapshot(engine)
        result = run_cli(url, *args)
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    assert result.code == 2
    assert f"«{field}»" in result.err and "Traceback" not in result.err
