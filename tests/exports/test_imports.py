"""Imports of municipalities and population: all or nothing, every bad row reported, dry runs."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from nettverk.services import imports, register
from nettverk.services.database import Database
from tests.support import run_cli, snapshot


@pytest.fixture
def counties(db: Database) -> Database:
    register.add_county(db.uow(), "18", "Nordland")
    register.add_county(db.uow(), "50", "Trøndelag")
    register.add_municipality(db.uow(), "1853", "Evenes", "18", 1300, sami_name="Evenášši",
                              population_year=2022)
    register.add_municipality(db.uow(), "5041", "Snåsa", "50", 2000, population_year=2022)
    return db


def _municipalities(db: Database) -> dict[str, tuple[str, str | None, int | None, int | None]]:
    return {m.number: (m.name, m.sami_name, m.population, m.population_year)
            for m in register.list_municipalities(db.uow())}


GOOD_CSV = """number;name;sami_name;county;population;year
1853;Evenes;Evenášši;18;1357;2024
5041;Snåsa;Snåase;50;2051;2024
1826;Hattfjelldal;Aarborte;18;1 312;2024
5043;Røyrvik;Raarvihke;50;460;2024
"""


def test_csv_adds_and_updates_and_dry_run_writes_nothing(counties: Database, db_url: str,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "kommuner.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    before = snapshot(counties.engine)
    dry = run_cli(db_url, "import", "municipalities", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert "Ville lagt til 2, endret 2" in dry.out and "ingenting er lagret" in dry.out
    assert "samisk navn: – → Snåase" in dry.out
    assert snapshot(counties.engine) == before

    done = run_cli(db_url, "import", "municipalities", str(path), "--format", "json")
    assert done.code == 0, done.err
    report = done.json()
    assert (report["added"], report["updated"], report["unchanged"]) == (2, 2, 0)
    rows = _municipalities(counties)
    assert rows["1853"] == ("Evenes", "Evenášši", 1357, 2024)
    assert rows["5041"] == ("Snåsa", "Snåase", 2051, 2024)
    assert rows["1826"] == ("Hattfjelldal", "Aarborte", 1312, 2024)
    again = imports.import_municipalities(counties.uow(), path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_xlsx_with_norwegian_headings(counties: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Kommunenummer", "Navn", "Samisk navn", "Fylke", "Innbyggere", "År"])
    ws.append(["1826", "Hattfjelldal", "Aarborte", 18, 1312, 2024])
    ws.append([5045, "Lierne", None, "50", 1350.0, 2024])
    path = tmp_path / "kommuner.xlsx"
    book.save(path)
    report = imports.import_municipalities(counties.uow(), path)
    assert report.added == 2
    rows = _municipalities(counties)
    assert rows["1826"] == ("Hattfjelldal", "Aarborte", 1312, 2024)
    assert rows["5045"] == ("Lierne", None, 1350, 2024)


def test_every_bad_row_is_reported_and_nothing_written(counties: Database, db_url: str,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "feil.csv"
    path.write_text(
        "number,name,sami_name,county,population,year\n"
        "1826,Hattfjelldal,Aarborte,18,1312,2024\n"   # good, but must not be written
        "185,Kort,,18,100,2024\n"                      # line 3: number
        "1827,Negativ,,18,-5,2024\n"                   # line 4: population
        "1828,,,18,100,2024\n"                         # line 5: name
        "9901,Ukjent,,99,100,2024\n"                   # line 6: county
        "5044,Feil fylke,,18,100,2024\n"               # line 7: number vs county
        "1829,Tekst,,18,mange,20x4\n"                  # line 8: population and year
        "1826,Dobbel,,18,1,2024\n",                    # line 9: duplicate
        encoding="utf-8")
    before = snapshot(counties.engine)
    result = run_cli(db_url, "import", "municipalities", str(path))
    assert result.code == 2
    for expected in ("linje 3, «number»", "linje 4, «population»: kan ikke være negativ",
                     "linje 5, «name»", "linje 6, «county»: fylke '99' finnes ikke",
                     "linje 7, «number»: kommunenummer 5044 hører ikke til fylke 18",
                     "linje 8, «population»", "linje 8, «year»",
                     "linje 9, «number»: kommunenummer 1826 står også på linje 2",
                     "ingenting er lagret"):
        assert expected in result.err, (expected, result.err)
    assert "Traceback" not in result.err
    assert snapshot(counties.engine) == before
    with pytest.raises(imports.ImportRejected) as err:
        imports.import_municipalities(counties.uow(), path, dry_run=True)
    assert len(err.value.problems) == 8


def test_missing_file_and_missing_columns(counties: Database, db_url: str, tmp_path: Path) -> None:
    missing = run_cli(db_url, "import", "municipalities", str(tmp_path / "finnes-ikke.csv"))
    assert missing.code == 2 and "«file»" in missing.err
    path = tmp_path / "uten.csv"
    path.write_text("navn;fylke\nEvenes;18\n", encoding="utf-8")
    result = run_cli(db_url, "import", "municipalities", str(path))
    assert result.code == 2 and "mangler kolonne: number (forventet" in result.err
    path.write_text("fylke\n18\n", encoding="utf-8")
    both = run_cli(db_url, "import", "municipalities", str(path))
    assert both.code == 2 and "mangler kolonner: number, name (forventet" in both.err


def _jsonstat(values: list[object]) -> dict[str, object]:
    """A tiny SSB 07459 JSON-stat 2.0 dataset: 4 regions × 1 contents × 2 years."""
    return {
        "version": "2.0", "class": "dataset",
        "label": "07459: Alders- og kjønnsfordeling i kommuner, fylker og hele landets befolkning",
        "source": "Statistisk sentralbyrå",
        "id": ["Region", "ContentsCode", "Tid"], "size": [4, 1, 2],
        "dimension": {
            "Region": {"label": "region", "category": {
                "index": {"1853": 0, "5041": 1, "0301": 2, "F-18": 3},
                "label": {"1853": "Evenes - Evenášši", "5041": "Snåase - Snåsa", "0301": "Oslo",
                          "F-18": "Nordland"}}},
            "ContentsCode": {"label": "statistikkvariabel", "category": {
                "index": {"Personer1": 0}, "label": {"Personer1": "Personer"}}},
            "Tid": {"label": "år", "category": {"index": {"2023": 0, "2024": 1},
                                                 "label": {"2023": "2023", "2024": "2024"}}},
        },
        "value": values,
    }


def test_population_from_jsonstat(counties: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "07459.json"
    path.write_text(json.dumps(_jsonstat([1340, 1357, 2030, None, 700000, 709000,
                                          240000, 243000])), encoding="utf-8")
    before = snapshot(counties.engine)
    dry = run_cli(db_url, "import", "population", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert "innbyggere: 1300 (2022) → 1357 (2024)" in dry.out
    assert "innbyggere: 2000 (2022) → 2030 (2023)" in dry.out  # 2024 missing for Snåsa
    assert snapshot(counties.engine) == before
    done = imports.import_population(counties.uow(), path)
    assert (done.updated, done.skipped) == (2, 2)  # Oslo and Nordland are not here
    rows = _municipalities(counties)
    assert rows["1853"][2:] == (1357, 2024)
    assert rows["5041"][2:] == (2030, 2023)


def test_population_bad_values_reject_the_whole_file(counties: Database, db_url: str,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "07459.json"
    path.write_text(json.dumps(_jsonstat([1340, -1, 2030, 2050.5, 1, 2, 3, 4])),
                    encoding="utf-8")
    before = snapshot(counties.engine)
    result = run_cli(db_url, "import", "population", str(path))
    assert result.code == 2
    assert "region 1853, «population»: kan ikke være negativ" in result.err
    assert "region 5041, «population»: må være et heltall" in result.err
    assert snapshot(counties.engine) == before
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": ["Region"]', encoding="utf-8")
    assert run_cli(db_url, "import", "population", str(broken)).code == 2


def test_population_from_ssb_csv_long_and_wide(counties: Database, tmp_path: Path) -> None:
    long = tmp_path / "long.csv"
    long.write_text(
        '"region";"statistikkvariabel";"år";"07459: Alders- og kjønnsfordeling"\n'
        '"1853 Evenes - Evenášši";"Personer";"2023";1340\n'
        '"1853 Evenes - Evenášši";"Personer";"2024";1357\n'
        '"5041 Snåase - Snåsa";"Personer";"2024";"2051"\n'
        '"3101 Halden";"Personer";"2024";31000\n', encoding="utf-8")
    report = imports.import_population(counties.uow(), long)
    assert report.updated == 2
    assert _municipalities(counties)["5041"][2:] == (2051, 2024)

    wide = tmp_path / "wide.csv"
    wide.write_bytes(
        '"region";"Personer 2024";"Personer 2025"\n"1853 Evenes - Evenášši";1357;1361\n'
        '"5041 Snåase - Snåsa";2051;mange\n'.encode("cp1252", errors="replace"))
    with pytest.raises(imports.ImportRejected) as err:  # a Windows file, said so explicitly
        imports.import_population(counties.uow(), wide, encoding="cp1252")
    assert [p.describe() for p in err.value.problems] == [
        "linje 3, «population»: må være et heltall"]
    assert _municipalities(counties)["1853"][2:] == (1357, 2024)


def test_older_population_is_not_imported(counties: Database, tmp_path: Path) -> None:
    register.update_municipality(counties.uow(), "1853", population=1400, population_year=2025)
    path = tmp_path / "07459.json"
    path.write_text(json.dumps(_jsonstat([1340, 1357, None, None, 1, 2, 3, 4])),
                    encoding="utf-8")
    report = imports.import_population(counties.uow(), path)
    assert report.updated == 0
    assert _municipalities(counties)["1853"][2:] == (1400, 2025)


@pytest.mark.parametrize("content", [
    b"number;name\r1853;Evenes\r\n18x6;\"Hatt\rfjelldal\"\n",  # lone carriage returns
    b'{"id": ["Region", "Tid"], "size": [100000, 100000], "dimension": '
    b'{"Region": {}, "Tid": {}}, "value": {}}',  # 10 billion cells
    b'{"id": ["Region", "Tid"], "size": [1, 1], "dimension": {"Region": 3, "Tid": []}}',
    b"[" * 100000,
    b"\x81\x8d\x8f\x90\x9d",
])
def test_broken_files_are_refused_not_crashed(counties: Database, db_url: str, tmp_path: Path,
                                              content: bytes) -> None:
    before = snapshot(counties.engine)
    for kind, name in (("population", "07459.json"), ("population", "07459.csv"),
                       ("municipalities", "kommuner.csv")):
        path = tmp_path / name
        path.write_bytes(content)
        result = run_cli(db_url, "import", kind, str(path))
        assert result.code == 2, (kind, name, result.err)
        assert "uventet feil" not in result.err and "Traceback" not in result.err
    assert snapshot(counties.engine) == before


@pytest.mark.parametrize("argv", [
    ["import", "municipalities"], ["import", "population"], ["feedback", "import"],
    ["capacity", "import"], ["priority", "import"],
])
def test_a_file_name_with_a_nul_is_refused_not_a_crash(tmp_path: Path, argv: list[str]) -> None:
    """No file can be named with a NUL (os.stat refuses the name); the import says so, exit 2
    (a pasted name in the TUI, or a script calling nettverk in process, can carry one)."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = run_cli(url, *argv, "lister\x00.csv")
    assert result.code == 2, result.err
    assert "nulltegn" in result.err and "Traceback" not in result.err
