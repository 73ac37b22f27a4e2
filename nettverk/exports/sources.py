"""Reading import files: CSV and xlsx tables, SSB's JSON-stat 2.0 and CSV downloads → plain rows.

Nothing here judges the values; it only finds them and remembers where they were (line numbers
as a spreadsheet program shows them, header = line 1), so bad rows can be reported precisely.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import stat
import zipfile
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


# Limits that keep any import file, however hostile, within bounded memory and time.
MAX_FILE_BYTES = 20 * 1024 * 1024  # an import file on disk (CSV, JSON or xlsx)
MAX_XLSX_UNPACKED = 100 * 1024 * 1024  # everything inside an xlsx file, unpacked
MAX_XLSX_RATIO = 100  # how much one part of an xlsx may inflate (ordinary sheets: 5–20)
MAX_ROWS = 100_000  # rows of a table (CSV or xlsx), empty ones included
MAX_COLUMNS = 100  # columns read from an xlsx sheet


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused before reading when it is not a regular file or is too big."""
    try:
        info = path.stat()
    except ValueError:  # a NUL in the name (os.stat refuses it): no file can be called that
        raise SourceError("filnavnet inneholder et nulltegn, som ingen fil kan ha") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("er ikke en vanlig fil (en enhet, et rør eller lignende kan ikke "
                          "importeres)")
    if info.st_size > MAX_FILE_BYTES:
        raise SourceError(f"filen er for stor ({info.st_size // (1024 * 1024)} MB; høyst "
                          f"{MAX_FILE_BYTES // (1024 * 1024)} MB)")
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        raise SourceError(f"filen er for stor (høyst {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    return data


def check_encoding(encoding: str | None) -> str | None:
    """A text encoding Python knows (e.g. cp1252, latin-1, utf-16), or None for UTF-8."""
    if encoding is None or not encoding.strip():
        return None
    try:
        return codecs.lookup(encoding.strip()).name
    except LookupError:
        raise SourceError(f"ukjent tegnsett {encoding!r} (f.eks. utf-8 eller cp1252)") from None


def _decode(data: bytes, encoding: str | None = None) -> str:
    """The text of the file: strict UTF-8 (with or without BOM) unless an encoding is given.

    Nothing is guessed: a stray byte that is not UTF-8 is refused with its place in the file,
    instead of reading the whole file in another encoding and turning Sámi letters into
    mojibake (Evenášši → EvenÃ¡Å¡Å¡i).
    """
    codec = check_encoding(encoding) or "utf-8-sig"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start:exc.end].hex(" ").upper()
        if encoding is None:
            raise SourceError(
                f"er ikke gyldig UTF-8 (linje {line}, tegn {column}, byte {exc.start}: 0x{bad}); "
                "lagre filen som UTF-8, eller oppgi tegnsettet, f.eks. --encoding cp1252") \
                from None
        raise SourceError(f"kan ikke leses som {codec} (linje {line}, tegn {column}, "
                          f"byte {exc.start}: 0x{bad})") from None


