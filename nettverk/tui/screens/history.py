"""A record's history from the audit log (who changed what, when), opened from any list."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, ClassVar
from zoneinfo import ZoneInfo

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from nettverk.domain.errors import DomainError

if TYPE_CHECKING:
    from nettverk.services.audit import RecordHistory
    from nettverk.services.database import Database

OSLO = ZoneInfo("Europe/Oslo")


class HistoryLoaded(Message):
    """The record's entries arrived (or why there are none)."""

    def __init__(self, history: RecordHistory | None, error: str = "") -> None:
        super().__init__()
        self.history = history
        self.error = error


def render_history(history: RecordHistory) -> Table | Text:
    """The entries as a table: when, who (and the database login), what, the changes."""
    if not history.entries:
        return Text("Ingen endringer er registrert for denne posten.", style="italic")
    table = Table(expand=True, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Tid", no_wrap=True)
    table.add_column("Hvem")
    table.add_column("Hva", no_wrap=True)
    table.add_column("Endringer", ratio=1)
    for e in history.entries:
        who = e.user if not e.db_user or e.db_user == e.user else f"{e.user} ({e.db_user})"
        table.add_row(e.at.astimezone(OSLO).strftime("%d.%m.%Y %H:%M"), who, e.action_label,
                      e.summary)
    return table


class HistoryScreen(ModalScreen[None]):
    """The highlighted record's audit-log entries, newest first; Esc closes."""

    # A self-contained screen: its few rules live with it rather than in app.tcss.
    DEFAULT_CSS = """
    HistoryScreen .history { width: 100; max-width: 100%; height: 90%; }
    HistoryScreen .history VerticalScroll { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Lukk", id="history.close"),
    ]

    def __init__(self, kind: str, key: Hashable, label: str) -> None:
        super().__init__(classes="dialog-screen")
        self.kind = kind
        self.key = key
        self.label = label

    def compose(self) -> ComposeResult:
        """A title and the entries."""
        with Vertical(classes="dialog history"):
            yield Label(f"Historikk: {self.label}", classes="dialog-title")
            with VerticalScroll():
                yield Static("Henter revisjonsloggen …", id="history")

    def on_mount(self) -> None:
        """Read the entries in a worker."""
        self._load()

    @property
    def db(self) -> Database:
        """The app's database."""
        return self.app.db  # type: ignore[attr-defined, no-any-return]

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-load")
    def _load(self) -> None:
        from nettverk.services import audit

        try:
            self.post_message(HistoryLoaded(audit.history_of(self.db.uow(), self.kind, self.key)))
        except DomainError as exc:
            self.post_message(HistoryLoaded(None, exc.message))

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        content = (render_history(message.history) if message.history is not None
                   else Text(message.error[:1].upper() + message.error[1:] + ".", style="italic"))
        self.query_one("#history", Static).update(content)

    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss(None)
