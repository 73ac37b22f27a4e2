"""How a long list arrives (issue 17): its first rows stand in while the whole list is read; the
highlighted row's detail waits for the whole list (a detail read would compete with it); the
filter's texts are made once the list shows, and a key typed before then filters all the same."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import milestones
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.gatherings import GatheringsArea
from nettverk.tui.screens.milestones import MilestonesArea
from nettverk.tui.widgets.list_area import ListArea
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import flat_text, settle

pytestmark = pytest.mark.asyncio


async def until(pilot: Any, test: Any, seconds: float = 20.0) -> None:
    """Pause until the test holds (without waiting for the workers, as `settle` does)."""
    deadline = time.monotonic() + seconds
    while not test():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


async def test_a_key_typed_before_the_filter_texts_are_made_filters_the_whole_list(
        tui_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    milestones.add_milestone(tui_db.uow(), "Budsjettinnspill fra Bodø", TODAY,
                             municipality="1804", today=TODAY)
    monkeypatch.setattr(MilestonesArea, "HAYSTACKS_AFTER", 3.0)  # a slow machine, say
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        area = app.query_one("#area-milepaeler", ListArea)
        table = area.query_one("#table", VirtualTable)
        await until(pilot, lambda: table.total and not area.partial)
        # The whole list shows; its filter texts are not made yet.
        assert not table.source.has_haystacks
        assert "leser resten" not in flat_text(app)
        await pilot.press("b", "o", "d", "o")
        await until(pilot, lambda: len(table.rows) < table.total)
        assert [r.data.title for r in table.rows] == ["Budsjettinnspill fra Bodø"]
        assert table.source.has_haystacks  # made for the key, in the event loop
        await settle(pilot)  # the worker, waking later, finds them made
        assert [r.data.title for r in table.rows] == ["Budsjettinnspill fra Bodø"]


async def test_the_filter_texts_are_made_in_the_worker_once_the_list_shows(
        tui_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MilestonesArea, "HAYSTACKS_AFTER", 0.3)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        area = app.query_one("#area-milepaeler", ListArea)
        table = area.query_one("#table", VirtualTable)
        await until(pilot, lambda: table.total and not area.partial)
        assert not table.source.has_haystacks
        await until(pilot, lambda: table.source.has_haystacks, seconds=10)


async def test_the_detail_waits_for_the_whole_list(
        tui_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    released = threading.Event()
    details: list[object] = []
    fetch, fetch_detail = GatheringsArea.fetch, GatheringsArea.fetch_detail

    def slow_fetch(area: GatheringsArea, db: Database) -> Any:
        released.wait(20)  # the whole list takes long to read
        return fetch(area, db)

    def counted_detail(area: GatheringsArea, db: Database, key: Any) -> Any:
        details.append(key)
        return fetch_detail(area, db, key)

    monkeypatch.setattr(GatheringsArea, "fetch", slow_fetch)
    monkeypatch.setattr(GatheringsArea, "fetch_detail", counted_detail)
    monkeypatch.setattr(GatheringsArea, "FIRST_ROWS", 2)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=NARROW) as pilot:
        area = app.query_one("#area-samlinger", ListArea)
        table = area.query_one("#table", VirtualTable)
        await until(pilot, lambda: area.partial and table.total == 2)
        await pilot.pause(0.5)  # longer than the detail's pause after a highlight
        assert "leser resten" in flat_text(app)
        assert details == []
        released.set()
        await settle(pilot)
        assert not area.partial and table.total > 2
        current = table.current
        assert current is not None and details == [current.key]
        assert current.data.title in flat_text(app)  # in the detail pane too


async def test_when_the_whole_list_cannot_be_read_the_first_rows_stay_with_their_detail(
        tui_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_fetch(area: GatheringsArea, db: Database) -> Any:
        time.sleep(0.3)
        raise DomainError("database", "databasen svarer ikke")

    monkeypatch.setattr(GatheringsArea, "fetch", failing_fetch)
    monkeypatch.setattr(GatheringsArea, "FIRST_ROWS", 2)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=NARROW) as pilot:
        await asyncio.sleep(0)
        await settle(pilot)
        area = app.query_one("#area-samlinger", ListArea)
        table = area.query_one("#table", VirtualTable)
        assert table.total == 2 and not area.partial
        assert any("databasen svarer ikke" in n.message for n in app._notifications)
        text = flat_text(app)
        assert "leser resten" not in text and "1/2 · 2 samlinger" in text
        current = table.current
        assert current is not None and current.data.title in text
