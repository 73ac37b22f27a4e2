"""The save half of the declared-form tests (split from test_declared_forms.py so the two run
on different workers): saving with several wrong fields shows every error at once and calls no
service; reference fields find a choice typed without case or accents."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, TextArea

from nettverk.domain.folding import fold
from nettverk.forms.fields import FormSpec
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.widgets.picker import Picker, PickList
from tests.tui.declared_forms_support import (
    GROUPS,
    WRONG,
    check_each,
    editable,
    open_form,
)
from tests.tui.pilot import settle


@pytest.mark.asyncio
@pytest.mark.parametrize("names", GROUPS, ids=[f"{g[0]}…" for g in GROUPS])
async def test_saving_shows_every_error_at_once_and_pickers_ignore_case_and_accents(
    tui_db: Database, names: list[str],
) -> None:
    await check_each(tui_db, names, _shows_every_error_and_picks_by_name)


async def _shows_every_error_and_picks_by_name(app: NettverkApp, pilot: Any, name: str,
                                               spec: FormSpec) -> None:
    form = await open_form(app, pilot, spec)
    fields = editable(form)

    for f, widget in fields:  # a reference field is a picker that finds a choice by its name
        if f.kind != "reference":
            continue
        assert isinstance(widget, Picker), f"{name}.{f.name}: {type(widget).__name__}"
        choices = widget.choices or []
        assert choices, f"{name}.{f.name}: no choices loaded"
        choice = next((c for c in choices if not c.label.isascii()), choices[0])
        query = " ".join(re.findall(r"[a-z0-9]+", fold(choice.label))[:4]).upper()
        widget.value = ""
        widget.focus()
        await settle(pilot)
        for c in query:  # typed in one burst, as a terminal delivers a quick typist's keys
            key = "space" if c == " " else c
            app.post_message(events.Key(key, " " if c == " " else c))
        await settle(pilot)
        pick = form.query_one(f"#pick-{f.name}", PickList)
        shown = [str(pick.get_option_at_index(i).prompt) for i in range(pick.option_count)]
        assert pick.display and choice.label in shown, f"{name}.{f.name}: {query} → {shown}"
        for _ in range(shown.index(choice.label)):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert form.values(strict=True)[f.name] == choice.value

    wrong = {f.name: WRONG.get(f.kind, "")
             for f, _ in fields
             if f.kind in WRONG or (f.required and f.kind in ("text", "multiline"))}
    if not wrong:
        return  # only choices and optional text: nothing can be typed wrong
    for f, widget in fields:
        if f.name not in wrong:
            continue
        if isinstance(widget, TextArea):
            widget.text = wrong[f.name]
        else:
            assert isinstance(widget, Input)
            widget.value = wrong[f.name]
    form.query_one(f"#input-{fields[0][0].name}").focus()
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert app.screen is form and not form.saving, f"{name}: the service was called"
    invalid = {w.id for w in form.query(".field.invalid")}
    assert invalid == {f"field-{n}" for n in wrong}, name
    for n in wrong:
        assert str(form.query_one(f"#error-{n}").render()).strip(), f"{name}.{n}: no message"
    first_wrong = next(w for f, w in fields if f.name in wrong)
    assert app.focused is first_wrong
