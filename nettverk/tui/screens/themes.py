"""Temaer (F2 from Samlinger): the Det gode liv i nord theme calendar, a theme per month."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import themes as forms
from nettverk.services.database import Database
from nettverk.services.themes import PROGRAMME, ThemeView
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row


def period(t: ThemeView) -> str:
    """The theme's month as the list shows it ("2026-03 mars")."""
    return f"{t.year}-{t.month:02d} {t.month_name}"


def theme_row(t: ThemeView) -> Row:
    """A theme as a list row."""
    return Row(
        key=t.id,
        cells=(period(t), t.title, t.programme, ", ".join(t.goal_names),
               str(len(t.links) or "")),
        sort=((t.year, t.month), t.title.lower(), t.programme, t.goals, len(t.links)),
        tags=frozenset({f"year:{t.year}", f"programme:{t.programme}"}),
        search=f"{t.description or ''} {' '.join(t.links)}", data=t,
    )


def _year_filter(year: int) -> Callable[[Row], bool]:
    return lambda r: f"year:{year}" in r.tags


class ThemesArea(ListArea):
    """Every month's theme, by month; Enter edits, Ctrl+N adds, Delete deletes."""

    TITLE = "Temaer"
    NOUN = "temaer"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Måned", 17, min=10), Column("Tema", 0, min=12), Column("Program", 16, min=8, cut="middle"),
        Column("Mål", 10, min=4), Column("Lenker", 6, "right", min=3),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Nytt tema", id="theme.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Nytt tema", "Sett tema for en måned", "new"),
        ("Endre tema", "Det markerte temaet", "edit"),
        ("Slett tema", "Det markerte temaet (spør først)", "delete"),
    ]
    programmes: list[tuple[str, str]] = []  # replaced, never mutated

    def fetch(self, db: Database) -> Loaded:
        """Every programme's themes, and the programmes for the form."""
        from nettverk.services import programmes
        from nettverk.services.themes import list_themes

        choices = [(p.name, p.slug) for p in programmes.list_programmes(db.uow())]
        return Loaded([theme_row(t) for t in list_themes(db.uow(), None)], extra=choices)

    def take_extra(self, extra: object) -> None:
        """The programmes offered in the form."""
        self.programmes = list(extra)  # type: ignore[call-overload]

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """One per year, newest first."""
        years = sorted({r.data.year for r in rows}, reverse=True)
        return [(f"År {year}", _year_filter(year)) for year in years]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The theme's description, goals and links (from the loaded row)."""
        t: ThemeView = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Måned", f"{t.month_name} {t.year}")
        facts.add_row("Tema", t.title)
        facts.add_row("Program", t.programme)
        facts.add_row("Bærekraftsmål", "\n".join(t.goal_names) or "–")
        facts.add_row("Lenker", "\n".join(t.links) or "–")
        return Group(facts, Text(""), Text(t.description or ""),
                     Text("Enter: endre · Ctrl+N: nytt tema · Delete: slett", style="dim"))

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Set a month's theme."""
        slug = PROGRAMME if any(s == PROGRAMME for _, s in self.programmes) else None
        self.app.push_screen(FormScreen(forms.new_theme(slug)), self._saved)

    def open_row(self, row: Row) -> None:
        """Enter edits the theme."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted theme (refused if someone else changed it meanwhile)."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.edit_theme(row.data)),
                                 self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """Any theme can be deleted; subscribed calendars drop it."""
        t: ThemeView = row.data
        return (f"Slette temaet «{t.title}» for {t.month_name} {t.year} ({t.programme})? "
                "Kalendere som abonnerer, mister det ved neste oppdatering.")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the theme (refused if someone changed it since the list was read)."""
        from nettverk.services.themes import delete_theme

        delete_theme(db.uow(), row.data.id, expected_version=row.data.version)
