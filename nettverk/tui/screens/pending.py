"""An area whose use cases have not landed yet: says so instead of failing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from nettverk.tui.widgets.list_area import Area


class PendingArea(Area):
    """Placeholder for an area whose services are still being written."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_text = title

    def compose(self) -> ComposeResult:
        """A short note."""
        yield Static(f"{self.title_text}: kommer snart. Bruk kommandolinjen (`nettverk --help`) "
                     "så lenge.", classes="pending")
