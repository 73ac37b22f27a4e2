"""A virtual table for large lists: formats only the rows on screen; sorts and filters in memory."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains
from typing import ClassVar, Literal, overload

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from nettverk.domain.folding import fold
from nettverk.tui.widgets.row_source import HasTag as HasTag
from nettverk.tui.widgets.row_source import LazyRows as LazyRows
from nettverk.tui.widgets.row_source import Row as Row
from nettverk.tui.widgets.row_source import Rows
from nettverk.tui.widgets.row_source import fold_cell as fold_cell


@dataclass(frozen=True)
class Column:
    """A column: heading, width (0: takes the room left over), alignment, narrowest width.

    Columns are as wide as their longest text (heading included); when the table is too narrow
    the widest give way first, never below `min`, and cut text ends with "…" (`cut="middle"`
    keeps both ends instead, for names that differ at the end: mindre-k…-2020, mindre-k…-2027).
    """

    label: str
    width: int = 0
    align: Literal["left", "right"] = "left"
    min: int = 4
    cut: Literal["end", "middle"] = "end"


def fit(text: str, width: int, cut: str = "end") -> str:
    """The text padded or cut to the width; cut text ends with "…" (or has it in the middle)."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if width <= 0:
        return ""
    if cut == "middle" and width >= 5 and len(text) == cell_len(text):
        head = width // 2
        return text[:head] + "…" + text[len(text) - (width - 1 - head):]
    return set_cell_size(text, width - 1) + "…"


class Shown(Sequence[Row]):
    """The rows that pass the filters, in display order: positions in the table's rows."""

    def __init__(self, rows: Rows, positions: Sequence[int]) -> None:
        self.rows = rows
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    def __iter__(self) -> Iterator[Row]:
        return map(self.rows.__getitem__, self.positions)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return list(map(self.rows.__getitem__, self.positions[index]))
        return self.rows[self.positions[index]]


