"""Organisasjoner: the bodies that own, run or take part in programmes, with add, edit, delete."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType

from nettverk.forms import organisations as forms
from nettverk.forms.organisations import KINDS
from nettverk.services import organisations, persons, programmes, register
from nettverk.services.database import Database
from nettverk.services.organisations import OrganisationView
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row


@dataclass(frozen=True)
class Uses:
    """What points at the organisations: persons, programmes owned, programmes partnered."""

    persons: Counter[str] = field(default_factory=Counter)
    owned: dict[str, list[str]] = field(default_factory=dict)
    partnered: dict[str, list[str]] = field(default_factory=dict)
    counties: list[tuple[str, str]] = field(default_factory=list)

    def of(self, name: str) -> list[str]:
        """What uses the organisation, in words ("2 kontaktpersoner", …); empty when unused."""
        words = []
        if self.persons[name]:
            count = self.persons[name]
            words.append(f"{count} {'kontaktperson' if count == 1 else 'kontaktpersoner'}")
        if self.owned.get(name):
            words.append("eier av " + ", ".join(self.owned[name]))
        if self.partnered.get(name):
            words.append("partner i " + ", ".join(self.partnered[name]))
        return words


def organisation_row(o: OrganisationView) -> Row:
    """An organisation as a list row."""
    return Row(
        key=o.id,
        cells=(o.name, o.short_name or "", KINDS.get(o.kind, o.kind), o.org_number or "",
               o.county or ""),
        sort=(o.name.lower(), (o.short_name or "").lower(), o.kind, o.org_number, o.county),
        tags=frozenset({f"kind:{o.kind}"}),
        search=o.municipality or "",
        data=o,
    )


def load_uses(db: Database) -> Uses:
    """Who uses which organisation (worker thread; a few small queries)."""
    employed = Counter(p.organisation for p in persons.list_persons(db.uow(), include_erased=True)
                       if p.organisation)
    owned: dict[str, list[str]] = {}
    partnered: dict[str, list[str]] = {}
    for programme in programmes.list_programmes(db.uow()):
        if programme.owner:
            owned.setdefault(programme.owner, []).append(programme.slug)
        for partner in programme.partners:
            partnered.setdefault(partner, []).append(programme.slug)
    counties = [(c.number, c.name) for c in register.list_counties(db.uow())]
    return Uses(employed, owned, partnered, counties)


class OrganisationsArea(ListArea):
    """Every organisation: name, short name, kind, organisation number and county."""

    TITLE = "Organisasjoner"
    NOUN = "organisasjoner"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Navn", 0, min=14), Column("Kort", 8, min=5), Column("Type", 14, min=8),
        Column("Org.nr.", 9, min=9), Column("Fylke", 5, min=5),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny organisasjon", id="organisation.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny organisasjon", "Registrer en organisasjon", "new"),
        ("Endre organisasjon", "Endre organisasjonen som er markert", "edit"),
        ("Slett organisasjon", "Den markerte organisasjonen, hvis ingenting bruker den (spør først)",
         "delete"),
    ]
    uses = Uses()  # replaced, never mutated

    def fetch(self, db: Database) -> Loaded:
        """Every organisation, and who uses each (for the detail and the delete question)."""
        rows = [organisation_row(o) for o in organisations.list_organisations(db.uow())]
        return Loaded(rows, extra=load_uses(db))

    def take_extra(self, extra: object) -> None:
        """Who uses which organisation, and the counties for the form."""
        if isinstance(extra, Uses):
            self.uses = extra

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """One per kind present."""
        kinds = sorted({r.data.kind for r in rows}, key=list(KINDS).index)
        return [(f"Type: {KINDS[k]}", _kind_filter(k)) for k in kinds if k in KINDS]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The organisation's facts and what uses it (from the loaded rows; no query)."""
        o: OrganisationView = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Navn", o.name)
        facts.add_row("Kortnavn", o.short_name or "–")
        facts.add_row("Type", KINDS.get(o.kind, o.kind))
        facts.add_row("Org.nr.", o.org_number or "–")
        county = dict(self.uses.counties).get(o.county or "", "")
        facts.add_row("Fylke", f"{o.county} {county}" if o.county else "–")
        facts.add_row("Kommune", o.municipality or "–")
        facts.add_row("Brukes av", "\n".join(self.uses.of(o.name)) or "ingenting (kan slettes)")
        facts.add_row("Versjon", str(o.version))
        return facts

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Register a new organisation."""
        self.app.push_screen(FormScreen(forms.new_organisation(self.uses.counties)), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter on an organisation opens the form."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted organisation."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.edit_organisation(row.data, self.uses.counties)),
                                 self._saved)

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """Only an organisation nothing uses can be deleted."""
        o: OrganisationView = row.data
        if self.uses.of(o.name):
            return None
        return f"Slette organisasjonen «{o.name}»?"

    def delete_refusal(self, row: Row) -> str:
        """What still uses the organisation."""
        o: OrganisationView = row.data
        return (f"Organisasjonen {o.name} kan ikke slettes: brukes av "
                f"{'; '.join(self.uses.of(o.name))}. Flytt eller fjern dem først.")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the organisation (the service refuses too if something uses it meanwhile)."""
        organisations.delete_organisation(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if isinstance(result, OrganisationView):
            self.reload(keep=result.id)


def _kind_filter(kind: str) -> Callable[[Row], bool]:
    tag = f"kind:{kind}"
    return lambda row: tag in row.tags
