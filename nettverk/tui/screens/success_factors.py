"""Suksessfaktorer: per participant, year and factor, whether it is in place."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.domain.evaluation import SuccessFactor
from nettverk.forms import success_factors as forms
from nettverk.forms.success_factors import FACTORS
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row


def factor_rows(views: Iterable[Any]) -> list[Row]:
    """The recorded factors as list rows; what repeats between rows (years as text, ranks,
    tags, a municipality's lowered name) is made once (a national list has 38,000 rows)."""
    years: dict[int, str] = {}
    lowered: dict[str, str] = {}
    tags: dict[tuple[str, int, str, bool], frozenset[str]] = {}
    rows = []
    for x in views:
        programme, number, year, factor, in_place, notes = (
            x.programme, x.municipality, x.year, x.factor, x.in_place, x.notes)
        tag_key = (programme, year, factor, in_place)
        row_tags = tags.get(tag_key)
        if row_tags is None:
            row_tags = tags[tag_key] = frozenset({
                f"programme:{programme}", f"year:{year}", f"factor:{factor}",
                "yes" if in_place else "no"})
        year_text = years.get(year) or years.setdefault(year, str(year))
        name = x.name
        lower = lowered.get(name) or lowered.setdefault(name, name.lower())
        rows.append(Row(
            key=(programme, number, year, factor),
            cells=(programme, number, x.display_name, year_text, x.factor_label,
                   "ja" if in_place else "nei", (notes or "").replace("\n", " ")),
            sort=(programme, number, lower, year, _RANK[factor], in_place, notes or ""),
            style="" if in_place else "dim",
            tags=row_tags,
            data=x,
        ))
    return rows


_RANK = {f.value: i for i, f in enumerate(SuccessFactor)}


class SuccessFactorsArea(ListArea):
    """The success factors recorded per participant and year, in every programme."""

    TITLE = "Suksessfaktorer"
    NOUN = "registreringer"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Program", 12, min=6, cut="middle"), Column("Nr", 4, min=4), Column("Kommune", 0, min=8),
        Column("År", 4, min=4), Column("Suksessfaktor", 0, min=10),
        Column("På plass", 8, min=4), Column("Merknad", 0, min=6),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny registrering", id="success_factor.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny suksessfaktor-registrering", "Registrer om en suksessfaktor er på plass", "new"),
        ("Fjern suksessfaktor-registrering",
         "Den markerte; året viser den da som ikke vurdert (spør først)", "delete"),
    ]

    LARGE = True  # 38,000 rows at national scale
    #: Rows shown at once when the list opens, while the whole list is read.
    FIRST_ROWS: ClassVar[int] = 300

    def fetch_first(self, db: Database) -> list[Row]:
        """The first registrations in the list's order, sorted and limited by the database."""
        from nettverk.services.success_factors import first_status

        return factor_rows(first_status(db.uow(), self.FIRST_ROWS))

    def fetch(self, db: Database) -> Loaded:
        """Every recorded factor."""
        from nettverk.services.success_factors import list_status

        rows = factor_rows(list_status(db.uow(), None))
        summary = Text("Velg en registrering for å se deltakerens år mot året før.\n"
                       "Ctrl+N registrerer en ny.", style="dim")
        return Loaded(rows, summary)

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """Programmes and years present, in place or not, then each factor."""
        programmes = sorted({r.data.programme for r in rows})
        years = sorted({r.data.year for r in rows}, reverse=True)
        filters: list[QuickFilter] = []
        if len(programmes) > 1:
            filters += [(f"Program: {p}", _tag(f"programme:{p}")) for p in programmes]
        filters += [(f"År {y}", _tag(f"year:{y}")) for y in years]
        filters += [("På plass", _tag("yes")), ("Ikke på plass", _tag("no"))]
        filters += [(label, _tag(f"factor:{value}")) for label, value in FACTORS]
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """Every factor of the participant's year beside the year before (– = ikke vurdert)."""
        from nettverk.services.success_factors import list_status

        programme, number, year, factor = cast(tuple[str, str, int, str], key)
        recorded = {(x.year, x.factor): x
                    for x in list_status(db.uow(), programme, municipality=number)
                    if x.year in (year, year - 1)}
        if (year, factor) not in recorded:
            return Text("Registreringen finnes ikke lenger (F5 oppdaterer).", style="dim")
        current = recorded[(year, factor)]
        grid = Table("Suksessfaktor", str(year - 1), str(year), "Merknad", box=None)
        for label, value in FACTORS:
            before, now = recorded.get((year - 1, value)), recorded.get((year, value))
            style = "reverse" if value == factor else ""
            grid.add_row(label, _mark(before), _mark(now), (now.notes or "") if now else "",
                         style=style)
        return Group(Text(f"{current.display_name} i {programme}", style="bold"),
                     Text("✓ på plass · ✗ ikke på plass · – ikke vurdert", style="dim"),
                     grid, Text(""),
                     Text("Enter: endre · Delete: fjern registreringen", style="dim"))

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Register a factor; the highlighted row's participant and year are proposed."""
        current = self.table.current
        like = current.data if current else None
        self.app.push_screen(FormScreen(forms.new_success_factor(like)),
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Change whether the factor is in place, and its note."""
        self.app.push_screen(FormScreen(forms.edit_success_factor(row.data)), self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Removing means «not assessed» that year, not «no»: say so before asking."""
        x = row.data
        return (f"Fjerne registreringen «{x.factor_label}» for {x.display_name} {x.year}? "
                "Faktoren vises da som ikke vurdert det året (ikke som «nei»), og tas ut av "
                "årsrapporten.")

    def delete_row(self, db: Database, row: Row) -> None:
        """Remove the registration (refused if someone changed it since the list was read)."""
        from nettverk.services.success_factors import delete_status

        x = row.data
        delete_status(db.uow(), x.programme, x.municipality, x.year, x.factor,
                      expected_version=x.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            x = cast(Any, result)
            self.reload(keep=(x.programme, x.municipality, x.year, x.factor))


def _mark(x: Any) -> str:
    if x is None:
        return "–"
    return "✓" if x.in_place else "✗"


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags
