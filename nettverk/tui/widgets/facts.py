"""The detail pane's label–value grid, the same in every area."""

from __future__ import annotations

from rich.table import Table


def fact_grid() -> Table:
    """An empty two-column grid: bold labels on the left, values on the right."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold")
    grid.add_column()
    return grid
