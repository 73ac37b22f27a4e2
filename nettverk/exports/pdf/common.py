"""What every report shares: embedded fonts, styles, escaping of user text, pages, table of contents."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import CellStyle

OSLO = ZoneInfo("Europe/Oslo")
FONT_DIR = Path(__file__).with_name("fonts")
FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
MARGIN = 18 * mm
ACCENT = colors.HexColor("#1F4E79")
CELL_SIZE = 8
GRID = colors.HexColor("#B7C4D1")
STRIPE = colors.HexColor("#F2F5F8")
FOOTER_TEXT = colors.HexColor("#555555")
SPACE_SHRINK = 0.05  # how much a Paragraph lets a space shrink to fit a line (rl_config)

_registered = False


def register_fonts() -> None:
    """Register the DejaVu fonts shipped with the package (they cover Norwegian and Sámi letters;
    the built-in Helvetica draws č đ ŋ ŧ as black boxes)."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)
    # Faster, and smaller files: no ASCII85 text encoding of the compressed streams, and no
    # per-shape argument checking in the radar charts.
    rl_config.useA85 = 0
    rl_config.shapeChecking = 0
    _registered = True


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the reports (made once; never changed by their users)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=8, leading=10,
                                     spaceAfter=0, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10,
                               spaceAfter=0, textColor=colors.white),
        "head_right": ParagraphStyle("head_right", parent=body, fontName=FONT_BOLD, fontSize=8,
                                     leading=10, spaceAfter=0, textColor=colors.white,
                                     alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=18,
                                leading=22, spaceAfter=6, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14,
                                   spaceAfter=10, textColor=colors.HexColor("#444444")),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18,
                             spaceBefore=10, spaceAfter=6, textColor=ACCENT),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11, leading=14,
                             spaceBefore=8, spaceAfter=4, textColor=ACCENT),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=10, leading=14, leftIndent=0),
        "toc2": ParagraphStyle("toc2", parent=body, fontSize=9, leading=12, leftIndent=12),
    }


