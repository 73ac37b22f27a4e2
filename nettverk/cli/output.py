"""Printing results as a table, CSV or JSON (the contract's --format)."""

from __future__ import annotations

import csv
import enum
import io
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from nettverk.domain.norwegian import count

FORMATS = ("table", "csv", "json")
CSV_DIALECTS = ("excel", "rfc4180")
#: The value of `args.format` after parsing when `--csv-dialect rfc4180` was chosen.
CSV_RFC4180 = "csv-rfc4180"
OSLO = ZoneInfo("Europe/Oslo")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A value made only of digits, spaces and number punctuation (a phone number, "-5", "+47 900 00 012")
# cannot call a function or reach another cell, so it is written as typed.
_NUMBER_LIKE = re.compile(r"[+-]?[0-9][0-9 .,()/-]*")

Column = tuple[str, str]  # (key, Norwegian heading)
#: Per column key, the Norwegian word for each code value (status, kind …) a person reads.
ValueLabels = Mapping[str, Mapping[str, str]]


def add_format_option(parser: Any) -> None:
    """The contract's --format option, and which CSV the csv format writes."""
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="utdataformat (standard: table)")
    parser.add_argument("--csv-dialect", choices=CSV_DIALECTS, default="excel",
                        help="CSV for norsk Excel (excel: semikolon, BOM, desimalkomma, norske "
                        "overskrifter; standard) eller streng RFC 4180 for skript (komma, "
                        "JSON-nøklene som overskrifter)")


def resolve_format(args: Any) -> None:
    """Fold --csv-dialect into args.format, so every command's emit() call gets the dialect."""
    if getattr(args, "format", None) == "csv" and getattr(args, "csv_dialect", "excel") == "rfc4180":
        args.format = CSV_RFC4180


_AS_IS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}  # a record type's fields, or None
_UNSEEN = ("",)


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a record type (a dataclass or a NamedTuple), or None for any other."""
    if issubclass(kind, tuple):
        fields: tuple[str, ...] | None = getattr(kind, "_fields", None)
        return fields
    if hasattr(kind, "__dataclass_fields__"):  # (a dataclass exists: the module is loaded)
        import dataclasses

        return tuple(f.name for f in dataclasses.fields(kind))
    return None


def plain(value: Any) -> Any:
    """A JSON-ready copy: records (dataclasses, NamedTuples) to dicts, ISO dates, datetimes
    with offset, numbers."""
    kind = type(value)
    if kind in _AS_IS:  # most values: answered at once (a list of 1,000 rows has 20,000)
        return value
    names = _FIELD_NAMES.get(kind, _UNSEEN)
    if names is _UNSEEN:
        names = _FIELD_NAMES[kind] = _field_names(kind)
    as_is = _AS_IS  # (each field and item is looked at before calling: most are as they are)
    if names is not None:
        return {name: field if type(field := getattr(value, name)) in as_is else plain(field)
                for name in names}
    if isinstance(value, dict):
        return {str(k): v if type(v) in as_is else plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [v if type(v) in as_is else plain(v) for v in value]
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(OSLO).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def guard_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe.

    Phone numbers and other number-like text are left as typed: made only of digits, spaces
    and number punctuation, they cannot call a function or refer to another cell.
    """
    if (isinstance(value, str) and value.startswith(_FORMULA_START)
            and not _NUMBER_LIKE.fullmatch(value)):
        return "'" + value
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",") if value != int(value) else str(int(value))
    text = str(value)
    match = _ISO_DATETIME.fullmatch(text)
    if match:  # plain() gave Oslo time with its offset: a person reads the wall clock
        year, month, day, hour, minute = match.group(1, 2, 3, 4, 5)
        return f"{day}.{month}.{year} {hour}:{minute}"
    return text


