"""The bare Textual floor for a key in a list: an Input above a list, and a status line.

Run in a pty by bench_tui beside the product, round by round. A letter goes to the Input, the
list moves its highlight to another row (so its visible rows are drawn again, as a filtered
list's are) and the status line repeats the text (`floor <text>`); Page Down moves the list's
highlight and the status line says where it is (`floor <n>/<rows>`). That is the least a key
in a list costs in Textual: the key read, the messages passed, the Input, the list and one
line changed, and the frame written. No data, no filtering.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList, Static

ROWS = 1000


class Floor(App[None]):
    """Input, list, status line."""

    CSS = """
    Input { height: 3; }
    OptionList { height: 1fr; }
    #status { height: 1; }
    """

    def compose(self) -> ComposeResult:
        """Input, list of ROWS rows, status line."""
        yield Input(placeholder="Filtrer", id="filter")
        yield OptionList(*(f"rad {i:5d}  tekst som fyller en linje i listen" for i in range(ROWS)),
                         id="list")
        yield Static("floor ready", id="status")

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "reset", "Start again")]

    def action_reset(self) -> None:
        """Back to the start: the Input empty and focused, the list at its top."""
        self.query_one("#list", OptionList).highlighted = 0
        field = self.query_one("#filter", Input)
        field.value = ""
        field.focus()

    def on_mount(self) -> None:
        """Typing starts in the Input."""
        self.query_one("#filter", Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # The list shows something else for each text (another row highlighted, scrolled to),
        # as a filtered list does, and the status line says what was typed.
        self.query_one("#list", OptionList).highlighted = (len(event.value) * 97) % ROWS
        self.query_one("#status", Static).update(f"floor <{event.value}>")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#list", OptionList)
        options.focus()
        options.highlighted = 0

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.focused is self.query_one("#list", OptionList):  # Page Down, not typing
            self.query_one("#status", Static).update(f"floor {event.option_index + 1}/{ROWS}")


if __name__ == "__main__":
    Floor().run()
    sys.exit(0)