def text(value: Any) -> str:
    """User text made safe for Paragraph markup: escaped (<, >, &) with newlines as line breaks."""
    if value is None:
        return ""
    escaped = escape(str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return escaped.replace("\n", "<br/>")


def para(value: Any, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped)."""
    return Paragraph(text(value), style)


@cache
def _parsed(value: str, style: str) -> list[Any]:
    return list(Paragraph(text(value), styles()[style]).frags)


def label(value: str, style: str) -> Paragraph:
    """A paragraph of fixed text, such as a section heading, named by its style: the text is
    parsed once and the result shared (the evaluation report has five headings per
    participant; layout never changes a paragraph's fragments)."""
    return Paragraph(text(value), styles()[style], frags=list(_parsed(value, style)))


def day(value: date | datetime | None) -> str:
    """A date as Norwegians write it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(OSLO).date() if value.tzinfo else value.date()
    return value.strftime("%d.%m.%Y")


def moment(value: datetime | None) -> str:
    """A point in time in Norwegian local time."""
    if value is None:
        return ""
    local = value.astimezone(OSLO) if value.tzinfo else value
    return local.strftime("%d.%m.%Y kl. %H:%M")


def short_moment(value: datetime) -> str:
    """A point in time, compactly: 12.02.2020 10:00 (Norwegian local time)."""
    local = value.astimezone(OSLO) if value.tzinfo else value
    return local.strftime("%d.%m.%Y %H:%M")


def number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """A number with Norwegian separators (space for thousands, comma for decimals)."""
    if value is None:
        return "–"
    formatted = f"{float(value):,.{decimals}f}"
    return formatted.replace(",", "\u00a0").replace(".", ",")


def kroner(value: int | float | Decimal | None) -> str:
    """An amount in NOK."""
    return "–" if value is None else f"kr {number(value, 2)}"


def percent(value: float | Decimal | None) -> str:
    """A percentage."""
    return "–" if value is None else f"{number(value, 1)} %"


def _fits(value: str, font: str, room: float) -> bool:
    """Whether each line of `value` fits unbroken in `room` points at the cell size (a line
    break the text itself has is kept; an empty line is left to a Paragraph)."""
    if not value:
        return True
    if "\r" in value:
        return False
    return all(line and (len(line) * CELL_SIZE <= room  # no glyph is wider than 1 em
                         or pdfmetrics.stringWidth(line, font, CELL_SIZE) <= room)
               for line in value.split("\n"))


def _wrapped(value: str, font: str, room: float) -> str | None:
    """`value` broken into lines of `room` points at the cell size, as a Paragraph breaks it
    (greedy, at spaces, runs of spaces as one), ready to be drawn as a plain string; None when
    the text needs a Paragraph: a word wider than the room, a line that fits only with its
    spaces shrunk, an empty line, white space other than spaces and line breaks."""
    if any(ch.isspace() and ch not in " \n" for ch in value):
        return None
    space = pdfmetrics.stringWidth(" ", font, CELL_SIZE)
    lines: list[str] = []
    for given in value.split("\n"):
        words = given.split()
        if not words:
            return None
        line: list[str] = []
        width = -space
        for word in words:
            wide = pdfmetrics.stringWidth(word, font, CELL_SIZE)
            if wide > room:
                return None
            if line and width + space + wide > room:
                if width + space + wide <= room + SPACE_SHRINK * space * len(line):
                    return None  # a Paragraph would squeeze it in by shrinking the spaces
                lines.append(" ".join(line))
                line, width = [], -space
            line.append(word)
            width += space + wide
        lines.append(" ".join(line))
    return "\n".join(lines)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
          right: Sequence[int] = ()) -> Table:
    """A striped table; columns in `right` right-aligned.

    A cell is user text: text whose lines fit is drawn as a plain string, line by line (never
    read as markup, and several times faster than a Paragraph); longer text becomes an escaped,
    wrapping Paragraph. The same goes for the header, whose plain strings get the bold white style.
    """
    st = styles()
    room = [w - 6 for w in widths]
    data: list[list[Any]] = [[h if _fits(h, FONT_BOLD, room[i]) else
                              Paragraph(text(h), st["head_right" if i in right else "head"])
                              for i, h in enumerate(header)]]
    for row in rows:
        cells: list[Any] = []
        for i, cell in enumerate(row):
            if isinstance(cell, Flowable):
                cells.append(cell)
                continue
            value = "" if cell is None else str(cell)
            if _fits(value, FONT, room[i]):
                cells.append(value)
            elif (lines := _wrapped(value, FONT, room[i])) is not None:
                cells.append(lines)
            else:
                cells.append(Paragraph(text(value), st["cell_right" if i in right else "cell"]))
        data.append(cells)
    if not rows:
        data.append(["(ingen)"] + [""] * (len(header) - 1))
    head, left, right_aligned, head_right = _cell_styles()
    styles_by_column = [right_aligned if i in right else left for i in range(len(header))]
    # a header sits over its values: right-aligned over right-aligned numbers
    head_by_column = [head_right if i in right else head for i in range(len(header))]
    t = StripedTable(data, colWidths=list(widths), repeatRows=1,
                     normalizedData=1,  # already str or Paragraph, never None
                     rowHeights=[_row_height(cells) for cells in data],
                     cellStyles=[head_by_column]
                     + [list(styles_by_column) for _ in range(len(data) - 1)])
    t.setStyle(_TABLE_LINES)
    return t


def _row_height(cells: Sequence[Any]) -> float | None:
    """A row's height when all its cells are plain strings (as Table would compute it, which it
    then need not do on every wrap); None for a row with a Paragraph, for Table to measure."""
    lines = 1
    for cell in cells:
        if not isinstance(cell, str):
            return None
        lines = max(lines, cell.count("\n") + 1)
    return lines * (CELL_SIZE + 2) + 2 + 2  # leading, top and bottom padding of _cell_styles


@cache
def _cell_styles() -> tuple[CellStyle, CellStyle, CellStyle, CellStyle]:
    """The cell styles of the striped tables: header, body, right-aligned body and header.

    Shared by every cell instead of being set cell by cell through TableStyle commands (which
    Table applies to each cell of each table: a fifth of the evaluation report's layout time).
    Nothing changes them after they are made: the tables get only line and background commands.
    """
    register_fonts()
    body = CellStyle("body")
    body.fontname, body.fontsize, body.leading = FONT, CELL_SIZE, CELL_SIZE + 2
    body.valign = "TOP"
    body.topPadding = body.bottomPadding = 2
    body.leftPadding = body.rightPadding = 3
    head = CellStyle("head", body)
    head.fontname, head.color = FONT_BOLD, colors.white  # headers stay left-aligned
    right = CellStyle("right", body)
    right.alignment = "RIGHT"
    head_right = copy.copy(head)  # CellStyle(name, parent) does not copy the parent's values
    head_right.name, head_right.alignment = "head_right", "RIGHT"
    return head, body, right, head_right


_TABLE_LINES = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, STRIPE]),  # white rows: the page itself
])


class StripedTable(Table):  # type: ignore[misc]
    """A Table that writes all its plain-string cells in one PDF text object.

    Table draws each string cell with its own text object (`drawString`); the evaluation report
    has some 30,000 of them. Here they are collected while the table draws and written once
    after its backgrounds, lines and Paragraph cells; an empty cell writes nothing. Every cell
    style of these tables is top-aligned.
    """

    _text: PDFTextObject | None = None
    _text_style: CellStyle | None = None

    def draw(self) -> None:
        self._text, self._text_style = None, None
        super().draw()
        if self._text is not None:
            self.canv.drawText(self._text)
            self._text = None

    def _drawCell(self, cellval: Any, cellstyle: CellStyle, pos: Any, size: Any) -> None:
        if not isinstance(cellval, str):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if not cellval:
            return
        out = self._text
        if out is None:
            out = self._text = self.canv.beginText()
        before = self._text_style
        if before is not cellstyle:
            if before is None or before.color != cellstyle.color:
                out.setFillColor(cellstyle.color)
            if before is None or (before.fontname, before.fontsize, before.leading) != (
                    cellstyle.fontname, cellstyle.fontsize, cellstyle.leading):
                out.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._text_style = cellstyle
        (left, bottom), (width, height) = pos, size
        y = bottom + height - cellstyle.topPadding - cellstyle.fontsize
        for line in cellval.split("\n"):
            if cellstyle.alignment == "RIGHT":
                x = (left + width - cellstyle.rightPadding
                     - pdfmetrics.stringWidth(line, cellstyle.fontname, cellstyle.fontsize))
            else:
                x = left + cellstyle.leftPadding
            out.setTextOrigin(x, y)
            out.textLine(line)
            y -= cellstyle.leading


class Heading(Paragraph):  # type: ignore[misc]
    """A heading listed in the table of contents; `key` names its page-number form."""

    def __init__(self, value: str, style: ParagraphStyle, level: int, key: str | None = None) -> None:
        super().__init__(text(value), style)
        self.toc_level = level
        self.toc_key = key


class Contents(Flowable):  # type: ignore[misc]
    """A table of contents laid out in the one and only pass.

    The headings are known before the layout, their pages are not: each page number is drawn
    as a PDF form (XObject) that the document defines when the heading lands on its page.
    """

    def __init__(self, entries: Sequence[tuple[int, str, str]]) -> None:
        super().__init__()
        self.entries = list(entries)  # (level, heading, key)

    @staticmethod
    def _height(level: int) -> float:
        return 15.0 if level == 0 else 12.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, sum(self._height(level) for level, _, _ in self.entries)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        used, fits = 0.0, 0
        for level, _, _ in self.entries:
            if used + self._height(level) > available_height:
                break
            used += self._height(level)
            fits += 1
        if fits == 0 or fits == len(self.entries):
            return [] if fits == 0 else [self]
        return [Contents(self.entries[:fits]), Contents(self.entries[fits:])]

    def draw(self) -> None:
        canvas = self.canv
        y = sum(self._height(level) for level, _, _ in self.entries)
        for level, heading, key in self.entries:
            y -= self._height(level)
            font, size, indent = (FONT_BOLD, 10, 0.0) if level == 0 else (FONT, 9, 12.0)
            label = heading
            room = self.width - indent - 40
            while label and pdfmetrics.stringWidth(label, font, size) > room:
                label = label[:-2] + "…"
            canvas.setFont(font, size)
            canvas.setFillColor(colors.black)
            canvas.drawString(indent, y + 3, label)  # plain text, never read as markup
            start = indent + pdfmetrics.stringWidth(label, font, size) + 4
            canvas.setFont(FONT, size)
            canvas.setFillColor(colors.HexColor("#999999"))
            dots = "." * max(int((self.width - 34 - start) / pdfmetrics.stringWidth(". ", FONT, size)), 0)
            canvas.drawString(start, y + 3, " ".join(dots))
            canvas.saveState()
            canvas.translate(self.width, y + 3)
            canvas.doForm(key)
            canvas.restoreState()
            # the whole line is a link to the section (relative: in this flowable's space)
            canvas.linkRect("", key, (indent, y, self.width, y + self._height(level)),
                            relative=1, thickness=0)


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 pages with a footer on every page: report name, date made, data date, page N of M."""

    def __init__(self, buffer: io.BytesIO, title: str, made: datetime, data_date: date,
                 subject: str, author: str | None = None) -> None:
        register_fonts()
        # lang: screen readers and hyphenation read Norwegian; displayDocTitle: the viewer's
        # title bar shows the report's title, not a file name; the author is the county body
        # that owns the programme (the program's name only when none is registered)
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm, title=title,
                         author=author or "nettverk", subject=subject, creator="nettverk",
                         lang="nb-NO", displayDocTitle=1)
        self.report_title = title
        self.made = made
        self.data_date = data_date
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.toc_key:
            canvas = self.canv
            canvas.bookmarkPage(flowable.toc_key)
            # a bookmark in the viewer's side panel for every section
            canvas.addOutlineEntry(flowable.getPlainText(), flowable.toc_key,
                                   level=flowable.toc_level, closed=flowable.toc_level > 0)
            canvas.beginForm(flowable.toc_key, lowerx=-60, lowery=-3, upperx=0, uppery=12)
            canvas.setFont(FONT, 9)
            canvas.drawRightString(0, 0, str(self.page))
            canvas.endForm()


def numbered_canvas(doc: ReportDocument) -> type[Canvas]:
    """A canvas that writes the footer once the page count is known (Side N av M)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
            # The pages are written only in save(), in order, so the document's page counter
            # still says 1 while the story is laid out: name the page this bookmark will be on.
            document = self._doc
            counter, document.pageCounter = document.pageCounter, self._pageNumber
            try:
                return super().bookmarkPage(key, *args, **kwargs)
            finally:
                document.pageCounter = counter

        def save(self) -> None:
            self.showOutline()  # open the viewer's bookmark panel
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = A4
            y = MARGIN - 2 * mm
            if not self.hasForm("footer"):  # the same on every page: drawn once, as a form
                self.beginForm("footer", lowerx=0, lowery=0, upperx=width, uppery=2 * MARGIN)
                self.setStrokeColor(GRID)
                self.setLineWidth(0.5)
                self.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
                self.setFont(FONT, 7.5)
                self.setFillColor(FOOTER_TEXT)
                self.drawString(MARGIN, y, doc.report_title[:90])
                self.drawString(MARGIN, y - 3.5 * mm,
                                f"Laget {moment(doc.made)} · Data per {day(doc.data_date)}")
                self.endForm()
            self.doForm("footer")
            self.setFont(FONT, 7.5)
            self.setFillColor(FOOTER_TEXT)
            self.drawRightString(width - MARGIN, y, f"Side {self._pageNumber} av {total}")

    return NumberedCanvas


def build(doc: ReportDocument, story: list[Flowable]) -> bytes:
    """Lay out the story in one pass (the contents fills in its page numbers as forms)."""
    doc.build(story, canvasmaker=numbered_canvas(doc))
    buffer = doc.filename
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()