def _one_line_breaks(value: str) -> str:
    # A lone CR inside a field would split the row in some readers: write every break as LF.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _csv_cell(value: Any) -> Any:
    """A cell of the strict RFC 4180 form (for scripts): JSON-like values, formulas guarded."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    value = guard_formula(value)
    return _one_line_breaks(value) if isinstance(value, str) else value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2})?([+-]\d{2}:\d{2}|Z)?")


def _excel_cell(value: Any) -> str:
    """A cell as Norwegian Excel reads it: ja/nei, decimal comma, dd.mm.yyyy, formulas guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, list):
        return "; ".join(_excel_cell(v) for v in value)
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value != int(value) else str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return f"{text[8:10]}.{text[5:7]}.{text[0:4]}"
    match = _ISO_DATETIME.fullmatch(text)
    if match:  # plain() already gave Oslo time: show the wall clock, as Excel has no zones
        year, month, day, hour, minute = match.group(1, 2, 3, 4, 5)
        return f"{day}.{month}.{year} {hour}:{minute}"
    return _one_line_breaks(guard_formula(text))


def _emit_csv(rows: Sequence[dict[str, Any]], columns: Sequence[Column], stream: Any,
              dialect: str) -> None:
    if dialect == CSV_RFC4180:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([key for key, _ in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(key)) for key, _ in columns])
        return
    # Norwegian Excel opens this into columns on a double-click: the BOM tells it UTF-8, the
    # semicolon is the list separator of a Norwegian Windows, CRLF its line ending.
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _, label in columns])
    for row in rows:
        writer.writerow([_excel_cell(row.get(key)) for key, _ in columns])


#: The answer of every `… delete` command.
DELETED_COLUMNS: list[Column] = [("kind", "Slettet"), ("id", "Id"), ("label", "Navn")]


def _labelled(row: dict[str, Any], labels: ValueLabels) -> dict[str, Any]:
    return {key: labels[key].get(value, value)
            if key in labels and isinstance(value, str) else value
            for key, value in row.items()}


def json_text(payload: Any, stream: Any) -> str:
    """The JSON text of the payload: indented for a person at a terminal; compact for a
    program reading a pipe or a file (the same value, written by json's C encoder: a list of
    1,000 gatherings took four times as long indented)."""
    try:
        terminal = bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        terminal = False
    return json.dumps(payload, ensure_ascii=False, indent=2 if terminal else None)


def emit(data: Any, fmt: str, columns: Sequence[Column] | None = None,
         out: io.TextIOBase | None = None, labels: ValueLabels | None = None) -> None:
    """Print one object or a list of objects in the chosen format.

    `labels` turns code values into Norwegian words in the forms people read (the table and
    the CSV for Norwegian Excel); JSON and the strict RFC 4180 CSV keep the codes for scripts.
    """
    stream = out or sys.stdout
    payload = plain(data)
    if labels and fmt in ("table", "csv"):
        payload = ([_labelled(r, labels) for r in payload] if isinstance(payload, list)
                   else _labelled(payload, labels))
    if fmt == "json":  # one write of the whole text: json.dump writes it piece by piece
        stream.write(json_text(payload, stream) + "\n")
        return
    rows: list[dict[str, Any]] = payload if isinstance(payload, list) else [payload]
    if columns is None:
        keys: list[str] = list(rows[0].keys()) if rows else []
        columns = [(k, k) for k in keys]
    if fmt in ("csv", CSV_RFC4180):
        _emit_csv(rows, columns, stream, fmt)
        return
    if not isinstance(payload, list):
        _emit_record(payload, columns, stream)
        return
    _emit_table(rows, columns, stream)


