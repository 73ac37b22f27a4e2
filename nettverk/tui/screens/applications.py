"""Søknader: applications with eligibility notes and the workflow (interview, accept, reject, override)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.domain.norwegian import number
from nettverk.forms import applications as forms
from nettverk.forms.fields import show_date
from nettverk.services.database import Database
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter, SubList
from nettverk.tui.widgets.virtual_table import Column, Row

STYLES = {"accepted": "green", "rejected": "dim", "withdrawn": "dim"}
def application_row(a: Any) -> Row:
    """An application as a list row; ⚠ marks unmet eligibility rules."""
    return Row(
        key=a.id,
        cells=(show_date(a.received), a.display_name, a.county, a.programme, a.status_label,
               "⚠" if not a.eligible else "", "sen" if a.late else ""),
        sort=(a.received, a.name.lower(), a.county, a.programme, a.status, a.eligible, a.late),
        style=STYLES.get(a.status, "dark_orange" if not a.eligible else ""),
        tags=frozenset({a.status, f"programme:{a.programme}"} | ({"ineligible"} if not a.eligible
                                                                   else set())),
        search=" ".join(a.eligibility_notes), data=a,
    )


PENDING = ("received", "interview")
DECIDED = ("accepted", "rejected")


class ApplicationsArea(ListArea):
    """Every application, newest first by default sort of the service."""

    TITLE = "Søknader"
    NOUN = "søknader"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Mottatt", 10, min=10), Column("Kommune", 0), Column("Fylke", 5, min=5),
        Column("Program", 22, cut="middle"), Column("Status", 9, min=9), Column("!", 1, min=1),
        Column("Sen", 3, min=3),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny søknad", id="application.new"),
        Binding("ctrl+e", "edit", "Endre svar", id="application.edit"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [SubList("Utlysninger", "rounds", "RoundsArea")]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny søknad", "Registrer en søknad", "new"),
        ("Behandle søknad", "Samtale, opptak, avslag eller overstyring", "process"),
        ("Endre søknad", "Rett svarene i en søknad som ikke er avgjort", "edit"),
        ("Slett søknad", "En søknad som ikke er avgjort (spør først)", "delete"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """All applications."""
        from nettverk.services.applications import list_applications

        return Loaded([application_row(a) for a in list_applications(db.uow())])

    def quick_filters(self, rows: Any) -> list[QuickFilter]:
        """Status, unmet eligibility, and one per programme."""
        filters: list[QuickFilter] = [
            ("Venter på behandling", lambda r: bool({"received", "interview"} & r.tags)),
            ("Oppfyller ikke vilkårene", lambda r: "ineligible" in r.tags),
            ("Tatt opp", lambda r: "accepted" in r.tags),
            ("Avslått", lambda r: "rejected" in r.tags),
        ]
        for slug in sorted({r.data.programme for r in rows}):
            filters.append((f"Program {slug}", _tag(f"programme:{slug}")))
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """Facts, eligibility notes, decision and history."""
        a = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Kommune", f"{a.municipality} {a.display_name}")
        facts.add_row("Program", a.programme + (f" ({a.round_title})" if a.round_title else ""))
        facts.add_row("Mottatt", show_date(a.received) + (" (etter fristen)" if a.late else ""))
        facts.add_row("Status", a.status_label)
        if a.population is not None:
            facts.add_row("Innbyggere", f"{number(a.population)} ({a.population_year or '?'})")
        if a.samfunnsdel_year:
            facts.add_row("Samfunnsdel", str(a.samfunnsdel_year))
        if a.decision_reason:
            facts.add_row("Begrunnelse", a.decision_reason)
        if a.override_justification:
            facts.add_row("Overstyrt", a.override_justification)
        parts: list[RenderableType] = [facts, Text("")]
        if a.eligibility_notes:
            parts.append(Text("Vilkår som ikke er oppfylt:", style="bold"))
            parts += [Text(f"⚠ {n}", style="dark_orange") for n in a.eligibility_notes]
        else:
            parts.append(Text("✓ Oppfyller vilkårene", style="green"))
        parts += [Text(""), section("Historikk", ["Dato", "Status", "Begrunnelse"], [
            (show_date(e.on), e.status_label, e.reason or "") for e in a.events])]
        if a.status in PENDING:
            parts.append(Text("Enter: behandle · Ctrl+E: endre svarene · Delete: slett",
                              style="dim"))
        else:
            parts.append(Text("Enter: behandle søknaden", style="dim"))
        return Group(*parts)

    def action_new(self) -> None:
        """Register an application."""
        today = self.app.today  # type: ignore[attr-defined]
        current = self.table.current
        programme = current.data.programme if current else None
        self.app.push_screen(FormScreen(forms.new_application(programme, today)), self._saved)

    def open_row(self, row: Row) -> None:
        """Take the next workflow step; overriding eligibility needs a justification."""
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.decide_application(row.data, today)), self._saved)

    def action_edit(self) -> None:
        """Correct the answers of the highlighted application while it is pending."""
        row = self.table.current
        if row is None:
            return
        a = row.data
        if a.status not in PENDING:
            self.notify(f"Søknaden er {a.status_label} og kan ikke endres.", timeout=5)
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.edit_application(a, today)), self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Only an application without a decision can be deleted, with its history."""
        a = row.data
        if a.status in DECIDED:
            return None
        return (f"Slette søknaden fra {a.display_name} til {a.programme} "
                f"(mottatt {show_date(a.received)}, status: {a.status_label}) med historikken?")

    def delete_refusal(self, row: Row) -> str:
        """A decision stays on record."""
        a = row.data
        extra = " Kommunen ble deltaker; endre deltakelsen i Program." \
            if a.status == "accepted" else ""
        return f"Søknaden er {a.status_label} og kan ikke slettes: avgjørelsen skal stå.{extra}"

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the application (refused if it was decided or changed meanwhile)."""
        from nettverk.services.applications import delete_application

        delete_application(db.uow(), row.data.id, expected_version=row.data.version)

    def action_process(self) -> None:
        """Take the next workflow step for the highlighted application."""
        self.table.action_select()

    def _saved(self, result: object | None) -> None:
        if result is not None:
            if getattr(result, "round_id", 0) is None and getattr(result, "status", "") in PENDING:
                self.notify("Søknaden hører ikke til noen utlysning (mottatt før utlysningen "
                            "åpnet?). Velg utlysning med Ctrl+E.", title="Uten utlysning",
                            severity="warning", timeout=10)
            self.reload(keep=getattr(result, "id", None))


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags
