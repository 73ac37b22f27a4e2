"""The tab bar's labels, fitted to the terminal's width so every tab shows whole."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from nettverk.tui.areas import AreaSpec

#: Cells a tab takes beside its label: padding on both sides, or on one side when compact.
PADDING, COMPACT_PADDING = 2, 1


def _width(labels: Sequence[str], padding: int) -> int:
    return sum(cell_len(label) + padding for label in labels)


def _cut(name: str, size: int) -> str:
    return name if cell_len(name) <= size else name[:max(size - 1, 0)] + "…"


def fitted_labels(specs: Sequence[AreaSpec], active: str, width: int) -> tuple[list[str], bool]:
    """The label of each tab, and whether the tabs must be compact (less padding).

    Whole labels when they fit; then with less padding; then the other tabs' names are cut
    (ending in "…"), the active tab's never. Every tab keeps its key, so all stay visible.
    """
    full = [f"{s.key} {s.label}" for s in specs]
    if _width(full, PADDING) <= width:
        return full, False
    if _width(full, COMPACT_PADDING) <= width:
        return full, True
    for size in range(max(cell_len(s.label) for s in specs) - 1, 1, -1):
        labels = [f"{s.key} {s.label if s.id == active else _cut(s.label, size)}" for s in specs]
        if _width(labels, COMPACT_PADDING) <= width:
            return labels, True
    return [f"{s.key} {s.label}" if s.id == active else s.key for s in specs], True
