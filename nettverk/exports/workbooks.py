"""Workbooks participants fill in themselves (xlsx out) and reading them back (xlsx in).

Every workbook carries a hidden identification sheet: what kind of form it is, which session
(by id and a fingerprint of the session, so a workbook from another database or another session
is recognised), the participant it was made for, and a random token that makes a second import
of the same workbook recognisable. The answer cells are unlocked, the rest of the sheet is
protected, and data validation allows only whole numbers 1–5 where a score goes.

Reading reuses the hardened import checks in `sources` (file kind and size, zip bomb, declared
dimensions ignored) and reads only the bounded block of cells the form has, so a hostile file
cannot make it use more than a little memory. A formula where an answer belongs is refused
(the caller reports it with its cell, beside every other problem).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from nettverk.exports.sources import SourceError, _check_zip, read_bytes

MARK = "nettverk-skjema"
FORMAT_VERSION = 1
ID_SHEET = "nettverk"
#: The most answer rows a form can have (factors of a priority session, feedback rows).
MAX_FORM_ROWS = 500
_ID_ROWS = 20


@dataclass(frozen=True)
class Identity:
    """What the hidden sheet says about a workbook."""

    kind: str  # capacity | priority | feedback
    session_id: int
    fingerprint: str
    token: str
    respondent: str  # the participant it was made for ("" for a shared feedback form)
    sheet: str  # the answer sheet's name
    first_row: int  # 1-based row of the first answer row
    rows: int  # how many answer rows


@dataclass(frozen=True)
class Cell:
    """A cell's value as read, with its address for messages (C5)."""

    address: str
    value: Any
    formula: bool = False


@dataclass(frozen=True)
class FormColumn:
    """One column of the answer table."""

    heading: str
    width: int
    kind: str = "text"  # text (locked label) | score (1–5 input) | input (free text input)


@dataclass(frozen=True)
class FormSpec:
    """Everything that goes into one workbook."""

    identity: Identity
    title: str
    info: Sequence[str]  # lines under the title (municipality, date, participant)
    instructions: Sequence[str]
    columns: Sequence[FormColumn]
    rows: Sequence[Sequence[str]]  # the locked label cells, row by row (may be empty strings)
    chart: bool = False  # the priority tool's importance × influence chart


def column_letter(index: int) -> str:
    """A (0-based) column's letter: 0 → A."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def first_answer_row(info_lines: int, instruction_lines: int) -> int:
    """The 1-based row of the first answer row (the header comes just above)."""
    return 5 + info_lines + instruction_lines


def build(spec: FormSpec) -> bytes:
    """The workbook as xlsx bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    ident = spec.identity
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    header = book.add_format({"bold": True, "bg_color": "#DDE5EE", "border": 1,
                              "text_wrap": True, "valign": "top"})
    label = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    score = book.add_format({"border": 1, "locked": False, "align": "center", "valign": "top",
                             "bg_color": "#FFF8DC", "num_format": "0"})
    free = book.add_format({"border": 1, "locked": False, "text_wrap": True, "valign": "top",
                            "bg_color": "#FFF8DC"})
    sheet = book.add_worksheet(ident.sheet)
    for i, col in enumerate(spec.columns):
        sheet.set_column(i, i, col.width)
    width = len(spec.columns) - 1
    sheet.write_string(0, 0, spec.title, title)
    row = 1
    for line in spec.info:
        sheet.write_string(row, 0, line, bold)
        row += 1
    row += 1
    for line in spec.instructions:
        sheet.merge_range(row, 0, row, width, line, wrap)
        sheet.set_row(row, 15 * max(1, len(line) // 90 + 1))
        row += 1
    row += 1
    head_row = row
    for i, col in enumerate(spec.columns):
        sheet.write_string(head_row, i, col.heading, header)
    sheet.set_row(head_row, 30)
    first = head_row + 1
    assert first + 1 == ident.first_row == first_answer_row(len(spec.info), len(spec.instructions))
    for r, labels in enumerate(spec.rows):
        for i, col in enumerate(spec.columns):
            text = labels[i] if i < len(labels) else ""
            if col.kind == "text":
                sheet.write_string(first + r, i, text, label)
            elif col.kind == "score":
                sheet.write_blank(first + r, i, None, score)
            else:
                sheet.write_blank(first + r, i, None, free)
        sheet.set_row(first + r, 30)
    last = first + max(len(spec.rows), 1) - 1
    for i, col in enumerate(spec.columns):
        if col.kind == "score":
            sheet.data_validation(first, i, last, i, {
                "validate": "integer", "criteria": "between", "minimum": 1, "maximum": 5,
                "input_title": col.heading[:32], "input_message": "Et helt tall fra 1 til 5",
                "error_title": "Bare 1–5",
                "error_message": "Skriv et helt tall fra 1 (svært dårlig/lite) til 5 "
                                 "(svært god/mye).",
            })
    sheet.freeze_panes(first, 0)
    sheet.set_paper(9)  # A4, landscape, one page wide: the form prints as it looks
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                       "format_columns": True, "format_rows": True})
    if spec.chart and spec.rows:
        _chart(book, sheet, ident.sheet, first, last, len(spec.columns) + 1)
    _identity_sheet(book, ident)
    book.close()
    return out.getvalue()


