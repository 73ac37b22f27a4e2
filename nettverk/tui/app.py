"""The Textual app: header with the database, tabs for the areas, footer with the keys."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane, Tabs

from nettverk.domain.values import today_in_norway
from nettverk.tui.areas import AreaSpec, all_areas
from nettverk.tui.live import DataChanged, LiveData, data_changed
from nettverk.tui.tab_labels import fitted_labels
from nettverk.tui.widgets.footer import KeysFooter
from nettverk.tui.widgets.list_area import Area, ListArea
from nettverk.tui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:  # SQLAlchemy is imported after the first frame, when the database opens
    from nettverk.services.database import Database

LIGHT, DARK = "textual-light", "textual-dark"
CONNECTING = "Kobler til databasen …"
#: Seconds after the first area is shown before the ORM is made ready in the background
#: (`NettverkApp._warm_up`): long enough for that area to have read its rows undisturbed.
WARM_UP_AFTER = 0.5


class Connected(Message):
    """The database is open (the app was started with a connector)."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db


class ConnectFailed(Message):
    """Opening the database failed; the app closes and the command line reports the error."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


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
        Binding("ctrl+p", "command_palette", "Kommandoer", show=False, priority=True,
                tooltip="Søk blant alle områder, lister og handlinger", id="app.palette"),
        *(Binding(spec.key, f"go('{spec.id}')", spec.label, show=False, id=f"app.go.{spec.id}")
          for spec in all_areas()),
    ]

    def __init__(self, db: Database | Callable[[], Database], today: date | None = None, *,
                 title: str | None = None, start: str = "oversikt", dark: bool = True) -> None:
        """`db` is an open database, or a function that opens it (called in a worker after
        the first frame, so the screen does not wait for SQLAlchemy and the schema check)."""
        super().__init__()
        self._db: Database | None = None
        self._connector: Callable[[], Database] | None = None
        if callable(db):
            self._connector = db
        else:
            self._db = db
        #: Why the database could not be opened (the app has closed; `run` raises it).
        self.connect_error: Exception | None = None
        self._today = today
        self._title = title
        self.areas: list[AreaSpec] = all_areas()
        self._area_keys = {spec.key: spec.id for spec in self.areas}
        self.start = start
        self.sub_title = title if title is not None else (
            self._db.label if self._db is not None else CONNECTING)
        self.theme = DARK if dark else LIGHT
        self.live = LiveData(self)

    @property
    def db(self) -> Database:
        """The open database (areas use it from their workers, once it is open)."""
        if self._db is None:
            raise RuntimeError("the database is not open yet")
        return self._db

    @property
    def connected(self) -> bool:
        """Whether the database is open."""
        return self._db is not None

    @property
    def today(self) -> date:
        """Today's date (fixed in tests and snapshots)."""
        return self._today or today_in_norway()

    def compose(self) -> ComposeResult:
        """Header, one tab per area, footer."""
        yield Header(show_clock=False, icon="⛭")
        with TabbedContent(initial=f"tab-{self.start}", id="areas"):
            for spec in self.areas:
                # Areas are mounted when first shown, so the first frame waits for one only.
                with TabPane(f"{spec.key} {spec.label}", id=f"tab-{spec.id}"):
                    if not self.connected and spec.id == self.start:
                        yield Static(CONNECTING, id="connecting", classes="pending")
        yield KeysFooter()

    def area(self, area_id: str) -> Area:
        """The area widget with the id."""
        return self.query_one(f"#area-{area_id}", Area)

    @property
    def current_area(self) -> Area:
        """The area on screen."""
        active = self.query_one("#areas", TabbedContent).active
        return self.area(active.removeprefix("tab-"))

    async def on_mount(self) -> None:
        """Mount and load the first area (data comes in a worker, after the first frame);
        with a connector, open the database first (also in a worker, after the first frame)."""
        self.fit_tabs()
        if self.connected:
            self.live.start(self.db)
            await self._activate(self.start)

    def on_unmount(self) -> None:
        """Stop hearing of changes."""
        self.live.stop()

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        data_changed(self, message.tables, self._shown_tab_area)

    def _shown_tab_area(self) -> Area | None:
        try:
            return self.current_area
        except NoMatches:  # not mounted yet (or the app is closing)
            return None

    def on_ready(self) -> None:
        """The first frame is on screen: now open the database (SQLAlchemy, the schema check)."""
        if not self.connected:
            self._connect()

    @work(thread=True, exclusive=True, exit_on_error=False, group="app-connect")
    def _connect(self) -> None:
        assert self._connector is not None
        try:
            db = self._connector()
        except Exception as exc:  # reported by the command line once the screen is restored
            self.post_message(ConnectFailed(exc))
        else:
            self.post_message(Connected(db))

    _warmed = False  # the warm-up is started (once the first area is shown)

    @work(thread=True, exclusive=True, exit_on_error=False, group="app-warm-up")
    def _warm_up(self) -> None:
        """What the first list read through the ORM would otherwise wait for
        (`services.database.warm_up`), done while the user reads the first area."""
        from nettverk.services import database  # (SQLAlchemy: after the first frame)

        database.warm_up()

    @on(Connected)
    async def _connected(self, message: Connected) -> None:
        self._db = message.db
        self.live.start(message.db)
        if self._title is None:
            self.sub_title = message.db.label
        for waiting in self.query("#connecting"):
            await waiting.remove()
        await self._activate(self.query_one("#areas", TabbedContent).active.removeprefix("tab-"))

    @on(ConnectFailed)
    def _connect_failed(self, message: ConnectFailed) -> None:
        self.connect_error = message.error
        self.exit(return_code=2)

    def on_resize(self, event: events.Resize) -> None:
        """Fit the tab labels to the new width."""
        self.fit_tabs(event.size.width)

    def fit_tabs(self, width: int | None = None) -> None:
        """Label the tabs so that every one shows whole at this width (see `tab_labels`)."""
        try:
            tabbed = self.query_one("#areas", TabbedContent)
            bar = tabbed.query_one(Tabs)
        except NoMatches:
            return
        active = tabbed.active.removeprefix("tab-")
        labels, compact = fitted_labels(self.areas, active, width or self.size.width)
        bar.set_class(compact, "-compact")
        for spec, label in zip(self.areas, labels, strict=True):
            tab = tabbed.get_tab(f"tab-{spec.id}")
            if tab.label_text != label:
                tab.label = label

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.fit_tabs()
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
        if not self.connected:  # shown once the database is open
            return
        area = await self.mounted_area(area_id)
        area.ensure_loaded()
        if isinstance(area, ListArea):
            area.table.focus()
        # The focus moves in a callback; letters keep being held until it has.
        self.call_later(self._activated, area)

    def _activated(self, area: Area) -> None:
        """The area's list has the focus: what was typed meanwhile goes to its filter."""
        if not self._warmed:
            self._warmed = True
            self.set_timer(WARM_UP_AFTER, self._warm_up)
        self._activating = False
        typed, self._typed_ahead = self._typed_ahead, ""
        if typed and isinstance(area, ListArea):
            area.type_ahead(typed)

    def action_go(self, area_id: str) -> None:
        """Jump to an area. Letters typed before its list has the focus are kept for its
        filter (`on_key`), so typing at once after the area's key loses nothing."""
        tabbed = self.query_one("#areas", TabbedContent)
        if tabbed.active != f"tab-{area_id}" and self.connected:
            self._activating = True
            self.set_focus(None)
        tabbed.active = f"tab-{area_id}"

    async def on_event(self, event: events.Event) -> None:
        """An area's key pressed in a list of the main screen goes to that area here, as it
        arrives: passed on to the list it would bubble back up only after the letters typed
        right after it had been taken by the list's filter (and then be lost)."""
        if (isinstance(event, events.Key) and event.key in self._area_keys
                and len(self.screen_stack) == 1 and isinstance(self.focused, VirtualTable)):
            event.stop()
            self.action_go(self._area_keys[event.key])
            return
        await super().on_event(event)

    _activating = False  # an area is being shown: its list does not have the focus yet
    _typed_ahead = ""  # what was typed meanwhile

    def on_key(self, event: events.Key) -> None:
        """A letter nobody took while an area is being shown: kept for the area's filter."""
        if not (event.character and event.character.isalpha()):
            return
        if self._activating and self.focused is None:
            self._typed_ahead += event.character
            event.stop()
        elif isinstance(self.focused, VirtualTable):
            # Sent on while nothing had the focus (the area's key had just taken it away), it
            # reached the app only after the new list got the focus: its filter takes it, as
            # a letter typed in the list does. (A letter typed in a list never gets here: the
            # list's own on_key takes it.)
            area = next((a for a in self.focused.ancestors if isinstance(a, ListArea)), None)
            if area is not None:
                area.type_ahead(event.character)
                event.stop()

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

    def action_open_users(self) -> None:
        """The users and their roles (a shared database's access list)."""
        from nettverk.tui.screens.list_screen import ListScreen
        from nettverk.tui.widgets.list_area import SubList

        self.push_screen(ListScreen(SubList("Brukere og roller", "users", "UsersArea")))

    def action_command_palette(self) -> None:
        """Show the command palette (in Norwegian)."""
        from nettverk.tui.palette import NorwegianCommandPalette

        if self.use_command_palette and not NorwegianCommandPalette.is_open(self):
            self.push_screen(NorwegianCommandPalette(id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C copies; say which key quits (in Norwegian)."""
        from nettverk.tui.palette import QUIT_TITLE, quit_hint

        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(quit_hint(self.get_key_display(active.binding) or key),
                            title=QUIT_TITLE)
                return

    async def action_quit(self) -> None:
        """Quit (Ctrl+Q); a form with unsaved input asks first, as Esc does."""
        leave = getattr(self.screen, "leave", None)  # FormScreen.leave
        if callable(leave):
            leave(self.exit)
        else:
            self.exit()

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
        yield SystemCommand("Brukere og roller", "Hvem har tilgang til databasen, og som hva",
                            self.action_open_users)
        yield SystemCommand("Bytt mellom lyst og mørkt tema", "Ctrl+T", self.action_toggle_theme)
        yield SystemCommand("Avslutt", "Ctrl+Q", self.action_quit)


def run(db: Database | Callable[[], Database]) -> int:
    """Open the terminal UI on the database (or on what the function opens); returns the exit
    code. An error while opening the database is raised once the terminal is restored."""
    app = NettverkApp(db)
    app.run()
    if app.connect_error is not None:
        raise app.connect_error
    return app.return_code or 0
