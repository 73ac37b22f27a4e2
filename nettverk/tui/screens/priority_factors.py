"""Faktorer: one priority-tool session's factors with importance, influence, quadrant and the
participants' scores (opened with Ctrl+L from Evaluering)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import number
from nettverk.forms import priority as forms
from nettverk.tui.messages import ServiceFailed
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.capacity_chart import priority_grid
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

if TYPE_CHECKING:
    from nettverk.services.database import Database

#: Short quadrant names for the list (the detail gives the full label).
QUADRANTS = {"prioritise": "Prioriter", "influence_others": "Viktig, lite påvirkbar",
             "low_hanging": "Påvirkbar, mindre viktig", "deprioritise": "Lite viktig",
             "midline": "På midtlinjen"}

def _decimal(value: float | None) -> str:
    return number(value, 1)


def factor_row(f: Any) -> Row:
    """A factor: the participants' means, the agreed placing, its quadrant."""
    agreed = f"{f.agreed_importance}/{f.agreed_influence}" if f.agreed_importance else ""
    return Row(
        key=f.id,
        cells=(f.name, _decimal(f.mean_importance), _decimal(f.mean_influence), agreed,
               str(f.scores), QUADRANTS.get(f.quadrant or "", "ikke plassert")),
        sort=(f.name.lower(), f.mean_importance, f.mean_influence,
              (f.agreed_importance, f.agreed_influence) if f.agreed_importance else None,
              f.scores, list(QUADRANTS).index(f.quadrant) if f.quadrant else 9),
        tags=frozenset({f"quadrant:{f.quadrant}"}), search=f.quadrant_label or "", data=f,
    )


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags


