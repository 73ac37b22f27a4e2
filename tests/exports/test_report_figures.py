"""What the council would rather look at than read, and the words behind the figures: charts of
attendance and feedback, plan progress, the priority tool per session and each municipality's
diamond over its years; the feedback's comments; the justifications of overridden decisions.
Every one of them as of the report's date."""

from __future__ import annotations

import subprocess
from pathlib import Path

from nettverk.services.database import Database
from tests.support import run_cli


def _pdf_text(db_url: str, tmp_path: Path, *args: str) -> str:
    target = tmp_path / f"rapport-{len(list(tmp_path.iterdir()))}.pdf"
    result = run_cli(db_url, "report", *args, "-o", str(target))
    assert result.code == 0, result.err
    return subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                          text=True, check=True).stdout


def _evaluation(db_url: str, tmp_path: Path, year: int) -> str:
    return _pdf_text(db_url, tmp_path, "evaluation", "--programme", "mindre-kommuner-2020",
                     "--year", str(year))


def _without_made(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "Laget " not in line)


def test_evaluation_report_charts_and_the_years_comments(demo_db: Database, db_url: str,
                                                         tmp_path: Path) -> None:
    text = _evaluation(db_url, tmp_path, 2022)
    assert "Oppmøte og tilbakemeldinger per samling" in text
    assert "Planstrategien i nettverket" in text
    assert "Kommentarer fra tilbakemeldingene" in text
    assert "Mer tid til erfaringsdeling i grupper, takk." in text
    # each municipality's diamond: every year so far and the network's average this year
    assert "Snitt i nettverket" in text and "2020" in text


def test_priority_tool_chart_per_session_with_its_factors_numbered(demo_db: Database, db_url: str,
                                                                    tmp_path: Path) -> None:
    text = _evaluation(db_url, tmp_path, 2021)
    assert "Prioriteringsverktøyet: Attraktivitet og bolyst" in text
    assert "Viktighet" in text and "Påvirkning" in text and "Kvadrant" in text
    listed = [line.split()[0] for line in text.splitlines()
              if line.strip() and line.split()[0].isdigit() and len(line.split()[0]) == 1]
    assert {"1", "2", "3", "4", "5", "6"} <= set(listed)
    assert "Prioriteringsverktøyet" not in _evaluation(db_url, tmp_path, 2022)  # that year's only


def test_a_comment_given_later_does_not_change_a_past_report(demo_db: Database, db_url: str,
                                                             tmp_path: Path) -> None:
    before = _evaluation(db_url, tmp_path, 2022)
    gatherings = run_cli(db_url, "gathering", "list", "--programme", "mindre-kommuner-2020",
                         "--format", "json").json()
    later = next(g for g in gatherings if g["start"] >= "2023-01-01" and g["status"] == "held")
    added = run_cli(db_url, "feedback", "add", "--gathering", str(later["id"]), "--overall", "5",
                    "--usefulness", "5", "--comment", "Skrevet etter rapporten", "--format", "json")
    assert added.code == 0, added.err
    after = _evaluation(db_url, tmp_path, 2022)
    assert _without_made(after) == _without_made(before)
    assert "Skrevet etter rapporten" in _evaluation(db_url, tmp_path, 2023)


def test_status_report_gives_the_reasons_for_overridden_decisions(demo_db: Database, db_url: str,
                                                                  tmp_path: Path) -> None:
    created = run_cli(db_url, "application", "add", "--programme", "mindre-kommuner-2020",
                      "--municipality", "1804", "--received", "2022-03-01", "--format", "json")
    assert created.code == 0, created.err
    decided = run_cli(db_url, "application", "decide", str(created.json()["id"]), "--accept",
                      "--override", "Bodø – Bådåddjo er vertskommune for samlingene",
                      "--date", "2022-04-01", "--format", "json")
    assert decided.code == 0, decided.err
    after = _pdf_text(db_url, tmp_path, "status", "--programme", "mindre-kommuner-2020",
                      "--date", "2022-12-31")
    assert "Overstyrte vedtak" in after
    assert "Bodø – Bådåddjo er vertskommune" in " ".join(after.split())  # wrapped in its cell
    before = _pdf_text(db_url, tmp_path, "status", "--programme", "mindre-kommuner-2020",
                       "--date", "2022-03-15")
    assert "Overstyrte vedtak" not in before  # not yet decided on that date
