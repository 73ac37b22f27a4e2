"""Eksport: pick a report, calendar or spreadsheet, give parameters and a path; written in a worker."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType

from nettverk.domain.errors import DomainError
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.forms.fields import FormField, day, integer, text, yes_no
from nettverk.tui.widgets.list_area import ListArea, Loaded, SubList
from nettverk.tui.widgets.virtual_table import Column, Row

Build = Callable[[Database, dict[str, str], date], bytes]


def _status(db: Database, values: dict[str, str], today: date) -> bytes:
    from nettverk.services import reports

    return reports.export_status(db.uow(), values.get("programme", ""),
                                 at=day(values, "at") or today)


def _evaluation(db: Database, values: dict[str, str], today: date) -> bytes:
    from nettverk.services import reports

    year = integer(values, "year")
    if year is None:
        raise DomainError("year", "må fylles ut (ÅÅÅÅ)")
    return reports.export_evaluation(db.uow(), values.get("programme", ""), year)


def _calendar(db: Database, values: dict[str, str], today: date) -> bytes:
    from nettverk.services import calendar

    return calendar.export_ics(db.uow(), programme=values.get("programme") or None,
                               with_themes=yes_no(values, "with_themes"))


def _spreadsheet(db: Database, values: dict[str, str], today: date) -> bytes:
    from nettverk.services import spreadsheets

    return spreadsheets.export_xlsx(db.uow(), values.get("programme", ""),
                                    today=day(values, "at") or today)


@dataclass(frozen=True)
class ExportKind:
    """One export: what it is, its file suffix, its extra fields and how to build the bytes;
    `stem` names the suggested file (nettverk-<stem>-<programme>.<suffix>)."""

    id: str
    label: str
    description: str
    suffix: str
    fields: tuple[FormField, ...]
    build: Build
    stem: str = ""


KINDS = [
    ExportKind("status", "Statusrapport (PDF)", "Status for programmet per en dato, til fylkesrådet.",
               "pdf", (FormField("at", "Per dato", kind="date", hint="tom: i dag"),), _status,
               "statusrapport"),
    ExportKind("evaluation", "Evalueringsrapport (PDF)",
               "Kapasitetsdiamanten, tilbakemeldinger og suksessfaktorer for et år.", "pdf",
               (FormField("year", "År", kind="int", required=True),), _evaluation, "evaluering"),
    ExportKind("calendar", "Kalender (ICS)", "Samlingene som kalenderfil for Outlook og Google.",
               "ics", (FormField("with_themes", "Med temadager", kind="bool"),), _calendar,
               "kalender"),
    ExportKind("spreadsheet", "Regneark (XLSX)",
               "Deltakere, samlinger, oppmøte, milepæler, planer og evaluering.", "xlsx",
               (FormField("at", "Status per dato", kind="date", hint="tom: i dag"),), _spreadsheet,
               "regneark"),
]


#: What xdg-open's exit status means.
OPEN_FAILURES = {
    1: "feil i kommandoen som åpner filer",
    2: "filen finnes ikke",
    3: "fant ikke et program som kan åpne denne filtypen",
    4: "programmet som skulle åpne filen, feilet",
}


@dataclass(frozen=True)
class Written:
    """Where an export was written."""

    kind: str
    path: Path
    size: int


def write_export(kind: ExportKind, db: Database, values: dict[str, str], today: date) -> Written:
    """Build the export and write it to the path in the form (runs in a worker)."""
    raw = text(values, "path")
    if raw is None:
        raise DomainError("path", "må fylles ut")
    path = Path(raw).expanduser()
    if not path.parent.is_dir():
        raise DomainError("path", f"mappen {path.parent} finnes ikke")
    data = kind.build(db, values, today)
    path.write_bytes(data)
    return Written(kind.id, path, len(data))


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
        from nettverk.services import register

        programmes = [(p.name, p.slug) for p in register.list_programmes(db.uow())]
        rows = [Row(k.id, (k.label, k.description), data=k) for k in KINDS]
        return Loaded(rows, extra=programmes)

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
        kind: ExportKind = row.data
        today = self.app.today  # type: ignore[attr-defined]
        programme = FormField("programme", "Program", kind="choice",
                              required=kind.id != "calendar", choices=tuple(self.programmes))
        path = FormField("path", "Fil", required=True, hint=f"full sti, slutter på .{kind.suffix}")
        slug = self.programmes[0][1] if self.programmes else "nettverk"
        initial = {"programme": slug,
                   "path": str(self.directory / f"nettverk-{kind.stem or kind.id}-{slug}.{kind.suffix}")}

        def save(db: Database, values: dict[str, str]) -> object:
            return write_export(kind, db, values, today)

        self.app.push_screen(
            FormScreen(kind.label, [programme, *kind.fields, path], initial, save,
                       save_label="Eksporter", done=""), self._written)

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
