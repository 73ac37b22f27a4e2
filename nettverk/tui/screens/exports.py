"""Eksport: pick a report, calendar or spreadsheet, give parameters and a path; written in a worker."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Hashable
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType

from nettverk.forms import exports as forms
from nettverk.forms.exports import KINDS, Written
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.list_area import ListArea, Loaded, SubList
from nettverk.tui.widgets.virtual_table import Column, Row

#: What xdg-open's exit status means.
OPEN_FAILURES = {
    1: "feil i kommandoen som åpner filer",
    2: "filen finnes ikke",
    3: "fant ikke et program som kan åpne denne filtypen",
    4: "programmet som skulle åpne filen, feilet",
}


class ExportsArea(ListArea):
    """The exports on offer; Enter asks for parameters and a path, then writes the file."""

    TITLE = "Eksport"
    NOUN = "eksporter"
    COLUMNS: ClassVar[list[Column]] = [Column("Eksport", 28, min=18), Column("Hva", 0)]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "open_file", "Åpne filen", id="export.open"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [
        SubList("Kalenderstrømmer", "feeds", "FeedsArea"),
    ]
    programmes: list[tuple[str, str]] = []  # replaced, never mutated
    directory: Path = Path.cwd()
    last: Written | None = None

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        *((f"Eksporter: {k.label}", k.description, f"export('{k.id}')") for k in KINDS),
        ("Åpne sist eksporterte fil", "Ctrl+O", "open_file"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """The kinds of export, and the programmes to choose from."""
        from nettverk.services import programmes

        choices = [(p.name, p.slug) for p in programmes.list_programmes(db.uow())]
        rows = [Row(k.id, (k.label, k.description), data=k) for k in KINDS]
        return Loaded(rows, extra=choices)

    def take_extra(self, extra: object) -> None:
        """The programmes offered in the form."""
        self.programmes = list(extra)  # type: ignore[call-overload]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """What the export holds, and where the last one went."""
        kind = next(k for k in KINDS if k.id == key)
        parts: list[RenderableType] = [Text(kind.label, style="bold"), Text(kind.description),
                                       Text(""), Text("Enter: velg innstillinger og fil", style="dim")]
        if self.last is not None:
            parts += [Text(""), Text(f"Sist lagret: {self.last.path}", style="bold green"),
                      Text(f"{self.last.size:,} byte".replace(",", "\u202f")),
                      Text("Ctrl+O åpner filen", style="dim")]
        return Group(*parts)

    def open_row(self, row: Row) -> None:
        """Ask for the parameters and the path; the file is written in the form's worker."""
        today = self.app.today  # type: ignore[attr-defined]
        spec = forms.export(row.data, self.programmes[0][1] if self.programmes else None,
                             self.directory, today)
        self.app.push_screen(FormScreen(spec), self._written)

    def _written(self, result: object | None) -> None:
        if isinstance(result, Written):
            self.last = result
            self.notify(f"Lagret til {result.path}", title="Eksport", timeout=8)
            self.reload(keep=result.kind)

    def action_export(self, kind_id: str) -> None:
        """Start the export of a kind (from the palette)."""
        if self.table.move_to(kind_id):
            self.open_row(self.table.rows[self.table.cursor_row])

    def action_open_file(self) -> None:
        """Open the last written file with the system's viewer; says so when it cannot."""
        if self.last is None:
            self.notify("Ingen fil er eksportert ennå: velg en eksport og trykk Enter.",
                        title="Åpne filen", severity="warning", timeout=6)
        elif not self.last.path.is_file():
            self._cannot_open(self.last.path, "filen finnes ikke lenger")
        else:
            self._open(self.last.path)

    def _cannot_open(self, path: Path, why: str) -> None:
        self.notify(f"Kunne ikke åpne filen: {path} ({why})", title="Åpne filen",
                    severity="error", timeout=10)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-open")
    def _open(self, path: Path) -> None:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        if sys.platform.startswith("win"):
            opener = "explorer"
        try:
            # xdg-open and open say by their exit status whether a viewer took the file.
            done = subprocess.run([opener, str(path)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=30, check=False)
        except OSError:
            why = f"fant ikke programmet {opener} som åpner filer"
        except subprocess.TimeoutExpired:
            return  # a viewer that keeps running has the file open
        else:
            if done.returncode == 0 or opener == "explorer":  # explorer's status says nothing
                return
            why = OPEN_FAILURES.get(done.returncode,
                                    f"{opener} avsluttet med kode {done.returncode}")
        self.app.call_from_thread(self._cannot_open, path, why)
