"""Evaluering: capacity-diamond sessions (two compared, network average) and priority-tool grids.

F2 opens the feedback after gatherings, F3 the success factors.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.domain.norwegian import count, number
from nettverk.forms import evaluation as forms
from nettverk.forms.fields import show_date
from nettverk.services.database import Database
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.capacity_chart import ComponentScores, capacity_chart, priority_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter, SubList
from nettverk.tui.widgets.virtual_table import Column, Row

COMPONENTS = {"leadership": "Utviklingsledelse", "competence": "Utviklingskompetanse",
              "culture": "Utviklingskultur", "economy": "Utviklingsøkonomi",
              "time": "Tidsressurser"}
SHORT = ("Led", "Kom", "Kul", "Øko", "Tid")


def assessment_row(a: Any) -> Row:
    """A capacity session: the consensus score of each component."""
    scores = [a.consensus.get(c) for c in COMPONENTS]
    return Row(
        key=("capacity", a.id),
        cells=("Kapasitet", show_date(a.held_on), a.display_name, a.programme or "",
               *(str(s) if s is not None else "–" for s in scores)),
        sort=("capacity", a.held_on, a.name.lower(), a.programme, *scores),
        tags=frozenset({"capacity"}), search=a.facilitator or "", data=a,
    )


def session_row(p: Any) -> Row:
    """A priority-tool session."""
    return Row(
        key=("priority", p.id),
        cells=("Prioritering", show_date(p.held_on),
               f"{p.display_name or p.title} ({count(p.factors, 'faktorer')})", p.programme or "",
               "", "", "", "", ""),
        sort=("priority", p.held_on, (p.display_name or p.title).lower(), p.programme),
        tags=frozenset({"priority"}), search=p.title, data=p,
    )


class EvaluationArea(ListArea):
    """Both evaluation tools in one list; the detail draws the diamond or the grid."""

    TITLE = "Evaluering"
    NOUN = "vurderinger"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Verktøy", 12, min=9), Column("Dato", 10, min=10), Column("Kommune", 0),
        Column("Program", 18, cut="middle"), *(Column(s, 3, "right", min=3) for s in SHORT),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Kapasitetsdiamanten", lambda r: "capacity" in r.tags),
        ("Prioriteringsverktøyet", lambda r: "priority" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny kapasitetsvurdering", id="evaluation.new"),
        Binding("ctrl+o", "new_session", "Ny prioriteringsøkt", id="evaluation.new_session"),
        Binding("ctrl+e", "edit_header", "Endre", id="evaluation.edit"),
        Binding("ctrl+l", "open_rows", "Deltakere/faktorer", id="evaluation.rows"),
        Binding("ctrl+w", "make_workbooks", "Lag skjema", id="evaluation.workbooks"),
        Binding("ctrl+u", "read_answers", "Les inn svar", id="evaluation.answers"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [
        SubList("Tilbakemeldinger", "feedback", "FeedbackArea"),
        SubList("Suksessfaktorer", "success_factors", "SuccessFactorsArea"),
        SubList("10-punktsmodellen", "ten_point", "TenPointArea"),
    ]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny kapasitetsvurdering", "Registrer en økt med kapasitetsdiamanten", "new"),
        ("Ny prioriteringsøkt", "Registrer en økt med prioriteringsverktøyet", "new_session"),
        ("Endre vurdering", "Dato, program, prosessleder/tittel for den markerte vurderingen "
                            "eller økten", "edit_header"),
        ("Slett vurdering", "Den markerte kapasitetsvurderingen eller prioriteringsøkten "
                            "med alt som hører til (spør først)", "delete"),
        ("Deltakere og skårer", "Deltakerne med sine skårer og prioriteringene i den markerte "
                                "kapasitetsvurderingen, eller faktorene i prioriteringsøkten "
                                "(Ctrl+L)", "open_rows"),
        ("Lag skjema", "En arbeidsbok (xlsx) per deltaker til den markerte vurderingen eller "
                       "økten (Ctrl+W)", "make_workbooks"),
        ("Les inn svar", "Utfylte arbeidsbøker: vis hva som blir lagret, og lagre alt "
                         "(Ctrl+U)", "read_answers"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """Capacity sessions and priority sessions."""
        from nettverk.services.capacity import list_assessments
        from nettverk.services.priority import list_sessions

        rows = [assessment_row(a) for a in list_assessments(db.uow())]
        rows += [session_row(p) for p in list_sessions(db.uow())]
        return Loaded(rows, Text("Velg en vurdering for å se diamanten eller rutenettet.",
                                 style="dim"))

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The diamond against the municipality's previous session and the network, or the grid."""
        kind, item_id = cast(tuple[str, int], key)
        if kind == "priority":
            return self._priority_detail(db, item_id)
        from nettverk.services.capacity import get_assessment, network_averages

        detail = get_assessment(db.uow(), item_id)
        a = detail.assessment
        earlier = max((r.data for r in self.table.rows if "capacity" in r.tags
                       and r.data.municipality == a.municipality and r.data.held_on < a.held_on),
                      key=lambda x: x.held_on, default=None)
        averages: dict[str, float] = {}
        if a.programme:
            averages = {v.component: v.mean for v in
                        network_averages(db.uow(), a.programme, a.held_on.year)}
        components = [ComponentScores(label, a.consensus.get(c),
                                      earlier.consensus.get(c) if earlier else None,
                                      averages.get(c))
                      for c, label in COMPONENTS.items()]
        chart = capacity_chart(components, show_date(a.held_on),
                               show_date(earlier.held_on) if earlier else None,
                               f"nettverket {a.held_on.year}" if averages else None)
        return Group(
            Text(f"{a.display_name} – {show_date(a.held_on)} ({count(a.participants, 'deltakere')})",
                 style="bold"),
            chart, Text(""),
            _individual_means(detail.consensus),
            section("Prioriteringer", ["Komponent", "Tiltak", "Ansvarlig"], [
                (p.component_label or "", p.description, p.responsible or "")
                for p in detail.priorities]),
            Text("Enter: sett felles skår · Ctrl+E: endre dato, program, prosessleder · "
                 "Ctrl+L: deltakere, skårer og prioriteringer", style="dim"),
        )

    def _priority_detail(self, db: Database, session_id: int) -> RenderableType:
        from nettverk.services.priority import get_session

        detail = get_session(db.uow(), session_id)
        return Group(
            Text(f"{detail.session.title} – {show_date(detail.session.held_on)}", style="bold"),
            priority_grid([(f.name, f.quadrant) for f in detail.factors]), Text(""),
            section("Faktorer", ["Faktor", "Viktig", "Påvirk", "Avtalt"], [
                (f.name, _mean(f.mean_importance), _mean(f.mean_influence),
                 f"{f.agreed_importance}/{f.agreed_influence}" if f.agreed_importance else "")
                for f in detail.factors]),
            Text("Enter: avtal plassering for en faktor · Ctrl+E: endre tittel, dato, "
                 "kommune, program · Ctrl+L: faktorer og skårer", style="dim"),
        )

    def action_new(self) -> None:
        """Register a capacity-diamond session."""
        self.app.push_screen(FormScreen(forms.new_assessment()), self._saved)

    def open_row(self, row: Row) -> None:
        """Set the consensus scores, or agree a factor's placing."""
        kind, item_id = cast(tuple[str, int], row.key)
        if kind == "capacity":
            spec = forms.consensus_form(item_id, f"Felles skår: {row.cells[2]} {row.cells[1]}",
                                        dict(row.data.consensus))
        else:
            spec = forms.placing(item_id, f"Plassering: {row.cells[2]}")
        self.app.push_screen(FormScreen(spec), self._saved)

    def action_new_session(self) -> None:
        """Register a priority-tool session."""
        self.app.push_screen(FormScreen(forms.new_priority_session()), self._saved)

    def action_edit_header(self) -> None:
        """Change the highlighted session's header (date, programme, facilitator or title)."""
        row = self.table.current
        if row is None:
            return
        if "priority" in row.tags:
            spec = forms.edit_priority_session(row.data)
        else:
            spec = forms.edit_assessment(row.data)
        self.app.push_screen(FormScreen(spec), self._saved)

    def action_open_rows(self) -> None:
        """Open the highlighted session's rows: participants, scores and priorities of a
        capacity session, or a priority session's factors; reread the list on return."""
        row = self.table.current
        if row is None:
            return
        from nettverk.tui.screens.list_screen import ListScreen

        kind, item_id = cast(tuple[str, int], row.key)
        area: ListArea
        if kind == "capacity":
            from nettverk.tui.screens.capacity_rows import CapacityRowsArea

            sub = SubList(f"Deltakere og skårer – {row.data.display_name} "
                          f"{show_date(row.data.held_on)}", "capacity_rows", "CapacityRowsArea")
            area = CapacityRowsArea(item_id, id="list-capacityrowsarea")
        else:
            from nettverk.tui.screens.priority_factors import PriorityFactorsArea

            sub = SubList(f"Faktorer – {row.data.title} {show_date(row.data.held_on)}",
                          "priority_factors", "PriorityFactorsArea")
            area = PriorityFactorsArea(item_id, id="list-priorityfactorsarea")
        self.app.push_screen(ListScreen(sub, area), lambda _: self.reload(keep=row.key))

    def action_make_workbooks(self) -> None:
        """Workbooks the participants of the highlighted session fill in themselves."""
        from nettverk.tui.screens.workbook_actions import make_workbooks

        if self.table.current is not None:
            make_workbooks(self, self.table.current)

    def action_read_answers(self) -> None:
        """Read the returned workbooks of the highlighted session (preview, then all)."""
        from nettverk.tui.screens.workbook_actions import read_answers

        if self.table.current is not None:
            read_answers(self, self.table.current)

    def delete_question(self, row: Row) -> str | None:
        """Say what goes with the session: its participants, scores and priorities, or factors."""
        kind, _ = cast(tuple[str, int], row.key)
        x = row.data
        if kind == "capacity":
            return (f"Slette kapasitetsvurderingen for {x.display_name} {show_date(x.held_on)}? "
                    f"Deltakerne ({x.participants}), de individuelle skårene, felles skår og "
                    "prioriteringene slettes også.")
        return (f"Slette prioriteringsøkten «{x.title}» ({show_date(x.held_on)})? "
                f"Faktorene ({x.factors}) og deltakernes vurderinger slettes også.")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the session with what belongs to it (refused if someone changed it)."""
        kind, item_id = cast(tuple[str, int], row.key)
        if kind == "capacity":
            from nettverk.services.capacity import delete_assessment

            delete_assessment(db.uow(), item_id, expected_version=row.data.version)
        else:
            from nettverk.services.priority import delete_session

            delete_session(db.uow(), item_id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if isinstance(result, tuple):
            self.reload(keep=result)
        elif result is not None:
            self.reload(keep=("capacity", getattr(result, "id", None)))


def _individual_means(consensus: list[Any]) -> RenderableType:
    """The mean of the participants' own scores per component (beside the agreed score)."""
    if not any(c.individual_scores for c in consensus):
        return Text("Individuelle skårer: ingen ennå (Ctrl+L)", style="dim")
    parts = [f"{short} {_mean(c.individual_mean) or '–'}" for short, c in zip(SHORT, consensus,
                                                                             strict=True)]
    return Text("Snitt individuelle skårer: " + " · ".join(parts))


def _mean(value: float | None) -> str:
    return number(value, 1)
