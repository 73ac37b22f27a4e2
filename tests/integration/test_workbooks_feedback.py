"""Feedback after a gathering: a workbook with a row per respondent, and the Microsoft Forms
results export, both read back all or nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from nettverk.services import feedback
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

GATHERING = 1  # «Oppstartsamling» in the demo data, held in 2020
FORMS_HEADINGS = ["ID", "Start time", "Completion time", "Email", "Name",
                  "Hvor fornøyd var du med samlingen alt i alt?",
                  "Hvor nyttig var samlingen for ditt arbeid?", "Har du andre kommentarer?"]


def _answers(db: Database) -> list[tuple[str | None, str | None, int, int, str | None]]:
    return sorted(((f.respondent, f.municipality, f.overall, f.usefulness, f.comment)
                   for f in feedback.list_feedback(db.uow(), gathering_id=GATHERING)),
                  key=repr)


def _first_answer_row(path: Path) -> int:
    sheet = openpyxl.load_workbook(path)["Tilbakemelding"]
    return next(r[0].row for r in sheet.iter_rows(max_col=1) if r[0].value == "1")


def test_a_feedback_workbook_comes_back_with_one_answer_per_row(
        demo_db: Database, db_url: str, tmp_path: Path) -> None:
    made = run_cli(db_url, "feedback", "workbook", "--gathering", str(GATHERING), "--rows", "4",
                   "-o", str(tmp_path / "tilbakemelding.xlsx"))
    assert made.code == 0, made.err
    path = tmp_path / "tilbakemelding.xlsx"
    first = _first_answer_row(path)
    sheet = openpyxl.load_workbook(path)["Tilbakemelding"]
    assert sorted(str(v.sqref) for v in sheet.data_validations.dataValidation) == \
        [f"D{first}:D{first + 3}", f"E{first}:E{first + 3}"]

    book = openpyxl.load_workbook(path)
    sheet = book["Tilbakemelding"]
    sheet[f"B{first}"], sheet[f"C{first}"] = "Kari", "1853"
    sheet[f"D{first}"], sheet[f"E{first}"], sheet[f"F{first}"] = 5, 4, "Bra samling"
    sheet[f"C{first + 1}"], sheet[f"D{first + 1}"], sheet[f"E{first + 1}"] = "Evenes", 0, 3
    sheet[f"D{first + 2}"] = 4  # usefulness left out
    book.save(tmp_path / "feil.xlsx")
    before = _answers(demo_db)
    whole = snapshot(demo_db.engine)
    refused = run_cli(db_url, "feedback", "import", str(tmp_path / "feil.xlsx"))
    assert refused.code == 2
    assert f"feil.xlsx, ark Tilbakemelding, celle D{first + 1}: 0 er ikke 1-5" in refused.err
    assert f"celle E{first + 2}: må fylles ut (1–5)" in refused.err
    assert snapshot(demo_db.engine) == whole

    sheet[f"D{first + 1}"] = 2
    sheet[f"E{first + 2}"] = 1
    book.save(tmp_path / "rett.xlsx")
    done = run_cli(db_url, "feedback", "import", str(tmp_path / "rett.xlsx"))
    assert done.code == 0, done.err
    assert sorted([*before, ("Kari", "1853", 5, 4, "Bra samling"), (None, "1853", 2, 3, None),
                   (None, None, 4, 1, None)], key=repr) == _answers(demo_db)
    again = run_cli(db_url, "feedback", "import", str(tmp_path / "rett.xlsx"))
    assert again.code == 2 and "er allerede lest inn" in again.err


def _forms(path: Path, headings: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_forms_export_is_mapped_once_and_only_new_responses_are_added(
        demo_db: Database, db_url: str, tmp_path: Path) -> None:
    first = _forms(tmp_path / "forms.xlsx", FORMS_HEADINGS, [
        [1, "x", "x", "anonymous", "anonymous", 5, 4, "Topp"],
        [2, "x", "x", "ola@example.no", "Ola Nordmann", 3, 2, None]])
    before = _answers(demo_db)
    preview = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING),
                      str(first), "--dry-run")
    assert preview.code == 0, preview.err
    assert "overall = «Hvor fornøyd var du med samlingen alt i alt?»" in preview.out
    assert _answers(demo_db) == before
    done = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING), str(first))
    assert done.code == 0, done.err
    assert _answers(demo_db) == sorted([*before, (None, None, 5, 4, "Topp"),
                                        ("Ola Nordmann", None, 3, 2, None)], key=repr)

    # A later export with renamed questions and one more response: the remembered mapping
    # no longer fits, the user names the questions once, and only response 3 is added.
    renamed = [*FORMS_HEADINGS[:5], "Helhet (1–5)", "Nytte og helhet", "Kommentar"]
    later = _forms(tmp_path / "forms2.xlsx", renamed, [
        [1, "x", "x", "anonymous", "anonymous", 5, 4, "Topp"],
        [2, "x", "x", "ola@example.no", "Ola Nordmann", 3, 2, None],
        [3, "x", "x", "kari@example.no", "Kari", 4, 5, "Mer tid"]])
    unsure = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING),
                     str(later))
    assert unsure.code == 2
    assert "--overall" in unsure.err and "«Nytte og helhet»" in unsure.err
    added = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING),
                    str(later), "--overall", "Helhet", "--usefulness", "Nytte og")
    assert added.code == 0, added.err
    assert "1 nye svar lagret; 2 var allerede lest inn" in added.out
    assert ("Kari", None, 4, 5, "Mer tid") in _answers(demo_db)
    assert len(_answers(demo_db)) == len(before) + 3
    remembered = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING),
                         str(later), "--format", "json")
    assert remembered.code == 0, remembered.err
    assert remembered.json()["mapping"]["usefulness"] == "Nytte og helhet"
    assert remembered.json()["skipped"] == 3


def test_a_bad_forms_value_names_its_cell_and_nothing_is_stored(
        demo_db: Database, db_url: str, tmp_path: Path) -> None:
    path = _forms(tmp_path / "forms.xlsx", FORMS_HEADINGS, [
        [1, "x", "x", "a", "A", 5, 4, None], [2, "x", "x", "b", "B", 7, "fire", None]])
    whole = snapshot(demo_db.engine)
    result = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING), str(path))
    assert result.code == 2
    assert "forms.xlsx, celle F3: «Hvor fornøyd var du med samlingen alt i alt?»: 7 er ikke " \
        "1-5" in result.err
    assert "celle G3: «Hvor nyttig var samlingen for ditt arbeid?»: «fire» er ikke et tall" \
        in result.err
    assert snapshot(demo_db.engine) == whole
    not_forms = _forms(tmp_path / "annet.xlsx", ["Navn", "Score"], [["A", 1]])
    refused = run_cli(db_url, "feedback", "import-forms", "--gathering", str(GATHERING),
                      str(not_forms))
    assert refused.code == 2 and "er ikke en resultatfil fra Microsoft Forms" in refused.err
