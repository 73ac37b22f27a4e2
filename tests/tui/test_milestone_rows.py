"""Milepæler's rows kept as columns and made only when shown (issue 17): the list shows, filters,
sorts and quick-filters over all rows exactly as it did with every row made, at 80×24, and a
long list makes only the rows it draws."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import pytest
from textual.app import App, ComposeResult

from nettverk.domain.folding import fold
from nettverk.services import milestones
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.milestones import MilestoneRows, MilestonesArea, milestone_row
from nettverk.tui.widgets.row_source import HasTag, LazyRows, Row, Rows
from nettverk.tui.widgets.virtual_table import Column, VirtualTable
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import flat_text, settle, type_text
from tests.tui.test_virtual_table import many_rows

pytestmark = pytest.mark.asyncio


def made_rows(db: Database) -> list[Row]:
    """The list as it was made before: a row for every view."""
    return [milestone_row(m) for m in milestones.list_milestones(db.uow(), today=TODAY)]


async def test_the_columns_give_what_every_made_row_gives(tui_db: Database) -> None:
    made = made_rows(tui_db)
    lazy = MilestoneRows(milestones.milestone_table(tui_db.uow(), today=TODAY))
    plain = Rows(made)
    assert len(lazy) == len(made) > 10
    assert list(lazy) == made  # key, cells, sort values, style, tags, search
    assert [row.data for row in lazy] == [row.data for row in made]
    assert lazy.keys() == plain.keys()
    assert lazy.haystacks() == plain.haystacks()
    columns = len(MilestonesArea.COLUMNS)
    assert lazy.widths(columns) == plain.widths(columns)
    for column in range(columns):
        assert lazy.sort_keys(column) == plain.sort_keys(column)
    tests = [test for _label, test in MilestonesArea.QUICK_FILTERS]
    assert [lazy.passing(t) for t in tests] == [plain.passing(t) for t in tests]
    assert sum(any(lazy.passing(t)) for t in tests) >= 3  # filters that keep some rows


async def test_the_list_shows_without_the_columns_worked_out_from_others(
        tui_db: Database) -> None:
    """Widths and finding a row by its key come from the columns read (a million rows open
    without a list of every key, status or name); the rest is made when first asked for."""
    table = milestones.milestone_table(tui_db.uow(), today=TODAY)
    lazy = MilestoneRows(table)
    lazy.prepare(len(MilestonesArea.COLUMNS), haystacks=False)
    keys = [milestone_row(m).key for m in milestones.list_milestones(tui_db.uow(), today=TODAY)]
    assert [lazy.position(key) for key in keys] == list(range(len(keys)))
    assert lazy.position("milestone:999999") is None and lazy.position("x") is None
    assert table._made == {}  # nothing made from the columns read
    assert lazy.widths(5) == Rows(made_rows(tui_db)).widths(5)


class CountingRows(LazyRows):
    """Made rows behind the lazy interface, counting the rows made."""

    def __init__(self, rows: list[Row]) -> None:
        super().__init__(len(rows))
        self.plain = Rows(rows)
        self.made = 0

    def make(self, index: int) -> Row:
        self.made += 1
        return self.plain[index]

    def make_keys(self) -> list[Hashable]:
        return self.plain.keys()

    def make_haystacks(self) -> list[str]:
        return self.plain.haystacks()

    def make_widths(self, columns: int) -> list[int]:
        return self.plain.widths(columns)

    def sort_keys(self, column: int) -> list[tuple[int, object]]:
        return self.plain.sort_keys(column)

    def tags(self) -> Sequence[frozenset[str]]:
        return [row.tags for row in self.plain]


class TwoTables(App[None]):
    def compose(self) -> ComposeResult:
        columns = [Column("Nr", 6), Column("Milepæl", 0), Column("Frist", 10)]
        yield VirtualTable(columns, id="lazy")
        yield VirtualTable(columns, id="made")


async def test_a_long_lazy_list_shows_and_finds_what_made_rows_do_making_only_those_drawn() -> None:
    app = TwoTables()
    async with app.run_test(size=(100, 30)) as pilot:
        lazy, made = app.query_one("#lazy", VirtualTable), app.query_one("#made", VirtualTable)
        rows = many_rows(100_000)
        counting = CountingRows(rows)
        lazy.set_rows(counting)
        made.set_rows(rows)
        steps: list[Callable[[VirtualTable], None]] = [
            lambda t: t.filter("kommune 17"),
            lambda t: t.sort_by(2, reverse=True),
            lambda t: t.set_predicate(HasTag("late")),
            lambda t: t.filter("milepæl 9"),
            lambda t: t.filter(""),
            lambda t: t.set_predicate(None),
        ]
        for step in steps:
            step(lazy)
            step(made)
            await pilot.pause()
            assert len(lazy.rows) == len(made.rows)
            assert lazy.rows[:40] == made.rows[:40] and lazy.current == made.current
        assert lazy.move_to(4711) and made.move_to(4711)
        await pilot.pause()
        assert lazy.current == made.current == rows[4711]
        assert lazy.row(99_999) == rows[99_999]
        assert counting.made < 500  # the rows drawn (a few screens), not 100,000


async def test_milestones_filter_sort_and_quick_filter_over_every_row(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    listed = milestones.list_milestones(tui_db.uow(), today=TODAY)
    made = {row.key: row for row in made_rows(tui_db)}
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        table = app.query_one("#area-milepaeler #table", VirtualTable)
        assert [r.key for r in table.rows] == [m.key for m in listed]
        word = fold(listed[-1].municipality_name or "")[:5]  # part of the last row's name
        expected = [m.key for m in listed if word in made[m.key].haystack()]
        await type_text(pilot, word)
        await settle(pilot)
        assert [r.key for r in table.rows] == expected
        assert f"1/{len(expected)} · {len(expected)} av {len(listed)} milepæler" in flat_text(app)
        await pilot.press("enter", "ctrl+s", "ctrl+s")  # back to the list; deadline, reversed
        await settle(pilot)
        newest_first = sorted(expected, key=lambda k: made[k].sort[0], reverse=True)
        assert [r.key for r in table.rows] == newest_first
        cursor = table.current  # sorting keeps the cursor on its row
        assert cursor is not None and cursor.key == expected[0]
        await pilot.press("home")
        await settle(pilot)
        first = made[newest_first[0]]
        assert table.current == first and first.data.title in flat_text(app)  # detail pane
        status = made[expected[-1]].data.status  # a quick filter keeping some of the rows
        test = next(t for _l, t in MilestonesArea.QUICK_FILTERS
                    if isinstance(t, HasTag) and t.tag == status)
        table.set_predicate(test)
        await settle(pilot)
        kept = [k for k in newest_first if made[k].data.status == status]
        assert kept and [r.key for r in table.rows] == kept
        assert f"{len(kept)} av {len(listed)} milepæler" in flat_text(app)
