"""Samlinger's rows kept as columns and made only when shown, with each row's warnings counted
and written only for the rows made (issue 17: 100,000 gatherings at ten times national scale):
the list shows, filters, sorts and quick-filters exactly as it did with every row and every
warning made, and the detail still shows the warnings and the month's gatherings."""

from __future__ import annotations

from datetime import datetime

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import gatherings
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.gatherings import GatheringRows, GatheringsArea, gathering_row
from nettverk.tui.widgets.row_source import Rows
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import TODAY, WIDE
from tests.tui.pilot import flat_text, settle

PROG = "mindre-kommuner-2020"


def _add_overlapping(db: Database) -> None:
    """Two gatherings at once on Ascension Day, and one without a link."""
    for title, mode, video in [("Kristi himmelfart A", "video", "https://m.no/a"),
                               ("Kristi himmelfart B", "video", None)]:
        gatherings.add_gathering(db.uow(), PROG, title, datetime(2023, 5, 18, 9, tzinfo=OSLO),
                                 datetime(2023, 5, 18, 12, tzinfo=OSLO), mode, video_url=video)


@pytest.mark.parametrize("only", [{}, {"programme": PROG}, {"limit": 9}, {"year": 2099}])
def test_the_columns_give_what_every_made_row_gives(tui_db: Database, only: dict) -> None:
    _add_overlapping(tui_db)
    made = [gathering_row(g) for g in gatherings.list_gatherings(tui_db.uow(), **only)]
    lazy = GatheringRows(gatherings.gathering_table(tui_db.uow(), **only))
    plain = Rows(made)
    assert len(lazy) == len(made)
    assert list(lazy) == made  # key, cells, sort values, style, tags, search
    assert [row.data for row in lazy] == [row.data for row in made]
    assert lazy.keys() == plain.keys()
    assert lazy.haystacks() == plain.haystacks()
    columns = len(GatheringsArea.COLUMNS)
    assert lazy.widths(columns) == plain.widths(columns)
    for column in range(columns):
        assert lazy.sort_keys(column) == plain.sort_keys(column)
    tests = [test for _label, test in GatheringsArea.QUICK_FILTERS]
    assert [lazy.passing(t) for t in tests] == [plain.passing(t) for t in tests]
    if made and "limit" not in only:
        assert any(lazy.passing(tests[3]))  # «Med varsler»: the overlapping pair at least


@pytest.mark.asyncio
async def test_the_warned_rows_sorted_and_the_detail(tui_db: Database) -> None:
    _add_overlapping(tui_db)
    listed = gatherings.list_gatherings(tui_db.uow())
    warned = [g for g in listed if g.warnings]
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        table = app.query_one("#area-samlinger #table", VirtualTable)
        assert table.total == len(listed)
        table.set_predicate(GatheringsArea.QUICK_FILTERS[3][1])  # «Med varsler»
        await settle(pilot)
        assert [r.key for r in table.rows] == [g.id for g in warned]
        table.sort_by(7, reverse=True)  # «!»: most warnings first
        await settle(pilot)
        most = max(len(g.warnings) for g in warned)
        assert len(table.rows[0].data.warnings) == most
        b = next(g for g in listed if g.title == "Kristi himmelfart B")
        table.filter("himmelfart b")
        await settle(pilot)
        assert table.current is not None and table.current.key == b.id
        text = flat_text(app)
        assert "⚠ 18.05.2023 er en helligdag (Kristi himmelfartsdag)." in text
        assert "Overlapper med «Kristi himmelfart A»" in text
        assert "Videomøte uten lenke." in text
