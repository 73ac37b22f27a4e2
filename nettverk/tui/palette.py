"""Textual's command palette and quit hint, in Norwegian."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Søk etter kommandoer …"
NO_MATCHES = "Ingen treff"
QUIT_TITLE = "Vil du avslutte?"


def quit_hint(key: str) -> str:
    """What Ctrl+C says (it copies text; it does not quit)."""
    return f"Trykk [b]{key}[/b] for å avslutte programmet"


class NorwegianCommandPalette(CommandPalette):
    """The command palette with a Norwegian placeholder and «Ingen treff»."""

    def __init__(self, *, placeholder: str = PLACEHOLDER, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own adds "No matches found"; the same, in Norwegian.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(NO_MATCHES, style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
