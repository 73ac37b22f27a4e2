"""«Lag skjema» and «Les inn svar» for a capacity or priority session (Evaluering) and for the
feedback after a gathering (Tilbakemeldinger).

Making writes one workbook per participant into a folder; reading back first shows what would
be stored (a dry run in the form's worker), then stores everything in a second worker after
«Lagre». The forms are declared in `nettverk.forms.workbooks`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count
from nettverk.forms import workbooks as forms
from nettverk.forms.workbooks import Made
from nettverk.services.database import Database
from nettverk.tui.widgets.virtual_table import Row

MAX_SHOWN = 12


def _made(area: Any, then: Callable[[object], object] | None = None) -> Callable[[object], None]:
    """Says where the workbooks went, then lets the area reload."""

    def done(result: object | None) -> None:
        if isinstance(result, Made):
            area.app.notify(result.message, timeout=8)
            if then is not None:
                then(result.key)

    return done


def make_workbooks(area: Any, row: Row) -> None:
    """Ask for participants and a folder, then write one workbook per participant."""
    from nettverk.tui.screens.form import FormScreen

    kind, item_id = cast(tuple[str, int], row.key)
    spec = forms.make_session_workbooks(kind, item_id, row.cells[2])
    area.app.push_screen(FormScreen(spec), _made(area, area._saved))


def read_answers(area: Any, row: Row) -> None:
    """Ask for the returned files, show what would be stored, and store it after «Lagre»."""
    from nettverk.tui.screens.form import FormScreen

    kind, item_id = cast(tuple[str, int], row.key)

    def previewed(result: object | None) -> None:
        if result is None:
            return
        paths, report = cast(tuple[list[Path], Any], result)
        _confirm(area, report,
                 lambda db: forms.session_importer(kind, item_id, paths, False, db), row.key)

    area.app.push_screen(FormScreen(forms.read_session_answers(kind, item_id, row.cells[2])),
                         previewed)


def preview_text(report: Any) -> str:
    """What the import would store, briefly."""
    files = getattr(report, "files", None)
    source = f" fra {count(len(files), 'filer')}" if files is not None else ""
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


def make_feedback_workbook(area: Any, gathering: str) -> None:
    """Ask for the gathering and a folder, then write the feedback workbook there."""
    from nettverk.tui.screens.form import FormScreen

    area.app.push_screen(FormScreen(forms.make_feedback_workbook(gathering)),
                         _made(area))


def read_feedback(area: Any) -> None:
    """Read returned feedback workbooks: preview, then store all after «Lagre»."""
    from nettverk.tui.screens.form import FormScreen

    def previewed(result: object | None) -> None:
        if result is None:
            return
        from nettverk.services.workbooks_feedback import import_feedback

        paths, report = cast(tuple[list[Path], Any], result)
        _confirm(area, report, lambda db: import_feedback(db, paths), None)

    area.app.push_screen(FormScreen(forms.read_feedback_answers()), previewed)


def read_forms(area: Any, gathering: str) -> None:
    """Import a Microsoft Forms results export for a gathering: preview, then store."""
    from nettverk.tui.screens.form import FormScreen

    def previewed(result: object | None) -> None:
        if result is None:
            return
        values, report = cast(tuple[dict[str, str], Any], result)
        _confirm(area, report, lambda db: forms.forms_importer(values, False, db), None)

    area.app.push_screen(FormScreen(forms.read_forms_results(gathering)), previewed)