def _csv_rows(content: str) -> list[list[str]]:
    sample = content[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if sample.count("\t") > max(sample.count(";"), sample.count(",")):
        delimiter = "\t"
    csv.field_size_limit(1_000_000)
    rows: list[list[str]] = []
    # newline="" lets the csv module see line breaks inside quoted fields (and a lone CR);
    # strict mode refuses a quote left open at the end of the file.
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    try:
        for cells in reader:
            if any("\n" in c or "\r" in c for c in cells):
                # No column of these tables holds a line break: a quote that was never closed
                # has swallowed the next row(s).
                raise SourceError(
                    f"linje {reader.line_num}: et felt går over flere linjer – et anførselstegn "
                    "(\") mangler sin avslutning")
            rows.append(cells)
            if len(rows) > MAX_ROWS:
                raise SourceError(f"filen har for mange rader (høyst {MAX_ROWS})")
    except csv.Error as exc:
        raise SourceError(f"kan ikke lese CSV-filen (linje {reader.line_num}): {exc}; "
                          "et anførselstegn (\") mangler trolig sin avslutning") from None
    return rows


def _check_zip(path: Path) -> None:
    """Refuse an xlsx file that would inflate to far more than its size (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise SourceError("er ikke et gyldig xlsx-regneark (ikke en zip-fil)") from None
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNPACKED:
        raise SourceError(f"regnearket pakker seg ut til {total // (1024 * 1024)} MB (høyst "
                          f"{MAX_XLSX_UNPACKED // (1024 * 1024)} MB); er det en zip-bombe?")
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1):
            raise SourceError(f"delen {m.filename!r} i regnearket pakker seg ut "
                              f"{m.file_size // max(m.compress_size, 1)} ganger (høyst "
                              f"{MAX_XLSX_RATIO}); er det en zip-bombe?")


def _xlsx_rows(path: Path) -> list[list[str]]:
    import openpyxl

    read_bytes(path)  # the file-size and file-kind checks
    _check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:
        raise SourceError(f"kan ikke lese regnearket ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        # The declared dimension (<dimension ref="A1:XFD1048576"/>) is the file's claim, not its
        # content: ignore it, so a tiny file cannot make every row 16,384 cells wide.
        sheet.reset_dimensions()
        rows: list[list[str]] = []
        for cells in sheet.iter_rows(max_col=MAX_COLUMNS):
            if len(rows) >= MAX_ROWS:
                raise SourceError(f"regnearket har for mange rader (høyst {MAX_ROWS})")
            row = []
            for cell in cells:
                if getattr(cell, "data_type", None) == "f":
                    raise SourceError(
                        f"linje {len(rows) + 1}: cellen {cell.coordinate} inneholder en formel "
                        f"({str(cell.value)[:40]!r}); lagre regnearket med verdier i stedet for "
                        "formler (eller som CSV)")
                value = getattr(cell, "value", None)
                row.append("" if value is None else _cell_text(value))
            rows.append(row)
        return rows
    except SourceError:
        raise
    except Exception as exc:  # a broken sheet (ParseError, KeyError, …) is a refusal
        raise SourceError(f"kan ikke lese regnearket ({type(exc).__name__})") from None
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(path: Path, encoding: str | None = None) -> list[Row]:
    """The rows of a CSV (comma, semicolon or tab) or xlsx file with a header row."""
    try:
        return _read_table(path, encoding)
    except (SourceError, OSError):
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise SourceError(f"filen har en uventet oppbygning ({type(exc).__name__})") from None


def _read_table(path: Path, encoding: str | None) -> list[Row]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        raw = _xlsx_rows(path)
    else:
        raw = _csv_rows(_decode(read_bytes(path), encoding))
    lines = iter(enumerate(raw, start=1))
    header: list[str] | None = None
    for _, cells in lines:
        if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
            header = [normalise(c) for c in cells]
            break
    if header is None:
        raise SourceError("filen har ingen overskriftsrad")
    _check_unique_headings(header)
    rows = []
    for line, cells in lines:
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        padded = list(cells) + [""] * (len(header) - len(cells))
        rows.append(Row(line, {h: padded[i].strip() for i, h in enumerate(header) if h}))
    return rows


def _check_unique_headings(header: list[str]) -> None:
    seen: set[str] = set()
    for heading in header:
        if heading and heading in seen:
            raise SourceError(f"kolonnen «{heading}» står mer enn én gang i overskriften; "
                              "fjern den ene, så det er klart hvilken som gjelder")
        seen.add(heading)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is refused instead of the last one silently winning."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise SourceError(f"JSON-nøkkelen {key!r} står to ganger i samme objekt")
        result[key] = value
    return result


# --- SSB table 07459 ---------------------------------------------------------------------------


MAX_CELLS = 5_000_000


def read_population(path: Path, encoding: str | None = None) -> list[PopulationFigure]:
    """Population figures from SSB table 07459: JSON-stat 2.0 (.json) or SSB's CSV download."""
    try:
        return _read_population(path, encoding)
    except (SourceError, OSError):
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        # a hostile or broken file must give a refusal, never a crash
        raise SourceError(f"filen har en uventet oppbygning ({type(exc).__name__})") from None


def _read_population(path: Path, encoding: str | None) -> list[PopulationFigure]:
    data = read_bytes(path)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".json" or stripped.startswith(b"{"):
        try:
            document = json.loads(_decode(data, encoding), object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as exc:
            raise SourceError(f"ugyldig JSON (linje {exc.lineno}): {exc.msg}") from None
        return list(_jsonstat(document))
    return list(_ssb_csv(_decode(data, encoding)))


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
    _check_unique_headings(header)
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
