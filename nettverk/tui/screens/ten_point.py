"""10-punktsmodellen: each municipality's work through the model's ten steps."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import ten_point as forms
from nettverk.forms.fields import show_date
from nettverk.forms.ten_point import STATUSES, STEPS
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

_STYLE = {"done": "green", "in_progress": "", "not_started": "dim"}


def step_row(x: Any) -> Row:
    """A municipality's step as a list row."""
    return Row(
        key=(x.municipality, x.step),
        cells=(x.municipality, x.display_name, f"{x.number} {x.step_label}", x.status_label,
               show_date(x.on), (x.notes or "").replace("\n", " ")),
        sort=(x.municipality, x.display_name.lower(), x.number, x.status, x.on or "",
              x.notes or ""),
        style=_STYLE.get(x.status, ""),
        tags=frozenset({f"status:{x.status}", f"step:{x.step}"}),
        data=x,
    )

class TenPointArea(ListArea):
    """The ten steps of every municipality that has started on the model."""

    TITLE = "10-punktsmodellen"
    NOUN = "steg"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Nr", 4, min=4), Column("Kommune", 0, min=8), Column("Steg", 0, min=12),
        Column("Status", 12, min=6), Column("Dato", 10, min=10), Column("Notater", 0, min=6),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Nytt steg", id="ten_point.new"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Nytt steg i 10-punktsmodellen", "Sett status for et steg i en kommune", "new"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """All ten steps of each municipality with at least one step recorded."""
        from nettverk.services.ten_point import list_steps

        numbers = sorted({x.municipality for x in list_steps(db.uow())})
        rows = [step_row(x) for n in numbers for x in list_steps(db.uow(), municipality=n)]
        summary = Text("10-punktsmodellen (Distriktssenteret): målanalyse, stedskvaliteter, "
                       "samfunnsanalyse … langsiktig arbeid.\nCtrl+N setter status for et steg "
                       "i en kommune; Enter endrer det markerte.", style="dim")
        return Loaded(rows, summary)

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """By status, then by step."""
        filters: list[QuickFilter] = [(label.capitalize(), _tag(f"status:{value}"))
                                      for label, value in STATUSES]
        filters += [(label, _tag(f"step:{value}")) for label, value in STEPS]
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The municipality's ten steps, the highlighted one marked."""
        from nettverk.services.ten_point import list_steps

        number, step = cast(tuple[str, str], key)
        steps = list_steps(db.uow(), municipality=number)
        grid = Table("Steg", "Status", "Dato", box=None)
        for x in steps:
            grid.add_row(f"{x.number} {x.step_label}", x.status_label, show_date(x.on),
                         style="reverse" if x.step == step else _STYLE.get(x.status, ""))
        current = next(x for x in steps if x.step == step)
        parts: list[RenderableType] = [Text(current.display_name, style="bold"), grid]
        if current.notes:
            parts += [Text(""), Text(current.notes)]
        parts += [Text(""), Text("Enter: endre steget · Ctrl+N: nytt steg", style="dim")]
        return Group(*parts)

    def action_new(self) -> None:
        """Set a step for a municipality; the highlighted row's municipality is proposed."""
        current = self.table.current
        municipality = current.data.municipality if current else None
        self.app.push_screen(FormScreen(forms.new_step(municipality)), self._saved)

    def open_row(self, row: Row) -> None:
        """Change the step's status, date and notes."""
        self.app.push_screen(FormScreen(forms.edit_step(row.data)), self._saved)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            x = cast(Any, result)
            self.reload(keep=(x.municipality, x.step))


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags
