"""The whole `nettverk export xlsx` command of the national network (a subprocess: start,
queries, sheets, writing the file) against the floor: plain XlsxWriter writing the same cells
in memory, in this process, with the cells already at hand. The two run in turn round by
round, the garbage collector on."""

from __future__ import annotations

import importlib.util
import io
import os
import tempfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bench.dataset import Dataset, today
from bench.harness import PYTHON, Result, interleaved, run_process, skipped

RATIO_BUDGET = 1.1
PROGRAMME = "nasjonalt-laeringsnettverk"


def _nettverk() -> list[str]:
    script = os.path.join(os.path.dirname(PYTHON), "nettverk")
    return [script] if os.path.exists(script) else [PYTHON, "-m", "nettverk"]


def in_memory(sheets: list[Any]) -> bytes:
    """The floor: the same cells with plain XlsxWriter into memory (typed cells, a date
    format; no widths, no header style, no filter)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False,
                                            "strings_to_numbers": False})
    _cells(workbook, sheets)
    workbook.close()
    return buffer.getvalue()


def _cells(workbook: Any, sheets: list[Any]) -> None:
    day = workbook.add_format({"num_format": "dd.mm.yyyy"})
    for sheet in sheets:
        ws = workbook.add_worksheet(sheet.name[:31])
        ws.write_row(0, 0, [c.heading for c in sheet.columns])
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    ws.write_string(r, c, "ja" if value else "nei")
                elif isinstance(value, (int, float, Decimal)):
                    ws.write_number(r, c, float(value))
                elif isinstance(value, datetime):
                    ws.write_datetime(r, c, value.replace(tzinfo=None), day)
                elif isinstance(value, date):
                    ws.write_datetime(r, c, value, day)
                else:
                    ws.write_string(r, c, str(value))


def direct(sheets: list[Any]) -> bytes:
    """The same cells with plain XlsxWriter, constant_memory (rows written in order, no styling
    beyond number formats for dates and money)."""
    import tempfile

    import xlsxwriter

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
        workbook = xlsxwriter.Workbook(f.name, {"constant_memory": True,
                                                "strings_to_formulas": False,
                                                "strings_to_urls": False,
                                                "strings_to_numbers": False})
        day = workbook.add_format({"num_format": "dd.mm.yyyy"})
        for sheet in sheets:
            ws = workbook.add_worksheet(sheet.name[:31])
            ws.write_row(0, 0, [c.heading for c in sheet.columns])
            for r, row in enumerate(sheet.rows, start=1):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, bool):
                        ws.write_string(r, c, "ja" if value else "nei")
                    elif isinstance(value, (int, float, Decimal)):
                        ws.write_number(r, c, float(value))
                    elif isinstance(value, datetime):
                        ws.write_datetime(r, c, value.replace(tzinfo=None), day)
                    elif isinstance(value, date):
                        ws.write_datetime(r, c, value, day)
                    else:
                        ws.write_string(r, c, str(value))
        workbook.close()
        return io.FileIO(f.name).readall()


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """The whole command against the floors, interleaved; our writer alone as info."""
    if importlib.util.find_spec("nettverk.services.spreadsheets") is None:
        return [skipped("xlsx export", "not available yet: nettverk.services.spreadsheets")]
    from nettverk.exports.tabular import write_xlsx
    from nettverk.services import spreadsheets
    from nettverk.services.database import connect

    db = connect(dataset.url, "bench")
    try:
        sheets = spreadsheets.programme_sheets(db.uow(), PROGRAMME, today())
    finally:
        db.close()
    cells = sum(len(s.rows) * len(s.columns) for s in sheets)
    cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "nettverk.xlsx")
        argv = [*_nettverk(), "--db", dataset.url, "export", "xlsx", "--programme", PROGRAMME,
                "--date", today().isoformat(), "-o", out]

        def command() -> None:
            cpu.append(run_process(argv)[1])

        samples = interleaved({
            "floor in memory": lambda: in_memory(sheets),
            "floor constant_memory": lambda: direct(sheets),
            "command": command,
            "writer": lambda: write_xlsx(sheets),
        }, max(3, repeat // 5))
    cpu = cpu[1:]  # the warm-up round
    floors = {name: samples[name] for name in ("floor in memory", "floor constant_memory")}
    best = min(floors, key=lambda name: sorted(floors[name])[len(floors[name]) // 2])
    return [
        Result(name="xlsx floor: XlsxWriter in memory", kind="info",
               samples=samples["floor in memory"], note=f"{cells} cells, {len(sheets)} sheets"),
        Result(name="xlsx floor: XlsxWriter constant_memory", kind="info",
               samples=samples["floor constant_memory"]),
        Result(name="nettverk export xlsx (whole command)", kind="ratio", budget=RATIO_BUDGET,
               samples=samples["command"], baseline_name=f"xlsx floor ({best})",
               baseline=floors[best],
               note=f"subprocess: start, queries, sheets, file; against the faster floor "
                    f"({best}); CPU of the command {sorted(cpu)[len(cpu) // 2]:.2f} s"),
        Result(name="xlsx writer alone (exports.tabular)", kind="ratio",
               samples=samples["writer"], baseline_name=f"xlsx floor ({best})",
               baseline=floors[best], note="the same cells, in process"),
    ]
