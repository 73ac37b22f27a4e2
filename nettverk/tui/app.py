"""The Textual app: header with the database, tabs for the areas, footer with the keys."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
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
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
                # Areas are mounted when first shown, so the first frame waits for one only.
                yield TabPane(f"{spec.key} {spec.label}", id=f"tab-{spec.id}")
        yield Footer()

    def area(self, area_id: str) -> Area:
        """The area widget with the id."""
        return self.query_one(f"#area-{area_id}", Area)

    @property
    def current_area(self) -> Area:
        """The area on screen."""
        active = self.query_one("#areas", TabbedContent).active
        return self.area(active.removeprefix("tab-"))

    async def on_mount(self) -> None:
        """Mount and load the first area (data comes in a worker, after the first frame)."""
        await self._activate(self.start)

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        try:
            await self._activate(str(event.pane.id).removeprefix("tab-"))
        except NoMatches:  # the app is closing; the tabs are gone
            return

    async def mounted_area(self, area_id: str) -> Area:
        """The area, mounting it first if it has not been shown yet."""
        pane = self.query_one(f"#tab-{area_id}", TabPane)
        found = pane.query(Area)
        if found:
            return found.first()
        spec = next(s for s in self.areas if s.id == area_id)
        area = spec.build()
        await pane.mount(area)
        return area

    async def _activate(self, area_id: str) -> None:
        # Let go of the hidden area's focus first: focus inside a hidden tab pane would make
        # the tabs switch back to it while the new area mounts.
        self.set_focus(None)
        area = await self.mounted_area(area_id)
        area.ensure_loaded()
        if isinstance(area, ListArea):
            area.table.focus()

    def action_go(self, area_id: str) -> None:
        """Jump to an area."""
        self.query_one("#areas", TabbedContent).active = f"tab-{area_id}"

    async def open_item(self, area_id: str, key: Hashable) -> None:
        """Show an item in its area."""
        area = await self.mounted_area(area_id)
        self.action_go(area_id)
        if isinstance(area, ListArea):
            area.show_key(key)

    async def run_area_action(self, area_id: str, action: str) -> None:
        """Go to an area and run one of its actions (from the command palette)."""
        area = await self.mounted_area(area_id)
        self.action_go(area_id)
        if isinstance(area, ListArea) and not area.table.total:
            area.after_load(action)
        else:
            await area.run_action(action)

    async def open_list(self, area_id: str, index: int) -> None:
        """Open one of an area's further lists (from the command palette)."""
        area = await self.mounted_area(area_id)
        self.action_go(area_id)
        area.action_open_list(index)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action: go to an area or list, the areas' actions, theme, quit."""
        from nettverk.tui.screens.list_screen import ListScreen

        if isinstance(screen, ListScreen):  # the open list's own actions first
            area = screen.area
            for title, help_text, action in area.PALETTE:
                yield SystemCommand(title, help_text, partial(area.run_action, action))
        for spec in self.areas:
            yield SystemCommand(f"Gå til {spec.label}", f"Tast {spec.key}",
                                lambda area_id=spec.id: self.action_go(area_id))
        for spec in self.areas:
            for index, sub in enumerate(spec.area_class().SUBLISTS):
                yield SystemCommand(f"Vis {sub.label.lower()}", f"{spec.label}, tast F{index + 2}",
                                    partial(self.open_list, spec.id, index))
        for spec in self.areas:
            for title, help_text, action in spec.area_class().PALETTE:
                yield SystemCommand(title, help_text, partial(self.run_area_action, spec.id, action))
        yield SystemCommand("Bytt mellom lyst og mørkt tema", "Ctrl+T", self.action_toggle_theme)
        yield SystemCommand("Avslutt", "Ctrl+Q", self.exit)


def run(db: Database) -> int:
    """Open the terminal UI on the database; returns the exit code."""
    app = NettverkApp(db)
    app.run()
    return app.return_code or 0
