"""An area built around a list: filter line, quick filters, virtual table and a detail pane."""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.table import Table
from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Select, Static
from textual.worker import Worker, WorkerState

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count
from nettverk.tui.messages import Deleted, DetailLoaded, RowsLoaded, ServiceFailed
from nettverk.tui.widgets.area import FORM_KEYS, Area, SubList
from nettverk.tui.widgets.list_parts import FilterInput, Loaded, QuickFilter, long_lived, release_free_memory
from nettverk.tui.widgets.row_source import Rows
from nettverk.tui.widgets.virtual_table import Column, Row, VirtualTable

__all__ = ["FORM_KEYS", "Area", "FilterInput", "ListArea", "Loaded", "QuickFilter", "SubList",
           "long_lived"]

if TYPE_CHECKING:  # SQLAlchemy is imported after the first frame, when the database opens
    from nettverk.services.database import Database

class ListArea(Area):
    """A list of records with type-to-filter, sortable columns, quick filters and details."""

    COLUMNS: ClassVar[list[Column]] = []
    #: A list of national size (100,000 rows): its rows are kept out of the cycle collector's
    #: way (`long_lived`).
    LARGE: ClassVar[bool] = False
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = []
    NOUN: ClassVar[str] = "rader"
    _quick: list[QuickFilter] = []  # replaced, never mutated
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filtrer", id="list.filter"),
        Binding("f5", "reload", "Oppdater", show=False, id="list.reload"),
        Binding("delete", "delete", "Slett", id="list.delete"),
        Binding("ctrl+y", "history", "Historikk", show=False, id="list.history"),
        Binding("enter", "open_current", "Åpne", priority=True, id="list.open"),
    ]

    def action_history(self) -> None:
        """Open the highlighted record's history from the audit log."""
        row = self.table.current
        if row is not None:
            from nettverk.tui.screens.history import HistoryScreen

            kind = type(row.data).__name__ if row.data is not None else ""
            self.app.push_screen(HistoryScreen(kind, row.key, " · ".join(row.cells[:2])))


    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Delete only where rows can be deleted."""
        if action == "delete":
            return type(self).delete_row is not ListArea.delete_row
        return True

    def compose(self) -> ComposeResult:
        """Filter line and quick filter above the table and the detail pane."""
        with Horizontal(classes="toolbar"):
            yield FilterInput(placeholder="Filtrer: skriv for å snevre inn …", id="filter",
                              classes="filter", select_on_focus=False,
                              on_text=self._filter_changed)
            yield Select([], prompt="Alle", id="quick", classes="quick")
        with Horizontal(classes="body"):
            yield VirtualTable(self.COLUMNS, empty_text="Laster …", id="table")
            with VerticalScroll(classes="detail", id="detail-scroll"):
                yield Static("", id="detail")
        yield Static("", id="status", classes="status")

    def on_mount(self) -> None:
        """Quick filters appear once the rows say which there are."""
        self.query_one("#quick", Select).display = False

    @property
    def table(self) -> VirtualTable:
        """The list."""
        return self.query_one("#table", VirtualTable)

    # --- loading ------------------------------------------------------------------------

    summary: RenderableType = ""
    partial = False  # showing the first rows while the whole list is read (`fetch_first`)
    _pending_action = ""
    _loading_keep: Hashable | None = None  # the record the load in flight puts the cursor on
    #: Counts the reads started: a read's rows land only if no later read has started (a thread
    #: cannot be stopped, and an earlier read can finish after a later one, with older rows).
    _reads = 0

    def fetch(self, db: Database) -> Sequence[Row] | Loaded:
        """The rows, optionally with a summary (runs in a worker thread)."""
        raise NotImplementedError

    def fetch_first(self, db: Database) -> Sequence[Row] | None:
        """The list's first rows, read quickly, for a long list (100,000 rows) to show while
        the whole list is read (runs in a worker thread); None: the area reads all at once."""
        return None

    def take_extra(self, extra: object) -> None:
        """Keep what `fetch` loaded besides the rows (choices for forms, say)."""

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """The quick filters offered for these rows (default: the class's list)."""
        return list(self.QUICK_FILTERS)

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The detail of one row (runs in a worker thread)."""
        return ""

    def reload(self, keep: Hashable | None = None) -> None:
        """Read the rows again, keeping the cursor on `keep` when given."""
        self.stale = False  # what is read now includes every change so far
        if keep is None:  # a reload in flight meant to land on a record (a new one) still does
            keep = self._loading_keep
        self._loading_keep = keep
        self._reads += 1
        # The first rows first only when the list is empty (a reload keeps the rows it has).
        self._load(keep, self._reads, first=not self.table.total)

    def _back_from_list(self, _result: object | None = None) -> None:
        """Back from a further list: read the rows again only if a commit (there, or in
        another process) may have changed them meanwhile (`stale`; a commit heard later reads
        them then, as the list is on screen). Reading 100,000 unchanged rows again would keep
        the user waiting and leave the old rows' memory behind."""
        if self.stale or not self.loaded:
            self.loaded = True
            current = self.table.current
            self.reload(keep=current.key if current else None)

    def show_key(self, key: Hashable) -> None:
        """Put the cursor on the row with the key (loading first when needed)."""
        table = self.table
        table.filter("")
        self.query_one("#filter", Input).value = ""
        if not table.move_to(key):
            self.loaded = True
            self.reload(keep=key)

    def after_load(self, action: str) -> None:
        """Run an action once the rows have arrived (palette commands on a fresh area)."""
        self._pending_action = action

    def action_reload(self) -> None:
        """Read the rows again."""
        self.reload()

    #: A long list's filter texts are made this many seconds after its rows are handed over
    #: (in the same worker): the list is drawn first, without the worker competing for the
    #: interpreter. A key typed before they are made waits for them (`Rows.haystacks`).
    HAYSTACKS_AFTER: ClassVar[float] = 0.1

    @work(thread=True, exclusive=True, exit_on_error=False, group="list-load")
    def _load(self, keep: Hashable | None, read: int, first: bool = False) -> None:
        try:
            rows = self.fetch_first(self.db) if first else None
            if rows is not None:
                self.post_message(RowsLoaded(self._prepared(rows), keep, partial=True,
                                              read=read))
            with long_lived(self.LARGE):
                result = self.fetch(self.db)
                if isinstance(result, Loaded):
                    result = result._replace(rows=self._prepared(result.rows))
                else:
                    result = self._prepared(result)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
            return
        if not self.LARGE:  # a large list did already (`long_lived`)
            release_free_memory()  # what earlier lists (a closed one, say) let go
        if isinstance(result, Loaded):
            self.post_message(RowsLoaded(result.rows, keep, result.summary, result.extra,
                                         read=read))
            result = result.rows
        else:
            self.post_message(RowsLoaded(result, keep, read=read))
        if not result.has_haystacks:
            time.sleep(self.HAYSTACKS_AFTER)
            if read == self._reads:  # (a later read's rows replace these)
                result.haystacks()

    def _prepared(self, rows: Sequence[Row]) -> Rows:
        """The rows with the column widths worked out, and a short list's filter texts (here,
        in the worker, not in the event loop; a long list's follow, `HAYSTACKS_AFTER`)."""
        prepared = rows if isinstance(rows, Rows) else Rows(rows)
        prepared.prepare(len(self.COLUMNS), haystacks=not self.LARGE)
        return prepared

    @on(RowsLoaded)
    def _rows_loaded(self, message: RowsLoaded) -> None:
        message.stop()
        if message.read != self._reads:
            return  # a later read is under way, with every change this one may have missed
        self.partial = message.partial
        if message.keep == self._loading_keep and not message.partial:
            self._loading_keep = None
        table = self.table
        table.empty_text = "Laster …" if message.partial else "Ingen treff"
        self.summary = message.summary
        self._detail_key = None  # the rows are new: read the highlighted row's detail again
        self._detail_generation += 1
        if message.extra is not None:
            self.take_extra(message.extra)
        table.set_rows(message.rows, keep_key=message.keep)
        self._set_quick_filters(self.quick_filters(message.rows))
        if self._pending_action and not message.partial:
            action, self._pending_action = self._pending_action, ""
            self.call_later(self.run_action, action)
        self._update_status()

    @on(ServiceFailed)
    def _service_failed(self, message: ServiceFailed) -> None:
        message.stop()
        self._loading_keep = None
        if self.partial:  # the whole list could not be read: the first rows are what there is
            self.partial = False
            self._update_status()
            self._start_detail()
        self.notify(message.message, title="Feil", severity="error", timeout=8)

    @on(VirtualTable.Highlighted)
    def _highlighted(self, message: VirtualTable.Highlighted) -> None:
        if isinstance(message, VirtualTable.Selected):
            return
        message.stop()
        self._update_status()
        if message.row is None:
            self._detail_key = None
            self._typed = False
            self._detail_lines = None
            self.query_one("#detail", Static).update(self.summary)
        else:
            self._want_detail(message.row.key)

    @on(VirtualTable.Selected)
    def _selected(self, message: VirtualTable.Selected) -> None:
        message.stop()
        if message.row is not None:
            self.open_row(message.row)

    def open_row(self, row: Row) -> None:
        """What Enter on a row does (default: nothing more than the detail pane)."""

    def action_open_current(self) -> None:
        """Enter in the table opens the row before the next key is delivered, so what is typed
        at once goes to the form it opens (not to the list's filter)."""
        row = self.table.current
        if self.screen.focused is not self.table or row is None:
            raise SkipAction()  # Enter elsewhere (the filter line …) does what it does there
        self.open_row(row)

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """The confirmation question for deleting the row, or None when it cannot be deleted
        (then `delete_refusal` says why)."""
        return f"Slette «{row.cells[0]}»?"

    def delete_refusal(self, row: Row) -> str:
        """Why the row cannot be deleted (when `delete_question` returns None)."""
        return "Denne raden kan ikke slettes."

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the row's record (runs in a worker); areas that allow deleting override it."""
        raise NotImplementedError

    def action_delete(self) -> None:
        """Ask, then delete the highlighted row."""
        row = self.table.current
        if row is None or type(self).delete_row is ListArea.delete_row:
            return
        question = self.delete_question(row)
        if question is None:
            self.notify(self.delete_refusal(row), title="Kan ikke slettes", severity="warning",
                        timeout=6)
            return
        from nettverk.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(row)

        self.app.push_screen(ConfirmScreen(question, yes="Slett"), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="list-delete")
    def _delete(self, row: Row) -> None:
        try:
            self.delete_row(self.db, row)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(Deleted(row.key))

    @on(Deleted)
    def _deleted(self, message: Deleted) -> None:
        message.stop()
        self.notify("Slettet.", timeout=3)
        rows = self.table.rows
        index = self.table.position(message.key)
        neighbour = None
        if index is not None and len(rows) > 1:
            neighbour = rows[index + 1 if index + 1 < len(rows) else index - 1].key
        self.reload(keep=neighbour)

    # --- the detail pane ----------------------------------------------------------------
    # One detail worker at a time: while it runs, the cursor may move over many rows (a held
    # arrow key, type-to-filter); only the row it stops on is read next.

    _detail_key: Hashable | None = None  # the row whose detail the pane should show
    _detail_generation = 0  # raised when the rows are read again: details read before are stale
    _detail_running: tuple[Hashable, int] | None = None  # (row, generation) being read

    #: While the filter is typed (or keys move the cursor in quick succession), the detail
    #: pane waits for a pause this long (seconds): each key's result is drawn at once, the
    #: highlighted row's detail once the keys pause.
    DETAIL_PAUSE: ClassVar[float] = 0.15
    _typed = False  # the highlight moved because the filter text changed
    _detail_timer: Timer | None = None

    @property
    def detail_pending(self) -> bool:
        """A detail waits for typing to pause or is being read."""
        return self._detail_timer is not None or self._detail_running is not None

    _last_highlight = 0.0  # when the highlight last moved (time.monotonic)

    def _want_detail(self, key: Hashable) -> None:
        typed, self._typed = self._typed, False
        now = time.monotonic()
        # typing, or keys in quick succession (a held arrow, Page Down after Page Down)
        hurried = typed or now - self._last_highlight < self.DETAIL_PAUSE
        self._last_highlight = now
        if key == self._detail_key:
            return
        self._detail_key = key
        if hurried:
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._detail_timer = self.set_timer(self.DETAIL_PAUSE, self._typing_paused)
        elif self._detail_timer is None:
            self._start_detail()

    def _typing_paused(self) -> None:
        self._detail_timer = None
        self._start_detail()

    #: The detail is made from the row alone (no query): made here, without a worker thread.
    DETAIL_FROM_ROW: ClassVar[bool] = False

    def _start_detail(self) -> None:
        # Not while a long list's first rows stand in for it: the detail read would compete
        # with the whole list's, and the whole list's arrival asks for the detail again.
        if self._detail_running is None and self._detail_key is not None and not self.partial:
            self._detail_running = (self._detail_key, self._detail_generation)
            if self.DETAIL_FROM_ROW:
                self.post_message(DetailLoaded(self._detail_key,
                                               self.fetch_detail(self.db, self._detail_key)))
            else:
                self._load_detail(self._detail_key)

    def _detail_done(self) -> None:
        running, self._detail_running = self._detail_running, None
        if running != (self._detail_key, self._detail_generation):
            self._start_detail()  # the cursor moved on, or the rows changed, meanwhile

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed detail worker frees the pane for the next row; errors are shown."""
        if event.worker.group == "list-detail" and event.state in (WorkerState.ERROR,
                                                                  WorkerState.CANCELLED):
            failed, self._detail_running = self._detail_running, None
            if failed is not None and failed[0] != self._detail_key:
                self._start_detail()
        super().on_worker_state_changed(event)

    # Not exclusive: the next row's worker may start while the last one is still returning
    # (its message handled first), and cancelling that one would gain nothing.
    @work(thread=True, exit_on_error=False, group="list-detail")
    def _load_detail(self, key: Hashable) -> None:
        try:
            content = self.fetch_detail(self.db, key)
        except DomainError as exc:
            content = exc.message
        self.post_message(DetailLoaded(key, content))

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        message.stop()
        current = self.table.current
        if (current is not None and current.key == message.key
                and self._detail_running == (message.key, self._detail_generation)):
            self._show_detail(message.content)
        self._detail_done()

    _detail_lines: int | None = None  # how many lines the detail pane's content has

    def _show_detail(self, content: RenderableType) -> None:
        """Put the content in the detail pane; the screen is laid out again only when the
        content's height changes (a row's facts are most often as many lines as the last)."""
        detail = self.query_one("#detail", Static)
        lines = None
        if isinstance(content, Table) and detail.size.width:
            console = self.app.console
            lines = len(console.render_lines(
                content, console.options.update_width(detail.size.width), pad=False))
        same = lines is not None and lines == self._detail_lines
        self._detail_lines = lines
        detail.update(content, layout=not same)

    def _update_status(self) -> None:
        table = self.table
        shown, total = len(table.rows), table.total
        position = f"{table.cursor_row + 1}/{shown}" if shown else "0"
        text = f"{position} · {shown} av {count(total, self.NOUN)}" if shown != total else \
            f"{position} · {count(total, self.NOUN)}"
        note = "leser resten …" if self.partial else self.status_note()
        # One line high whatever it says: no layout pass for every key.
        self.query_one("#status", Static).update(f"{text} · {note}" if note else text,
                                                 layout=False)

    def status_note(self) -> str:
        """More for the status line after the counts (default: nothing)."""
        return ""

    # --- filtering ----------------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        """The filter line's text changed (`FilterInput.on_text`: in the key's own turn)."""
        self._typed = True  # the highlight this causes waits for a pause in typing
        self.table.filter(text)
        self._update_status()

    @on(Input.Changed, "#filter")
    def _filter_message(self, event: Input.Changed) -> None:
        event.stop()  # filtered already (`_filter_changed`)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def _set_quick_filters(self, filters: list[QuickFilter]) -> None:
        labels = [label for label, _ in filters]
        if labels == [label for label, _ in self._quick]:
            return
        self._quick = filters
        select = self.query_one("#quick", Select)
        select.set_options([(label, i) for i, label in enumerate(labels)])
        select.display = bool(filters)

    @on(Select.Changed, "#quick")
    def _quick_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL:
            self.table.set_predicate(None)
        else:
            self.table.set_predicate(self._quick[int(str(event.value))][1])
        self._update_status()

    def type_ahead(self, text: str) -> None:
        """Letters typed while the area was being shown: into the filter line, as if typed."""
        field = self.query_one("#filter", Input)
        field.focus()
        field.insert_text_at_cursor(text)

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter line."""
        self.query_one("#filter", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Letters typed in the table go to the filter; Down in the filter goes to the table."""
        focused = self.screen.focused
        if focused is self.table and event.character and event.character.isalpha():
            event.stop()
            field = self.query_one("#filter", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
        elif isinstance(focused, Input) and focused.id == "filter" and event.key in ("down", "escape"):
            event.stop()
            if event.key == "escape":
                focused.value = ""
            self.table.focus()

