"""`nettverk export xlsx` read with plain DB-API SQL (services.plain_spreadsheets), without
SQLAlchemy: the same workbook, cell for cell and byte for byte, as the ordinary path writes, for
every programme of the demo data and several dates, on both databases; the same refusals (an
unknown programme, a bad date, a user without access) with the same words and exit codes; and
neither SQLAlchemy nor the domain's mapped classes imported."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nettverk.cli import context
from nettverk.services import plain_spreadsheets, programmes
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    CliResult,
    imported_in_a_fresh_process,
    register_reader,
    run_cli,
)

_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # docProps/core.xml: when it was made
DATES = [[], ["--date", "2021-03-01"], ["--date", "2024-10-01"], ["--date", "2030-01-01"]]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: _STAMP.sub(b"T", z.read(name)) for name in z.namelist()}


def _both_ways(url: str, argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               ) -> tuple[tuple[CliResult, Path], tuple[CliResult, Path], bool]:
    """The command through the plain path and through the ordinary one (each writing its own
    file); whether the plain path built the workbook."""
    taken: list[bool] = []
    built = plain_spreadsheets.programme_sheets

    def spy(*args: Any, **kwargs: Any) -> Any:
        sheets = built(*args, **kwargs)
        taken.append(sheets is not None)
        return sheets

    plain_file, ordinary_file = tmp_path / "plain.xlsx", tmp_path / "ordinary.xlsx"
    for file in (plain_file, ordinary_file):
        file.unlink(missing_ok=True)
    with monkeypatch.context() as patch:
        patch.setattr(plain_spreadsheets, "programme_sheets", spy)
        plain = run_cli(url, "export", "xlsx", *argv, "-o", str(plain_file))
    with monkeypatch.context() as patch:
        patch.setattr(context, "PLAIN_READS", False)
        ordinary = run_cli(url, "export", "xlsx", *argv, "-o", str(ordinary_file))
    return (plain, plain_file), (ordinary, ordinary_file), any(taken)


def _said(result: CliResult, file: Path) -> tuple[int, str, str]:
    return result.code, result.out, result.err.replace(str(file), "FIL")


@BOTH_DATABASES
def test_every_programme_and_date_gives_the_same_workbook_both_ways(
        demo_db: Database, db_url: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    slugs = [p.slug for p in programmes.list_programmes(demo_db.uow())]
    plain_ones = []
    for slug in slugs:
        for dated in DATES:
            (plain, a), (ordinary, b), taken = _both_ways(
                db_url, ["--programme", slug, *dated], tmp_path, monkeypatch)
            assert _said(plain, a) == _said(ordinary, b), (slug, dated)
            assert plain.code == 0, plain.err
            assert _members(a) == _members(b), (slug, dated)
            if taken:
                plain_ones.append(slug)
    # the learning network (with a priority session) plainly; the programmes with agreements
    # or a theme calendar the ordinary way
    assert set(plain_ones) == {"mindre-kommuner-2020"} and len(plain_ones) == len(DATES)
    assert len(slugs) == 3


def test_the_plain_workbook_carries_the_network_sheets(demo_db: Database, db_url: str,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (plain, a), _, taken = _both_ways(db_url, ["--programme", "mindre-kommuner-2020", "--date",
                                               "2023-06-01"], tmp_path, monkeypatch)
    assert plain.code == 0 and taken
    book = openpyxl.load_workbook(io.BytesIO(a.read_bytes()))
    filled = {ws.title for ws in book.worksheets if ws.max_row > 1}
    assert filled == {"Deltakere", "Samlinger", "Oppmøte", "Milepæler", "Planstatus",
                      "Evaluering", "Søknader", "Oppfølging", "Tilbakemeldinger",
                      "Suksessfaktorer", "Prioritering"}


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for argv in (["--programme", "finnes-ikke"], ["--programme", " "],
                 ["--programme", "mindre-kommuner-2020", "--date", "not-a-date"],
                 ["--programme", "finnes-ikke", "--date", "31.13.2020"]):
        (plain, a), (ordinary, b), _ = _both_ways(db_url, argv, tmp_path, monkeypatch)
        assert _said(plain, a) == _said(ordinary, b), argv
        assert plain.code == 2 and "feil i «" in plain.err, plain.err
        assert not a.exists() and not b.exists()


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for user, allowed in register_reader(demo_db, deactivated="reader"):
        monkeypatch.setenv("NETTVERK_USER", user)
        for dated in ([], ["--date", "ikke-en-dato"]):
            argv = ["--programme", "mindre-kommuner-2020", *dated]
            (plain, a), (ordinary, b), _ = _both_ways(db_url, argv, tmp_path, monkeypatch)
            assert _said(plain, a) == _said(ordinary, b), (user, argv)
            assert (plain.code == 0) is (allowed and not dated), (user, plain.err)
            if not allowed and not dated:
                assert "har ikke tilgang" in plain.err


@BOTH_DATABASES
def test_the_export_imports_no_sqlalchemy(demo_db: Database, db_url: str,
                                          tmp_path: Path) -> None:
    target = tmp_path / "plain.xlsx"
    modules, _ = imported_in_a_fresh_process(
        db_url, ["export", "xlsx", "--programme", "mindre-kommuner-2020", "-o", str(target)])
    assert not {m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}
    assert not modules & {"nettverk.domain.network", "nettverk.domain.register",
                          "nettverk.domain.evaluation", "nettverk.domain.base",
                          "nettverk.services.spreadsheets", "nettverk.services.register"}
    assert openpyxl.load_workbook(target).sheetnames[0] == "Deltakere"
