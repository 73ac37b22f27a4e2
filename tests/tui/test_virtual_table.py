"""The virtual table: 100,000 rows filter and sort correctly, and only visible rows are drawn."""

from __future__ import annotations

from collections.abc import Callable

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


def expected(rows: list[Row], text: str, predicate: Callable[[Row], bool] | None = None,
             sort: int | None = None, reverse: bool = False) -> list[object]:
    """What the table should show, worked out the slow, obvious way."""
    words = text.lower().split()
    shown = [r for r in rows
             if all(w in " ".join(r.cells).lower() for w in words)
             and (predicate is None or predicate(r))]
    if sort is not None:
        shown.sort(key=lambda r: r.sort[sort], reverse=reverse)
    return [r.key for r in shown]


def keys(table: VirtualTable) -> list[object]:
    return [r.key for r in table.rows]


async def test_typing_on_backspace_and_edits_in_the_middle_filter_like_from_scratch() -> None:
    """The filter narrows earlier results as you type; every step must match a fresh filter."""
    app = TableApp()
    async with app.run_test(size=(100, 30)):
        table = app.query_one(VirtualTable)
        rows = many_rows(3_000)
        table.set_rows(rows)
        typed = "kommune 17"
        steps = [typed[:i] for i in range(len(typed) + 1)]  # typing on, one key at a time
        steps += list(reversed(steps))  # Backspace back to nothing
        steps += ["kommune 17", "komune 17", "kommune 27", "kommune 2", "17 kommune",
                  "1 7", "17", "milepæl 1 kommune 3", "MILEPÆL 12", "  kommune   1  ", "zzz", ""]
        for text in steps:
            table.filter(text)
            assert keys(table) == expected(rows, text), text


async def test_filter_keeps_quick_filter_and_sort_correct() -> None:
    app = TableApp()
    async with app.run_test(size=(100, 30)):
        table = app.query_one(VirtualTable)
        rows = many_rows(2_000)
        table.set_rows(rows)
        late: Callable[[Row], bool] = lambda r: "late" in r.tags  # noqa: E731

        table.filter("kommune 1")
        table.set_predicate(late)
        assert keys(table) == expected(rows, "kommune 1", late)
        table.filter("kommune 12")  # typing on under the quick filter
        assert keys(table) == expected(rows, "kommune 12", late)

        table.sort_by(2, reverse=True)  # the date column, newest first
        assert keys(table) == expected(rows, "kommune 12", late, sort=2, reverse=True)
        table.filter("kommune 1")  # Backspace after the sort changed: still sorted
        assert keys(table) == expected(rows, "kommune 1", late, sort=2, reverse=True)
        table.filter("kommune 13")
        assert keys(table) == expected(rows, "kommune 13", late, sort=2, reverse=True)

        table.set_predicate(None)  # the quick filter off: the rows it hid come back
        assert keys(table) == expected(rows, "kommune 13", sort=2, reverse=True)
        table.filter("kommune 1")
        assert keys(table) == expected(rows, "kommune 1", sort=2, reverse=True)

        fewer = rows[::3]  # new rows (a reload) keep filter and sort
        table.set_rows(fewer)
        assert keys(table) == expected(fewer, "kommune 1", sort=2, reverse=True)
        table.filter("kommune 10")
        assert keys(table) == expected(fewer, "kommune 10", sort=2, reverse=True)


async def test_many_different_filters_then_backspace_stay_correct() -> None:
    """More texts than the table keeps results for: older ones are worked out again."""
    app = TableApp()
    async with app.run_test(size=(100, 30)):
        table = app.query_one(VirtualTable)
        rows = many_rows(1_000)
        table.set_rows(rows)
        texts = [f"kommune {n}" for n in range(60)]
        for text in [*texts, *reversed(texts)]:
            table.filter(text)
            assert keys(table) == expected(rows, text), text
