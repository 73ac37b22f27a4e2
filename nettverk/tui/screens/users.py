"""Brukere: who may use a shared database, in which role (leader, partner, reader)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import users as forms
from nettverk.forms.users import ROLES
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

MAY = {
    "leader": "alt, også å slette og å administrere brukere",
    "partner": "alt unntatt å slette og å administrere brukere",
    "reader": "bare lese og eksportere",
}


def user_row(u: Any) -> Row:
    """A user as a list row."""
    return Row(
        key=u.username,
        cells=(u.username, u.name or "", u.role_label, "ja" if u.active else "nei"),
        sort=(u.username.lower(), (u.name or "").lower(), u.role, not u.active),
        style="" if u.active else "dim",
        tags=frozenset({f"role:{u.role}", "active" if u.active else "inactive"}),
        data=u,
    )


class UsersArea(ListArea):
    """The registered users; with none registered the database is single-user."""

    TITLE = "Brukere"
    NOUN = "brukere"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Bruker", 20), Column("Navn", 0), Column("Rolle", 16), Column("Aktiv", 6),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Med tilgang", lambda r: "active" in r.tags),
        ("Uten tilgang", lambda r: "inactive" in r.tags),
        *((f"Rolle: {label}", lambda r, v=value: f"role:{v}" in r.tags) for label, value in ROLES),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny bruker", id="user.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny bruker", "Gi en person tilgang til databasen", "new"),
        ("Ta bort en brukers tilgang", "Den markerte brukeren (spør først)", "delete"),
    ]

    def fetch(self, db: Database) -> list[Row]:
        """Every registered user."""
        from nettverk.services.users import list_users

        return [user_row(u) for u in list_users(db.uow())]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The user's role and what it allows."""
        u = next((r.data for r in self.table.rows if r.key == key), None)
        if u is None:
            return ""
        facts = fact_grid()
        facts.add_row("Bruker", u.username)
        facts.add_row("Navn", u.name or "–")
        facts.add_row("Rolle", u.role_label)
        facts.add_row("Kan", MAY.get(u.role, ""))
        facts.add_row("Tilgang", "ja" if u.active else "nei (deaktivert)")
        return Group(facts, Text(""), Text("Enter endrer · Delete tar bort tilgangen", style="dim"))

    def action_new(self) -> None:
        """Register a user."""
        self.app.push_screen(FormScreen(forms.new_user()), self._saved)

    def open_row(self, row: Row) -> None:
        """Change the user's name, role or access."""
        self.app.push_screen(FormScreen(forms.edit_user(row.data)), self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Users are never deleted (the audit log names them); their access is taken away."""
        if not row.data.active:
            return None
        return (f"Ta bort tilgangen for «{row.data.username}»? Brukeren blir stående i loggen "
                "og kan få tilgang igjen senere.")

    def delete_refusal(self, row: Row) -> str:
        """An inactive user has no access left to take away."""
        return f"«{row.data.username}» har allerede ikke tilgang; Enter gir den tilbake."

    def delete_row(self, db: Database, row: Row) -> None:
        """Deactivate the user."""
        from nettverk.services.users import update_user

        update_user(db.uow(), row.data.username, active=False, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "username", None))
