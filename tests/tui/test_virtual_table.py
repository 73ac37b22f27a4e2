"""The virtual table: 100,000 rows filter and sort correctly, and only visible rows are drawn."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from nettverk.tui.widgets.virtual_table import Column, Row, VirtualTable

pytestmark = pytest.mark.asyncio


def many_rows(n: int) -> list[Row]:
    return [Row(i, (f"{i:06d}", f"Milepæl {i} for kommune {i % 356}", f"{i % 28 + 1:02d}.03.2026"),
                sort=(i, f"m{i}", i % 28), tags=frozenset({"late"} if i % 10 == 0 else ()))
            for i in range(n)]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("Nr", 6), Column("Milepæl", 0), Column("Frist", 10)])


async def test_hundred_thousand_rows_filter_and_sort() -> None:
    """Correctness at scale; the speed is measured by bench/ (key press to repaint)."""
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(VirtualTable)
        rows = many_rows(100_000)
        table.set_rows(rows)
        await pilot.pause()

        table.filter("kommune 17")
        # every word must occur somewhere in the row
        assert all("kommune" in r.haystack() and "17" in r.haystack() for r in table.rows)
        assert 0 < len(table.rows) < 100_000

        table.filter("")
        table.set_predicate(lambda r: "late" in r.tags)
        assert len(table.rows) == 10_000
        table.sort_by(0, reverse=True)
        assert table.rows[0].key == 99_990
        table.action_edge(1)
        await pilot.pause()
        assert table.current is not None and table.current.key == 0
        assert table.scroll_offset.y > 0


async def test_cursor_keys_and_header_click_sort() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows(many_rows(50))
        table.focus()
        await pilot.press("down", "down", "pagedown")
        assert table.cursor_row == 2 + 10
        await pilot.press("home")
        assert table.current is not None and table.current.key == 0
        await pilot.click(VirtualTable, offset=(3, 0))  # the "Nr" heading
        await pilot.click(VirtualTable, offset=(3, 0))  # again: reversed
        assert table.sort_column == 0 and table.sort_reverse
        assert table.rows[0].key == 49
