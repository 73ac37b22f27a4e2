"""The items related to a municipality, for its detail pane (called inside worker threads)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from nettverk.services import register
from nettverk.services.database import Database
from nettverk.tui.widgets.form_fields import show_date

STATUS = {"active": "aktiv", "completed": "fullført", "withdrawn": "trukket"}


def section(title: str, headings: list[str], rows: list[tuple[str, ...]]) -> RenderableType:
    """A titled small table, or a muted line when empty."""
    if not rows:
        return Text(f"{title}: ingen", style="dim")
    table = Table(title=title, title_justify="left", title_style="bold", box=None,
                  show_edge=False, pad_edge=False, expand=False)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def related_items(db: Database, number: str) -> list[RenderableType]:
    """Participations and the other sections the services offer for a municipality."""
    participations = register.list_participations(db.uow(), number)
    parts = [
        section("Deltakelser", ["Program", "Status", "Fra", "Til"], [
            (p.programme, STATUS.get(p.status, p.status), show_date(p.starts), show_date(p.ends))
            for p in participations
        ]),
    ]
    return parts
