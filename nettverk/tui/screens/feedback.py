"""Tilbakemeldinger: each respondent's scores after a gathering, with the gathering's averages."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.domain.norwegian import number
from nettverk.domain.values import OSLO
from nettverk.forms import feedback as forms
from nettverk.forms.fields import show_date
from nettverk.services.database import Database
from nettverk.services.feedback_table import FeedbackTable
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.row_source import HasTag, LazyRows, folded_column, sort_value
from nettverk.tui.widgets.virtual_table import Column, Row

#: How many of the newest gatherings get their own quick filter.
GATHERING_FILTERS = 60


def _day(moment: datetime) -> str:
    return show_date(moment.astimezone(OSLO).date())


#: A date's text, made once for each date (a gathering's responses share it).
_date_text = lru_cache(maxsize=1 << 14)(show_date)


def _decimal(value: float) -> str:
    return number(value, 1)


def who(f: Any) -> str:
    """Municipality and respondent, as far as they are known."""
    parts = [p for p in (f.municipality_name, f.respondent) if p]
    return " · ".join(parts) or "anonym"


def feedback_row(f: Any, shared: dict[int, tuple[str, str, frozenset[str]]] | None = None
                 ) -> Row:
    """A response as a list row; `shared` keeps what its gathering's responses have in common
    (the date as text, the title in lower case, the tags), made once per gathering."""
    same = shared.get(f.gathering_id) if shared is not None else None
    if same is None:
        same = (_day(f.starts_at), f.gathering.lower(),
                frozenset({f"gathering:{f.gathering_id}", f"programme:{f.programme}"}))
        if shared is not None:
            shared[f.gathering_id] = same
    day, title, tags = same
    person = who(f)
    comment = f.comment or ""
    return Row(
        key=f.id,
        cells=(day, f.gathering, person, str(f.overall), str(f.usefulness),
               comment.replace("\n", " ")),
        sort=(f.starts_at, title, person.lower(), f.overall, f.usefulness, comment.lower()),
        tags=tags,
        search=f"{f.programme} {f.municipality or ''}",
        data=f,
    )


def feedback_rows(views: Iterable[Any]) -> list[Row]:
    """The responses as list rows, in their order."""
    shared: dict[int, tuple[str, str, frozenset[str]]] = {}
    return [feedback_row(f, shared) for f in views]


def _one_line(comment: str | None) -> str:
    return (comment or "").replace("\n", " ")


class FeedbackRows(LazyRows):
    """The feedback list's rows from the service's columns (`FeedbackTable`): a row (and its
    view) is made only when shown; the filter's texts, widths, sort values and tags come from
    the columns, each distinct value worked on once (a gathering's date, title and tags once for
    all its responses). The same as `feedback_row` of each view would give
    (tests/tui/test_feedback_rows.py)."""

    def __init__(self, table: FeedbackTable) -> None:
        super().__init__(len(table))
        self.table = table
        self._shared: dict[int, tuple[str, str, frozenset[str]]] = {}

    def make(self, index: int) -> Row:
        return feedback_row(self.table.view(index), self._shared)

    def _per_gathering(self, of: Callable[[str, datetime, str], Any]) -> list[Any]:
        """A value of each row's gathering (title, start, programme), worked out once each."""
        found = {gid: of(*g) for gid, g in self.table.gatherings.items()}
        return list(map(found.__getitem__, self.table.gathering_id))

    def _pairs(self, first: Sequence[Any], second: Sequence[Any],
               text: Callable[[Any, Any], str]) -> list[str]:
        """`text` of each row's pair of values, worked out once for each distinct pair."""
        pairs = list(zip(first, second, strict=True))
        found = {pair: text(*pair) for pair in set(pairs)}
        return list(map(found.__getitem__, pairs))

    def _who_text(self, mid: int, respondent: str | None) -> str:
        return " · ".join(p for p in (self.table.municipalities[mid][1], respondent)
                          if p) or "anonym"

    @cached_property
    def _who(self) -> list[str]:
        return self._pairs(self.table.municipality_id, self.table.respondent, self._who_text)

    def _search(self) -> list[str]:
        numbers = {mid: number or "" for mid, (number, _name) in
                   self.table.municipalities.items()}
        return self._pairs(self._per_gathering(lambda _title, _starts, slug: slug),
                           list(map(numbers.__getitem__, self.table.municipality_id)),
                           lambda slug, number: f"{slug} {number}")

    @cached_property
    def _cells(self) -> list[list[str]]:
        """Each column's texts (as `feedback_row`'s cells)."""
        t = self.table
        return [self._per_gathering(lambda _title, starts, _slug: _date_text(
                    starts.astimezone(OSLO).date())),
                self._per_gathering(lambda title, _starts, _slug: title), self._who,
                folded_texts(t.overall, str), folded_texts(t.usefulness, str),
                folded_texts(t.comment, _one_line)]

    def make_keys(self) -> list[Hashable]:
        return list(self.table.id)

    def make_haystacks(self) -> list[str]:
        columns = [folded_column(texts, str) for texts in [*self._cells, self._search()]]
        return list(map(" ".join, zip(*columns, strict=True)))

    def make_widths(self, columns: int) -> list[int]:
        """Each column's longest text, from the distinct values alone (the texts of every
        row, `_cells`, are made for the filter later: 378,000 rows at 10x)."""
        t = self.table
        listed = [t.gatherings[gid] for gid in set(t.gathering_id)]
        names = {mid: len(name or "") for mid, (_number, name) in t.municipalities.items()}
        who = 0
        for mid, respondent in set(zip(t.municipality_id, t.respondent, strict=True)):
            # `_who_text`'s length: the name and the respondent joined by " · ", or "anonym"
            name, other = names[mid], len(respondent or "")
            who = max(who, name + 3 + other if name and other else name or other or 6)
        widths = [len(_date_text(listed[0][1].astimezone(OSLO).date())) if listed else 0,
                  # (a date is written with as many characters whatever the day)
                  max((len(title) for title, _starts, _slug in listed), default=0), who,
                  max(map(len, map(str, set(t.overall))), default=0),
                  max(map(len, map(str, set(t.usefulness))), default=0),
                  max(map(len, map(_one_line, set(t.comment))), default=0)]
        return (widths + [0] * columns)[:columns]

    def sort_keys(self, column: int) -> list[tuple[int, Any]]:
        t = self.table
        if column == 0:
            values: list[Any] = self._per_gathering(lambda _title, starts, _slug: starts)
        elif column == 1:
            values = self._per_gathering(lambda title, _starts, _slug: title.lower())
        elif column == 2:
            values = folded_texts(self._who, str.lower)
        else:
            values = [t.overall, t.usefulness,
                      folded_texts(t.comment, lambda c: (c or "").lower())][column - 3]
        by_value = {value: sort_value(value) for value in set(values)}
        return list(map(by_value.__getitem__, values))

    def tags(self) -> Sequence[frozenset[str]]:
        return self._per_gathering_id(
            lambda gid, slug: frozenset({f"gathering:{gid}", f"programme:{slug}"}))

    def _per_gathering_id(self, of: Callable[[int, str], Any]) -> list[Any]:
        found = {gid: of(gid, g[2]) for gid, g in self.table.gatherings.items()}
        return list(map(found.__getitem__, self.table.gathering_id))

    def quick_filters(self) -> list[QuickFilter]:
        """One per programme, then one per gathering (newest first; see FeedbackArea)."""
        gatherings = self.table.gatherings
        listed = dict.fromkeys(self.table.gathering_id)
        programmes = sorted({gatherings[gid][2] for gid in listed})
        filters: list[QuickFilter] = [(f"Program: {p}", HasTag(f"programme:{p}"))
                                      for p in programmes]
        newest = sorted(listed, key=lambda gid: gatherings[gid][1], reverse=True)
        filters += [(f"{_day(gatherings[gid][1])} {gatherings[gid][0]}",
                     HasTag(f"gathering:{gid}")) for gid in newest[:GATHERING_FILTERS]]
        return filters


