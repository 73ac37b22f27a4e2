"""Hostile import files: wrong encodings, devices, zip bombs, dimension bombs, formulas, broken
sheets, unterminated quotes and duplicate columns or keys.

Each is refused with exit code 2 and a message naming the file and the rule; nothing is
written, and memory stays bounded (the import runs in a child process limited to 500 MB).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from nettverk.services import register
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

ROOT = Path(__file__).resolve().parents[2]
HEADER = "number;name;sami_name;county;population;year\n"


@pytest.fixture
def counties(db: Database) -> Database:
    register.add_county(db.uow(), "18", "Nordland")
    register.add_municipality(db.uow(), "1853", "Evenes", "18", 1300, sami_name="Evenášši",
                              population_year=2022)
    return db


def _sami_names(db: Database) -> dict[str, str | None]:
    return {m.number: m.sami_name for m in register.list_municipalities(db.uow())}


def _refused(db: Database, url: str, *argv: str, says: str) -> str:
    before = snapshot(db.engine)
    result = run_cli(url, "import", *argv)
    assert result.code == 2, (result.code, result.err)
    assert "«file»" in result.err or "«encoding»" in result.err, result.err
    assert says in result.err, result.err
    assert "Traceback" not in result.err and "uventet" not in result.err
    assert snapshot(db.engine) == before
    return result.err


def test_a_stray_byte_is_refused_instead_of_turning_sami_names_into_mojibake(
        counties: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "kommuner.csv"
    path.write_bytes((HEADER + "1853;Evenes;Evenášši;18;1357;2024\n").encode()
                     + b"1856;R\xf8st;;18;460;2024\n")
    err = _refused(counties, db_url, "municipalities", str(path), says="kommuner.csv")
    assert "UTF-8" in err and "linje 3" in err and "--encoding cp1252" in err
    assert _sami_names(counties)["1853"] == "Evenášši"


def test_the_encoding_option_reads_a_windows_file_and_bom_utf8_is_fine(
        counties: Database, db_url: str, tmp_path: Path) -> None:
    cp = tmp_path / "windows.csv"
    cp.write_bytes((HEADER + "1856;Røst;;18;460;2024\n").encode("cp1252"))
    done = run_cli(db_url, "import", "municipalities", str(cp), "--encoding", "cp1252")
    assert done.code == 0, done.err
    assert {m.number: m.name for m in register.list_municipalities(counties.uow())}["1856"] == \
        "Røst"
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (HEADER + "1853;Evenes;Evenášši;18;1400;2024\n").encode())
    done = run_cli(db_url, "import", "municipalities", str(bom))
    assert done.code == 0, done.err
    assert _sami_names(counties)["1853"] == "Evenášši"
    unknown = run_cli(db_url, "import", "municipalities", str(bom), "--encoding", "klingon")
    assert unknown.code == 2 and "tegnsett" in unknown.err


def test_devices_and_huge_files_are_refused_before_reading(counties: Database, db_url: str,
                                                           tmp_path: Path) -> None:
    _refused(counties, db_url, "municipalities", "/dev/zero", says="vanlig fil")
    _refused(counties, db_url, "population", "/dev/zero", says="vanlig fil")
    big = tmp_path / "stor.csv"
    with big.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(21 * 1024 * 1024)
    _refused(counties, db_url, "municipalities", str(big), says="for stor")


def _small_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


def _rewrite(path: Path, member: str, edit: object = None, extra: tuple[str, bytes] | None = None
             ) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    if callable(edit):
        parts[member] = edit(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        if extra is not None:
            target.writestr(extra[0], extra[1])


ROWS: list[list[object]] = [["number", "name", "county"], ["1853", "Evenes", "18"]]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(counties: Database, db_url: str,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "bombe.xlsx"
    _small_xlsx(path, ROWS)
    _rewrite(path, "", extra=("xl/media/image1.bin", b"\0" * (8 * 1024 * 1024)))
    assert path.stat().st_size < 100_000
    _refused(counties, db_url, "municipalities", str(path), says="zip-bombe")


def _limited_import(url: str, path: Path) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (500 * 1024 * 1024, 500 * 1024 * 1024))

    return subprocess.run([sys.executable, "-m", "nettverk", "--db", url, "import",
                           "municipalities", str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, preexec_fn=limit,
                          env={**os.environ, "MALLOC_ARENA_MAX": "2"})


def test_a_declared_dimension_does_not_drive_memory(counties: Database, db_url: str,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "dimensjon.xlsx"
    _small_xlsx(path, ROWS)

    def huge(xml: bytes) -> bytes:
        start = xml.index(b"<dimension ref=\"")
        end = xml.index(b"\"", start + 16)
        return xml[:start] + b"<dimension ref=\"A1:XFD1048576\"" + xml[end + 1:]

    _rewrite(path, "xl/worksheets/sheet1.xml", huge)
    assert path.stat().st_size < 10_000
    result = _limited_import(db_url, path)
    assert result.returncode == 0, result.stderr
    assert register.get_municipality(counties.uow(), "1853").name == "Evenes"


def test_formulas_and_broken_sheets_are_refused(counties: Database, db_url: str,
                                                tmp_path: Path) -> None:
    formula = tmp_path / "formel.xlsx"
    _small_xlsx(formula, [["number", "name", "county", "population"],
                          ["1853", "Evenes", "18", "=1000+357"]])
    _refused(counties, db_url, "municipalities", str(formula), says="formel")
    broken = tmp_path / "odelagt.xlsx"
    _small_xlsx(broken, ROWS)
    _rewrite(broken, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</row>", b"<row", 1))
    _refused(counties, db_url, "municipalities", str(broken), says="odelagt.xlsx")
    not_zip = tmp_path / "tekst.xlsx"
    not_zip.write_text("number,name\n1853,Evenes\n")
    _refused(counties, db_url, "municipalities", str(not_zip), says="xlsx")


def test_an_unterminated_quote_cannot_swallow_the_next_row(counties: Database, db_url: str,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "sitat.csv"
    path.write_text(HEADER + '1853;"Evenes;Evenášši;18;1357;2024\n'
                    '1856;Røst;;18;460;2024\n1857;Værøy;;18;700;2024\n', encoding="utf-8")
    _refused(counties, db_url, "municipalities", str(path), says="anførselstegn")
    closed_later = tmp_path / "sitat2.csv"
    closed_later.write_text(HEADER + '1853;"Evenes;Evenášši;18;1357;2024\n'
                            '1856;Røst";;18;460;2024\n', encoding="utf-8")
    _refused(counties, db_url, "municipalities", str(closed_later), says="linje")


def test_duplicate_columns_and_json_keys_are_refused(counties: Database, db_url: str,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "dobbel.csv"
    path.write_text("number;name;population;Population\n1853;Evenes;1;2\n", encoding="utf-8")
    _refused(counties, db_url, "municipalities", str(path), says="population")
    ssb = tmp_path / "07459.json"
    document = {"id": ["Region", "Tid"], "size": [1, 1],
                "dimension": {"Region": {"category": {"index": {"1853": 0}}},
                              "Tid": {"category": {"index": {"2024": 0}}}},
                "value": [1400]}
    text = json.dumps(document)
    ssb.write_text(text.replace('"value": [1400]', '"value": [1400], "value": [9]'))
    _refused(counties, db_url, "population", str(ssb), says="to ganger")
    ssb.write_text(text)
    assert run_cli(db_url, "import", "population", str(ssb)).code == 0
