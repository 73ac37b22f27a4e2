"""A further list as its own screen (Personer from Kommuner, say): Esc goes back to the area."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header

from nettverk.tui.areas import all_areas
from nettverk.tui.widgets.footer import KeysFooter
from nettverk.tui.widgets.list_area import ListArea, SubList


class ListScreen(Screen[None]):
    """Hosts one list area full-screen, with the same header and footer as the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Tilbake", id="list_screen.back"),
        # An area's key closes the list first, instead of switching the tab hidden under it.
        *(Binding(spec.key, f"leave_to('{spec.id}')", spec.label, show=False,
                  id=f"list_screen.go.{spec.id}") for spec in all_areas()),
    ]

    def __init__(self, sub: SubList, area: ListArea | None = None) -> None:
        """`area`: an area already built with its context (one session's rows, say);
        without it the screen builds the SubList's area class."""
        super().__init__()
        self.sub = sub
        self.area: ListArea = area if area is not None else sub.area_class()(
            id=f"list-{sub.class_name.lower()}")

    def compose(self) -> ComposeResult:
        """Header, the list, footer."""
        yield Header(show_clock=False, icon="⛭")
        yield self.area
        yield KeysFooter()

    def on_mount(self) -> None:
        """Load the rows and put the cursor in the list."""
        self.title = self.sub.label
        self.area.ensure_loaded()
        self._table = self.area.table
        self._table.focus()

    def on_unmount(self) -> None:
        """Let the rows go with the screen. A screen's widgets point at each other, so they
        wait for Python's cycle collector; if a large list is read meanwhile, everything alive
        is frozen out of the collector's way (`list_parts.long_lived`) and the closed list's
        rows would be kept for good (10,000 follow-ups each time F2 Oppfølging was closed)."""
        table = getattr(self, "_table", None)  # None: closed before it was mounted
        if table is not None:
            table.set_rows([])

    def action_back(self) -> None:
        """Back to the area the list was opened from."""
        self.dismiss(None)

    def action_leave_to(self, area_id: str) -> None:
        """Close the list and go to another area."""
        self.dismiss(None)
        self.app.action_go(area_id)  # type: ignore[attr-defined]
