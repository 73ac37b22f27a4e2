"""Milepæler: milestones and follow-up next actions, with add, edit and mark done."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType

from nettverk.forms import milestones as forms
from nettverk.forms.fields import show_date
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, QuickFilter, SubList
from nettverk.tui.widgets.row_source import HasTag, LazyRows, folded_column, sort_value
from nettverk.tui.widgets.virtual_table import Column, Row

if TYPE_CHECKING:
    from nettverk.services.milestone_table import MilestoneTable

STYLES = {"overdue": "bold red", "due_soon": "dark_orange", "done": "dim"}


def milestone_row(m: Any) -> Row:
    """A milestone as a list row (what repeats between rows is made once: `_shared`)."""
    due = _date_text(m.due)
    return Row(
        key=m.key, cells=(due, m.title, m.municipality_name or "", m.programme or "",
                          m.status_label),
        sort=(m.due, _lower(m.title), m.municipality_name, m.programme, m.status),
        style=STYLES.get(m.status, ""), tags=_tags(m.status, m.kind),
        search=m.responsible or "", data=m,
    )


# The texts many rows share, made once (a national list has 108,000 rows, 3,700 dates).
_date_text = lru_cache(maxsize=1 << 14)(show_date)
_lower = lru_cache(maxsize=1 << 14)(str.lower)


@lru_cache(maxsize=64)
def _tags(status: str, kind: str) -> frozenset[str]:
    return frozenset({status, kind})


def _text(value: str | None) -> str:
    return value or ""


class MilestoneRows(LazyRows):
    """The milestone list's rows from the service's columns (`MilestoneTable`): a row (and its
    view) is made only when shown; the filter's texts, widths, sort values and tags come from
    the columns, each distinct value (a few thousand in 100,000 rows) worked on once. The
    same as `milestone_row` of each view would give (tests/tui/test_milestone_rows.py)."""

    def __init__(self, table: MilestoneTable) -> None:
        super().__init__(len(table))
        self.table = table

    def make(self, index: int) -> Row:
        return milestone_row(self.table.view(index))

    def _cells(self) -> list[tuple[list[Any], Callable[[Any], str]]]:
        """The columns behind the cells (and the search text), with how a value shows."""
        t = self.table
        return [(t.due, _date_text), (t.title, _text), (t.municipality_name, _text),
                (t.programme, _text), (t.status_label, _text), (t.responsible, _text)]

    def make_keys(self) -> list[Hashable]:
        return list(self.table.keys)

    def make_haystacks(self) -> list[str]:
        return list(map(" ".join, zip(*(folded_column(values, text)
                                        for values, text in self._cells()), strict=True)))

    def make_widths(self, columns: int) -> list[int]:
        """From each column's distinct values, without making the columns worked out from
        others (`MilestoneTable.distinct`): a million rows show without them."""
        shown = [("due", _date_text), ("title", _text), ("municipality_name", _text),
                 ("programme", _text), ("status_label", _text)]
        widths = [max(map(len, map(text, self.table.distinct(field))), default=0)
                  for field, text in shown]
        return (widths + [0] * columns)[:columns]

    def position(self, key: Hashable) -> int | None:
        """Where the row with the key is: found in the id column (no list of every key is
        made; a million rows)."""
        kind, _, number = str(key).partition(":")
        if kind not in ("milestone", "follow_up") or not number.isdigit():
            return None
        return self.table.position(kind == "follow_up", int(number))

    def sort_keys(self, column: int) -> list[tuple[int, Any]]:
        t = self.table
        columns: list[list[Any]] = [t.due, t.title, t.municipality_name, t.programme, t.status]
        values = columns[column]
        by_value = {value: sort_value(_lower(value) if column == 1 else value)
                    for value in set(values)}
        return list(map(by_value.__getitem__, values))

    def tags(self) -> Sequence[frozenset[str]]:
        return list(map(_tags, self.table.status, self.table.kind))


class MilestonesArea(ListArea):
    """Every milestone and next action, by deadline."""

    TITLE = "Milepæler"
    NOUN = "milepæler"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Frist", 10, min=10), Column("Milepæl", 0), Column("Kommune", 24),
        Column("Program", 20, cut="middle"), Column("Status", 12),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Forfalt", HasTag("overdue")),
        ("Snart frist", HasTag("due_soon")),
        ("Kommende", HasTag("upcoming")),
        ("Utført", HasTag("done")),
        ("Neste tiltak (oppfølging)", HasTag("next_action")),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny milepæl", id="milestone.new"),
        Binding("ctrl+d", "done", "Utført", id="milestone.done"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [SubList("Oppfølging", "followups", "FollowUpsArea")]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny milepæl", "Legg til en milepæl", "new"),
        ("Merk milepæl utført", "Den markerte milepælen", "done"),
        ("Slett milepæl", "Den markerte milepælen (spør først)", "delete"),
    ]

    def fetch(self, db: Database) -> MilestoneRows:
        """All milestones (thousands are fine: only the visible rows are made and drawn)."""
        from nettverk.services.milestones import milestone_table

        today = self.app.today  # type: ignore[attr-defined]
        return MilestoneRows(milestone_table(db.uow(), today=today))

    LARGE = True  # 108,000 rows at national scale
    DETAIL_FROM_ROW = True  # the facts are in the row
    #: Rows shown at once when the list opens, while the whole list (100,000 rows) is read.
    FIRST_ROWS: ClassVar[int] = 300

    def fetch_first(self, db: Database) -> MilestoneRows:
        """The milestones due first (the list's own order), read with a LIMIT."""
        from nettverk.services.milestones import milestone_table

        today = self.app.today  # type: ignore[attr-defined]
        return MilestoneRows(milestone_table(db.uow(), today=today, limit=self.FIRST_ROWS))

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The milestone's facts (from the row; no query)."""
        row = self.table.row(key)
        if row is None:
            return ""
        m = row.data
        facts = fact_grid()
        facts.add_row("Milepæl", m.title)
        facts.add_row("Frist", show_date(m.due))
        facts.add_row("Status", m.status_label)
        if m.done_on:
            facts.add_row("Utført", show_date(m.done_on))
        facts.add_row("Kommune", m.municipality_name or "–")
        facts.add_row("Program", m.programme or "–")
        facts.add_row("Ansvarlig", m.responsible or "–")
        if m.kind == "next_action":
            facts.add_row("", "Neste tiltak i en oppfølging")
        return facts

    def action_new(self) -> None:
        """Add a milestone."""
        self.app.push_screen(FormScreen(forms.new_milestone(self.app.today)),  # type: ignore[attr-defined]
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Edit the milestone's title and deadline."""
        m = row.data
        if m.id is None:
            self.notify("Neste tiltak endres i oppfølgingen (F2 Oppfølging).", timeout=4)
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.edit_milestone(m, today)), self._saved)

    def action_done(self) -> None:
        """Mark the highlighted milestone done today."""
        row = self.table.current
        if row is not None and row.data.id is not None:
            self._mark_done(row.data.id)

    def _mark_done(self, milestone_id: int) -> None:
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.mark_milestone_done(milestone_id, today)),
                             self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Milestones can be deleted; next actions belong to their follow-up."""
        m = row.data
        if m.id is None:
            return None
        return f"Slette milepælen «{m.title}» (frist {show_date(m.due)})?"

    def delete_refusal(self, row: Row) -> str:
        """Next actions are changed in their follow-up."""
        return "Neste tiltak slettes ikke her: endre oppfølgingen (F2 Oppfølging)."

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the milestone (refused if someone changed it since the list was read)."""
        from nettverk.services.milestones import delete_milestone

        delete_milestone(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "key", None))
