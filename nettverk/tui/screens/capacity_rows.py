"""Deltakere og skårer: one capacity-diamond session's participants with their individual
scores per component, and the session's priorities (opened with Ctrl+L from Evaluering)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.domain.norwegian import number
from nettverk.forms import capacity as forms
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

if TYPE_CHECKING:
    from nettverk.services.database import Database

COMPONENTS = {"leadership": "Utviklingsledelse", "competence": "Utviklingskompetanse",
              "culture": "Utviklingskultur", "economy": "Utviklingsøkonomi",
              "time": "Tidsressurser"}
SHORT = ("Led", "Kom", "Kul", "Øko", "Tid")
#: Marks the component a priority is about, in that component's column.
PRIORITY_MARK = "◆"

def _score(value: int | None) -> str:
    return str(value) if value is not None else "–"


def participant_row(p: Any) -> Row:
    """A participant with the person's score on each component."""
    scores = [p.scores.get(code) for code in COMPONENTS]
    return Row(
        key=("participant", p.id),
        cells=(p.name, p.role or "", *(_score(s) for s in scores)),
        sort=(p.name.lower(), (p.role or "").lower(), *scores),
        tags=frozenset({"participant"}), data=p,
    )


def priority_row(p: Any) -> Row:
    """A priority: what to strengthen, who is responsible, the component it is about."""
    marks = [PRIORITY_MARK if p.component == code else "" for code in COMPONENTS]
    return Row(
        key=("priority", p.id),
        cells=(f"Prioritering: {p.description}", p.responsible or "", *marks),
        sort=(f"~{p.description.lower()}", (p.responsible or "").lower()),
        tags=frozenset({"priority"}), search=p.component_label or "", style="italic", data=p,
    )


class CapacityRowsArea(ListArea):
    """The rows inside one capacity-diamond session: participants, then priorities."""

    TITLE = "Deltakere og skårer"
    NOUN = "rader"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Deltaker / prioritering", 0, min=12), Column("Rolle / ansvarlig", 0, min=8),
        *(Column(s, 3, "right", min=3) for s in SHORT),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Deltakere", lambda r: "participant" in r.tags),
        ("Prioriteringer", lambda r: "priority" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny deltaker", id="capacity_rows.new"),
        Binding("ctrl+o", "new_priority", "Ny prioritering", id="capacity_rows.new_priority"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny deltaker", "Legg til en deltaker med skårene sine i vurderingen", "new"),
        ("Ny prioritering", "Hva vurderingen vil styrke, og hvem som har ansvaret",
         "new_priority"),
        ("Slett deltaker eller prioritering", "Den markerte raden; en deltaker med skårene "
                                              "sine (spør først)", "delete"),
    ]

    def __init__(self, assessment_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.assessment_id = assessment_id

    def fetch(self, db: Database) -> Loaded:
        """The participants and priorities; the summary shows the consensus beside the means."""
        from nettverk.services.capacity import get_assessment

        d = get_assessment(db.uow(), self.assessment_id)
        rows = [participant_row(p) for p in d.participants]
        rows += [priority_row(p) for p in d.priorities]
        a = d.assessment
        summary = Group(
            Text(f"{a.display_name} – {a.held_on.strftime('%d.%m.%Y')}", style="bold"),
            section("Felles skår og snitt av de individuelle",
                    ["Komponent", "Felles", "Snitt", "Svar"], [
                        (c.component_label, _score(c.score), _mean(c.individual_mean),
                         str(c.individual_scores)) for c in d.consensus]),
            Text(""),
            Text("Ctrl+N: ny deltaker · Ctrl+O: ny prioritering · Enter: endre · "
                 "Delete: slett · Esc: tilbake", style="dim"),
        )
        return Loaded(rows, summary)

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """A participant's scores with reasoning beside the consensus, or a priority in full."""
        from nettverk.services.capacity import get_assessment

        kind, item_id = cast(tuple[str, int], key)
        d = get_assessment(db.uow(), self.assessment_id)
        facts = fact_grid()
        if kind == "priority":
            pr = next((p for p in d.priorities if p.id == item_id), None)
            if pr is None:
                return Text("Prioriteringen finnes ikke lenger.", style="dim")
            facts.add_row("Prioritering", pr.description)
            facts.add_row("Komponent", pr.component_label or "–")
            facts.add_row("Ansvarlig", pr.responsible or "–")
            return Group(facts, Text(""), Text("Enter: endre · Delete: slett", style="dim"))
        p = next((x for x in d.participants if x.id == item_id), None)
        if p is None:
            return Text("Deltakeren finnes ikke lenger.", style="dim")
        reasons = {x.component: x.reasoning for x in d.scores if x.participant == p.name}
        agreed = {c.component: c.score for c in d.consensus}
        return Group(
            Text(f"{p.name}" + (f" ({p.role})" if p.role else ""), style="bold"),
            section("Skårer", ["Komponent", "Skår", "Felles", "Begrunnelse"], [
                (label, _score(p.scores.get(code)), _score(agreed.get(code)),
                 reasons.get(code) or "") for code, label in COMPONENTS.items()]),
            Text(""),
            Text("Enter: endre navn, rolle og skårer · Delete: slett deltakeren", style="dim"),
        )

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Add a participant, with the person's scores when they are known."""
        self.app.push_screen(FormScreen(forms.new_capacity_participant(self.assessment_id)),
                             self._saved)

    def action_new_priority(self) -> None:
        """Record what the session wants to strengthen."""
        self.app.push_screen(FormScreen(forms.new_capacity_priority(self.assessment_id)),
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Correct the participant (name, role, scores) or the priority."""
        kind, _ = cast(tuple[str, int], row.key)
        if kind == "priority":
            spec = forms.edit_capacity_priority(self.assessment_id, row.data)
        else:
            spec = forms.edit_capacity_participant(self.assessment_id, row.data)
        self.app.push_screen(FormScreen(spec), self._saved)

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """A participant goes with the person's scores; the consensus stays as agreed."""
        kind, _ = cast(tuple[str, int], row.key)
        x = row.data
        if kind == "priority":
            return f"Slette prioriteringen «{x.description}»?"
        scored = len(x.scores)
        scores = (f" De individuelle skårene ({scored}) slettes også; felles skår endres ikke."
                  if scored else "")
        return f"Slette deltakeren {x.name}" + (f" ({x.role})" if x.role else "") + "?" + scores

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the participant (with the scores) or the priority, if nobody changed it."""
        kind, item_id = cast(tuple[str, int], row.key)
        if kind == "priority":
            from nettverk.services.capacity import delete_priority

            delete_priority(db.uow(), item_id, expected_version=row.data.version)
        else:
            from nettverk.services.capacity import delete_participant

            delete_participant(db.uow(), item_id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=result)


def _mean(value: float | None) -> str:
    return number(value, 1, empty="–")
