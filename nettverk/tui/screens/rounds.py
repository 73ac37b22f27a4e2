"""Utlysninger (F2 from Søknader): calls for applications with add, edit and delete."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any, ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType

from nettverk.forms import rounds as forms
from nettverk.forms.fields import show_date
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

STATES = {"open": "åpen", "closed": "stengt", "coming": "ikke åpnet"}
STYLES = {"open": "green", "closed": "dim", "coming": ""}


def round_state(r: Any, today: date) -> str:
    """open, closed (after the deadline) or coming (before it opens)."""
    if today < r.opens:
        return "coming"
    return "open" if today <= r.deadline else "closed"


def round_row(r: Any, today: date) -> Row:
    """A call for applications as a list row."""
    state = round_state(r, today)
    return Row(
        key=r.id,
        cells=(r.programme, r.title, show_date(r.opens), show_date(r.deadline),
               str(r.applications), STATES[state]),
        sort=(r.programme, r.title.lower(), r.opens, r.deadline, r.applications, state),
        style=STYLES[state], tags=frozenset({state, f"programme:{r.programme}"}),
        search=r.description or "", data=r,
    )


class RoundsArea(ListArea):
    """Every call for applications, newest first."""

    TITLE = "Utlysninger"
    NOUN = "utlysninger"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Program", 20, cut="middle"), Column("Tittel", 0), Column("Åpner", 10, min=10),
        Column("Frist", 10, min=10), Column("Søknader", 8, "right", min=8),
        Column("Status", 10, min=6),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny utlysning", id="round.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny utlysning", "Opprett en utlysning", "new"),
        ("Endre utlysning", "Den markerte utlysningen", "edit"),
        ("Slett utlysning", "Den markerte utlysningen, om den ikke har søknader (spør først)",
         "delete"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """The calls."""
        from nettverk.services.applications import list_rounds

        today = self.app.today  # type: ignore[attr-defined]
        return Loaded([round_row(r, today) for r in list_rounds(db.uow())])

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """Open, closed, not yet open, and one per programme."""
        filters: list[QuickFilter] = [(f"Status: {label}", _tag(state))
                                      for state, label in STATES.items()]
        for slug in sorted({r.data.programme for r in rows}):
            filters.append((f"Program {slug}", _tag(f"programme:{slug}")))
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The call's facts (from the row), and the counties it left under the programme's
        minimum once it has ended (one query)."""
        from nettverk.services.applications import get_round

        r = next(row.data for row in self.table.rows if row.key == key)
        warnings = get_round(db.uow(), r.id, today=self.app.today).warnings  # type: ignore[attr-defined]
        facts = fact_grid()
        facts.add_row("Utlysning", r.title)
        facts.add_row("Program", r.programme)
        facts.add_row("Åpner", show_date(r.opens))
        facts.add_row("Frist", show_date(r.deadline))
        facts.add_row("Søknader", str(r.applications))
        if r.description:
            facts.add_row("Beskrivelse", r.description)
        for w in warnings:
            facts.add_row("⚠", w)
        facts.add_row("", "Enter: endre · Delete: slett (bare uten søknader)")
        return facts

    def action_new(self) -> None:
        """Open a call for applications."""
        current = self.table.current
        programme = current.data.programme if current else None
        self.app.push_screen(FormScreen(forms.new_round(programme)), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter edits the call."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted call (refused if someone changed it meanwhile)."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.edit_round(row.data)),
                                 self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Only a call without applications can be deleted."""
        r = row.data
        if r.applications:
            return None
        return f"Slette utlysningen «{r.title}» ({r.programme})?"

    def delete_refusal(self, row: Row) -> str:
        """Applications belong to the call."""
        n = row.data.applications
        return (f"Utlysningen har {n} søknad{'er' if n != 1 else ''} og kan ikke slettes. "
                "Endre fristen i stedet (Enter).")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the call (refused if applications came in or it changed meanwhile)."""
        from nettverk.services.applications import delete_round

        delete_round(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags
