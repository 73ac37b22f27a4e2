"""A month calendar with ISO week numbers, marking the days that have something on."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date

from rich.table import Table
from rich.text import Text

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]
DAYS = ["ma", "ti", "on", "to", "fr", "lø", "sø"]


def month_calendar(year: int, month: int, marked: Mapping[date, str], today: date,
                   holidays: Mapping[date, str] | None = None) -> Table:
    """The month as a grid (week number + Monday–Sunday); `marked` days get the given style."""
    holidays = holidays or {}
    table = Table(title=f"{MONTHS[month - 1].capitalize()} {year}", title_justify="left",
                  title_style="bold", box=None, pad_edge=False, padding=(0, 1))
    table.add_column("uke", justify="right", style="dim")
    for name in DAYS:
        table.add_column(name, justify="right")
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells: list[Text | str] = [str(week[0].isocalendar().week)]
        for day in week:
            if day.month != month:
                cells.append("")
                continue
            style = marked.get(day, "")
            if day in holidays:
                style = (style + " underline").strip() if style else "red"
            if day == today:
                style = (style + " reverse").strip()
            cells.append(Text(str(day.day), style=style))
        table.add_row(*cells)
    return table