#: The most factors drawn in the chart (one series each, so each point carries its name).
MAX_CHART_POINTS = 100


def _chart(book: Any, sheet: Any, name: str, first: int, last: int, at_col: int) -> None:
    """Importance (x) × influence (y) scatter, one point per factor, labelled with its name.

    Each factor is its own series named by its cell, so the label is the series name: Excel
    and LibreOffice both draw that (LibreOffice ignores labels taken from other cells).
    """
    chart = book.add_chart({"type": "scatter"})
    for r in range(first, min(last, first + MAX_CHART_POINTS - 1) + 1):
        chart.add_series({
            "name": [name, r, 0],
            "categories": [name, r, 1, r, 1],
            "values": [name, r, 2, r, 2],
            "marker": {"type": "circle", "size": 8, "fill": {"color": "#1F4E79"},
                       "border": {"color": "#1F4E79"}},
            "data_labels": {"series_name": True, "value": False, "position": "right"},
        })
    chart.set_title({"name": "Viktighet × lokal påvirkning"})
    chart.set_x_axis({"name": "Viktighet (1–5)", "min": 0, "max": 6, "major_unit": 1,
                      "crossing": 3, "major_gridlines": {"visible": False}})
    chart.set_y_axis({"name": "Lokal påvirkning (1–5)", "min": 0, "max": 6, "major_unit": 1,
                      "crossing": 3, "major_gridlines": {"visible": False}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 560, "height": 440})
    sheet.insert_chart(first - 1, at_col, chart)


def _identity_sheet(book: Any, ident: Identity) -> None:
    sheet = book.add_worksheet(ID_SHEET)
    pairs: list[tuple[str, str | int]] = [
        ("versjon", FORMAT_VERSION), ("type", ident.kind), ("økt", ident.session_id),
        ("kontroll", ident.fingerprint), ("token", ident.token),
        ("deltaker", ident.respondent), ("ark", ident.sheet),
        ("første rad", ident.first_row), ("rader", ident.rows),
    ]
    sheet.write_string(0, 0, MARK)
    for i, (key, value) in enumerate(pairs, start=1):
        sheet.write_string(i, 0, key)
        if isinstance(value, int):
            sheet.write_number(i, 1, value)
        else:
            sheet.write_string(i, 1, value)
    sheet.protect()
    sheet.very_hidden()


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilledForm:
    """A returned workbook: its identity and its answer rows (cells by column)."""

    identity: Identity
    rows: list[list[Cell]]  # one list per answer row, one Cell per column read


