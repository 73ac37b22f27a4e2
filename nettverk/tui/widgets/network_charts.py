"""Terminal charts of the network, from the same figures as the evaluation report's: attendance
and feedback per gathering across the years, and the planstrategi's stage across the network.

Each chart lays itself out for the width it is given (the detail pane: the whole terminal at 80
columns, a third of a wide one): bars in eighths of a cell, one sparkline character per
gathering, and names in rows cut with "…" rather than wrapped (headings and notes wrap), so no
label is ever cut off unmarked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from nettverk.domain.norwegian import count, number
from nettverk.exports.figure_data import GatheringFigure

ATTENDANCE, OVERALL, USEFULNESS = "steel_blue1", "green3", "indian_red"
EIGHTHS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"
#: the gatherings listed one by one (the newest); the sparklines show every one
LISTED = 24


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of `width` cells for value/top, in eighths of a cell."""
    if top <= 0 or width <= 0:
        return " " * max(width, 0)
    eighths = round(max(0.0, min(value / top, 1.0)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def spark(value: float | None, low: float, high: float) -> str:
    """One sparkline character for a value between low and high (a space for none)."""
    if value is None:
        return " "
    share = (value - low) / (high - low) if high > low else 1.0
    return SPARKS[round(max(0.0, min(share, 1.0)) * (len(SPARKS) - 1))]


def fit(text: str, width: int) -> str:
    """The text in at most `width` cells, cut with "…" when longer."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…"


def percent(value: float | None) -> str:
    """83,3 % (– for none)."""
    return "–" if value is None else f"{number(value)} %"


def score(value: float | None) -> str:
    """A feedback average (1–5) with a decimal comma (– for none)."""
    return "–" if value is None else number(value)


class GatheringsChart:
    """Attendance (% of the invited) and feedback (1–5) per held gathering, oldest first:
    sparklines per year (one character per gathering), then the newest gatherings with bars."""

    def __init__(self, gatherings: Sequence[GatheringFigure], at: date) -> None:
        self.gatherings = list(gatherings)
        self.at = at

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 20)
        yield Text("Oppmøte og tilbakemeldinger per samling", style="bold")  # prose wraps
        gs = self.gatherings
        if not gs:
            yield Text(f"Ingen holdte samlinger per {self.at:%d.%m.%Y}.", style="dim")
            return
        years = f"{gs[0].on.year}–{gs[-1].on.year}" if gs[0].on.year != gs[-1].on.year \
            else str(gs[0].on.year)
        yield Text(f"{count(len(gs), 'samlinger')} holdt {years}, per {self.at:%d.%m.%Y}",
                   style="dim")
        yield from self._years(width)
        yield Text("")
        yield from self._rows(width)
        yield self._legend(width)

    def _years(self, width: int) -> Iterable[Text]:
        """Per year: a sparkline each of attendance, overall and usefulness."""
        by_year = [(year, list(items)) for year, items in groupby(self.gatherings,
                                                                   key=lambda g: g.on.year)]
        most = max(len(items) for _, items in by_year)
        column = max(min(most, (width - 6) // 3 - 1), 7)  # "Oppmøte" must fit its heading
        head = "År    " + "".join(label.ljust(column + 1) for label in ("Oppmøte", "Helhet",
                                                                            "Nytte"))
        yield Text(fit(head.rstrip(), width), style="bold")
        for year, items in by_year:
            line = Text(f"{year}  ")
            for attr, low, high, style in (("attendance_percent", 0.0, 100.0, ATTENDANCE),
                                           ("overall", 1.0, 5.0, OVERALL),
                                           ("usefulness", 1.0, 5.0, USEFULNESS)):
                sparks = "".join(spark(getattr(g, attr), low, high) for g in items)
                if len(sparks) > column:  # the year's newest, marked as cut
                    sparks = "…" + sparks[len(sparks) - column + 1:]
                line.append(sparks.ljust(column + 1), style=style)
            line.truncate(width)
            yield line

    def _rows(self, width: int) -> Iterable[Text]:
        """The newest gatherings, one line each: date, title, attendance bar, the two averages."""
        shown = self.gatherings[-LISTED:]
        bar_width = 10 if width >= 60 else 5
        # date 8, title, bar, "100 %" right in 6, "Helhet" and "Nytte" in 6 each
        fixed = 8 + 1 + 1 + bar_width + 1 + 6 + 1 + 6 + 1 + 6
        title_width = width - fixed
        with_title = title_width >= 10
        if not with_title:
            title_width = -1  # no title column (and no space before it)
        head = "Dato    " + (" " + "Samling".ljust(title_width) if with_title else "")
        head += " " + "Oppmøte".ljust(bar_width + 7) + " " + "Helhet".rjust(6) + " " \
            + "Nytte".rjust(6)
        if len(shown) < len(self.gatherings):
            yield Text(f"De {len(shown)} nyeste (av {len(self.gatherings)}):", style="dim")
        yield Text(fit(head.rstrip(), width), style="bold")
        year = None
        for g in shown:
            if g.on.year != year:
                year = g.on.year
                yield Text(str(year), style="bold dim")
            line = Text(f"{g.on:%d.%m.%y}")
            if with_title:
                line.append(" " + fit(g.title, title_width).ljust(title_width))
            line.append(" ")
            line.append(bar(g.attendance_percent or 0.0, 100.0, bar_width), style=ATTENDANCE)
            line.append(" " + percent(g.attendance_percent).rjust(6))
            for value, style in ((g.overall, OVERALL), (g.usefulness, USEFULNESS)):
                line.append(" " + score(value).rjust(4) + " ")
                line.append(spark(value, 1.0, 5.0), style=style)
            line.truncate(width, overflow="ellipsis")
            yield line

    def _legend(self, width: int) -> Text:
        parts = [("█ oppmøte, % av inviterte", ATTENDANCE), ("helhetsinntrykk 1–5", OVERALL),
                 ("nytte 1–5", USEFULNESS)]
        legend = Text()
        for i, (label, style) in enumerate(parts):
            sep = " · " if i else ""
            if cell_len(legend.plain + sep + label) > width:
                legend.append("\n")
                sep = ""
            legend.append(sep)
            legend.append(label, style=style)
        return legend


class PlanProgressChart:
    """How many participants have their planstrategi at each stage (one bar per stage)."""

    def __init__(self, progress: Sequence[tuple[str, int]], at: date) -> None:
        self.progress = list(progress)
        self.at = at

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 20)
        yield Text("Planstrategien i nettverket", style="bold")
        if not self.progress:
            yield Text(f"Ingen deltakere per {self.at:%d.%m.%Y}.", style="dim")
            return
        total = sum(n for _, n in self.progress)
        yield Text(f"{count(total, 'kommuner')} etter fase per {self.at:%d.%m.%Y}", style="dim")
        counts = [count(n, "kommuner") for _, n in self.progress]
        count_width = max(cell_len(c) for c in counts)
        # the stage names whole while a bar of 8 cells still fits beside them
        label_width = min(max(cell_len(label) for label, _ in self.progress),
                          max(width - count_width - 2 - 8, 6))
        bar_width = min(max(width - label_width - count_width - 2, 3), 40)
        top = max(n for _, n in self.progress)
        for (label, n), counted in zip(self.progress, counts, strict=True):
            line = Text(fit(label, label_width).ljust(label_width) + " ")
            line.append(bar(n, top, bar_width), style=ATTENDANCE)
            line.append(" " + counted.rjust(count_width))
            line.truncate(width, overflow="ellipsis")
            yield line
