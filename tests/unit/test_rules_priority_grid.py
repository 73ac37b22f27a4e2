"""The priority tool's 2×2 grid shows a factor on the midline as such, not as «Prioriter»."""

from __future__ import annotations

import io

from rich.console import Console

from nettverk.tui.widgets.capacity_chart import priority_grid


def test_a_factor_on_the_midline_is_listed_under_its_own_heading() -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(priority_grid([("Boligtilbud", "prioritise"), ("Arbeidsplasser", "midline")]))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "På midtlinjen (skår 3): Arbeidsplasser" in out
    prioritised = out.split("PRIORITER", 1)[1]
    assert "Boligtilbud" in prioritised and "• Arbeidsplasser" not in out
