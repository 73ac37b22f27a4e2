"""«Lag skjema» and «Les inn svar» for a capacity or priority session (Evaluering).

Making writes one workbook per participant into a folder; reading back first shows what would
be stored (a dry run in a worker), then stores everything in a second worker after «Lagre».
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from nettverk.domain.errors import DomainError
from nettverk.services.database import Database
from nettverk.forms.fields import FormField
from nettverk.tui.widgets.virtual_table import Row

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
MAX_SHOWN = 12


def default_folder(row: Row) -> str:
    """Where a session's workbooks go unless the user says otherwise."""
    kind, item_id = cast(tuple[str, int], row.key)
    name = "vurdering" if kind == "capacity" else "prioritering"
    return str(Path.home() / "nettverk-skjema" / f"{name}-{item_id}")


def _paths(text: str) -> list[Path]:
    paths: list[Path] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        path = Path(part).expanduser()
        if path.is_dir():
            paths.extend(sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$")))
        else:
            paths.append(path)
    if not paths:
        raise DomainError("files", "fant ingen .xlsx-filer")
    return paths


def make_workbooks(area: Any, row: Row) -> None:
    """Ask for participants and a folder, then write one workbook per participant."""
    from nettverk.tui.screens.form import FormScreen

    kind, item_id = cast(tuple[str, int], row.key)

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services import workbooks

        names = [n.strip() for n in values.get("participants", "").split(",") if n.strip()]
        if kind == "capacity":
            from nettverk.services.workbooks_capacity import capacity_workbooks

            files = capacity_workbooks(db, item_id, names)
        else:
            from nettverk.services.workbooks_priority import priority_workbooks

            files = priority_workbooks(db, item_id, names)
        folder = Path(values.get("folder", "").strip() or default_folder(row)).expanduser()
        written = workbooks.write_files(files, folder)
        area.app.call_from_thread(area.app.notify, f"{len(written)} arbeidsbøker lagret i "
                                                   f"{folder}", timeout=8)
        return row.key

    area.app.push_screen(FormScreen(f"Lag skjema: {row.cells[2]}", MAKE_FIELDS,
                                    {"folder": default_folder(row)}, save), area._saved)


def read_answers(area: Any, row: Row) -> None:
    """Ask for the returned files, show what would be stored, and store it after «Lagre»."""
    from nettverk.tui.screens.form import FormScreen

    kind, item_id = cast(tuple[str, int], row.key)

    def importer(db: Database, paths: list[Path], dry_run: bool) -> Any:
        if kind == "capacity":
            from nettverk.services.workbooks_capacity import import_capacity

            return import_capacity(db, paths, dry_run=dry_run, assessment_id=item_id)
        from nettverk.services.workbooks_priority import import_priority

        return import_priority(db, paths, dry_run=dry_run, session_id=item_id)

    def preview(db: Database, values: dict[str, str]) -> object:
        paths = _paths(values.get("files", ""))
        return (paths, importer(db, paths, True))

    def previewed(result: object | None) -> None:
        if result is None:
            return
        paths, report = cast(tuple[list[Path], Any], result)
        _confirm(area, report, lambda db: importer(db, paths, False), row.key)

    area.app.push_screen(FormScreen(f"Les inn svar: {row.cells[2]}", READ_FIELDS,
                                    {"files": str(Path(default_folder(row)) / "svar")}, preview), previewed)


def preview_text(report: Any) -> str:
    """What the import would store, briefly."""
    files = getattr(report, "files", None)
    source = f" fra {len(files)} fil(er)" if files is not None else ""
    lines = [f"{len(report.rows)} svar{source} blir lagret:"]
    if getattr(report, "skipped", 0):
        lines.append(f"  ({report.skipped} var allerede lest inn og hoppes over)")
    for r in report.rows[:MAX_SHOWN]:
        second = f"/{r.second}" if r.second is not None else ""
        who = r.respondent or "(uten navn)"
        lines.append(f"  {who}: {r.item} {r.first}{second} ({r.action})".replace(":  ", ": "))
    if len(report.rows) > MAX_SHOWN:
        lines.append(f"  … og {len(report.rows) - MAX_SHOWN} til")
    return "\n".join(lines)


def _confirm(area: Any, report: Any, store: Callable[[Database], Any], key: object) -> None:
    from nettverk.tui.screens.confirm import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if not yes:
            return

        def work() -> None:
            try:
                done = store(area.app.db)
            except DomainError as exc:
                area.app.call_from_thread(area.app.notify, exc.message, title="Ikke lagret",
                                          severity="error", timeout=12)
                return
            area.app.call_from_thread(area.app.notify, f"Lagret {len(done.rows)} svar.",
                                      timeout=5)
            area.app.call_from_thread(area.reload, keep=key)

        area.run_worker(work, thread=True, exit_on_error=False, group="workbook-import")

    area.app.push_screen(ConfirmScreen(preview_text(report), yes="Lagre"), answered)


# --- feedback after a gathering (Tilbakemeldinger) -------------------------------------------


def _feedback_make_fields(choices: list[tuple[str, str]]) -> list[FormField]:
    return [
        FormField("gathering", "Samling", kind="choice", required=True, choices=tuple(choices)),
        FormField("rows", "Svarrader", kind="int", hint="én per respondent (standard 30)"),
        FormField("folder", "Mappe", required=True, hint="arbeidsboken lagres her"),
    ]


def _forms_fields(choices: list[tuple[str, str]]) -> list[FormField]:
    return [
        FormField("gathering", "Samling", kind="choice", required=True, choices=tuple(choices)),
        FormField("file", "Resultatfil", required=True, hint="xlsx lastet ned fra Forms"),
        FormField("overall", "Helhet-spørsmål", hint="tomt: finnes ut fra titlene"),
        FormField("usefulness", "Nytte-spørsmål", hint="tomt: finnes ut fra titlene"),
        FormField("comment", "Kommentar-spørsmål", hint="valgfritt"),
    ]


def make_feedback_workbook(area: Any, choices: list[tuple[str, str]], gathering: str) -> None:
    """Ask for the gathering and a folder, then write the feedback workbook there."""
    from nettverk.tui.screens.form import FormScreen

    folder_default = str(Path.home() / "nettverk-skjema")

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.workbooks import write_files
        from nettverk.services.workbooks_feedback import DEFAULT_ROWS, feedback_workbook

        rows = values.get("rows", "").strip()
        made = feedback_workbook(db, _id(values.get("gathering", "")),
                                 int(rows) if rows.isdigit() else DEFAULT_ROWS)
        folder = Path(values.get("folder", "").strip() or folder_default).expanduser()
        written = write_files([made], folder)
        area.app.call_from_thread(area.app.notify, f"Lagret {written[0]}", timeout=8)
        return None

    area.app.push_screen(FormScreen("Lag skjema: tilbakemelding", _feedback_make_fields(choices),
                                    {"gathering": gathering, "folder": folder_default}, save))


def _id(text: str) -> int:
    if not text.strip().isdigit():
        raise DomainError("gathering", "velg en samling")
    return int(text)


def read_feedback(area: Any) -> None:
    """Read returned feedback workbooks: preview, then store all after «Lagre»."""
    from nettverk.tui.screens.form import FormScreen

    def preview(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.workbooks_feedback import import_feedback

        paths = _paths(values.get("files", ""))
        return (paths, import_feedback(db, paths, dry_run=True))

    def previewed(result: object | None) -> None:
        if result is None:
            return
        from nettverk.services.workbooks_feedback import import_feedback

        paths, report = cast(tuple[list[Path], Any], result)
        _confirm(area, report, lambda db: import_feedback(db, paths), None)

    area.app.push_screen(FormScreen("Les inn svar: tilbakemeldinger", READ_FIELDS,
                                    {"files": str(Path.home() / "nettverk-skjema" / "svar")},
                                    preview), previewed)


def read_forms(area: Any, choices: list[tuple[str, str]], gathering: str) -> None:
    """Import a Microsoft Forms results export for a gathering: preview, then store."""
    from nettverk.tui.screens.form import FormScreen

    def run(db: Database, values: dict[str, str], dry_run: bool) -> Any:
        from nettverk.services.workbooks_feedback import import_forms

        questions = {k: values[k].strip() for k in ("overall", "usefulness", "comment")
                     if values.get(k, "").strip()}
        return import_forms(db, _id(values.get("gathering", "")),
                            Path(values.get("file", "").strip()).expanduser(), dry_run=dry_run,
                            questions=questions)

    def preview(db: Database, values: dict[str, str]) -> object:
        return (values, run(db, values, True))

    def previewed(result: object | None) -> None:
        if result is None:
            return
        values, report = cast(tuple[dict[str, str], Any], result)
        _confirm(area, report, lambda db: run(db, values, False), None)

    area.app.push_screen(FormScreen("Les inn fra Microsoft Forms", _forms_fields(choices),
                                    {"gathering": gathering}, preview), previewed)
