"""Planarbeid: participating municipalities × plan kinds, coloured by stage, deadlines marked."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import plans as forms
from nettverk.forms.fields import show_date
from nettverk.forms.plans import KINDS, STAGES
from nettverk.services.database import Database
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter, SubList
from nettverk.tui.widgets.virtual_table import Column, Row

STAGE_STYLES = {"not_started": "dim", "start_notified": "cyan", "planning_programme": "blue",
                "consultation": "magenta", "adopted": "green"}
DEADLINE_MARKS = {"overdue": ("⚠ ", "bold red reverse"), "due_soon": ("! ", "bold dark_orange"),
                  "met_late": ("✓ ", "dark_orange"), "met": ("✓ ", ""), "not_due": ("", "")}
LEGEND = Text.assemble(
    "Stadium: ", *((f"{label}  ", STAGE_STYLES[stage]) for stage, label in STAGES.items()),
    "\nFrist: ", ("⚠ over fristen", "bold red reverse"), "  ", ("! nærmer seg", "bold dark_orange"),
    "  ✓ vedtatt",
)


def matrix_row(programme: str, r: Any, kinds: Sequence[str]) -> Row:
    """One municipality's documents, one cell per plan kind."""
    cells, styles, tags = [r.display_name], [""], {f"programme:{programme}"}
    for kind in kinds:
        cell = r.cells.get(kind)
        if cell is None:
            cells.append("–")
            styles.append("dim")
            continue
        mark, mark_style = DEADLINE_MARKS.get(cell.deadline_state or "not_due", ("", ""))
        cells.append(mark + STAGES.get(cell.stage, cell.stage))
        styles.append(mark_style or STAGE_STYLES.get(cell.stage, ""))
        tags.add(f"stage:{cell.stage}")
        if cell.deadline_state:
            tags.add(f"deadline:{cell.deadline_state}")
    return Row(key=(programme, r.municipality), cells=(programme, r.municipality, *cells),
               sort=(programme, r.municipality, r.name.lower(), *cells[1:]),
               tags=frozenset(tags), cell_styles=("", "", *styles), data=(programme, r))


class PlansArea(ListArea):
    """The plan matrix of every programme; Enter records a stage for the municipality."""

    TITLE = "Planarbeid"
    NOUN = "kommuner"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Program", 12, cut="middle"), Column("Nr", 4, min=4), Column("Kommune", 0),
        *(Column(label, 14, min=9) for label in KINDS.values()),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Planstrategi over fristen", lambda r: "deadline:overdue" in r.tags),
        ("Frist nærmer seg", lambda r: "deadline:due_soon" in r.tags),
        ("På høring", lambda r: "stage:consultation" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "stage", "Registrer stadium", id="plan.stage"),
        Binding("ctrl+k", "constituted", "Konstituert", id="plan.constituted"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [
        SubList("Plandokumenter", "plans", "PlanDocumentsArea"),
    ]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Registrer plan-stadium", "For kommunen som er markert", "stage"),
        ("Slett plandokument", "Velg blant dokumentene til kommunen som er markert", "delete"),
        ("Kommunestyret konstituert", "Datoen kommunestyret til kommunen som er markert ble "
         "konstituert (fristen for planstrategien følger den)", "constituted"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete is offered: it opens the municipality's documents to choose from."""
        if action == "delete":
            return True
        return super().check_action(action, parameters)

    def action_delete(self) -> None:
        """A row holds several documents: open the document list for the municipality, where
        each document is its own row and Delete asks before deleting it."""
        row = self.table.current
        if row is None:
            return
        _programme, matrix = row.data
        if all(cell is None for cell in matrix.cells.values()):
            self.notify(f"{matrix.display_name} har ingen plandokumenter.", timeout=4)
            return
        from nettverk.tui.screens.list_screen import ListScreen

        screen = ListScreen(self.SUBLISTS[0])
        cast(PlanDocumentsArea, screen.area).only_municipality = matrix.municipality
        self.app.push_screen(screen, self._back_from_list)
        self.notify(f"Plandokumentene til {matrix.display_name}: marker ett og trykk Delete.",
                    timeout=5)

    def fetch(self, db: Database) -> Loaded:
        """The matrix of each programme with participants."""
        from nettverk.services import programmes
        from nettverk.services.plans import plan_matrix

        today = self.app.today  # type: ignore[attr-defined]
        rows: list[Row] = []
        for programme in programmes.list_programmes(db.uow()):
            matrix = plan_matrix(db.uow(), programme.slug, today=today)
            rows += [matrix_row(programme.slug, r, list(KINDS)) for r in matrix.rows]
        return Loaded(rows, LEGEND)

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The municipality's documents with deadline and stage history."""
        from nettverk.services.plans import list_plan_documents

        _programme, number = cast(tuple[str, str], key)
        today = self.app.today  # type: ignore[attr-defined]
        documents = list_plan_documents(db.uow(), municipality=number, today=today)
        parts: list[RenderableType] = []
        for d in documents:
            period = f" {d.period_start}–{d.period_end or ''}" if d.period_start else ""
            head = Text(f"{d.kind_label.capitalize()}{period}: {d.stage_label}", style="bold")
            parts.append(head)
            if d.deadline:
                parts.append(Text(f"  Frist {show_date(d.deadline)} – {d.deadline_label}",
                                  style="bold red" if d.deadline_state == "overdue" else ""))
            parts.append(section("  Historikk", ["Dato", "Stadium", "Merknad"], [
                (show_date(e.on), e.stage_label, e.note or "") for e in d.stages]))
        if not parts:
            parts.append(Text("Ingen plandokumenter registrert.", style="dim"))
        return Group(*parts, Text(""), LEGEND)

    def open_row(self, row: Row) -> None:
        """Record a stage for one of the municipality's plans (a new plan when there is none)."""
        self.action_stage()

    def action_stage(self) -> None:
        """Record a stage for the highlighted municipality."""
        row = self.table.current
        if row is None:
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.plan_stage(row.data[1], today)), self._saved)

    def action_constituted(self) -> None:
        """Record the date the highlighted municipality's council was constituted."""
        row = self.table.current
        if row is None:
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.council_constituted(row.data[1], today)),
                             self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            current = self.table.current
            self.reload(keep=current.key if current else None)


