"""Tiltak (F2 from Avtaler): every agreed action with its agreement; add, edit, delete."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import agreements as forms
from nettverk.forms.agreements import ACTION_STATUSES as STATUSES
from nettverk.forms.fields import show_date
from nettverk.services.agreement_actions import ActionView
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

STYLES = {"done": "dim", "cancelled": "dim strike"}


def action_row(x: ActionView) -> Row:
    """An action as a list row; overdue ones in red."""
    status = x.status_label + (" ⚠" if x.overdue else "")
    return Row(
        key=x.id,
        cells=(show_date(x.due), x.display_name, x.title, x.focus_area_name or "", status,
               str(x.agreement_id)),
        sort=(x.due is None, x.due, x.name.lower(), x.title.lower(), x.focus_area_name or "",
              x.status, x.agreement_id),
        style="bold red" if x.overdue else STYLES.get(x.status, ""),
        tags=frozenset({x.status} | ({"overdue"} if x.overdue else set())),
        search=f"{x.municipality} {x.owner or ''} {x.focus_area or ''}", data=x,
    )


class ActionsArea(ListArea):
    """Every agreed action by due date, with its municipality and agreement."""

    TITLE = "Tiltak"
    NOUN = "tiltak"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Frist", 10, min=10), Column("Kommune", 18, min=8), Column("Tiltak", 0, min=12),
        Column("Innsatsområde", 16, min=8), Column("Status", 10, min=8),
        Column("Avtale", 6, "right", min=3),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Forsinket", lambda r: "overdue" in r.tags),
        *((label, (lambda status: lambda r: status in r.tags)(value))
          for value, label in STATUSES.items()),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Nytt tiltak", id="actions.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Nytt tiltak", "Legg et tiltak til en avtale", "new"),
        ("Endre tiltak", "Det markerte tiltaket", "edit"),
        ("Slett tiltak", "Det markerte tiltaket (spør først)", "delete"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """Every action."""
        from nettverk.services.agreement_actions import list_actions

        today = self.app.today  # type: ignore[attr-defined]
        return Loaded([action_row(x) for x in list_actions(db.uow(), today=today)])

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The action's facts (from the loaded row)."""
        x: ActionView = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Tiltak", x.title)
        facts.add_row("Kommune", f"{x.municipality} {x.display_name}")
        facts.add_row("Avtale", str(x.agreement_id))
        facts.add_row("Innsatsområde", x.focus_area_name or "–")
        facts.add_row("Ansvarlig", x.owner or "–")
        facts.add_row("Frist", show_date(x.due) or "–")
        facts.add_row("Status", x.status_label + (f" {show_date(x.done_on)}" if x.done_on else "")
                      + (" (på overtid)" if x.overdue else ""))
        return Group(facts, Text(""),
                     Text("Enter: endre · Ctrl+N: nytt tiltak · Delete: slett", style="dim"))

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Add an action to an agreement."""
        today = self.app.today  # type: ignore[attr-defined]
        current = self.table.current
        agreement = current.data.agreement_id if current is not None else None
        self.app.push_screen(FormScreen(forms.new_action(agreement, today)), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter edits the action."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted action (refused if someone else changed it meanwhile)."""
        row = self.table.current
        if row is None:
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.edit_action(row.data, today)), self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """Any action can be deleted."""
        x: ActionView = row.data
        return f"Slette tiltaket «{x.title}» i avtalen med {x.display_name}?"

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the action (refused if someone changed it since the list was read)."""
        from nettverk.services.agreement_actions import delete_action

        delete_action(db.uow(), row.data.id, expected_version=row.data.version)
