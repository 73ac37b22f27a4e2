"""xlsx export of the national network beside XlsxWriter writing the same cells directly in
constant-memory mode (the floor)."""

from __future__ import annotations

import importlib.util
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bench.dataset import Dataset, today
from bench.harness import Result, measure, skipped

RATIO_BUDGET = 1.3
PROGRAMME = "nasjonalt-laeringsnettverk"


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
    """Writer against the floor (same cells), plus the whole export with its queries."""
    if importlib.util.find_spec("nettverk.services.spreadsheets") is None:
        return [skipped("xlsx export", "not available yet: nettverk.services.spreadsheets")]
    from nettverk.exports.tabular import write_xlsx
    from nettverk.services import spreadsheets
    from nettverk.services.database import connect

    db = connect(dataset.url, "bench")
    n = max(3, repeat // 5)
    try:
        sheets = spreadsheets.programme_sheets(db.uow(), PROGRAMME, today())
        cells = sum(len(s.rows) * len(s.columns) for s in sheets)
        floor = measure(lambda: direct(sheets), n)
        ours = measure(lambda: write_xlsx(sheets), n)
        whole = measure(lambda: spreadsheets.export_xlsx(db.uow(), PROGRAMME, today()), max(2, n // 2),
                        warmup=0)
    finally:
        db.close()
    return [
        Result(name="xlsx writer vs XlsxWriter constant_memory", kind="ratio",
               budget=RATIO_BUDGET, samples=ours, baseline_name="xlsxwriter direct",
               baseline=floor, note=f"{PROGRAMME}: {len(sheets)} sheets, {cells} cells",
               extra={"cells": cells}),
        Result(name="xlsx export incl. queries", kind="info", samples=whole,
               note="spreadsheets.export_xlsx: queries + sheets + writer"),
    ]
