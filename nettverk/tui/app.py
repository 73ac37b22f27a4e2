"""The Textual app: header with the database, tabs for the areas, footer with the keys."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from nettverk.services.database import Database
from nettverk.tui.areas import AreaSpec, all_areas
from nettverk.tui.widgets.list_area import Area, ListArea

LIGHT, DARK = "textual-light", "textual-dark"


class NettverkApp(App[int]):
    """nettverk's terminal UI; the same factory serves `run()` and the tests."""

    CSS_PATH = "app.tcss"
    TITLE = "nettverk"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_theme", "Lyst/mørkt", id="app.theme"),
        Binding("ctrl+q", "quit", "Avslutt", priority=True, id="app.quit"),
        *(Binding(spec.key, f"go('{spec.id}')", spec.label, show=False, id=f"app.go.{spec.id}")
          for spec in all_areas()),
    ]

    def __init__(self, db: Database, today: date | None = None, *, title: str | None = None,
                 start: str = "oversikt", dark: bool = True) -> None:
        super().__init__()
        self.db = db
        self._today = today
        self.areas: list[AreaSpec] = all_areas()
        self.start = start
        self.sub_title = title if title is not None else db.label
        self.theme = DARK if dark else LIGHT

    @property
    def today(self) -> date:
        """Today's date (fixed in tests and snapshots)."""
        return self._today or date.today()

    def compose(self) -> ComposeResult:
        """Header, one tab per area, footer."""
        yield Header(show_clock=False, icon="⛭")
        with TabbedContent(initial=f"tab-{self.start}", id="areas"):
            for spec in self.areas:
                with TabPane(f"{spec.key} {spec.label}", id=f"tab-{spec.id}"):
                    yield spec.build()
        yield Footer()

    def area(self, area_id: str) -> Area:
        """The area widget with the id."""
        return self.query_one(f"#area-{area_id}", Area)

    @property
    def current_area(self) -> Area:
        """The area on screen."""
        active = self.query_one("#areas", TabbedContent).active
        return self.area(active.removeprefix("tab-"))

    def on_mount(self) -> None:
        """Load the first area (in a worker: the first frame does not wait for data)."""
        self._activate(self.start)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._activate(str(event.pane.id).removeprefix("tab-"))

    def _activate(self, area_id: str) -> None:
        area = self.area(area_id)
        area.ensure_loaded()
        if isinstance(area, ListArea):
            area.table.focus()

    def action_go(self, area_id: str) -> None:
        """Jump to an area."""
        self.query_one("#areas", TabbedContent).active = f"tab-{area_id}"

    def open_item(self, area_id: str, key: Hashable, municipality: str | None = None) -> None:
        """Show an item in its area; falls back to its municipality in Kommuner."""
        area = self.area(area_id)
        if not isinstance(area, ListArea) and municipality:
            area_id, key, area = "kommuner", municipality, self.area("kommuner")
        self.action_go(area_id)
        if isinstance(area, ListArea):
            area.show_key(key)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action: go to an area, the current area's actions, theme, quit."""
        for spec in self.areas:
            yield SystemCommand(f"Gå til {spec.label}", f"Tast {spec.key}",
                                lambda area_id=spec.id: self.action_go(area_id))
        for spec in self.areas:
            try:
                area = self.area(spec.id)
            except Exception:
                continue
            for title, help_text, callback in area.commands():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand("Bytt mellom lyst og mørkt tema", "Ctrl+T", self.action_toggle_theme)
        yield SystemCommand("Avslutt", "Ctrl+Q", self.exit)


def run(db: Database) -> int:
    """Open the terminal UI on the database; returns the exit code."""
    app = NettverkApp(db)
    app.run()
    return app.return_code or 0
