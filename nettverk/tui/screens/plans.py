"""Planarbeid: participating municipalities × plan kinds, coloured by stage, deadlines marked."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.services.database import Database
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.form_fields import FormField, day, show_date, text
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

KINDS = {"plan_strategy": "Planstrategi", "community_plan": "Samfunnsdel",
         "land_use_plan": "Arealdel", "action_plan": "Handlingsdel", "financial_plan": "Økonomiplan"}
STAGES = {"not_started": "ikke startet", "start_notified": "varslet oppstart",
          "planning_programme": "planprogram", "consultation": "høring", "adopted": "vedtatt"}
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


STAGE_FIELDS = [
    FormField("kind", "Plantype", kind="choice", required=True,
              choices=tuple((label, value) for value, label in KINDS.items())),
    FormField("stage", "Stadium", kind="choice", required=True,
              choices=tuple((label, value) for value, label in STAGES.items())),
    FormField("on", "Dato", kind="date", hint="tom: i dag"),
    FormField("period_start", "Periode fra år", kind="int", hint="ved ny plan, f.eks. 2024"),
    FormField("note", "Merknad"),
]


class PlansArea(ListArea):
    """The plan matrix of every programme; Enter records a stage for the municipality."""

    TITLE = "Planarbeid"
    NOUN = "kommuner"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Program", 12), Column("Nr", 4, min=4), Column("Kommune", 0),
        *(Column(label, 14, min=9) for label in KINDS.values()),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Planstrategi over fristen", lambda r: "deadline:overdue" in r.tags),
        ("Frist nærmer seg", lambda r: "deadline:due_soon" in r.tags),
        ("På høring", lambda r: "stage:consultation" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "stage", "Registrer stadium", id="plan.stage"),
    ]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Registrer plan-stadium", "For kommunen som er markert", "stage"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """The matrix of each programme with participants."""
        from nettverk.services import register
        from nettverk.services.plans import plan_matrix

        today = self.app.today  # type: ignore[attr-defined]
        rows: list[Row] = []
        for programme in register.list_programmes(db.uow()):
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
        _programme, matrix = row.data
        today = self.app.today  # type: ignore[attr-defined]

        def save(db: Database, values: dict[str, str]) -> object:
            from nettverk.services.plans import add_plan_document, set_stage

            kind = values.get("kind", "")
            cell = matrix.cells.get(kind)
            if cell is not None:
                return set_stage(db.uow(), cell.id, values.get("stage", ""), on=day(values, "on"),
                                 note=text(values, "note"), today=today)
            start = text(values, "period_start")
            return add_plan_document(
                db.uow(), matrix.municipality, kind, period_start=int(start) if start else None,
                stage=values.get("stage", ""), on=day(values, "on"), note=text(values, "note"),
                today=today)

        self.app.push_screen(
            FormScreen(f"Planarbeid: {matrix.display_name}", STAGE_FIELDS,
                       {"kind": "plan_strategy"}, save), self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            current = self.table.current
            self.reload(keep=current.key if current else None)
