"""Helpers for driving the app in tests."""

from __future__ import annotations

import re

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea


async def settle(pilot: Pilot[object]) -> None:
    """Wait until the workers are done and their messages handled."""
    from nettverk.tui.widgets.list_area import ListArea

    app: App[object] = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    # A detail pane waits for typing to pause (ListArea.DETAIL_PAUSE), then reads the row.
    for _ in range(40):
        if not any(area.detail_pending for area in app.screen.query(ListArea)):
            break
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: App[object]) -> str:
    """What the terminal shows, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def flat_text(app: App[object]) -> str:
    """What the terminal shows as one line of words: borders gone, wrapped lines joined."""
    return " ".join(re.sub(r"[█▀▄▔▁▊▎▌▐│─]", " ", screen_text(app)).split())


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Press the keys of a text."""
    await pilot.press(*[("space" if c == " " else c) for c in text])


def fill(app: App[object], **values: str) -> None:
    """Set the form's inputs by field name."""
    for name, value in values.items():
        widget = app.screen.query_one(f"#input-{name}")
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, TextArea):  # a multi-line field
            widget.text = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


def dialog_text(app: App[object]) -> str:
    """The open dialog's question as one line of words (the screen behind it may show through
    beside a narrow dialog, so the screen's text does not read as one sentence)."""
    from textual.widgets import Label

    return " ".join(" ".join(str(label.render()).split())
                    for label in app.screen.query(".question").results(Label))
