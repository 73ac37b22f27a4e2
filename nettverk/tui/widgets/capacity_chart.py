"""Terminal charts for the evaluation tools: the capacity diamond as bars, the priority grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from nettverk.domain.norwegian import number

CELL = 4  # characters per score point (scores are 1–5)
EARLIER, LATER, AVERAGE = "grey62", "bold green", "dark_orange"


@dataclass(frozen=True)
class ComponentScores:
    """One component of the diamond: this session, an earlier one and the network average."""

    label: str
    later: int | None
    earlier: int | None = None
    average: float | None = None


def _bar(score: float | None, char: str, style: str) -> Text:
    if score is None:
        return Text("–".ljust(5 * CELL), style="dim")
    filled = round(score * CELL)
    return Text(char * filled + "·" * (5 * CELL - filled), style=style) + Text(f" {number(score)}")


def capacity_chart(components: Sequence[ComponentScores], later: str, earlier: str | None,
                   average: str | None) -> RenderableType:
    """Horizontal bars per component for two sessions and the network average (1–5)."""
    table = Table(box=None, pad_edge=False, show_header=False, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    for c in components:
        lines = Text("\n").join([
            _bar(c.later, "█", LATER),
            *([_bar(c.earlier, "▒", EARLIER)] if earlier else []),
            *([_bar(c.average, "─", AVERAGE)] if average else []),
        ])
        table.add_row(c.label, lines)
    legend = Text.assemble(("█ ", LATER), later)
    if earlier:
        legend += Text.assemble("   ", ("▒ ", EARLIER), earlier)
    if average:
        legend += Text.assemble("   ", ("─ ", AVERAGE), average)
    grid = Table.grid()
    grid.add_row(Text("Kapasitetsdiamanten (1–5)", style="bold"))
    grid.add_row(table)
    grid.add_row(legend)
    return grid


QUADRANTS = [
    ("influence_others", "Viktig, lite påvirkbar", "dark_orange"),
    ("prioritise", "PRIORITER", "bold green"),
    ("deprioritise", "Lite viktig, lite påvirkbar", "dim"),
    ("low_hanging", "Påvirkbar, mindre viktig", "cyan"),
]


def priority_grid(factors: Sequence[tuple[str, str | None]]) -> RenderableType:
    """The 2×2 grid (importance up, local influence right) with each factor in its quadrant."""
    by_quadrant: dict[str, list[str]] = {q: [] for q, _, _ in QUADRANTS}
    unplaced: list[str] = []
    midline: list[str] = []
    for name, quadrant in factors:
        if quadrant == "midline":
            midline.append(name)
        else:
            by_quadrant.get(quadrant or "", unplaced).append(name)
    table = Table(show_header=False, show_lines=True, expand=True, padding=(0, 1))
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    cells = []
    for quadrant, label, style in QUADRANTS:
        body = Text(label, style=style + " underline")
        for name in by_quadrant[quadrant]:
            body += Text("\n• " + name)
        cells.append(body)
    table.add_row(cells[0], cells[1])
    table.add_row(cells[2], cells[3])
    grid = Table.grid()
    grid.add_row(Text("Prioriteringsverktøyet  ↑ viktighet  → lokal påvirkning", style="bold"))
    grid.add_row(table)
    if midline:
        grid.add_row(Text("På midtlinjen (skår 3): " + ", ".join(midline), style="yellow"))
    if unplaced:
        grid.add_row(Text("Ikke plassert: " + ", ".join(unplaced), style="dim"))
    return grid
