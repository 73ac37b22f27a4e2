"""The programme's charts in the terminal: attendance and feedback per gathering across the
years and the planstrategi across the network show the evaluation report's figures, fit 80x24
with every label whole (or cut with "…"), and follow changes made in another process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date

import pytest
from rich.console import Console
from textual.containers import VerticalScroll

from nettverk.domain.norwegian import count
from nettverk.exports.figure_data import GatheringFigure
from nettverk.services import gatherings, report_figures
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.widgets.network_charts import (
    GatheringsChart,
    PlanProgressChart,
    fit,
    percent,
    score,
)
from tests.tui.conftest import NARROW
from tests.tui.pilot import screen_text, settle, type_text
from tests.tui.test_live_updates import cli

pytestmark = pytest.mark.asyncio
TODAY = date(2026, 11, 22)
SLUG = "mindre-kommuner-2020"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
HEADINGS = ("Oppmøte og tilbakemeldinger per samling", "År", "Dato", "Samling", "Oppmøte",
            "Helhet", "Nytte", "Planstrategien i nettverket")


def detail_lines(app: NettverkApp) -> list[str]:
    """The lines of the detail pane that are on screen now (without its scrollbar)."""
    pane = app.query_one("#area-program #detail-scroll", VerticalScroll)
    region = pane.content_region
    lines = screen_text(app).split("\n")
    return [line[region.x:region.right].rstrip()
            for line in lines[region.y:region.bottom]]


async def read_detail(pilot: object, app: NettverkApp) -> list[str]:
    """Every line of the detail pane, as a person reads it: scrolling down a page at a time."""
    pane = app.query_one("#area-program #detail-scroll", VerticalScroll)
    pane.scroll_home(animate=False)
    await pilot.pause()  # type: ignore[attr-defined]
    seen = detail_lines(app)
    while pane.scroll_y < pane.max_scroll_y:
        before = pane.scroll_y
        pane.scroll_to(y=min(before + pane.content_region.height, pane.max_scroll_y),
                       animate=False)
        await pilot.pause()  # type: ignore[attr-defined]
        moved = int(pane.scroll_y - before)
        seen += detail_lines(app)[pane.content_region.height - moved:]
    return seen


def gathering_line(g: GatheringFigure, lines: list[str]) -> str:
    """The chart's line for a gathering (by its date)."""
    found = [line for line in lines if line.startswith(f"{g.on:%d.%m.%y} ")]
    assert len(found) == 1, (g, lines)
    return found[0]


def shows_figure(g: GatheringFigure, line: str) -> bool:
    """Whether the line shows the gathering's attendance and the two averages, in order."""
    words = line.split()
    at = words.index("%") if "%" in words else -1
    return (at > 0 and words[at - 1] == percent(g.attendance_percent).split()[0]
            and score(g.overall) in words[at + 1:] and score(g.usefulness) in words[at + 1:]
            and words.index(score(g.usefulness), at + 2) > words.index(score(g.overall), at + 1))


async def open_programme(pilot: object, app: NettverkApp) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    await type_text(pilot, "evenes")  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
async def test_the_programme_detail_charts_the_report_figures_at_80x24(
        demo_db: Database, backend: str) -> None:
    figures = report_figures.gathering_figures(demo_db.uow(), SLUG, TODAY)
    progress = report_figures.plan_progress(demo_db.uow(), SLUG, TODAY)
    assert figures and progress  # the demo data has something to draw
    app = NettverkApp(demo_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=NARROW) as pilot:
        await open_programme(pilot, app)
        lines = await read_detail(pilot, app)
        text = "\n".join(lines)
        for heading in HEADINGS:
            assert heading in text
        assert f"{count(len(figures), 'samlinger')} holdt" in text
        for g in figures:
            line = gathering_line(g, lines)
            assert shows_figure(g, line), line
            assert fit(g.title, 40) in line or g.title in line
        for label, n in progress:
            assert any(line.startswith(label) and line.endswith(count(n, "kommuner"))
                       for line in lines), (label, n, lines)
        width = app.query_one("#area-program #detail-scroll", VerticalScroll).content_region.width
        for line in lines:  # nothing runs past the pane; cut names end with "…"
            assert len(line) <= width
        for g in figures:
            line = gathering_line(g, lines)
            assert g.title in line or "…" in line


async def changed(pilot: object, app: NettverkApp, shown: Callable[[list[str]], bool],
                  seconds: float) -> bool:
    """Whether the detail shows what is wanted within the time."""
    deadline = time.monotonic() + seconds
    while True:
        if shown(await read_detail(pilot, app)):
            return True
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.1)  # type: ignore[attr-defined]


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
async def test_the_charts_follow_changes_from_another_process(
        demo_db: Database, db_url: str, backend: str) -> None:
    newest = max(gatherings.list_gatherings(demo_db.uow(), programme=SLUG, status="held"),
                 key=lambda g: g.start)
    beiarn = next(p for p in report_figures.plan_progress(demo_db.uow(), SLUG, TODAY)
                  if p[0] == "høring")
    assert beiarn[1] == 1
    app = NettverkApp(demo_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=NARROW) as pilot:
        await open_programme(pilot, app)
        before = gathering_line(report_figures.gathering_figures(demo_db.uow(), SLUG, TODAY)[-1],
                                await read_detail(pilot, app))
        await pilot.pause(1.2)  # the watcher is listening
        done = await asyncio.to_thread(cli, db_url, "feedback", "add", "--gathering",
                                       str(newest.id), "--overall", "1", "--usefulness", "1")
        assert done.returncode == 0, done.stderr
        done = await asyncio.to_thread(cli, db_url, "plan", "stage", "5", "--stage", "adopted",
                                       "--date", "01.03.2025")
        assert done.returncode == 0, done.stderr
        after = report_figures.gathering_figures(demo_db.uow(), SLUG, TODAY)[-1]
        progress = report_figures.plan_progress(demo_db.uow(), SLUG, TODAY)
        assert [label for label, _ in progress] == ["vedtatt"]
        assert await changed(pilot, app, lambda lines: not any(
            x.startswith("høring") for x in lines), 5.0)
        lines = await read_detail(pilot, app)
        line = gathering_line(after, lines)
        assert line != before and shows_figure(after, line), (before, line)
        assert any(x.startswith("vedtatt") and x.endswith(count(progress[0][1], "kommuner"))
                   for x in lines)


@pytest.mark.parametrize("width", [76, 45, 37])
async def test_the_charts_fit_the_pane_and_cut_names_with_an_ellipsis(width: int) -> None:
    long = "Samling om samfunnsdelen, arealdelen og handlingsdelen i mindre kommuner"
    figures = [GatheringFigure(long, date(2024, 3, 1), 83.3, 4.25, 3.5),
               GatheringFigure("Kort", date(2025, 9, 1), 100.0, None, 5.0)]
    console = Console(width=width, color_system=None, record=True)
    console.print(GatheringsChart(figures, TODAY))
    console.print(PlanProgressChart([("varslet oppstart", 1), ("vedtatt", 12)], TODAY))
    lines = console.export_text().splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    text = "\n".join(lines)
    for heading in ("Oppmøte", "Helhet", "Nytte", "Dato", "Planstrategien i nettverket"):
        assert heading in text
    assert "83,3 %" in text and "4,25" in text and "100 %" in text and "–" in text
    assert long not in text and (width < 50 or long[:10] in text)
    assert any(line.startswith("varslet oppstart") and line.rstrip().endswith("1 kommune")
               for line in lines)
    assert any(line.rstrip().endswith("12 kommuner") for line in lines)
    assert "2 samlinger holdt 2024–2025" in text
