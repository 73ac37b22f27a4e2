"""Avtaler: partnership agreements with status workflow, edits, focus areas and actions."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import agreements as forms
from nettverk.forms.agreements import STATUSES
from nettverk.forms.fields import show_date
from nettverk.services.database import Database
from nettverk.tui.related import section
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter, SubList
from nettverk.tui.widgets.virtual_table import Column, Row

STYLES = {"signed": "green", "declined": "dim", "ended": "dim"}


def agreement_row(a: Any) -> Row:
    """An agreement as a list row."""
    return Row(
        key=a.id,
        cells=(a.municipality, a.display_name, a.county, a.status_label, show_date(a.offered_on),
               show_date(a.signed_on), show_date(a.ends), ", ".join(a.focus_areas),
               str(a.open_actions or "")),
        sort=(a.municipality, a.name.lower(), a.county, a.status, a.offered_on, a.signed_on,
              a.ends, len(a.focus_areas), a.open_actions),
        style=STYLES.get(a.status, ""), tags=frozenset({a.status, f"county:{a.county}"}),
        search=a.notes or "", data=a,
    )


class AgreementsArea(ListArea):
    """Every partnership agreement; the detail shows its history and actions."""

    TITLE = "Avtaler"
    NOUN = "avtaler"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Nr", 4, min=4), Column("Kommune", 0, min=10), Column("Fylke", 5, min=2),
        Column("Status", 16, min=13), Column("Tilbudt", 10, min=10), Column("Signert", 10, min=10),
        Column("Til", 10, min=10), Column("Innsats", 10), Column("Tiltak", 6, "right", min=3),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        (label, (lambda status: lambda r: status in r.tags)(value))
        for value, label in STATUSES.items()
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny avtale", id="agreement.new"),
        Binding("ctrl+e", "edit", "Endre", id="agreement.edit"),
        Binding("ctrl+k", "new_action", "Nytt tiltak", id="agreement.action"),
    ]

    SUBLISTS: ClassVar[list[SubList]] = [
        SubList("Tiltak", "agreement_actions", "ActionsArea"),
        SubList("Innsatsområder", "focus_areas", "FocusAreasArea"),
    ]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny avtale", "Tilby en kommune avtale", "new"),
        ("Endre avtale", "Arkiv, periode, merknader", "edit"),
        ("Nytt tiltak", "Legg et tiltak til avtalen", "new_action"),
        ("Slett avtale", "Den markerte avtalen, bare hvis den aldri er signert (spør først)",
         "delete"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """All agreements."""
        from nettverk.services.agreements import list_agreements

        return Loaded([agreement_row(a) for a in list_agreements(db.uow())])

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """Facts, history and the agreed actions."""
        from nettverk.services.agreement_actions import list_actions
        from nettverk.services.agreements import get_agreement

        a = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Kommune", f"{a.municipality} {a.display_name}")
        facts.add_row("Status", a.status_label)
        facts.add_row("Periode", f"{show_date(a.starts)}–{show_date(a.ends)}")
        facts.add_row("Innsatsområder", ", ".join(a.focus_area_names) or "–")
        facts.add_row("Arkiv", a.archive_ref or "–")
        facts.add_row("Kontakt fylke", a.county_contact or "–")
        facts.add_row("Kontakt kommune", a.municipality_contact or "–")
        if a.exempt_from_public:
            facts.add_row("", "Unntatt offentlighet")
        today = self.app.today  # type: ignore[attr-defined]
        actions = list_actions(db.uow(), agreement_id=a.id, today=today)
        periods = get_agreement(db.uow(), a.id).periods
        earlier: list[RenderableType] = [
            section("Tidligere avtaleperioder", ["Signert", "Periode", "Avsluttet"], [
                (show_date(p.signed_on), f"{show_date(p.starts)}–{show_date(p.ends)}",
                 show_date(p.ended_on)) for p in periods]),
            Text("")] if periods else []
        return Group(
            facts, Text(""), *earlier,
            section("Tiltak", ["Frist", "Tiltak", "Status"], [
                (show_date(x.due), x.title, x.status_label + (" ⚠" if x.overdue else ""))
                for x in actions]),
            Text(""),
            section("Historikk", ["Dato", "Status", "Merknad"], [
                (show_date(e.on), e.status_label, e.note or "") for e in a.events]),
            Text("Enter: ny status · Ctrl+E: endre · Ctrl+K: nytt tiltak · Delete: slett "
                 "(bare før signering) · F2: alle tiltak · F3: innsatsområder", style="dim"),
        )

    def action_new(self) -> None:
        """Offer a municipality an agreement."""
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.new_agreement(today)), self._saved)

    def open_row(self, row: Row) -> None:
        """Move the agreement to a new status."""
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.agreement_status(row.data, today)), self._saved)

    def action_edit(self) -> None:
        """Edit the agreement (refused if someone else changed it meanwhile)."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.edit_agreement(row.data)), self._saved)

    def action_new_action(self) -> None:
        """Add an agreed action to the agreement."""
        row = self.table.current
        if row is None:
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.new_agreement_action(row.data.id, today)),
                             self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """An agreement that was never signed can be deleted, with its history and actions."""
        a = row.data
        if ever_signed(a):
            return None
        return (f"Slette avtalen med {a.display_name} ({a.status_label.lower()})? Historikken, "
                "de valgte innsatsområdene og alle tiltak i avtalen slettes også.")

    def delete_refusal(self, row: Row) -> str:
        """Signed agreements are history."""
        return (f"Avtalen med {row.data.display_name} har vært signert og er historikk: den "
                "slettes ikke. Gi den status «Avsluttet/utløpt» i stedet (Enter).")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the agreement (refused if someone changed it since the list was read)."""
        from nettverk.services.agreements import delete_agreement

        delete_agreement(db.uow(), row.data.id, expected_version=row.data.version)


def ever_signed(a: Any) -> bool:
    """Whether the agreement has been signed at some point (then it is history)."""
    return a.signed_on is not None or any(e.status in ("signed", "ended") for e in a.events)
