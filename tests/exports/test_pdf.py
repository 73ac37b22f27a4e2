"""PDF reports: the text is extracted with pdftotext and page 1 is rendered with pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from reportlab.platypus import Paragraph

from nettverk.exports.pdf.common import text
from nettverk.services import programmes, register, reports
from nettverk.services.database import Database
from tests.exports.conftest import Network
from tests.support import run_cli, snapshot

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) mangler: `make system-deps`")

NOW = datetime(2022, 1, 10, 12, 0, tzinfo=UTC)


def _pdf_text(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page, in reading order, with runs of white space as one space (a
    table cell may wrap a long name over two lines)."""
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")
    return [" ".join(page.split()) for page in pages]


def _first_page_is_drawn(data: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    with Image.open(png) as image:
        grey = image.convert("L")
        stat = ImageStat.Stat(grey)
        dark = sum(grey.histogram()[:128])
    assert grey.size[1] > grey.size[0]  # portrait A4
    assert stat.stddev[0] > 10 and dark > 500, "page 1 looks blank"


def _fonts(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                          text=True).stdout


def _add_hattfjelldal(db: Database, programme: str) -> None:
    register.add_municipality(db.uow(), "1826", "Hattfjelldal", "18", 1300,
                              sami_name="Aarborte", population_year=2023)
    programmes.add_participant(db.uow(), programme, "1826", date(2020, 1, 15))


def test_status_report(rich: Network, db: Database, tmp_path: Path) -> None:
    _add_hattfjelldal(db, rich.programme)
    data = reports.export_status(db.uow(), rich.programme, at=date(2021, 8, 1), now=NOW)
    assert data.startswith(b"%PDF")
    pages = _pdf_text(data, tmp_path)
    whole = "\n".join(pages)
    for expected in ("Statusrapport: Samfunnsutvikling i mindre kommuner", "Evenes – Evenášši",
                     "Snåsa – Snåase", "Hattfjelldal – Aarborte", "Namsskogan",
                     "Deltakerkommuner", "Samlinger holdt", "Kommende samlinger",
                     "Forfalte milepæler", "Åpne søknader", "Oppstartssamling: Plan & Bygg <del 1>",
                     "=Planstrategi vedtatt", "Status per 01.08.2021"):
        assert expected in whole, expected
    # Held before 1 August, coming after: the autumn gathering is still coming on that date.
    held_part = whole.split("Samlinger holdt")[1].split("Kommende samlinger")[0]
    coming_part = whole.split("Kommende samlinger")[1].split("Forfalte milepæler")[0]
    assert "Videosamling om innbyggerdialog" in held_part and "Høstsamling" in coming_part
    # The milestone done on 20 April counts as done; Evenes' planstrategi is over its deadline.
    assert "over fristen" in whole
    for page in pages:
        assert "Laget 10.01.2022 kl. 13:00" in page and "Data per 01.08.2021" in page
    assert f"Side 1 av {len(pages)}" in pages[0]
    assert "DejaVuSans" in _fonts(data, tmp_path) and " yes " in _fonts(data, tmp_path)
    _first_page_is_drawn(data, tmp_path)


def test_evaluation_report(rich: Network, db: Database, tmp_path: Path) -> None:
    from nettverk.services import followups

    _add_hattfjelldal(db, rich.programme)
    # Long, multi-line user text goes through a Paragraph: markup must be shown literally.
    followups.add_follow_up(db.uow(), "5041", date(2021, 6, 1), "meeting",
                            "Møte om <b>ikke fet</b> & Plan&Bygg, &amp; og <br/> skal stå som skrevet"
                            "\nandre linje", programme=rich.programme)
    data = reports.export_evaluation(db.uow(), rich.programme, 2021, now=NOW)
    pages = _pdf_text(data, tmp_path)
    whole = "\n".join(pages)
    assert "Innhold" in pages[0]
    for name in ("1853 Evenes – Evenášši", "5041 Snåsa – Snåase", "1826 Hattfjelldal – Aarborte"):
        assert name in pages[0]  # the table of contents lists every participant
    for expected in ("Nettverket samlet", "Kapasitetsdiamanten", "Utviklingsledelse",
                     "Tidsressurser", "Første vurdering (01.02.2020)", "Konsensus 2021 (01.11.2021)",
                     "Snakket om <planprogram> & medvirkning", "Mobilisering", "Bred deltakelse",
                     "Samfunnsdel på høring", "kr 7 500,50",
                     "Møte om <b>ikke fet</b> & Plan&Bygg, &amp; og <br/> skal stå som skrevet"
                     " andre linje"):
        assert expected in whole, expected
    for page in pages:
        assert "Data per 31.12.2021" in page and "Side " in page
    # The contents gives the page each section starts on.
    pdf = tmp_path / "toc.pdf"
    pdf.write_bytes(data)
    toc = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    for name in ("1853 Evenes – Evenášši", "5041 Snåsa – Snåase"):
        line = next(x for x in toc.splitlines() if name in x)
        listed = int(line.split()[-1])
        assert f"{name} Fylke" in pages[listed - 1], (name, listed)
        assert f"{name} Fylke" not in pages[listed - 2]
    _first_page_is_drawn(data, tmp_path)


def test_user_text_is_escaped_for_paragraph_markup() -> None:
    assert text("Plan&Bygg <b>fet</b>\nlinje 2") == (
        "Plan&amp;Bygg &lt;b&gt;fet&lt;/b&gt;<br/>linje 2")
    assert text("&amp; er ikke en entitet") == "&amp;amp; er ikke en entitet"


def test_long_table_text_breaks_where_a_paragraph_breaks_it() -> None:
    """Table cells draw wrapping text as plain lines; the lines must be those a Paragraph makes,
    or the cell is left to a Paragraph."""
    import random

    from nettverk.exports.pdf.common import CELL_SIZE, FONT, _wrapped, styles

    words = ["Samling", "på", "tvers", "av", "kommunegrenser", "Planstrategi", "og",
             "kunnskapsgrunnlag", "Evenášši", "Snåase", "medvirkning", "&", "<b>", "i",
             "Innbyggerdialog", "ungdomsrådet", "Bodø,", "Thon", "Hotel;", "«Nord»", "–", "2."]
    rng = random.Random(8)
    style = styles()["cell"]  # registers the fonts
    checked = 0
    for _ in range(400):
        value = " ".join(rng.choice(words) for _ in range(rng.randint(2, 14)))
        room = rng.choice([60.0, 95.0, 140.0, 180.0, 250.0])
        lines = _wrapped(value, FONT, room)
        if lines is None:
            continue
        paragraph = Paragraph(text(value), style)
        paragraph.wrap(room, 10_000)
        made = paragraph.blPara
        broken = ([" ".join(w) for _, w in made.lines] if made.kind == 0  # one fragment
                  else ["".join(f.text for f in line.words) for line in made.lines])
        assert lines.split("\n") == broken, value
        assert paragraph.style.fontSize == CELL_SIZE
        checked += 1
    assert checked > 200


def test_report_cli(rich: Network, db: Database, db_url: str, tmp_path: Path) -> None:
    status = tmp_path / "status.pdf"
    result = run_cli(db_url, "report", "status", "--programme", rich.programme, "--date",
                     "01.08.2021", "-o", str(status))
    assert result.code == 0, result.err
    assert "Evenes – Evenášši" in "\n".join(_pdf_text(status.read_bytes(), tmp_path))
    evaluation = tmp_path / "evaluering.pdf"
    result = run_cli(db_url, "report", "evaluation", "--programme", rich.programme, "--year",
                     "2021", "-o", str(evaluation))
    assert result.code == 0, result.err
    assert evaluation.read_bytes().startswith(b"%PDF")

    before = snapshot(db.engine)
    for args, field in ((("status", "--programme", rich.programme, "--date", "31.02.2021"), "date"),
                        (("evaluation", "--programme", rich.programme, "--year", "tjue"), "year"),
                        (("evaluation", "--programme", "nei", "--year", "2021"), "programme")):
        bad = run_cli(db_url, "report", *args, "-o", str(tmp_path / "x.pdf"))
        assert bad.code == 2 and f"«{field}»" in bad.err, bad.err
    assert not (tmp_path / "x.pdf").exists()
    assert snapshot(db.engine) == before


def test_status_report_counts_as_of_the_date(rich: Network, db: Database) -> None:
    before = reports.status_report(db.uow(), rich.programme, at=date(2021, 4, 1), now=NOW)
    after = reports.status_report(db.uow(), rich.programme, at=date(2021, 12, 31), now=NOW)
    lines = {p.number: p for p in after.participants}
    # Attendance: held gatherings only, attended of invited; the autumn gathering was held.
    assert lines["1853"].attendance_percent == 100.0
    assert lines["5044"].attendance_percent == 0.0
    assert {p.number: p.attendance_percent for p in before.participants}["1853"] is None
    # The milestone done on 20 April 2021 was not yet done on 1 April.
    snaasa_before = {p.number: p for p in before.participants}["5041"]
    assert (snaasa_before.milestones_done, snaasa_before.milestones_total) == (0, 1)
    assert (lines["5041"].milestones_done, lines["5041"].milestones_overdue) == (1, 0)
    assert (lines["1853"].milestones_overdue, after.overdue_total) == (1, 1)
    assert [m.title for m in after.overdue] == ["=Planstrategi vedtatt"]
    assert after.overdue[0].municipality == "Evenes – Evenášši"


def test_status_report_shows_agreements_as_they_stood_on_the_date(
        network: Network, db: Database, tmp_path: Path) -> None:
    """The agreement column and the coverage table follow the agreements' dated history: a
    report for an earlier date does not show a later signature, decline or offer."""
    from nettverk.services import agreements

    programmes.add_programme(db.uow(), agreements.PROGRAMME, "Gode lokalsamfunn for alle",
                           "partnership", date(2021, 1, 1))
    evenes = agreements.add_agreement(db.uow(), "1853", date(2021, 2, 1))
    agreements.set_status(db.uow(), evenes.id, "signed", signed_on=date(2021, 6, 1))
    snaasa = agreements.add_agreement(db.uow(), "5041", date(2021, 3, 1))
    agreements.set_status(db.uow(), snaasa.id, "declined", on=date(2021, 9, 1))
    agreements.add_agreement(db.uow(), "5044", date(2021, 10, 1))

    def standing(at: date) -> tuple[dict[str, str | None], dict[str, tuple[int, int]]]:
        report = reports.status_report(db.uow(), network.programme, at=at, now=NOW)
        return ({p.number: p.agreement for p in report.participants},
                {c.county: (c.signed, c.pending) for c in report.coverage})

    spring, spring_coverage = standing(date(2021, 4, 1))
    assert spring == {"1853": "Tilbudt", "5041": "Tilbudt", "5044": None}
    assert spring_coverage == {"18 Nordland": (0, 1), "50 Trøndelag": (0, 1)}
    winter, winter_coverage = standing(date(2021, 12, 31))
    assert winter == {"1853": "Signert", "5041": "Takket nei", "5044": "Tilbudt"}
    assert winter_coverage == {"18 Nordland": (1, 0), "50 Trøndelag": (0, 1)}
    # The PDF says the same.
    pdf = reports.export_status(db.uow(), network.programme, at=date(2021, 4, 1), now=NOW)
    table = "\n".join(_pdf_text(pdf, tmp_path)).split("Deltakerkommuner")[1].split("Samlinger")[0]
    assert "Tilbudt" in table and "Signert" not in table and "Takket nei" not in table


def test_status_summary_counts_in_the_singular_when_there_is_one(
        demo_db: Database, db_url: str, tmp_path: Path) -> None:
    # on 01.11.2024 the demo has exactly one overdue milestone (Beiarn's planstrategi)
    target = tmp_path / "status.pdf"
    result = run_cli(db_url, "report", "status", "--programme", "mindre-kommuner-2020",
                     "--date", "2024-11-01", "-o", str(target))
    assert result.code == 0, result.err
    words = " ".join(" ".join(_pdf_text(target.read_bytes(), tmp_path)).split())
    assert "1 forfalt milepæl;" in words and "1 forfalte milepæler" not in words
    assert "0 åpne søknader." in words and "6 deltakerkommuner" in words
