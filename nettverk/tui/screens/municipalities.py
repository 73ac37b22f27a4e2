"""Kommuner: the municipality register with details, add and edit."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import municipalities as forms
from nettverk.forms.fields import show_date, show_int
from nettverk.services import register
from nettverk.services.database import Database
from nettverk.services.register import MunicipalityView
from nettverk.tui.related import related_items
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, QuickFilter, SubList
from nettverk.tui.widgets.virtual_table import Column, Row


def municipality_row(m: MunicipalityView) -> Row:
    """A municipality as a list row."""
    return Row(
        key=m.number,
        cells=(m.number, m.display_name, f"{m.county} {m.county_name}", show_int(m.population)),
        sort=(m.number, m.name.lower(), m.county, m.population),
        style="dim" if m.ended_on else "",
        tags=frozenset({f"fylke:{m.county}"} | ({"sami"} if m.sami_administrative_area else set())),
        search=m.kven_name or "",
        data=m,
    )


class MunicipalitiesArea(ListArea):
    """Every municipality: number, name with Sámi name, county and population."""

    TITLE = "Kommuner"
    NOUN = "kommuner"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Nr", 5, min=5), Column("Navn", 0), Column("Fylke", 22),
        Column("Innbyggere", 10, "right", min=7),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny kommune", id="municipality.new"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [
        SubList("Personer", "persons", "PersonsArea"),
        SubList("Organisasjoner", "organisations", "OrganisationsArea"),
    ]
    counties: list[tuple[str, str]] = []  # replaced, never mutated

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny kommune", "Registrer en kommune", "new"),
        ("Endre kommune", "Endre kommunen som er markert", "edit"),
    ]

    def fetch(self, db: Database) -> list[Row]:
        """All municipalities (356 with the demo data; a few ms)."""
        return [municipality_row(m) for m in register.list_municipalities(db.uow())]

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """Sámi administrative area, small municipalities, and one per county."""
        filters: list[QuickFilter] = [
            ("Samisk forvaltningsområde", lambda r: "sami" in r.tags),
            ("Under 3 000 innbyggere", lambda r: (r.data.population or 0) < 3000),
        ]
        seen: dict[str, str] = {}
        for row in rows:
            seen.setdefault(row.data.county, row.data.county_name)
        for number, name in sorted(seen.items()):
            filters.append((f"Fylke {number} {name}", _county_filter(number)))
        self.counties = sorted(seen.items())
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The municipality's facts and everything related to it."""
        m = register.get_municipality(db.uow(), str(key))
        facts = fact_grid()
        facts.add_row("Kommune", f"{m.number} {m.display_name}")
        if m.kven_name:
            facts.add_row("Kvensk navn", m.kven_name)
        facts.add_row("Fylke", f"{m.county} {m.county_name}")
        population = show_int(m.population)
        if m.population_year:
            population += f" ({m.population_year})"
        facts.add_row("Innbyggere", population or "–")
        facts.add_row("Org.nr.", m.org_number or "–")
        if m.sami_administrative_area:
            facts.add_row("", "Samisk forvaltningsområde")
        if m.ended_on:
            facts.add_row("Opphørt", show_date(m.ended_on))
        facts.add_row("Versjon", str(m.version))
        today = self.app.today  # type: ignore[attr-defined]
        return Group(facts, Text(""), *related_items(db, m.number, today))

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Register a new municipality."""
        self.app.push_screen(FormScreen(forms.new_municipality(self.counties)), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter on a municipality opens its form."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted municipality."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.edit_municipality(row.data, self.counties)),
                                 self._saved)

    def _saved(self, result: object | None) -> None:
        if isinstance(result, MunicipalityView):
            self.reload(keep=result.number)


def _county_filter(number: str) -> Callable[[Row], bool]:
    tag = f"fylke:{number}"
    return lambda row: tag in row.tags
