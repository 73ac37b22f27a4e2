"""The workbook forms: «Lag skjema» and «Les inn svar» for a capacity or priority session, and for
the feedback after a gathering (also from a Microsoft Forms export). Reading is a preview (a dry
run); the interface stores it after the user has seen it, with `session_importer` and friends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count
from nettverk.forms.fields import FormField, FormSpec, declared

if TYPE_CHECKING:
    from nettverk.services.database import Database

MAKE_FIELDS = [
    FormField("participants", "Deltakere", hint="navn skilt med komma; tomt: de som alt er "
                                                "registrert"),
    FormField("folder", "Mappe", required=True, hint="arbeidsbøkene lagres her (lages om den "
                                                     "mangler)"),
]
READ_FIELDS = [
    FormField("files", "Filer", required=True,
              hint="en mappe (alle .xlsx i den) eller filer skilt med ;"),
]


@dataclass(frozen=True)
class Made:
    """Workbooks written: what to say, and the list key of the session they belong to."""

    message: str
    key: object = None


def default_folder(kind: str, item_id: int) -> str:
    """Where a session's workbooks go unless the user says otherwise."""
    name = "vurdering" if kind == "capacity" else "prioritering"
    return str(Path.home() / "nettverk-skjema" / f"{name}-{item_id}")


def paths(text: str) -> list[Path]:
    """The workbooks named by a folder (every .xlsx in it) or files separated by «;»."""
    found: list[Path] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        path = Path(part).expanduser()
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$")))
        else:
            found.append(path)
    if not found:
        raise DomainError("files", "fant ingen .xlsx-filer")
    return found


def _id(text: str) -> int:
    if not text.strip().isdigit():
        raise DomainError("gathering", "velg en samling")
    return int(text)


def _a_session(db: Database) -> dict[str, Any]:
    from nettverk.services.capacity import list_assessments

    return {"kind": "capacity", "item_id": list_assessments(db.uow())[0].id, "title": "Økt"}


@declared(_a_session)
def make_session_workbooks(kind: str, item_id: int, title: str) -> FormSpec:
    """Ask for participants and a folder, then write one workbook per participant of a capacity
    (`kind` "capacity") or priority session; gives back a `Made`."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services import workbooks

        names = [n.strip() for n in values.get("participants", "").split(",") if n.strip()]
        if kind == "capacity":
            from nettverk.services.workbooks_capacity import capacity_workbooks

            files = capacity_workbooks(db, item_id, names)
        else:
            from nettverk.services.workbooks_priority import priority_workbooks

            files = priority_workbooks(db, item_id, names)
        folder = Path(values.get("folder", "").strip()
                      or default_folder(kind, item_id)).expanduser()
        written = workbooks.write_files(files, folder)
        return Made(f"{count(len(written), 'arbeidsbøker')} lagret i {folder}", (kind, item_id))

    return FormSpec(f"Lag skjema: {title}", MAKE_FIELDS, save,
                    {"folder": default_folder(kind, item_id)})


def session_importer(kind: str, item_id: int, files: list[Path], dry_run: bool,
                     db: Database) -> Any:
    """Read a session's returned workbooks (with `dry_run`: only say what would be stored)."""
    if kind == "capacity":
        from nettverk.services.workbooks_capacity import import_capacity

        return import_capacity(db, files, dry_run=dry_run, assessment_id=item_id)
    from nettverk.services.workbooks_priority import import_priority

    return import_priority(db, files, dry_run=dry_run, session_id=item_id)


@declared(_a_session)
def read_session_answers(kind: str, item_id: int, title: str) -> FormSpec:
    """Ask for a session's returned files; gives back (paths, what would be stored)."""

    def preview(db: Database, values: dict[str, str]) -> object:
        found = paths(values.get("files", ""))
        return (found, session_importer(kind, item_id, found, True, db))

    return FormSpec(f"Les inn svar: {title}", READ_FIELDS, preview,
                    {"files": str(Path(default_folder(kind, item_id)) / "svar")})


@declared(lambda db: {"gathering": ""})
def make_feedback_workbook(gathering: str) -> FormSpec:
    """Ask for the gathering and a folder, then write the feedback workbook; gives back a `Made`."""
    folder_default = str(Path.home() / "nettverk-skjema")

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.workbooks import write_files
        from nettverk.services.workbooks_feedback import DEFAULT_ROWS, feedback_workbook

        rows = values.get("rows", "").strip()
        made = feedback_workbook(db, _id(values.get("gathering", "")),
                                 int(rows) if rows.isdigit() else DEFAULT_ROWS)
        folder = Path(values.get("folder", "").strip() or folder_default).expanduser()
        written = write_files([made], folder)
        return Made(f"Lagret {written[0]}")

    fields = [
        FormField("gathering", "Samling", kind="reference", reference="gathering", required=True),
        FormField("rows", "Svarrader", kind="int", hint="én per respondent (standard 30)"),
        FormField("folder", "Mappe", required=True, hint="arbeidsboken lagres her"),
    ]
    return FormSpec("Lag skjema: tilbakemelding", fields, save,
                    {"gathering": gathering, "folder": folder_default})


@declared(lambda db: {})
def read_feedback_answers() -> FormSpec:
    """Ask for returned feedback workbooks; gives back (paths, what would be stored)."""

    def preview(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.workbooks_feedback import import_feedback

        found = paths(values.get("files", ""))
        return (found, import_feedback(db, found, dry_run=True))

    return FormSpec("Les inn svar: tilbakemeldinger", READ_FIELDS, preview,
                    {"files": str(Path.home() / "nettverk-skjema" / "svar")})


def forms_importer(values: dict[str, str], dry_run: bool, db: Database) -> Any:
    """Read a Microsoft Forms results export as the form describes it."""
    from nettverk.services.workbooks_feedback import import_forms

    questions = {k: values[k].strip() for k in ("overall", "usefulness", "comment")
                 if values.get(k, "").strip()}
    return import_forms(db, _id(values.get("gathering", "")),
                        Path(values.get("file", "").strip()).expanduser(), dry_run=dry_run,
                        questions=questions)


@declared(lambda db: {"gathering": ""})
def read_forms_results(gathering: str) -> FormSpec:
    """Ask for a Microsoft Forms results export for a gathering; gives back (the form's values,
    what would be stored)."""

    def preview(db: Database, values: dict[str, str]) -> object:
        return (values, forms_importer(values, True, db))

    fields = [
        FormField("gathering", "Samling", kind="reference", reference="gathering", required=True),
        FormField("file", "Resultatfil", required=True, hint="xlsx lastet ned fra Forms"),
        FormField("overall", "Helhet-spørsmål", hint="tomt: finnes ut fra titlene"),
        FormField("usefulness", "Nytte-spørsmål", hint="tomt: finnes ut fra titlene"),
        FormField("comment", "Kommentar-spørsmål", hint="valgfritt"),
    ]
    return FormSpec("Les inn fra Microsoft Forms", fields, preview, {"gathering": gathering})