#: Headings of the fields a `show` prints beyond its list's columns (the JSON keys otherwise).
RECORD_HEADINGS = {
    "agenda": "Agenda", "cancelled_on": "Avlyst", "council_constituted_on":
    "Kommunestyret konstituert", "county": "Fylke", "county_contact": "Kontakt fylket",
    "county_contact_id": "Kontakt fylket (id)", "county_name": "Fylkesnavn",
    "deadline": "Frist", "deadline_state": "Fristsituasjon", "decision_reason": "Begrunnelse",
    "description": "Beskrivelse", "ended_on": "Opphørt", "events": "Historikk",
    "exempt_from_public": "Unntatt offentlighet",
    "gatherings_per_year_max": "Samlinger per år (høyst)",
    "gatherings_per_year_min": "Samlinger per år (minst)", "has_statistics": "Har statistikk",
    "held_on": "Bekreftet holdt", "kind": "Type", "kven_name": "Kvensk navn",
    "max_per_county": "Høyst per fylke", "max_population": "Innbyggergrense (under)",
    "min_per_county": "Minst per fylke", "municipality": "Kommunenr.",
    "municipality_contact": "Kontakt kommunen",
    "municipality_contact_id": "Kontakt kommunen (id)", "municipality_name": "Kommunenavn",
    "name": "Navn", "notes": "Merknad", "owner": "Eier", "partners": "Partnere",
    "personnel": "Personell", "physical_per_year": "Fysiske samlinger per år",
    "population_year": "Innbyggertall år", "programme": "Program",
    "progress_plan": "Framdriftsplan", "role": "Rolle", "round_id": "Utlysning (id)",
    "round_title": "Utlysning", "round_warnings": "Merknader til utlysningen",
    "sami_administrative_area": "Samisk forvaltningsområde", "sami_name": "Samisk navn",
    "samfunnsdel_year": "Samfunnsdel år", "stage": "Stadium", "stages": "Historikk",
    "status": "Status", "theme": "Tema", "title": "Tittel", "uid": "UID",
    "version": "Versjon", "video_url": "Videolenke", "warnings": "Advarsler",
}


def _readable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without the codes that have a Norwegian label beside them (`status` when
    `status_label` is there), each label under its code's place."""
    return {(key[:-len("_label")] if key.endswith("_label")
             and key[:-len("_label")] in record else key): value
            for key, value in record.items() if f"{key}_label" not in record}


def _record_cell(value: Any) -> str:
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        # a history: one entry after the other, each as its readable values
        return "; ".join(", ".join(_cell(v) for v in _readable(item).values() if v is not None)
                         if isinstance(item, dict) else _cell(item) for item in value)
    return _cell(value)


#: Codes whose Norwegian label has another name than `<code>_label`.
_LABEL_OF_CODE = {"deadline_state": "deadline_label"}


def _emit_record(record: dict[str, Any], columns: Sequence[Column], stream: Any) -> None:
    shown = {c for c, _ in columns}
    labels = dict(columns)
    # a code is left out when its label is printed (as a column, or under the code's heading)
    extra = {k: v for k, v in _readable(record).items()
             if k not in shown and f"{k}_label" not in shown
             and _LABEL_OF_CODE.get(k) not in record}
    keys = [k for k, _ in columns] + list(extra)
    values = {**extra, **{k: record.get(k) for k in shown}}
    headings = {k: labels.get(k) or RECORD_HEADINGS.get(k, k) for k in keys}
    width = max((len(h) for h in headings.values()), default=0)
    for key in keys:
        stream.write(f"{headings[key]:<{width}}  {_record_cell(values.get(key))}\n")


def _emit_table(rows: Iterable[dict[str, Any]], columns: Sequence[Column], stream: Any) -> None:
    rows = list(rows)
    if not rows:
        stream.write("(ingen)\n")
        return
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    headings = [label for _, label in columns]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headings)]
    stream.write("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip()
                 + "\n")
    stream.write("  ".join("─" * w for w in widths) + "\n")
    for r in cells:
        stream.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    stream.write(f"({count(len(cells), 'rader')})\n")


def sections(args: Any, data: Any,
             parts: list[tuple[str, Any, list[tuple[str, str]]]]) -> None:
    """Print a composite result: JSON as one object, otherwise one table per part."""
    if args.format == "json":
        emit(data, "json")
        return
    for i, (title, rows, columns) in enumerate(parts):
        if args.format == "table":
            print(("\n" if i else "") + title)
        emit(rows, args.format, columns)
