"""Keeping every area current: the app hears of each commit, here and in other processes.

The unit of work tells the database's change feed which tables a commit changed; another
process's commits are heard through LISTEN/NOTIFY (PostgreSQL) or `PRAGMA data_version`
(SQLite). Either way the app gets a `DataChanged` message: every area that shows one of the
tables becomes stale, and the areas on screen read their rows again at once (the highlighted
row stays); the others do when they are next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen

from nettverk.tui.widgets.list_area import Area

if TYPE_CHECKING:
    from nettverk.services.database import Database


class DataChanged(Message):
    """A commit changed these tables (None: unknown which, another process on SQLite)."""

    def __init__(self, tables: frozenset[str] | None) -> None:
        super().__init__()
        self.tables = tables


class LiveData:
    """Subscribes an app to a database's changes and hands them to the app's thread."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._stops: list[Callable[[], None]] = []

    def start(self, db: Database) -> None:
        """Listen to this process's commits and watch for other processes' commits."""
        from nettverk.services import changes

        self.stop()
        self._stops = [changes.subscribe(db, self._post), changes.watch_others(db, self._post)]

    def stop(self) -> None:
        """Stop listening and watching."""
        stops, self._stops = self._stops, []
        for stop in stops:
            stop()

    def _post(self, tables: frozenset[str] | None) -> None:
        # Called in the committing worker's thread or the watcher's; post_message is thread-safe.
        with suppress(RuntimeError):  # the app's event loop has closed
            self._app.post_message(DataChanged(tables))


def every_area(app: App[object]) -> list[Area]:
    """Every area mounted on any screen (the tabs, and further lists opened on top)."""
    found: list[Area] = []
    for screen in app.screen_stack:
        found.extend(screen.query(Area).results(Area))
    return found


def shown_areas(app: App[object], current: Callable[[], Area | None]) -> list[Area]:
    """The areas the user can see now: the top screen's, and those under dialogs on top of it.
    `current` gives the area of the visible tab."""
    from nettverk.tui.screens.list_screen import ListScreen

    shown: list[Area] = []
    stack = app.screen_stack
    for screen in reversed(stack):
        if isinstance(screen, ListScreen):
            shown.append(screen.area)
        elif screen is stack[0]:
            area = current()
            if area is not None:
                shown.append(area)
        if not isinstance(screen, ModalScreen):
            break
    return shown


def data_changed(app: App[object], tables: frozenset[str] | None,
                 current: Callable[[], Area | None]) -> None:
    """Mark the areas showing the tables stale, and read the ones on screen again now."""
    for area in every_area(app):
        area.data_changed(tables)
    for area in shown_areas(app, current):
        area.ensure_loaded()
