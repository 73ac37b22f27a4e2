"""Personer: the contact persons, with add, edit and erasure under the personal-data rules."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType

from nettverk.forms import persons as forms
from nettverk.forms.fields import show_date
from nettverk.services import persons
from nettverk.services.database import Database
from nettverk.services.persons import PersonView
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row


def belongs_to(p: PersonView) -> str:
    """Where the person works: the organisation, or the municipality with its number."""
    if p.organisation:
        return p.organisation
    if p.municipality:
        return f"{p.municipality} {p.municipality_name or ''}".strip()
    return ""


def person_row(p: PersonView) -> Row:
    """A person as a list row; erased (anonymised) persons are dimmed."""
    title = " / ".join(v for v in (p.title, p.role) if v)
    return Row(
        key=p.id,
        cells=(p.name, title, belongs_to(p), p.email or "", p.phone or ""),
        sort=(p.name.lower(), title.lower(), belongs_to(p).lower(), p.email, p.phone),
        style="dim italic" if p.erased_on else "",
        tags=frozenset({"erased" if p.erased_on else "active",
                        "organisation" if p.organisation else "",
                        "municipality" if p.municipality else ""}),
        data=p,
    )


def erase_question(p: PersonView) -> str:
    """What deleting a person means, asked before it is done."""
    return (f"Slette «{p.name}» etter personvernreglene? Personen anonymiseres overalt "
            "(navn, tittel, e-post og telefon, også der navnet står i fritekst), revisjonsloggen "
            "renses for opplysningene, og statistikken (deltakelser, oppmøte, vurderinger) "
            "beholdes. Dette kan ikke angres.")


class PersonsArea(ListArea):
    """Every contact person: name, title and role, organisation or municipality, e-mail, phone."""

    TITLE = "Personer"
    NOUN = "personer"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Navn", 0, min=12), Column("Tittel / rolle", 26, min=10),
        Column("Organisasjon / kommune", 28, min=10), Column("E-post", 26, min=8),
        Column("Telefon", 15, min=8),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny person", id="person.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny person", "Registrer en kontaktperson", "new"),
        ("Endre person", "Endre personen som er markert", "edit"),
        ("Slett person (personvern)", "Anonymiser den markerte personen overalt (spør først)",
         "delete"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """Every person, erased ones included (dimmed)."""
        return Loaded([person_row(p) for p in persons.list_persons(db.uow(), include_erased=True)])

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """Without the erased, only the erased, by where they work, and one per organisation."""
        filters: list[QuickFilter] = [
            ("Uten slettede", lambda r: "active" in r.tags),
            ("Slettede (anonymisert)", lambda r: "erased" in r.tags),
            ("Kontakter i kommuner", lambda r: "municipality" in r.tags),
            ("Kontakter i organisasjoner", lambda r: "organisation" in r.tags),
        ]
        for name in sorted({r.data.organisation for r in rows if r.data.organisation}):
            filters.append((f"Organisasjon: {name}", _organisation_filter(name)))
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The person's facts (from the row) and what the person is linked to."""
        p: PersonView = next(r.data for r in self.table.rows if r.key == key)
        links = persons.person_links(db.uow(), p.id)
        facts = fact_grid()
        facts.add_row("Navn", p.name)
        if p.erased_on:
            facts.add_row("", f"Slettet (anonymisert) {show_date(p.erased_on)}")
        facts.add_row("Tittel", p.title or "–")
        facts.add_row("Rolle", p.role or "–")
        facts.add_row("E-post", p.email or "–")
        facts.add_row("Telefon", p.phone or "–")
        facts.add_row("Organisasjon", p.organisation or "–")
        facts.add_row("Kommune", f"{p.municipality} {p.municipality_name}" if p.municipality
                      else "–")
        facts.add_row("Koblet til", "\n".join(links) or "–")
        facts.add_row("Id", str(p.id))
        facts.add_row("Versjon", str(p.version))
        return facts

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Register a new person."""
        self.app.push_screen(FormScreen(forms.new_person()), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter on a person opens the form."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted person (erased persons cannot be changed)."""
        row = self.table.current
        if row is None:
            return
        p: PersonView = row.data
        if p.erased_on:
            self.notify("Personen er slettet (anonymisert) og kan ikke endres.", timeout=5)
            return
        self.app.push_screen(FormScreen(forms.edit_person(p)), self._saved)

    # --- erasing ------------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """Deleting a person is erasure: anonymised everywhere, the audit log redacted."""
        p: PersonView = row.data
        return None if p.erased_on else erase_question(p)

    def delete_refusal(self, row: Row) -> str:
        """An erased person is already gone."""
        return "Personen er allerede slettet (anonymisert)."

    def delete_row(self, db: Database, row: Row) -> None:
        """Erase the person (worker thread)."""
        from nettverk.services import privacy

        privacy.erase_person(db.uow(), row.data.id, today=self.app.today)  # type: ignore[attr-defined]

    def _saved(self, result: object | None) -> None:
        if isinstance(result, PersonView):
            self.reload(keep=result.id)


def _organisation_filter(name: str) -> Callable[[Row], bool]:
    return lambda row: row.data.organisation == name
