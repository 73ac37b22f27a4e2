"""Letters as DOCX (read back with python-docx) and PDF (pdftotext), on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import docx
import pytest

from nettverk.domain.values import today_in_norway
from nettverk.services import agreements, applications
from nettverk.services.database import Database
from tests.mail.conftest import PROG
from tests.support import run_cli, snapshot


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data directory (where the templates are copied) in the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("NETTVERK_SMTP_FROM", "tove@nfk.no")
    monkeypatch.setenv("NETTVERK_SMTP_FROM_NAME", "Tove Gaupset")
    return tmp_path / "data" / "nettverk" / "brevmaler"


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(cells + [p.text for p in d.paragraphs])


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _decided(db: Database) -> tuple[int, int]:
    today = today_in_norway()
    r = applications.add_round(db.uow(), PROG, "Utlysning 2026", today, today + timedelta(days=20),
                               description="Distriktssenteret og fylkeskommunene inviterer "
                                           "de minste kommunene til et læringsnettverk.")
    yes = applications.add_application(db.uow(), PROG, "1853", received=today, round_id=r.id)
    no = applications.add_application(db.uow(), PROG, "5020", received=today, round_id=r.id)
    applications.decide(db.uow(), yes.id, True, reason="Godt forankret planarbeid i Evenášši.",
                        override="allerede deltaker i testen")
    applications.decide(db.uow(), no.id, False, reason="Kommunen har ikke avsatt personell.")
    return yes.id, no.id


def test_decision_letters_as_docx_and_pdf_with_sami_letters(
        network: Database, tmp_path: Path, data_dir: Path) -> None:
    yes, no = _decided(network)
    out = tmp_path / "vedtak-evenes.docx"
    result = run_cli(_url(network), "letter", "decision", "--application", str(yes), "-o", str(out),
                     "--date", "2026-12-01", "--reference", "2026/1234-5")
    assert result.code == 0, result.err
    text = _docx_text(out)
    assert "Vedtak: Evenes – Evenášši er tatt opp i Samfunnsutvikling i mindre kommuner" in text
    assert "Godt forankret planarbeid i Evenášši." in text
    assert "Ánne Máret Sárá" in text  # the contact person is the recipient
    assert "Vår dato: 01.12.2026" in text and "Vår referanse: 2026/1234-5" in text
    assert "Tove Gaupset" in text
    pdf = tmp_path / "avslag-osen.pdf"
    assert run_cli(_url(network), "letter", "decision", "--application", str(no),
                   "-o", str(pdf)).code == 0
    ptext = _pdf_text(pdf)
    assert "ikke innvilget" in ptext and "Kommunen har ikke avsatt personell." in ptext
    # the defaults were copied where the user can change them; a change is used
    template = data_dir / "vedtak-innvilget.txt"
    assert template.exists()
    template.write_text(template.read_text(encoding="utf-8").replace(
        "Søknaden er innvilget.", "Søknaden er innvilget – Ohcan lea dohkkehuvvon."),
        encoding="utf-8")
    again = tmp_path / "igjen.docx"
    assert run_cli(_url(network), "letter", "decision", "--application", str(yes),
                   "-o", str(again)).code == 0
    assert "Ohcan lea dohkkehuvvon." in _docx_text(again)


def test_bad_templates_and_undecided_applications_are_exit_2(
        network: Database, tmp_path: Path, data_dir: Path) -> None:
    yes, _ = _decided(network)
    pending = applications.add_application(network.uow(), PROG, "1839", received=today_in_norway())
    before = snapshot(network.engine)
    out = tmp_path / "x.docx"
    r = run_cli(_url(network), "letter", "decision", "--application", str(pending.id), "-o", str(out))
    assert r.code == 2 and "ikke avgjort" in r.err and not out.exists()
    r = run_cli(_url(network), "letter", "decision", "--application", str(yes), "-o", str(tmp_path / "x.txt"))
    assert r.code == 2 and ".docx eller .pdf" in r.err
    listed = run_cli(_url(network), "letter", "templates")
    assert listed.code == 0 and str(data_dir) in listed.out
    template = data_dir / "vedtak-innvilget.txt"
    template.write_text(template.read_text(encoding="utf-8") + "\n{ukjent_felt}\n", encoding="utf-8")
    r = run_cli(_url(network), "letter", "decision", "--application", str(yes), "-o", str(out))
    assert r.code == 2 and "{ukjent_felt}" in r.err and "{kommune}" in r.err
    assert "Traceback" not in r.err and not out.exists()
    assert snapshot(network.engine) == before


def test_call_letter_has_the_four_questions_and_the_deadline(
        network: Database, tmp_path: Path) -> None:
    today = today_in_norway()
    deadline = today + timedelta(days=15)
    r = applications.add_round(network.uow(), PROG, "Utlysning", today, deadline)
    out = tmp_path / "utlysning.pdf"
    result = run_cli(_url(network), "letter", "call", "--round", str(r.id), "-o", str(out))
    assert result.code == 0, result.err
    text = " ".join(_pdf_text(out).split())
    assert f"Frist: {deadline:%d.%m.%Y}." in text
    for question in ("Kommuneplanens samfunnsdel er fra år", "Framdriftsplan for arbeidet",
                     "statistikk/nøkkeltall", "Personellressurs til planarbeidet"):
        assert question in text
    docx_out = tmp_path / "utlysning.docx"
    assert run_cli(_url(network), "letter", "call", "--round", str(r.id), "-o", str(docx_out)).code == 0
    bullets = [p.text for p in docx.Document(str(docx_out)).paragraphs
               if p.style is not None and p.style.name == "List Bullet"]
    assert len(bullets) >= 4


def test_agreement_document_per_municipality(demo_db: Database, tmp_path: Path) -> None:
    rows = agreements.list_agreements(demo_db.uow())
    a = next((x for x in rows if x.sami_name), rows[0])
    out = tmp_path / "avtale.docx"
    result = run_cli(_url(demo_db), "letter", "agreement", "--agreement", str(a.id), "-o", str(out))
    assert result.code == 0, result.err
    text = _docx_text(out)
    assert a.display_name in text and "Partnerskapsavtale:" in text and "Innsatsområder:" in text
    pdf = tmp_path / "avtale.pdf"
    assert run_cli(_url(demo_db), "letter", "agreement", "--agreement", str(a.id),
                   "-o", str(pdf)).code == 0
    assert a.display_name in " ".join(_pdf_text(pdf).split())