# --- the documents one by one (F2) -------------------------------------------------------


def document_row(d: Any) -> Row:
    """A planning document as a list row."""
    period = f"{d.period_start}–{d.period_end or ''}" if d.period_start else ""
    mark, mark_style = DEADLINE_MARKS.get(d.deadline_state or "not_due", ("", ""))
    return Row(
        key=d.id,
        cells=(d.municipality, d.display_name, KINDS.get(d.kind, d.kind), period,
               mark + STAGES.get(d.stage, d.stage), show_date(d.adopted_on),
               show_date(d.deadline)),
        sort=(d.municipality, d.name.lower(), d.kind, d.period_start, d.stage, d.adopted_on,
              d.deadline),
        tags=frozenset({f"kind:{d.kind}", f"stage:{d.stage}", f"municipality:{d.municipality}",
                        f"deadline:{d.deadline_state}"}),
        cell_styles=("", "", "", "", mark_style or STAGE_STYLES.get(d.stage, ""), "", ""),
        search=" ".join(x for x in (d.title, d.archive_ref) if x), data=d,
    )


class PlanDocumentsArea(ListArea):
    """Every planning document on its own row: add, edit, delete with its stage history."""

    TITLE = "Plandokumenter"
    NOUN = "plandokumenter"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Nr", 4, min=4), Column("Kommune", 0), Column("Plan", 12, min=8),
        Column("Periode", 9, min=9), Column("Stadium", 16, min=9), Column("Vedtatt", 10, min=10),
        Column("Frist", 10, min=10),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Planstrategi over fristen", lambda r: "deadline:overdue" in r.tags),
        *((f"Plantype: {label}", (lambda tag: lambda r: tag in r.tags)(f"kind:{kind}"))
          for kind, label in KINDS.items()),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Nytt plandokument", id="plan_document.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Nytt plandokument", "Registrer et plandokument", "new"),
        ("Endre plandokument", "Tittel, periode, arkivreferanse", "edit"),
        ("Slett plandokument", "Det markerte dokumentet med historikken (spør først)", "delete"),
    ]
    #: Show only this municipality's documents (set when opened with Delete from the matrix).
    only_municipality: str | None = None

    def fetch(self, db: Database) -> list[Row]:
        """Every document (or one municipality's)."""
        from nettverk.services.plans import list_plan_documents

        today = self.app.today  # type: ignore[attr-defined]
        return [document_row(d) for d in list_plan_documents(
            db.uow(), municipality=self.only_municipality, today=today)]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The document's facts and stage history (from the row; no query)."""
        d = next(r.data for r in self.table.rows if r.key == key)
        period = f" {d.period_start}–{d.period_end or ''}" if d.period_start else ""
        parts: list[RenderableType] = [
            Text(f"{d.kind_label.capitalize()}{period}: {d.stage_label}", style="bold"),
            Text(f"{d.municipality} {d.display_name}")]
        if d.title:
            parts.append(Text(d.title, style="italic"))
        if d.archive_ref:
            parts.append(Text(f"Arkivreferanse {d.archive_ref}"))
        if d.deadline:
            parts.append(Text(f"Frist {show_date(d.deadline)} – {d.deadline_label}",
                              style="bold red" if d.deadline_state == "overdue" else ""))
        parts.append(section("Historikk", ["Dato", "Stadium", "Merknad"], [
            (show_date(e.on), e.stage_label, e.note or "") for e in d.stages]))
        parts.append(Text("Enter: endre · Delete: slett med historikken", style="dim"))
        return Group(*parts)

    def action_new(self) -> None:
        """Register a planning document."""
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.new_plan_document(self.only_municipality, today)),
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Enter edits the document."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted document (stages are recorded in Planarbeid with Ctrl+N)."""
        row = self.table.current
        if row is None:
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.edit_plan_document(row.data, today)), self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Say what goes with the document: its stage history."""
        d = row.data
        period = f" {d.period_start}–{d.period_end or ''}" if d.period_start else ""
        n = len(d.stages)
        history = f" med {n} trinn i historikken" if n else ""
        return f"Slette {d.kind_label}{period} for {d.display_name}{history}?"

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the document (refused while milestones follow it, or if it changed)."""
        from nettverk.services.plans import delete_plan_document

        delete_plan_document(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))
