"""`--format csv` as Norwegian Excel takes it: opened into columns by a double-click.

The default dialect is semicolon-separated UTF-8 with a BOM and CRLF, Norwegian headings, decimal
comma, dd.mm.yyyy and ja/nei; `--csv-dialect rfc4180` is the strict comma form with the JSON keys.
The file is read back by LibreOffice with Norwegian settings, as a council member's spreadsheet
program would, and the amounts must arrive as numbers.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from nettverk.services.database import Database

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _cli(url: str, *args: str) -> bytes:
    done = subprocess.run([sys.executable, "-m", "nettverk", "--db", url, *args],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def _gathering_with_costs(url: str) -> int:
    gatherings = json.loads(_cli(url, "gathering", "list", "--programme", "mindre-kommuner-2020",
                                 "--format", "json"))
    gathering = gatherings[0]["id"]
    _cli(url, "attendance", "set", "--gathering", str(gathering), "--municipality", "1839",
         "--invited", "yes", "--attended", "yes", "--persons", "2", "--travel-cost", "1234,50",
         "--accommodation-cost", "800", "--format", "json")
    return int(gathering)


def test_default_csv_is_for_norwegian_excel(demo_db: Database, db_url: str) -> None:
    gathering = _gathering_with_costs(db_url)
    raw = _cli(db_url, "attendance", "list", "--gathering", str(gathering), "--format", "csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads æøå and Sámi letters right
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line ends CRLF
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:3] == ["Nr", "Kommune", "Invitert"]  # Norwegian headings
    beiarn = next(r for r in rows[1:] if r[0] == "1839")
    assert beiarn[2] == "ja" and beiarn[4] == "ja"  # ja/nei, not true/false
    assert beiarn[6:9] == ["1234,5", "800", "2034,5"]  # decimal comma


def test_rfc4180_dialect_is_for_scripts(demo_db: Database, db_url: str) -> None:
    gathering = _gathering_with_costs(db_url)
    raw = _cli(db_url, "attendance", "list", "--gathering", str(gathering), "--format", "csv",
               "--csv-dialect", "rfc4180")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode(), newline="")))
    assert list(rows[0])[:3] == ["municipality", "display_name", "invited"]  # the JSON keys
    beiarn = next(r for r in rows if r["municipality"] == "1839")
    assert (beiarn["attended"], beiarn["travel_cost"], beiarn["total_cost"]) == ("true", "1234.5", "2034.5")


def test_dates_are_norwegian_in_the_excel_dialect(demo_db: Database, db_url: str) -> None:
    raw = _cli(db_url, "gathering", "list", "--programme", "mindre-kommuner-2020", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    start = rows[0]["Start"]
    assert len(start) == 16 and start[2] == "." and start[5] == "." and start[10] == " ", start


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) er ikke installert")
def test_libreoffice_with_norwegian_settings_opens_it_into_columns(demo_db: Database, db_url: str,
                                                                   tmp_path: Path) -> None:
    gathering = _gathering_with_costs(db_url)
    source = tmp_path / "oppmøte.csv"
    source.write_bytes(_cli(db_url, "attendance", "list", "--gathering", str(gathering),
                            "--format", "csv"))
    # Separator ; (59), quote " (34), UTF-8 (76), from line 1, standard columns, language nb-NO (1044).
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--infilter=CSV:59,34,76,1,,1044", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path), str(source)], capture_output=True, timeout=180, check=True)
    sheet = openpyxl.load_workbook(tmp_path / "oppmøte.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nr", "Kommune", "Invitert")
    beiarn = next(r for r in rows[1:] if str(r[0]) == "1839")
    assert beiarn[6:9] == (1234.5, 800, 2034.5)  # numbers, not text
    names = {r[1] for r in rows[1:]}
    assert any(n and any(ch in n for ch in "æøåáŋšđčžŧ") for n in names), names  # letters intact
