"""Kalenderstrømmer (F2 from Eksport): secret subscription feeds; create one, or revoke one."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from nettverk.domain.errors import DomainError
from nettverk.forms import feeds as forms
from nettverk.forms.feeds import NewFeed
from nettverk.forms.fields import show_moment
from nettverk.services.calendar import FeedView, feed_url_hint
from nettverk.services.database import Database
from nettverk.tui.messages import RowsChanged, ServiceFailed
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

TARGETS = {"programme": "Program", "municipality": "Kommune"}


def feed_row(f: FeedView) -> Row:
    """A feed as a list row; revoked feeds are dimmed."""
    revoked = f.revoked_at
    return Row(
        key=f.id,
        cells=(TARGETS.get(f.target, f.target), f.name, f.label or "", show_moment(f.created_at),
               show_moment(revoked), feed_url_hint("…", f.token_hint)),
        sort=(f.target, f.name.lower(), (f.label or "").lower(), f.created_at,
              revoked.timestamp() if revoked else 0.0, f.token_hint),
        style="dim strike" if revoked else "",
        tags=frozenset({"revoked" if revoked else "active", f.target}),
        search=f"{f.programme or ''} {f.municipality or ''}", data=f,
    )


class FeedCreatedScreen(ModalScreen[None]):
    """Shows a new feed's secret URL once, so it can be copied."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Lukk", id="feed_created.close"),
    ]

    def __init__(self, feed: NewFeed) -> None:
        super().__init__(classes="dialog-screen")
        self.feed = feed

    def compose(self) -> ComposeResult:
        """The URL in a field that can be selected and copied, and a close button."""
        with Vertical(classes="dialog"):
            yield Label(f"Ny kalenderstrøm for {self.feed.name}", classes="dialog-title")
            yield Label("Adressen inneholder en hemmelig nøkkel og vises bare nå. Kopier den og "
                        "del den bare med dem som skal abonnere.", classes="question")
            yield Input(self.feed.url, id="feed-url", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Lukk (Esc)", variant="primary", id="close")

    def on_mount(self) -> None:
        """Start with the URL selected."""
        field = self.query_one("#feed-url", Input)
        field.focus()
        field.select_all()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss(None)


class FeedsArea(ListArea):
    """Every calendar feed, active ones first in mind; revoking is the delete action."""

    TITLE = "Kalenderstrømmer"
    NOUN = "kalenderstrømmer"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Gjelder", 8, min=7), Column("Navn", 0, min=10), Column("Merkelapp", 16, min=6),
        Column("Opprettet", 16, min=10), Column("Trukket tilbake", 16, min=10),
        Column("Adresse", 20, min=8),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Aktive", lambda r: "active" in r.tags),
        ("Trukket tilbake", lambda r: "revoked" in r.tags),
        ("Program", lambda r: "programme" in r.tags),
        ("Kommune", lambda r: "municipality" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny strøm", id="feed.new"),
        Binding("delete", "revoke", "Trekk tilbake", id="feed.revoke"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny kalenderstrøm", "Lag en hemmelig abonnementsadresse", "new"),
        ("Trekk tilbake kalenderstrøm", "Den markerte strømmen (spør først)", "revoke"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """Every feed."""
        from nettverk.services.calendar import list_feeds

        return Loaded([feed_row(f) for f in list_feeds(db.uow())])

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """What the feed covers, and whether it is still served (from the loaded row)."""
        f: FeedView = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row(TARGETS.get(f.target, f.target), f"{f.programme or f.municipality} {f.name}")
        facts.add_row("Temakalender", "med" if f.with_themes else "uten")
        facts.add_row("Merkelapp", f.label or "–")
        facts.add_row("Opprettet", show_moment(f.created_at))
        facts.add_row("Status", f"trukket tilbake {show_moment(f.revoked_at)}" if f.revoked_at
                      else "aktiv")
        facts.add_row("Nøkkel", f"{f.token_hint}… (hele adressen ble vist bare da den ble laget)")
        return Group(facts, Text(""),
                     Text("Ctrl+N: ny strøm · Delete: trekk tilbake", style="dim"))

    # --- creating -----------------------------------------------------------------------

    def action_new(self) -> None:
        """Create a feed; its secret URL is shown once afterwards."""
        self.app.push_screen(FormScreen(forms.new_feed()), self._created)

    def _created(self, result: object | None) -> None:
        if isinstance(result, NewFeed):
            self.reload(keep=result.id)
            self.app.push_screen(FeedCreatedScreen(result))

    # --- revoking -----------------------------------------------------------------------

    def action_revoke(self) -> None:
        """Ask, then revoke the highlighted feed (it stays in the list, marked)."""
        row = self.table.current
        if row is None:
            return
        f: FeedView = row.data
        if f.revoked_at is not None:
            self.notify(f"Strømmen ble trukket tilbake {show_moment(f.revoked_at)}.",
                        title="Allerede trukket tilbake", severity="warning", timeout=6)
            return
        label = f" («{f.label}»)" if f.label else ""

        def answered(yes: bool | None) -> None:
            if yes:
                self._revoke(f.id, f.version)

        self.app.push_screen(ConfirmScreen(
            f"Trekke tilbake kalenderstrømmen for {f.name}{label}? De som abonnerer, får ikke "
            "flere oppdateringer, og adressen slutter å virke. Det kan ikke angres.",
            yes="Trekk tilbake"), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="feed-revoke")
    def _revoke(self, feed_id: int, version: int) -> None:
        from nettverk.services.calendar import revoke_feed

        try:
            revoke_feed(self.db.uow(), feed_id, expected_version=version)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(RowsChanged(feed_id))

    @on(RowsChanged)
    def _revoked(self, message: RowsChanged) -> None:
        message.stop()
        self.notify("Kalenderstrømmen er trukket tilbake.", timeout=4)
        self.reload(keep=message.key)