def read_form(path: Path, columns: int) -> FilledForm:
    """The identity and the answer block (`columns` wide) of a returned workbook.

    Raises SourceError (in Norwegian) for a file that is not a workbook made by nettverk, a
    hostile or broken file, or a formula in a cell read.
    """
    import openpyxl

    read_bytes(path)  # file kind and size
    _check_zip(path)  # zip bombs
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:
        raise SourceError(f"kan ikke lese regnearket ({type(exc).__name__})") from None
    try:
        if ID_SHEET not in book.sheetnames:
            raise SourceError("er ikke et skjema laget av nettverk (mangler identifikasjonen)")
        ident = _identity(book[ID_SHEET])
        if ident.sheet not in book.sheetnames:
            raise SourceError(f"arket «{ident.sheet}» mangler")
        sheet = book[ident.sheet]
        sheet.reset_dimensions()  # the file's declared size is a claim, not its content
        rows: list[list[Cell]] = []
        for cells in sheet.iter_rows(min_row=ident.first_row,
                                     max_row=ident.first_row + ident.rows - 1,
                                     max_col=columns):
            r = ident.first_row + len(rows)
            # the address from the position: empty cells (and rows left out of the file) have
            # no coordinate of their own
            found = [_cell(c, f"{column_letter(i)}{r}") for i, c in enumerate(cells)]
            found += [Cell(f"{column_letter(i)}{r}", None) for i in range(len(found), columns)]
            rows.append(found)
        while len(rows) < ident.rows:  # trailing empty rows are not stored at all
            r = ident.first_row + len(rows)
            rows.append([Cell(f"{column_letter(i)}{r}", None) for i in range(columns)])
        return FilledForm(ident, rows)
    except SourceError:
        raise
    except Exception as exc:  # a broken sheet (ParseError, KeyError, …) is a refusal
        raise SourceError(f"kan ikke lese regnearket ({type(exc).__name__})") from None
    finally:
        book.close()


def _cell(cell: Any, address: str) -> Cell:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":  # refused by score_of and text_of's callers
        return Cell(address, str(value)[:40], formula=True)
    return Cell(address, value)


def formula_problem(cell: Cell) -> str:
    """The message for a formula where an answer belongs."""
    return f"inneholder en formel ({cell.value!r}); skriv inn verdien i stedet"


def _identity(sheet: Any) -> Identity:
    sheet.reset_dimensions()
    values: dict[str, Any] = {}
    mark = None
    for i, cells in enumerate(sheet.iter_rows(min_row=1, max_row=_ID_ROWS, max_col=2)):
        if any(getattr(c, "data_type", None) == "f" for c in cells):
            raise SourceError("identifikasjonen inneholder en formel; er ikke et skjema fra "
                              "nettverk")
        key = getattr(cells[0], "value", None) if cells else None
        if i == 0:
            mark = key
        elif isinstance(key, str) and len(cells) > 1:
            values[key] = cells[1].value
    if mark != MARK:
        raise SourceError("er ikke et skjema laget av nettverk (ukjent identifikasjon)")
    try:
        version = int(values["versjon"])
        ident = Identity(
            kind=str(values["type"]), session_id=int(values["økt"]),
            fingerprint=str(values["kontroll"]), token=str(values["token"]),
            respondent=str(values.get("deltaker") or ""), sheet=str(values["ark"]),
            first_row=int(values["første rad"]), rows=int(values["rader"]),
        )
    except (KeyError, TypeError, ValueError):
        raise SourceError("identifikasjonen er ufullstendig eller endret; er ikke et skjema "
                          "fra nettverk") from None
    if version != FORMAT_VERSION:
        raise SourceError(f"skjemaet har formatversjon {version}; denne versjonen av nettverk "
                          f"leser versjon {FORMAT_VERSION}")
    if not (1 <= ident.first_row <= 1000 and 0 <= ident.rows <= MAX_FORM_ROWS):
        raise SourceError("identifikasjonen er endret (ugyldig område)")
    if not (8 <= len(ident.token) <= 100):
        raise SourceError("identifikasjonen er endret (ugyldig token)")
    return ident


def score_of(cell: Cell) -> int | str | None:
    """A score cell's whole number, None when empty, or a message (without the place) why not.

    Excel and LibreOffice store numbers as floats (3.0) and a participant may type text ("3").
    """
    if cell.formula:
        return formula_problem(cell)
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return f"{value} er ikke 1-5"
    number: float
    if isinstance(value, (int, float)):
        number = value
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return f"«{str(value)[:40]}» er ikke et tall 1-5"
    if number != int(number):
        return f"{_shown(number)} er ikke et heltall 1-5"
    if not 1 <= number <= 5:
        return f"{_shown(number)} er ikke 1-5"
    return int(number)


def _shown(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number).replace(".", ",")


def text_of(cell: Cell) -> str | None:
    """A text cell's content, stripped; None when empty."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None
