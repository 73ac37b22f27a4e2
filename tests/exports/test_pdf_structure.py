"""The reports as a council member's PDF reader takes them: Norwegian language, the county as
author, bookmarks and a linked table of contents that lead to the right pages, headers over
their columns, and no page that holds only a repeated heading and a row or two."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from nettverk.services.database import Database
from tests.support import run_cli

pytestmark = pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True,
                                               check=False).returncode != 0,
                                reason="pdftotext (poppler-utils) er ikke installert")


def _report(db_url: str, tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "rapport.pdf"
    result = run_cli(db_url, "report", *args, "-o", str(target))
    assert result.code == 0, result.err
    return target


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _outline(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]

    walk(reader.outline)  # type: ignore[arg-type]
    return found


def test_evaluation_report_language_author_bookmarks_and_linked_contents(
        demo_db: Database, db_url: str, tmp_path: Path) -> None:
    pdf = _report(db_url, tmp_path, "evaluation", "--programme", "mindre-kommuner-2020",
                  "--year", "2022")
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb-NO"
    assert root["/PageMode"] == "/UseOutlines"
    assert reader.metadata is not None and reader.metadata.author == "Nordland fylkeskommune"
    outline = _outline(reader)
    titles = [t for t, _ in outline]
    assert titles[:2] == ["Nettverket samlet", "Deltakerkommunene"]
    assert "1853 Evenes – Evenášši" in titles  # Sámi letters intact in the bookmarks
    for title, page in outline:  # every bookmark leads to the page that has the heading
        assert title in _page_text(pdf, page), (title, page)
    links = [reader.get_page_number(a.get_object()["/Dest"][0].get_object()) + 1
             for a in reader.pages[0].get("/Annots", [])]
    assert links == [page for _, page in outline]  # the contents, line by line, links there too


def test_status_report_has_a_bookmark_for_every_section(demo_db: Database, db_url: str,
                                                        tmp_path: Path) -> None:
    pdf = _report(db_url, tmp_path, "status", "--programme", "mindre-kommuner-2020",
                  "--date", "2022-12-31")
    reader = pypdf.PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"
    titles = [t for t, _ in _outline(reader)]
    assert titles[:5] == ["Deltakerkommuner", "Samlinger holdt", "Kommende samlinger",
                          "Forfalte milepæler", "Åpne søknader"]
    assert titles[5].startswith("Dekning av partnerskapsavtaler")


def test_evaluation_report_has_no_near_empty_pages(demo_db: Database, db_url: str,
                                                   tmp_path: Path) -> None:
    pdf = _report(db_url, tmp_path, "evaluation", "--programme", "mindre-kommuner-2020",
                  "--year", "2022")
    pages = len(pypdf.PdfReader(pdf).pages)
    footer = 2  # title and "Laget … · Data per …" on every page
    for page in range(1, pages):  # the last page may be short
        lines = [x for x in _page_text(pdf, page).splitlines() if x.strip()]
        assert len(lines) - footer >= 10, (page, lines)


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """The page's words (xMin, yMin, xMax, text); words one space apart are one ("0,0 %")."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    words: list[tuple[float, float, float, str]] = []
    for a, b, c, w in _WORD.findall(html):
        x0, y, x1 = float(a), float(b), float(c)
        if words and abs(words[-1][1] - y) < 1 and 0 <= x0 - words[-1][2] < 4 and w == "%":
            words[-1] = (words[-1][0], y, x1, words[-1][3] + " %")
        else:
            words.append((x0, y, x1, w))
    return words


def _right_edges_line_up(words: list[tuple[float, float, float, str]], header_last_words: list[str],
                         header_row_word: str) -> None:
    header_y = next(y for _, y, _, w in words if w == header_row_word)
    header = [(x1, w) for _, y, x1, w in words if abs(y - header_y) < 1 and w in header_last_words]
    assert len(header) == len(header_last_words), header
    leftmost = min(x for x, _ in header) - 40  # the number columns, not a code in the first
    below = [(y, x1, w) for _, y, x1, w in words
             if header_y < y < header_y + 60 and x1 > leftmost and re.fullmatch(r"[\d,]+( %)?", w)]
    assert below
    for _, x1, w in below:
        nearest = min(header, key=lambda h: abs(h[0] - x1))
        assert abs(nearest[0] - x1) < 1.5, (w, x1, nearest)  # right edge under right edge


def test_number_columns_stand_under_their_headers(demo_db: Database, db_url: str,
                                                  tmp_path: Path) -> None:
    evaluation = _report(db_url, tmp_path, "evaluation", "--programme", "mindre-kommuner-2020",
                         "--year", "2022")
    page = next(p for p in range(1, 6) if "Første vurdering  " in _page_text(evaluation, p)
                or "Første vurdering" in _page_text(evaluation, p).split("Komponent", 1)[-1][:200])
    _right_edges_line_up(_words(evaluation, page), ["vurdering", "2022", "nettverket"], "Komponent")
    status = _report(db_url, tmp_path, "status", "--programme", "mindre-kommuner-2020",
                     "--date", "2022-12-31")
    last = len(pypdf.PdfReader(status).pages)
    words = _words(status, last)
    _right_edges_line_up(words, ["Kommuner", "Signert", "behandling", "signert"], "Fylke")