class ChooseScreen(ModalScreen[str | None]):
    """Pick one name from a short list (Enter), or go back (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Avbryt", id="choose.cancel"),
    ]

    def __init__(self, question: str, names: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.names = names

    def compose(self) -> ComposeResult:
        """The question above the names."""
        with Vertical(classes="dialog confirm"):
            yield Label(self.question, classes="question")
            yield OptionList(*self.names, id="choices")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class PriorityFactorsArea(ListArea):
    """The factors of one priority-tool session, prioritised ones first."""

    TITLE = "Faktorer"
    NOUN = "faktorer"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Faktor", 0, min=12), Column("Vikt", 4, "right", min=4),
        Column("Påv", 4, "right", min=4), Column("Avtalt", 6, min=6),
        Column("Svar", 4, "right", min=4), Column("Kvadrant", 24, min=9),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        *((label, _tag(f"quadrant:{q}")) for q, label in QUADRANTS.items()),
        ("Ikke plassert", _tag("quadrant:None")),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny faktor", id="priority_factors.new"),
        Binding("ctrl+k", "score", "Deltakers skår", id="priority_factors.score"),
        Binding("ctrl+d", "remove_score", "Fjern skår", id="priority_factors.remove_score"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny faktor", "Legg til en faktor i prioriteringsøkten", "new"),
        ("Deltakers skår", "En deltakers viktighet og påvirkning for den markerte faktoren",
         "score"),
        ("Slett faktor", "Den markerte faktoren med deltakernes vurderinger av den "
                         "(spør først)", "delete"),
        ("Fjern deltakers skår", "Én deltakers vurdering av den markerte faktoren "
                                 "(spør først)", "remove_score"),
    ]
    scorers: dict[str, list[str]] = {}  # factor name → who scored it; replaced, never mutated

    def __init__(self, session_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session_id = session_id

    def fetch(self, db: Database) -> Loaded:
        """The factors; the summary draws the grid."""
        from nettverk.services.priority import get_session

        d = get_session(db.uow(), self.session_id)
        summary = Group(
            Text(f"{d.session.title} – {d.session.held_on.strftime('%d.%m.%Y')}", style="bold"),
            priority_grid([(f.name, f.quadrant) for f in d.factors]), Text(""),
            Text("Ctrl+N: ny faktor · Ctrl+K: deltakers skår · Enter: endre · Delete: slett · "
                 "Esc: tilbake", style="dim"),
        )
        scorers: dict[str, list[str]] = {}
        for x in d.scores:
            scorers.setdefault(x.factor, []).append(x.participant)
        return Loaded([factor_row(f) for f in d.factors], summary, scorers)

    def take_extra(self, extra: object) -> None:
        """Who scored each factor (offered when a score is removed)."""
        self.scorers = cast(dict[str, list[str]], extra)

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The factor's placing and every participant's scores of it."""
        from nettverk.services.priority import get_session

        d = get_session(db.uow(), self.session_id)
        f = next((x for x in d.factors if x.id == key), None)
        if f is None:
            return Text("Faktoren finnes ikke lenger.", style="dim")
        facts = fact_grid()
        facts.add_row("Kvadrant", f.quadrant_label or "ikke plassert")
        facts.add_row("Avtalt", f"viktighet {f.agreed_importance}, påvirkning "
                                f"{f.agreed_influence}" if f.agreed_importance else "–")
        facts.add_row("Snitt", f"viktighet {_decimal(f.mean_importance)}, påvirkning "
                               f"{_decimal(f.mean_influence)}" if f.scores else "–")
        return Group(
            Text(f.name, style="bold"), facts, Text(""),
            section("Deltakernes skårer", ["Deltaker", "Viktig", "Påvirk", "Kvadrant"], [
                (x.participant, str(x.importance), str(x.influence), x.quadrant_label)
                for x in d.scores if x.factor == f.name]),
            Text(""),
            Text("Enter: endre navn og avtalt plassering · Ctrl+K: deltakers skår · "
                 "Delete: slett", style="dim"),
        )

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Add a factor, with the agreed placing when there is one."""
        self.app.push_screen(FormScreen(forms.new_factor(self.session_id)), self._saved)

    def open_row(self, row: Row) -> None:
        """Rename the factor or change (or clear) its agreed placing."""
        self.app.push_screen(FormScreen(forms.edit_factor(self.session_id, row.data)),
                             self._saved)

    def action_score(self) -> None:
        """Record (or replace) one participant's scores of the highlighted factor."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.factor_score(self.session_id, row.data)),
                                 self._saved)

    def action_remove_score(self) -> None:
        """Choose a participant, confirm, then remove that participant's scores of the factor."""
        row = self.table.current
        if row is None:
            return
        f = row.data
        who = self.scorers.get(f.name, [])
        if not who:
            self.notify(f"Ingen har skåret «{f.name}» ennå.", severity="warning", timeout=5)
            return

        def ask(name: str | None) -> None:
            if name is None:
                return
            from nettverk.tui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._remove_score(f.id, f.name, name)

            self.app.push_screen(ConfirmScreen(
                f"Fjerne skåren til {name} for «{f.name}»? Snittet og kvadranten kan endres.",
                yes="Fjern"), answered)

        self.app.push_screen(
            ChooseScreen(f"Hvilken deltakers skår for «{f.name}» skal fjernes?", who), ask)

    @work(thread=True, exclusive=True, exit_on_error=False, group="score-remove")
    def _remove_score(self, factor_id: int, factor: str, participant: str) -> None:
        from nettverk.services.priority import delete_score

        try:
            delete_score(self.db.uow(), self.session_id, factor, participant)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.app.call_from_thread(self.reload, factor_id)

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """A factor goes with the participants' scores of it (they score that factor only)."""
        f = row.data
        scores = (f" Deltakernes vurderinger av den ({f.scores}) slettes også."
                  if f.scores else "")
        return f"Slette faktoren «{f.name}»?{scores}"

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the factor with its scores, if nobody changed it since the list was read."""
        from nettverk.services.priority import delete_factor

        delete_factor(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))
