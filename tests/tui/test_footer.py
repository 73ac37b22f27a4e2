"""The footer shows the same keys as Textual's own footer at every step of typing a filter
(the focus moving between a list and its filter line), changed in place instead of made again;
the filter line's keys do what they did."""

from __future__ import annotations

import pytest
from textual.widgets import Footer, Input

from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.footer import KeysFooter
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import screen_text, settle

pytestmark = pytest.mark.asyncio

#: Keys pressed in Milepæler, one step at a time: letters into the filter line, Backspace,
#: Enter (back to the list), `/`, a digit (typed, not an area's key), ↓, Esc (clears).
STEPS = [(), ("b",), ("o",), ("backspace",), ("enter",), ("slash",), ("2",), ("down",),
         ("o",), ("escape",)]


async def footers(db: Database, size: tuple[int, int]) -> list[tuple[str, str, bool, str]]:
    """After each step: the footer line, the filter's text, whether the list has the focus,
    and the tab shown."""
    app = NettverkApp(db, today=TODAY, title="demo", start="milepaeler")
    seen = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for keys in STEPS:
            await pilot.press(*keys)
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)  # Enter in the filter opened nothing
            area = app.query_one("#area-milepaeler")
            seen.append((screen_text(app).splitlines()[-1],
                         area.query_one("#filter", Input).value,
                         isinstance(app.focused, VirtualTable),
                         app.query_one("#areas").active))  # type: ignore[attr-defined]
    return seen


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "200x60"])
async def test_the_footer_says_what_textuals_own_footer_says(
        tui_db: Database, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    ours = await footers(tui_db, size)
    monkeypatch.setattr("nettverk.tui.app.KeysFooter", Footer)
    theirs = await footers(tui_db, size)
    assert [step[0] for step in ours] == [step[0] for step in theirs]
    assert ours == theirs
    assert "Sorter" in ours[0][0] and "Sorter" not in ours[1][0]  # the focus moved
    assert [(text, in_list) for _, text, in_list, _ in ours] == [
        ("", True), ("b", False), ("bo", False), ("b", False), ("b", True), ("b", False),
        ("b2", False), ("b2", True), ("b2o", False), ("", True)]
    assert {tab for *_, tab in ours} == {"tab-milepaeler"}


async def test_the_footer_changes_in_place_when_the_focus_moves(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        footer = app.query_one(KeysFooter)
        keys = list(footer.children)
        shown = [key for key in keys if key.display]
        await pilot.press("b")
        await settle(pilot)
        assert list(footer.children) == keys  # the same widgets
        assert [key for key in keys if key.display] != shown  # some hidden
        await pilot.press("enter")
        await settle(pilot)
        assert list(footer.children) == keys
        assert [key for key in keys if key.display] == shown
