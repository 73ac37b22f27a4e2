"""Reading import files: CSV and xlsx tables, SSB's JSON-stat 2.0 and CSV downloads → plain rows.

Nothing here judges the values; it only finds them and remembers where they were (line numbers
as a spreadsheet program shows them, header = line 1), so bad rows can be reported precisely.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SourceError(Exception):
    """The file cannot be read as the expected kind of file (message in Norwegian)."""


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and its cells by (normalised) column name."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class PopulationFigure:
    """A population count for a region and year, as found in an SSB file."""

    line: int | None  # CSV line; None for JSON-stat (reported by region instead)
    region: str
    label: str
    year: str
    value: Any


def normalise(heading: str) -> str:
    """A column heading compared without case, spaces, punctuation or the BOM."""
    return re.sub(r"[^a-z0-9æøåáčđŋšŧž]", "", heading.lower().lstrip("\ufeff"))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError("filen er verken UTF-8 eller Windows-1252")  # pragma: no cover


def _csv_rows(content: str) -> list[list[str]]:
    sample = content[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if sample.count("\t") > max(sample.count(";"), sample.count(",")):
        delimiter = "\t"
    csv.field_size_limit(1_000_000)
    try:
        # newline="" lets the csv module see line breaks inside quoted fields (and a lone CR)
        return list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceError(f"kan ikke lese CSV-filen: {exc}") from None


def _xlsx_rows(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise SourceError(f"kan ikke lese regnearket: {type(exc).__name__}") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else _cell_text(v) for v in values])
        return rows
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(path: Path) -> list[Row]:
    """The rows of a CSV (comma, semicolon or tab) or xlsx file with a header row."""
    try:
        return _read_table(path)
    except (SourceError, OSError):
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise SourceError(f"filen har en uventet oppbygning ({type(exc).__name__})") from None


def _read_table(path: Path) -> list[Row]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        raw = _xlsx_rows(path)
    else:
        raw = _csv_rows(_decode(path.read_bytes()))
    lines = iter(enumerate(raw, start=1))
    header: list[str] | None = None
    for _, cells in lines:
        if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
            header = [normalise(c) for c in cells]
            break
    if header is None:
        raise SourceError("filen har ingen overskriftsrad")
    rows = []
    for line, cells in lines:
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        padded = list(cells) + [""] * (len(header) - len(cells))
        rows.append(Row(line, {h: padded[i].strip() for i, h in enumerate(header) if h}))
    return rows


# --- SSB table 07459 ---------------------------------------------------------------------------


MAX_CELLS = 5_000_000


def read_population(path: Path) -> list[PopulationFigure]:
    """Population figures from SSB table 07459: JSON-stat 2.0 (.json) or SSB's CSV download."""
    try:
        return _read_population(path)
    except (SourceError, OSError):
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        # a hostile or broken file must give a refusal, never a crash
        raise SourceError(f"filen har en uventet oppbygning ({type(exc).__name__})") from None


def _read_population(path: Path) -> list[PopulationFigure]:
    data = path.read_bytes()
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".json" or stripped.startswith(b"{"):
        try:
            document = json.loads(_decode(data))
        except json.JSONDecodeError as exc:
            raise SourceError(f"ugyldig JSON (linje {exc.lineno}): {exc.msg}") from None
        return list(_jsonstat(document))
    return list(_ssb_csv(_decode(data)))


def _jsonstat(document: Any) -> Iterator[PopulationFigure]:
    if isinstance(document, dict) and document.get("class") == "collection":
        raise SourceError("JSON-stat-samlinger støttes ikke; last ned ett datasett")
    if isinstance(document, dict) and "dataset" in document and "id" not in document:
        document = document["dataset"]  # JSON-stat 1.x style wrapper
    if not isinstance(document, dict) or not isinstance(document.get("id"), list):
        raise SourceError("ikke et JSON-stat 2.0-datasett (mangler «id» og «size»)")
    ids: list[str] = document["id"]
    sizes: list[int] = document.get("size", [])
    dims = document.get("dimension", {})
    if len(sizes) != len(ids) or any(d not in dims for d in ids):
        raise SourceError("JSON-stat: «id», «size» og «dimension» stemmer ikke overens")
    lowered = [d.lower() for d in ids]
    try:
        region_i = next(i for i, d in enumerate(lowered) if d in {"region", "kommune"})
        time_i = next(i for i, d in enumerate(lowered) if d in {"tid", "time", "år", "year"})
    except StopIteration:
        raise SourceError("JSON-stat: fant ikke dimensjonene «Region» og «Tid»") from None
    categories = []
    for d in ids:
        cat = dims[d].get("category", {})
        index = cat.get("index")
        if isinstance(index, dict):
            codes = sorted(index, key=lambda k: index[k])
        elif isinstance(index, list):
            codes = list(index)
        else:
            codes = list(cat.get("label", {}))
        categories.append((codes, cat.get("label", {})))
    values = document.get("value")
    if not all(isinstance(size, int) and size >= 0 for size in sizes):
        raise SourceError("JSON-stat: «size» må være hele tall")
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_CELLS:
        raise SourceError(f"JSON-stat: datasettet er for stort ({total} celler)")
    if isinstance(values, dict):
        lookup = {int(k): v for k, v in values.items()}
        flat = [lookup.get(i) for i in range(total)]
    elif isinstance(values, list) and len(values) == total:
        flat = values
    else:
        raise SourceError("JSON-stat: «value» har feil lengde")
    # Sum over every other dimension (sex, age, contents) for each region and year.
    found: dict[tuple[str, str], list[Any]] = {}
    strides = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    for flat_index, value in enumerate(flat):
        region = categories[region_i][0][(flat_index // strides[region_i]) % sizes[region_i]]
        year = categories[time_i][0][(flat_index // strides[time_i]) % sizes[time_i]]
        found.setdefault((region, year), []).append(value)
    sums: dict[tuple[str, str], Any] = {}
    for key, parts in found.items():
        present = [v for v in parts if v is not None]
        odd = [v for v in present if not isinstance(v, (int, float)) or isinstance(v, bool)]
        sums[key] = None if not present else (odd[0] if odd else sum(present))
    labels = categories[region_i][1]
    for (region, year), value in sums.items():
        yield PopulationFigure(None, region, str(labels.get(region, region)), year, value)


_REGION = re.compile(r"^\s*(?:K-)?(\d{4})\b\s*(.*)$")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _ssb_csv(content: str) -> Iterator[PopulationFigure]:
    rows = _csv_rows(content)
    start = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if start is None:
        raise SourceError("filen er tom")
    header = [normalise(c) for c in rows[start]]
    if not header or header[0] not in {"region", "kommune"}:
        raise SourceError("SSB-CSV: første kolonne må være «region»")
    year_col = next((i for i, h in enumerate(header) if h in {"år", "tid", "year"}), None)
    for offset, cells in enumerate(rows[start + 1:], start=start + 2):
        if not any(c.strip() for c in cells):
            continue
        m = _REGION.match(cells[0])
        region = m.group(1) if m else cells[0].strip()
        label = m.group(2).strip() if m else cells[0].strip()
        if year_col is not None:  # long format: region;statistikkvariabel;år;value
            value = cells[-1] if len(cells) > year_col + 1 else ""
            yield PopulationFigure(offset, region, label, cells[year_col].strip(), value.strip())
            continue
        for i, heading in enumerate(rows[start]):  # wide format: region;Personer 2023;…
            year = _YEAR.search(heading)
            if i and year and i < len(cells):
                yield PopulationFigure(offset, region, label, year.group(1), cells[i].strip())