def folded_texts(values: Sequence[Any], text: Callable[[Any], Any]) -> list[Any]:
    """`text` of each value, worked out once for each distinct value."""
    found = {value: text(value) for value in set(values)}
    return list(map(found.__getitem__, values))


class FeedbackArea(ListArea):
    """Every response after the gatherings; quick filters per programme and per gathering."""

    TITLE = "Tilbakemeldinger"
    NOUN = "tilbakemeldinger"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Dato", 10, min=10), Column("Samling", 0, min=8),
        Column("Kommune / respondent", 0, min=8), Column("Hel", 3, "right", min=3),
        Column("Nytte", 5, "right", min=5), Column("Kommentar", 0, min=6),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny tilbakemelding", id="feedback.new"),
        Binding("ctrl+w", "make_workbook", "Lag skjema", id="feedback.workbook"),
        Binding("ctrl+u", "read_answers", "Les inn svar", id="feedback.answers"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny tilbakemelding", "Registrer en tilbakemelding etter en samling", "new"),
        ("Slett tilbakemelding", "Den markerte tilbakemeldingen (spør først)", "delete"),
        ("Lag skjema", "Arbeidsbok (xlsx) for tilbakemeldinger etter en samling (Ctrl+W)",
         "make_workbook"),
        ("Les inn svar", "Utfylte arbeidsbøker: vis hva som blir lagret, og lagre alt (Ctrl+U)",
         "read_answers"),
        ("Les inn fra Microsoft Forms", "Resultatfilen (xlsx) fra et Forms-skjema for en "
                                        "samling", "read_forms"),
    ]

    #: Rows shown at once when the list opens, while the whole list (38,000 rows) is read.
    FIRST_ROWS: ClassVar[int] = 300
    LARGE = True  # 38,000 responses at national scale

    def fetch_first(self, db: Database) -> list[Row]:
        """The first responses by gathering time (the list's own order), read with a LIMIT."""
        from nettverk.services.feedback import feedback_table

        return FeedbackRows(feedback_table(db.uow(), limit=self.FIRST_ROWS))

    def fetch(self, db: Database) -> Loaded:
        """The responses and the yearly averages."""
        from nettverk.services.feedback import feedback_table, year_averages

        rows = FeedbackRows(feedback_table(db.uow()))
        years = year_averages(rows.table)
        summary: RenderableType = Text("Ingen tilbakemeldinger ennå.", style="dim")
        if years:
            grid = Table("År", "Samlinger", "Svar", "Helhet", "Nytte", box=None,
                         title="Snitt per år", title_justify="left", title_style="bold")
            for y in years:
                grid.add_row(str(y.year), str(y.gatherings), str(y.responses),
                             _decimal(y.overall), _decimal(y.usefulness))
            summary = Group(grid, Text(""), Text("Velg en tilbakemelding for å se snittet for "
                                                 "samlingen.", style="dim"))
        return Loaded(rows, summary)

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """One per programme, then one per gathering (newest first): a long drop-down helps
        nobody, older gatherings are found by typing their title."""
        return rows.quick_filters() if isinstance(rows, FeedbackRows) else []

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The response in full, and the averages of its gathering."""
        from nettverk.services.feedback import averages, get_feedback

        f = get_feedback(db.uow(), cast(int, key))
        facts = fact_grid()
        facts.add_row("Kommune", f.municipality_name or "–")
        facts.add_row("Respondent", f.respondent or "–")
        facts.add_row("Helhetsinntrykk", f"{f.overall} av 5")
        facts.add_row("Nytte", f"{f.usefulness} av 5")
        facts.add_row("Kommentar", f.comment or "–")
        parts: list[RenderableType] = [
            Text(f"{_day(f.starts_at)} {f.gathering} ({f.programme})", style="bold")]
        mean = next(iter(averages(db.uow(), gathering_id=f.gathering_id).gatherings), None)
        if mean is not None:  # first, so that it shows under a narrow list too
            parts.append(Text(f"Snitt for samlingen: {mean.responses} svar · helhet "
                              f"{_decimal(mean.overall)} · nytte {_decimal(mean.usefulness)}"))
        parts += [facts, Text(""), Text("Enter: endre · Delete: slett", style="dim")]
        return Group(*parts)

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Register a response; the highlighted row's gathering is proposed."""
        current = self.table.current
        gathering = current.data.gathering_id if current else None
        self.app.push_screen(FormScreen(forms.new_feedback(gathering)),
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Correct the response (refused if someone else changed it meanwhile)."""
        self.app.push_screen(FormScreen(forms.edit_feedback(row.data)),
                             self._saved)

    def action_make_workbook(self) -> None:
        """A workbook for a gathering's feedback, one row per respondent."""
        from nettverk.tui.screens.workbook_actions import make_feedback_workbook

        current = self.table.current
        make_feedback_workbook(self, str(current.data.gathering_id) if current else "")

    def action_read_answers(self) -> None:
        """Read returned feedback workbooks (preview, then all)."""
        from nettverk.tui.screens.workbook_actions import read_feedback

        read_feedback(self)

    def action_read_forms(self) -> None:
        """Import a Microsoft Forms results export for a gathering."""
        from nettverk.tui.screens.workbook_actions import read_forms

        current = self.table.current
        read_forms(self, str(current.data.gathering_id) if current else "")

    def delete_question(self, row: Row) -> str | None:
        """Any response can be deleted (registered twice or on the wrong gathering, say)."""
        f = row.data
        return (f"Slette tilbakemeldingen fra {who(f)} om «{f.gathering}» "
                f"({_day(f.starts_at)})? Snittet for samlingen endres.")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the response (refused if someone changed it since the list was read)."""
        from nettverk.services.feedback import delete_feedback

        delete_feedback(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))

