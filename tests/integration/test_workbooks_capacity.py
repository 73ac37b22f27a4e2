"""Capacity-diamond workbooks out and back: made per participant, filled in with openpyxl as a
participant would, read back through the CLI (all or nothing), on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from nettverk.persistence.audit import AuditEntry
from nettverk.services import capacity
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.safety.test_hostile_files import _rewrite, _small_xlsx
from tests.support import run_cli, snapshot

ROOT = Path(__file__).resolve().parents[2]
LABELS = ["Utviklingsledelse", "Utviklingskompetanse", "Utviklingskultur", "Utviklingsøkonomi",
          "Tidsressurser"]


@pytest.fixture
def session_id(db: Database) -> int:
    base_register(db)
    a = capacity.add_assessment(db.uow(), "1853", date(2024, 3, 10))
    capacity.add_participant(db.uow(), a.id, "Ánne Márjá Sara", "plansjef")
    return a.id


def _make(url: str, session: int, out: Path, *names: str) -> dict[str, Path]:
    args = ["capacity", "workbook", "--assessment", str(session), "-o", str(out),
            "--format", "json"]
    if names:
        args += ["--participant", *names]
    result = run_cli(url, *args)
    assert result.code == 0, result.err
    return {row["respondent"]: Path(row["file"]) for row in result.json()}


def _answer_rows(path: Path) -> dict[str, int]:
    """Component label → row number, found as a participant sees the sheet."""
    sheet = openpyxl.load_workbook(path)["Vurdering"]
    return {str(row[0].value): row[0].row for row in sheet.iter_rows(max_col=1)
            if row[0].value in LABELS}


def _fill(path: Path, target: Path, answers: dict[str, tuple[object, str | None]]) -> Path:
    rows = _answer_rows(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Vurdering"]
    for label, (score, reasoning) in answers.items():
        sheet[f"C{rows[label]}"] = score
        if reasoning is not None:
            sheet[f"D{rows[label]}"] = reasoning
    book.save(target)
    return target


def _stored(db: Database, session: int) -> dict[str, dict[str, int]]:
    return {p.name: p.scores for p in capacity.get_assessment(db.uow(), session).participants}


def test_the_workbook_has_the_components_instructions_validation_and_hidden_identity(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut")
    assert list(made) == ["Ánne Márjá Sara"]  # the registered participants by default
    book = openpyxl.load_workbook(made["Ánne Márjá Sara"])
    sheet = book["Vurdering"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    text = " ".join(cells)
    assert "Kapasitetsdiamanten – egenvurdering av utviklingskapasitet" in cells
    assert ("1. Gjør først en individuell vurdering av hvordan du oppfatter nåsituasjonen, og "
            "sett karakter på en skala fra 1 til 5 (1 svært dårlig og 5 svært god) for alle de "
            "fem komponentene. Skriv kort hvorfor du setter den karakteren.") in cells
    assert ("Fyll ut de gule cellene (bare hele tall fra 1 til 5 i karakterkolonnen), lagre og "
            "send arbeidsboken tilbake. Ikke endre resten av arket.") in cells
    assert "felleskarakter som alle kan enes om for hver av de fem komponentene" in text
    assert "Deltaker: Ánne Márjá Sara" in cells
    headings = ["Komponent", "Spørsmål", "Karakter (1–5)", "Begrunnelse"]
    assert [c for c in cells if c in headings] == headings
    assert ("Hvordan har ledelsen bidratt til at planen skal fungere som styringsverktøy?"
            in cells)
    assert list(_answer_rows(made["Ánne Márjá Sara"])) == LABELS
    rules = sheet.data_validations.dataValidation
    assert len(rules) == 1
    rule = rules[0]
    assert (rule.type, rule.operator or "between", rule.formula1, rule.formula2) == \
        ("whole", "between", "1", "5")  # "between" is the default, left out of the file
    assert (rule.prompt, rule.errorTitle, rule.error) == (
        "Et helt tall fra 1 til 5", "Bare 1–5",
        "Skriv et helt tall fra 1 (svært dårlig/lite) til 5 (svært god/mye).")
    first = min(_answer_rows(made["Ánne Márjá Sara"]).values())
    assert str(rule.sqref) == f"C{first}:C{first + 4}"
    assert book["nettverk"].sheet_state == "veryHidden"


def test_filled_workbooks_are_stored_all_at_once_and_a_second_import_is_refused(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut", "Ánne Márjá Sara", "Nils Ante Eira")
    anne = _fill(made["Ánne Márjá Sara"], tmp_path / "anne.xlsx", {
        "Utviklingsledelse": (4, "Ledelsen følger opp planen"), "Utviklingskompetanse": (2, None),
        "Utviklingskultur": ("3", None), "Utviklingsøkonomi": (1.0, None),
        "Tidsressurser": (5, None)})
    nils = _fill(made["Nils Ante Eira"], tmp_path / "nils.xlsx", {
        "Utviklingsledelse": (3, None), "Tidsressurser": (2, "Lite tid")})

    before = snapshot(db.engine)
    preview = run_cli(db_url, "capacity", "import", str(anne), str(nils), "--dry-run",
                      "--format", "json")
    assert preview.code == 0, preview.err
    assert preview.json()["dry_run"] is True and len(preview.json()["rows"]) == 7
    assert {r["action"] for r in preview.json()["rows"]} == {"ny", "ny deltaker"}
    assert snapshot(db.engine) == before

    done = run_cli(db_url, "capacity", "import", str(anne), str(nils))
    assert done.code == 0, done.err
    assert "Lagret 7 svar fra 2 filer." in done.out
    assert _stored(db, session_id) == {
        "Ánne Márjá Sara": {"leadership": 4, "competence": 2, "culture": 3, "economy": 1,
                            "time": 5},
        "Nils Ante Eira": {"leadership": 3, "time": 2},
    }
    detail = capacity.get_assessment(db.uow(), session_id)
    assert {(s.participant, s.component, s.reasoning) for s in detail.scores
            if s.reasoning} == {("Ánne Márjá Sara", "leadership", "Ledelsen følger opp planen"),
                                ("Nils Ante Eira", "time", "Lite tid")}
    # the consensus view shows each participant's own score beside the component
    lead = detail.consensus[0]
    assert lead.component_label == "Utviklingsledelse"
    assert lead.individual == {"Ánne Márjá Sara": 4, "Nils Ante Eira": 3}
    assert (lead.individual_min, lead.individual_max, lead.individual_scores) == (3, 4, 2)
    assert detail.consensus[1].individual == {"Ánne Márjá Sara": 2}
    with db.uow() as uow:  # the scores went through the use cases: the audit log has them
        logged = uow.session.scalars(select(AuditEntry.table_name)).all()
    assert logged.count("capacity_score") >= 7 and logged.count("workbook") == 2

    again = run_cli(db_url, "capacity", "import", str(anne))
    assert again.code == 2
    assert "anne.xlsx: er allerede lest inn" in again.err
    assert "bruk --again" in again.err
    corrected = _fill(anne, tmp_path / "anne-retta.xlsx", {"Utviklingsledelse": (2, "Retta")})
    trial = run_cli(db_url, "capacity", "import", "--again", "--dry-run", str(corrected))
    assert trial.code == 0, trial.err
    assert "Prøvekjøring: 5 svar fra 1 fil ville blitt lagret; ingenting er lagret." in trial.out
    redo = run_cli(db_url, "capacity", "import", "--again", str(corrected))
    assert redo.code == 0, redo.err
    assert "Lagret 5 svar fra 1 fil." in redo.out
    assert _stored(db, session_id)["Ánne Márjá Sara"]["leadership"] == 2
    copy = tmp_path / "kopi.xlsx"
    shutil.copy(nils, copy)
    twice = run_cli(db_url, "capacity", "import", str(copy), str(nils))
    assert twice.code == 2 and "er allerede lest inn" in twice.err


def _as_made_before_bokmal(path: Path, target: Path) -> Path:
    """The workbook as earlier versions made it: nynorsk component names and instructions."""
    book = openpyxl.load_workbook(path)
    sheet = book["Vurdering"]
    old = {"Utviklingsledelse": "Utviklingsleiing", "Tidsressurser": "Tidsressursar",
           "Begrunnelse": "Grunngjeving"}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value in old:
                cell.value = old[str(cell.value)]
            elif isinstance(cell.value, str) and cell.value.startswith("Fyll ut"):
                cell.value = ("Fyll ut dei gule cellene (berre heile tal frå 1 til 5 i "
                              "karakterkolonna), lagre og send arbeidsboka tilbake.")
    book.save(target)
    return target


def test_a_workbook_made_before_the_texts_were_bokmal_is_still_read_back(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut")["Ánne Márjá Sara"]
    old = _as_made_before_bokmal(made, tmp_path / "gammal.xlsx")
    rows = _answer_rows(made)
    book = openpyxl.load_workbook(old)
    sheet = book["Vurdering"]
    assert sheet[f"A{rows['Utviklingsledelse']}"].value == "Utviklingsleiing"
    sheet[f"C{rows['Utviklingsledelse']}"] = 4
    sheet[f"D{rows['Utviklingsledelse']}"] = "Leiinga følgjer opp"
    sheet[f"C{rows['Tidsressurser']}"] = 2
    book.save(old)

    preview = run_cli(db_url, "capacity", "import", str(old), "--dry-run")
    assert preview.code == 0, preview.err
    assert "Utviklingsledelse" in preview.out and "Tidsressurser" in preview.out
    done = run_cli(db_url, "capacity", "import", str(old))
    assert done.code == 0, done.err
    assert _stored(db, session_id) == {"Ánne Márjá Sara": {"leadership": 4, "time": 2}}

    # another component's name in a row is still refused, old name or new
    another = _make(db_url, session_id, tmp_path / "ut2")["Ánne Márjá Sara"]
    swapped = _fill(another, tmp_path / "bytta.xlsx", {"Utviklingskultur": (3, None)})
    book = openpyxl.load_workbook(swapped)
    book["Vurdering"][f"A{rows['Utviklingskultur']}"] = "Tidsressursar"
    book.save(swapped)
    refused = run_cli(db_url, "capacity", "import", str(swapped))
    assert refused.code == 2
    assert (f"celle A{rows['Utviklingskultur']}: ventet «Utviklingskultur», fant "
            "«Tidsressursar»; arket er endret") in refused.err


def test_wrong_values_and_formulas_are_named_by_file_sheet_and_cell_and_nothing_is_stored(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut", "Ánne Márjá Sara", "Nils Ante Eira")
    good = _fill(made["Nils Ante Eira"], tmp_path / "nils.xlsx",
                 {label: (3, None) for label in LABELS})
    bad = _fill(made["Ánne Márjá Sara"], tmp_path / "vurdering-bodø.xlsx", {
        "Utviklingsledelse": (7, None), "Utviklingskompetanse": ("=2+2", None),
        "Utviklingskultur": ("tre", None), "Utviklingsøkonomi": (2.5, None),
        "Tidsressurser": (4, "=HYPERLINK(\"http://x\")")})
    rows = _answer_rows(bad)
    before = snapshot(db.engine)
    result = run_cli(db_url, "capacity", "import", str(good), str(bad))
    assert result.code == 2
    assert "ingenting er lagret" in result.err
    lead, comp, cult, econ, time_ = (rows[label] for label in LABELS)
    assert f"vurdering-bodø.xlsx, ark Vurdering, celle C{lead}: 7 er ikke 1-5" in result.err
    assert f"vurdering-bodø.xlsx, ark Vurdering, celle C{comp}: inneholder en formel" \
        in result.err
    assert f"celle C{cult}: «tre» er ikke et tall 1-5" in result.err
    assert f"celle C{econ}: 2,5 er ikke et heltall 1-5" in result.err
    assert f"celle D{time_}: inneholder en formel" in result.err
    assert "Traceback" not in result.err
    assert snapshot(db.engine) == before  # the good workbook was not stored either


def test_foreign_other_session_and_other_database_workbooks_are_refused(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    other = capacity.add_assessment(db.uow(), "1853", date(2025, 3, 10))
    capacity.add_participant(db.uow(), other.id, "Berit")
    made = _make(db_url, other.id, tmp_path / "ut")
    filled = _fill(made["Berit"], tmp_path / "berit.xlsx", {"Tidsressurser": (3, None)})

    foreign = tmp_path / "framand.xlsx"
    _small_xlsx(foreign, [["Komponent", "Karakter"], ["Utviklingsledelse", 4]])
    # the same id, but made for another session (as if from another database)
    forged = tmp_path / "annan-database.xlsx"
    book = openpyxl.load_workbook(filled)
    ident = book["nettverk"]
    assert ident["A4"].value == "økt"
    ident["B4"] = session_id
    assert ident["A6"].value == "token"
    ident["B6"] = "a-token-from-another-database"
    book.save(forged)

    before = snapshot(db.engine)
    result = run_cli(db_url, "capacity", "import", "--assessment", str(session_id),
                     str(filled), str(foreign), str(forged), str(tmp_path / "mangler.xlsx"))
    assert result.code == 2
    assert f"berit.xlsx: gjelder vurdering {other.id}, ikke vurdering {session_id}" \
        in result.err
    assert "framand.xlsx: er ikke et skjema laget av nettverk" in result.err
    assert "mangler.xlsx: finnes ikke" in result.err
    assert f"annan-database.xlsx: er laget for en annen vurdering enn vurdering {session_id}" \
        in result.err
    assert snapshot(db.engine) == before
    assert run_cli(db_url, "capacity", "import", str(filled)).code == 0
    assert _stored(db, other.id) == {"Berit": {"time": 3}}


def test_an_empty_workbook_and_two_for_one_participant_are_refused(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    first = _make(db_url, session_id, tmp_path / "a")["Ánne Márjá Sara"]
    second = _make(db_url, session_id, tmp_path / "b")["Ánne Márjá Sara"]
    one = _fill(first, tmp_path / "en.xlsx", {"Utviklingsledelse": (2, None)})
    two = _fill(second, tmp_path / "to.xlsx", {"Utviklingsledelse": (5, None)})
    empty = _make(db_url, session_id, tmp_path / "c", "Tom")["Tom"]
    result = run_cli(db_url, "capacity", "import", str(one), str(two), str(empty))
    assert result.code == 2
    assert "to.xlsx: Ánne Márjá Sara har også skjemaet en.xlsx" in result.err
    assert f"{empty.name}, ark Vurdering: ingen karakterer er fylt ut" in result.err
    blank_copy = run_cli(db_url, "capacity", "import", str(one), str(first))
    assert blank_copy.code == 2
    assert f"{first.name}: er det samme skjemaet som en.xlsx" in blank_copy.err


def _limited(url: str, *argv: str) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (500 * 1024 * 1024, 500 * 1024 * 1024))

    return subprocess.run([sys.executable, "-m", "nettverk", "--db", url, *argv],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          preexec_fn=limit, env={**os.environ, "MALLOC_ARENA_MAX": "2"})


def test_hostile_workbooks_are_refused_with_bounded_memory(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut")["Ánne Márjá Sara"]
    filled = _fill(made, tmp_path / "fylt.xlsx", {"Utviklingsledelse": (4, None)})
    bomb = tmp_path / "bombe.xlsx"
    shutil.copy(filled, bomb)
    _rewrite(bomb, "", extra=("xl/media/image1.bin", b"\0" * (8 * 1024 * 1024)))

    def huge(xml: bytes) -> bytes:
        start = xml.index(b"<dimension ref=\"")
        end = xml.index(b"\"", start + 16)
        return xml[:start] + b"<dimension ref=\"A1:XFD1048576\"" + xml[end + 1:]

    _rewrite(filled, "xl/worksheets/sheet1.xml", huge)
    before = snapshot(db.engine)
    refused = _limited(db_url, "capacity", "import", str(bomb))
    assert refused.returncode == 2 and "zip-bombe" in refused.stderr
    assert snapshot(db.engine) == before
    done = _limited(db_url, "capacity", "import", str(filled))  # dimension claim ignored
    assert done.returncode == 0, done.stderr
    assert _stored(db, session_id) == {"Ánne Márjá Sara": {"leadership": 4}}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) mangler")
def test_libreoffice_opens_the_workbook_and_what_it_saves_reads_back(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    if db_url.startswith("postgresql"):
        pytest.skip("the workbook is the same on both databases; LibreOffice runs once")
    made = _make(db_url, session_id, tmp_path / "ut")["Ánne Márjá Sara"]
    filled = _fill(made, tmp_path / "fylt.xlsx", {"Utviklingsledelse": (4, "Godt"),
                                                   "Tidsressurser": (2, None)})
    out = tmp_path / "lo"
    profile = tmp_path / "profile"
    for target in ("ods", "xlsx"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target, "--outdir", str(out), str(filled)],
                       check=True, capture_output=True, timeout=240)
    assert (out / "fylt.ods").stat().st_size > 0
    saved = out / "fylt.xlsx"
    book = openpyxl.load_workbook(saved)
    assert list(_answer_rows(saved)) == LABELS
    assert book["Vurdering"].data_validations.dataValidation
    result = run_cli(db_url, "capacity", "import", str(saved))
    assert result.code == 0, result.err
    assert _stored(db, session_id) == {"Ánne Márjá Sara": {"leadership": 4, "time": 2}}