class VirtualTable(ScrollView, can_focus=True):
    """A table that renders only the visible rows, so 100,000 rows scroll and filter at once."""

    DEFAULT_CSS = """
    VirtualTable { height: 1fr; background: $surface; overflow-x: hidden; }
    VirtualTable > .virtual-table--header { text-style: bold; background: $panel; color: $foreground; }
    VirtualTable > .virtual-table--cursor { background: $accent 40%; }
    VirtualTable:focus > .virtual-table--cursor { background: $accent; color: $text; }
    VirtualTable > .virtual-table--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header", "virtual-table--cursor", "virtual-table--empty",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Opp", show=False, id="table.up"),
        Binding("down", "cursor(1)", "Ned", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Side opp", show=False, id="table.pageup"),
        Binding("pagedown", "page(1)", "Side ned", show=False, id="table.pagedown"),
        Binding("home", "edge(0)", "Første", show=False, id="table.home"),
        Binding("end", "edge(1)", "Siste", show=False, id="table.end"),
        Binding("enter", "select", "Åpne", id="table.select"),
        Binding("ctrl+s", "cycle_sort", "Sorter", id="table.sort"),
    ]

    cursor_row: reactive[int] = reactive(0)

    class Highlighted(Message):
        """The cursor moved to a row."""

        def __init__(self, table: VirtualTable, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> VirtualTable:
            """The table the message came from."""
            return self.table

    class Selected(Highlighted):
        """A row was chosen (Enter or a click on the marked row)."""

    def __init__(self, columns: Sequence[Column], *, empty_text: str = "Ingen rader",
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self.empty_text = empty_text
        self._all: Rows = Rows()
        self._visible: Shown = Shown(self._all, [])
        self._filter = ""
        self._predicate: Callable[[Row], bool] | None = None
        self.sort_column: int | None = None
        self.sort_reverse = False
        # Positions in `_all` that pass the quick filter, in display order (None: to be made),
        # and the positions matching recent filter texts, keyed by their words (oldest first).
        self._base: Sequence[int] | None = None
        self._matches: dict[tuple[str, ...], Sequence[int]] = {}
        self._base_hays: list[str] | None = None  # the haystacks of `_base`, in its order
        # the last single word's result and its haystacks, in its order
        self._last_hays: tuple[Sequence[int], list[str]] = ([], [])
        self._content: list[int] = [0] * len(self.columns)  # the longest text of each column

    # --- data ---------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Row]:
        """The rows that pass the filters, in display order (made as they are read: for a
        long list, ask for the few needed, or use `position`)."""
        return self._visible

    @property
    def source(self) -> Rows:
        """Every row the table holds, filtered out or not, in the order they were given."""
        return self._all

    @property
    def total(self) -> int:
        """How many rows the table holds before filtering."""
        return len(self._all)

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        if 0 <= self.cursor_row < len(self._visible):
            return self._visible[self.cursor_row]
        return None

    def row(self, key: Hashable) -> Row | None:
        """The row with the key, filtered out or not (None: no such row); safe from a worker."""
        current = self.current  # most often asked for (the detail pane)
        if current is not None and current.key == key:
            return current
        rows = self._all
        at = rows.position(key)
        return None if at is None else rows[at]

    def position(self, key: Hashable) -> int | None:
        """Where the first row with the key is among the rows shown (None: not shown)."""
        at = self._all.position(key)
        if at is None:
            return None
        try:
            return self._visible.positions.index(at)
        except ValueError:
            return None

    def set_rows(self, rows: Sequence[Row], keep_key: Hashable | None = None) -> None:
        """Replace the rows, keeping filter and sort; the cursor stays on `keep_key` if present.
        `rows` may be `Rows` (`LazyRows`: made only as they are shown)."""
        keep = keep_key if keep_key is not None else (self.current.key if self.current else None)
        self._all = rows if isinstance(rows, Rows) else Rows(rows)
        self._content = self._all.widths(len(self.columns))
        self._widths_for = (-1, None, [])
        self._base = None
        self._apply(keep)

    def filter(self, text: str) -> None:
        """Keep only rows containing every word of the text (case and accents ignored)."""
        self._filter = fold(text.strip())
        self._apply(None)

    def set_predicate(self, predicate: Callable[[Row], bool] | None) -> None:
        """A quick filter applied together with the text filter."""
        self._predicate = predicate
        self._base = None
        self._apply(None)

    def sort_by(self, column: int, reverse: bool | None = None) -> None:
        """Sort by a column; sorting the same column again reverses it."""
        if reverse is None:
            reverse = not self.sort_reverse if self.sort_column == column else False
        self.sort_column, self.sort_reverse = column, reverse
        self._base = None
        self._apply(self.current.key if self.current else None)

    def move_to(self, key: Hashable) -> bool:
        """Put the cursor on the row with the key; False if it is filtered out or missing."""
        index = self.position(key)
        if index is None:
            return False
        self.cursor_row = index
        self._scroll_to_cursor()
        return True

    #: How many filter results are kept for Backspace and for narrowing further.
    MATCHES_KEPT: ClassVar[int] = 24

    def _make_base(self) -> Sequence[int]:
        """The positions passing the quick filter, sorted: what every text filter narrows."""
        rows = self._all
        order: Sequence[int] = range(len(rows))
        if self.sort_column is not None:
            values = rows.sort_keys(self.sort_column)
            order = sorted(order, key=values.__getitem__, reverse=self.sort_reverse)
        predicate = self._predicate
        if predicate is not None:
            passing = rows.passing(predicate)
            base: Sequence[int] = list(compress(order, map(passing.__getitem__, order)))
        else:
            base = order  # all rows unsorted: a range, not 100,000 numbers (each an object)
        self._base = base
        self._matches = {(): base}
        self._base_hays = None  # made for the first text filtered (`_hays_of_base`)
        self._last_hays = ([], [])
        return base

    def _hays_of_base(self) -> list[str]:
        """The haystacks in the base's order, for the first key's scan (all rows in their
        order: the source's own list, shared). A long list's are made once it shows
        (`ListArea.HAYSTACKS_AFTER`); a key typed before waits for them here."""
        found = self._base_hays
        if found is None:
            every = self._all.haystacks()
            base = self._matches[()]
            found = self._base_hays = (every if isinstance(base, range)
                                       else list(map(every.__getitem__, base)))
        return found

    def _matching(self, words: tuple[str, ...]) -> Sequence[int]:
        """The positions (in display order) of the rows containing every word.

        A row containing every word of the new text also contains every word of an earlier
        text whose words are each part of a new word, so typing on narrows the earlier result
        instead of all rows; Backspace finds the earlier text's result kept. The haystacks of
        the last result are kept in its order too, for the next letter's scan.
        """
        matches = self._matches
        found = matches.pop(words, None)
        if found is None:
            narrowest = matches[()]
            for earlier, positions in matches.items():
                if len(positions) < len(narrowest) and all(
                        any(part in word for word in words) for part in earlier):
                    narrowest = positions
            # the haystacks of `narrowest`, in its order (for all rows, and the last result,
            # kept ready)
            last_positions, last_hays = self._last_hays
            if narrowest is matches[()]:
                hays = self._hays_of_base()
            elif narrowest is last_positions:
                hays = last_hays
            else:
                hays = list(map(self._all.haystacks().__getitem__, narrowest))
            if len(words) == 1:  # the common case: a test per row without Python bytecode
                hits = list(map(contains, hays, repeat(words[0])))
                found = list(compress(narrowest, hits))
                self._last_hays = (found, list(compress(hays, hits)))
            else:
                found = [i for i, hay in zip(narrowest, hays, strict=True)
                         if all(w in hay for w in words)]
            while len(matches) >= self.MATCHES_KEPT:
                oldest = next(k for k in matches if k)
                del matches[oldest]
        matches[words] = found  # the newest last
        return found

    def _apply(self, keep: Hashable | None) -> None:
        if self._base is None:
            self._make_base()
        words = tuple(self._filter.split())
        visible = self._visible = Shown(self._all, self._matching(words))
        self._set_virtual_height(len(visible) + 1)
        index = 0
        if keep is not None:
            index = self.position(keep) or 0
        self.set_reactive(VirtualTable.cursor_row, min(index, max(len(visible) - 1, 0)))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    # --- rendering ----------------------------------------------------------------------

    _widths_for: tuple[int, list[Column] | None, list[int]] = (-1, None, [])

    def _widths(self, total: int) -> list[int]:
        """Fixed columns keep their width when there is room; otherwise all shrink fairly."""
        width, columns, widths = self._widths_for
        if width != total or columns is not self.columns:  # the same for every line
            widths = self._work_out_widths(total)
            self._widths_for = (total, self.columns, widths)
        return widths

    def _work_out_widths(self, total: int) -> list[int]:
        room = max(total - len(self.columns) - 1, 0)  # a space before each column and at the end
        want = [max(cell_len(c.label), content, c.min)
                for c, content in zip(self.columns, self._content, strict=False)]
        want += [max(cell_len(c.label), c.min) for c in self.columns[len(want):]]
        if sum(want) > room:
            # Too narrow: cap the widest columns at the same width until it fits.
            floors = [min(c.min, w) for c, w in zip(self.columns, want, strict=True)]
            low, high = 0, max(want)
            while low < high:
                cap = (low + high + 1) // 2
                if sum(max(min(w, cap), f) for w, f in zip(want, floors, strict=True)) <= room:
                    low = cap
                else:
                    high = cap - 1
            return [max(min(w, low), f) for w, f in zip(want, floors, strict=True)]
        # Room to spare: the flexible columns (width 0) share it.
        flexible = [i for i, c in enumerate(self.columns) if c.width == 0]
        spare = room - sum(want)
        for n, i in enumerate(flexible):
            want[i] += spare // len(flexible) + (1 if n < spare % len(flexible) else 0)
        return want

    def _line(self, cells: Sequence[str], width: int, style: Style,
              cell_styles: Sequence[str] = ()) -> Strip:
        segments = [Segment(" ", style)]
        used = 1
        for index, (column, text, size) in enumerate(
                zip(self.columns, cells, self._widths(width), strict=False)):
            if column.align == "right" and cell_len(text) < size:
                text = " " * (size - cell_len(text)) + text
            extra = cell_styles[index] if index < len(cell_styles) else ""
            cell_style = style + Style.parse(extra) if extra else style
            segments += [Segment(fit(text, size, column.cut), cell_style), Segment(" ", style)]
            used += size + 1
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments).crop(0, width)

    _paint_styles: tuple[Style, Style, Style, Style] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Repaint: the styles are worked out once for all the lines (not once per line)."""
        self._paint_styles = None
        return super().render_lines(crop)

    def _styles(self) -> tuple[Style, Style, Style, Style]:
        """The base, header, empty-text and cursor styles of this repaint."""
        if self._paint_styles is None:
            base = self.rich_style
            self._paint_styles = (
                base,
                base + self.get_component_rich_style("virtual-table--header"),
                base + self.get_component_rich_style("virtual-table--empty"),
                self.get_component_rich_style("virtual-table--cursor"),
            )
        return self._paint_styles

    def render_line(self, y: int) -> Strip:
        """Render the header or the one row at screen line y."""
        width = self.scrollable_content_region.width
        base, header, empty, cursor = self._styles()
        if y == 0:
            labels = [column.label for column in self.columns]
            if self.sort_column is not None and self.sort_column < len(labels):
                # the arrow stays visible: the heading is cut before it when the column is narrow
                size = self._widths(width)[self.sort_column]
                label = labels[self.sort_column]
                arrow = " ▼" if self.sort_reverse else " ▲"
                if cell_len(label) + 2 > size:
                    label = fit(label, max(size - 2, 0)).rstrip()
                labels[self.sort_column] = label + arrow
            return self._line(labels, width, header)
        index = round(self.scroll_offset.y) + y - 1
        if not self._visible:
            if y == 1:
                return Strip([Segment(set_cell_size(" " + self.empty_text, width), empty)], width)
            return Strip.blank(width, base)
        if index >= len(self._visible):
            return Strip.blank(width, base)
        row = self._visible[index]
        style = base + Style.parse(row.style) if row.style else base
        if index == self.cursor_row:
            style = style + cursor
        return self._line(row.cells, width, style, row.cell_styles)

    def _set_virtual_height(self, height: int) -> None:
        """A new number of rows without a layout pass over the whole screen (what setting
        `virtual_size` does): only the scrollbar changes. When the scrollbar appears or goes,
        `_scroll_update` still asks for the layout that needs."""
        size = Size(0, height)
        if size != self.virtual_size:
            self.set_reactive(VirtualTable.virtual_size, size)
            self._scroll_update(size)

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual size in step with the width."""
        self.virtual_size = Size(0, len(self._visible) + 1)

    # --- cursor and actions -------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Repaint the two rows that changed and report the highlight."""
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _scroll_to_cursor(self) -> None:
        page = max(self.size.height - 1, 1)
        top = round(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False)

    def action_cursor(self, step: int) -> None:
        """Move the cursor by rows."""
        if self._visible:
            self.cursor_row = max(0, min(len(self._visible) - 1, self.cursor_row + step))
            self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_edge(self, end: int) -> None:
        """Go to the first or the last row."""
        self.action_cursor(len(self._visible) if end else -len(self._visible))

    def action_select(self) -> None:
        """Report the chosen row."""
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def action_cycle_sort(self) -> None:
        """Sort by the next column (the same column again reverses)."""
        if self.sort_column is None:
            self.sort_by(0)
        elif not self.sort_reverse:
            self.sort_by(self.sort_column, reverse=True)
        else:
            self.sort_by((self.sort_column + 1) % len(self.columns), reverse=False)

    def on_click(self, event: events.Click) -> None:
        """A click on the header sorts; a click on a row moves the cursor (twice selects)."""
        if event.y == 0:
            x = event.x - 1
            for index, size in enumerate(self._widths(self.scrollable_content_region.width)):
                if x < size + 1:
                    self.sort_by(index)
                    return
                x -= size + 1
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self._visible):
            if index == self.cursor_row or event.chain > 1:
                self.action_select()
            self.cursor_row = index
