"""The export form: a report, calendar or spreadsheet, its parameters and the file to write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from nettverk.domain.errors import DomainError
from nettverk.forms import _examples
from nettverk.forms.fields import (
    EXAMPLE_DAY,
    FormField,
    FormSpec,
    day,
    declared,
    integer,
    text,
    yes_no,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

Build = Callable[["Database", dict[str, str], date], bytes]


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


@declared(lambda db: {"kind": KINDS[0], "programme": _examples.programmes(db)[0][1],
                      "directory": Path.cwd(), "today": EXAMPLE_DAY})
def export(kind: ExportKind, programme: str | None, directory: Path, today: date) -> FormSpec:
    """Ask for an export's parameters and the path (`programme` chosen at first); the file is
    written by the form's save."""
    field = FormField("programme", "Program", kind="reference", reference="programme",
                      required=kind.id != "calendar")
    path = FormField("path", "Fil", required=True, hint=f"full sti, slutter på .{kind.suffix}")
    slug = programme or "nettverk"
    initial = {"programme": programme or "",
               "path": str(directory / f"nettverk-{kind.stem or kind.id}-{slug}.{kind.suffix}")}

    def save(db: Database, values: dict[str, str]) -> object:
        return write_export(kind, db, values, today)

    return FormSpec(kind.label, [field, *kind.fields, path], save, initial,
                    save_label="Eksporter", done="")
