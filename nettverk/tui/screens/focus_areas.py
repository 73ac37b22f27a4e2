"""Innsatsområder (F3 from Avtaler): the partnership programme's focus areas; add, edit, delete."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import focus_areas as forms
from nettverk.services.database import Database
from nettverk.services.focus_areas import FocusAreaView
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row


def focus_area_row(f: FocusAreaView) -> Row:
    """A focus area as a list row; unused ones are dimmed."""
    used = bool(f.agreements or f.actions)
    return Row(
        key=f.id,
        cells=(f.code, f.name, str(f.agreements), str(f.actions), f.description or ""),
        sort=(f.code, f.name.lower(), f.agreements, f.actions, f.description or ""),
        style="" if used else "dim",
        tags=frozenset({"used" if used else "unused"}), data=f,
    )


def _uses(f: FocusAreaView) -> str:
    words = []
    if f.agreements:
        words.append(f"{f.agreements} {'avtale' if f.agreements == 1 else 'avtaler'}")
    if f.actions:
        words.append(f"{f.actions} tiltak")
    return " og ".join(words)


class FocusAreasArea(ListArea):
    """The focus areas (innsatsområder) of Gode lokalsamfunn for alle, with how much uses each."""

    TITLE = "Innsatsområder"
    NOUN = "innsatsområder"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Kode", 14, min=8), Column("Innsatsområde", 0, min=14),
        Column("Avtaler", 7, "right", min=3), Column("Tiltak", 6, "right", min=3),
        Column("Beskrivelse", 0, min=10),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("I bruk", lambda r: "used" in r.tags),
        ("Ikke i bruk (kan slettes)", lambda r: "unused" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Nytt område", id="focus_areas.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Nytt innsatsområde", "Legg til et innsatsområde", "new"),
        ("Endre innsatsområde", "Det markerte innsatsområdet", "edit"),
        ("Slett innsatsområde", "Det markerte, hvis ingen avtale eller tiltak bruker det", "delete"),
    ]

    def fetch(self, db: Database) -> list[Row]:
        """Every focus area of the partnership programme."""
        from nettverk.services.focus_areas import list_focus_areas

        return [focus_area_row(f) for f in list_focus_areas(db.uow())]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The focus area and what uses it (from the loaded row)."""
        f: FocusAreaView = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Kode", f.code)
        facts.add_row("Navn", f.name)
        facts.add_row("Program", f.programme)
        facts.add_row("Brukes av", _uses(f) or "ingen (kan slettes)")
        return Group(facts, Text(""), Text(f.description or ""),
                     Text("Enter: endre · Ctrl+N: nytt · Delete: slett (bare ubrukte)",
                          style="dim"))

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Add a focus area."""
        self.app.push_screen(FormScreen(forms.new_focus_area()), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter edits the focus area."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted focus area (refused if someone else changed it meanwhile)."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.edit_focus_area(row.data)), self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """Only a focus area no agreement or action uses can be deleted."""
        f: FocusAreaView = row.data
        if f.agreements or f.actions:
            return None
        return f"Slette innsatsområdet «{f.name}» ({f.code})?"

    def delete_refusal(self, row: Row) -> str:
        """Which agreements and actions still use it."""
        f: FocusAreaView = row.data
        return (f"Innsatsområdet «{f.name}» brukes av {_uses(f)}. Fjern det fra avtalene og "
                "tiltakene først.")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the focus area (the service refuses again if it came into use meanwhile)."""
        from nettverk.services.focus_areas import delete_focus_area

        f: FocusAreaView = row.data
        delete_focus_area(db.uow(), f.code, programme=f.programme, expected_version=f.version)
