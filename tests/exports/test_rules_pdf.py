"""Issue 15 in the evaluation report: the individual scores' spread beside the consensus."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nettverk.services import capacity, reports
from nettverk.services.database import Database
from tests.exports.conftest import Network

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext mangler")

NOW = datetime(2022, 1, 10, 12, 0, tzinfo=UTC)


def _text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_evaluation_report_shows_the_spread_beside_the_consensus(
        rich: Network, db: Database, tmp_path: Path) -> None:
    [session] = [a for a in capacity.list_assessments(db.uow())
                 if a.municipality == "1853" and a.held_on == date(2021, 11, 1)]
    capacity.add_participant(db.uow(), session.id, "Ola", scores={"leadership": 3})
    capacity.add_participant(db.uow(), session.id, "Kari", scores={"leadership": 5})
    whole = _text(reports.export_evaluation(db.uow(), rich.programme, 2021, now=NOW), tmp_path)
    assert "Individuelle (min–maks)" in whole
    assert "Utviklingsledelse 2 4 3–5" in whole
    # the other components were agreed with no individual scores behind them
    assert "Utviklingskompetanse 2 3 ingen individuelle" in whole


def test_evaluation_report_has_the_ten_point_model(rich: Network, db: Database,
                                                   tmp_path: Path) -> None:
    from nettverk.services import ten_point

    ten_point.set_step(db.uow(), "1853", "1", "done", on=date(2021, 3, 1), notes="Vedtatt mål",
                       today=date(2022, 1, 1))
    ten_point.set_step(db.uow(), "1853", "6", "in_progress", on=date(2021, 9, 1),
                       today=date(2022, 1, 1))
    ten_point.set_step(db.uow(), "1853", "8", "in_progress", on=date(2021, 12, 30),
                       today=date(2022, 1, 1))
    whole = _text(reports.export_evaluation(db.uow(), rich.programme, 2021, now=NOW), tmp_path)
    assert "10-punktsmodellen" in whole
    assert "1 Målanalyse ferdig 01.03.2021 Vedtatt mål" in whole
    assert "6 Forankring pågår 01.09.2021" in whole
    assert "Ingen steg registrert." in whole     # 5041 has recorded none
