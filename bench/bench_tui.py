"""TUI: time to first screen, and key press → repaint for type-to-filter and page-down.

First screen: a fresh interpreter opens the app headless (Pilot); measured from spawning the
process to the first frame, and to the start area's data on screen.
Key presses: in this process, on the largest list area; each sample is one `pilot.press`
plus the pause that lets the app handle it, plus rendering the screen's strips.
"""

from __future__ import annotations

import asyncio
import importlib.util
import subprocess
import time
from typing import Any

from bench.dataset import Dataset, today
from bench.harness import PYTHON, ROOT, Result, skipped

FIRST_SCREEN_BUDGET = 1.0
KEY_BUDGET, KEY_P95_BUDGET = 0.016, 0.050
FILTER_TEXT = "samling"


def _available() -> bool:
    try:
        return importlib.util.find_spec("nettverk.tui.app") is not None
    except ImportError:
        return False


def _first_screen(url: str, repeat: int) -> tuple[list[float], list[float], list[float]]:
    frames, cpu, data = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen([PYTHON, "-m", "bench.tui_driver", url], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("frame"):
                frames.append(time.perf_counter() - start)
                fields = line.split()
                if len(fields) > 2:  # the driver's own CPU time up to the frame
                    cpu.append(float(fields[2]))
            elif line.startswith("data"):
                data.append(time.perf_counter() - start)
        proc.wait()
    return frames, cpu, data


async def _keys(url: str, repeat: int) -> dict[str, Any]:
    from nettverk.services.database import connect
    from nettverk.tui.app import NettverkApp
    from nettverk.tui.widgets.list_area import ListArea

    db = connect(url, "bench")
    app = NettverkApp(db, today=today())
    result: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:

        async def settle() -> None:
            for _ in range(3):
                await pilot.pause()
                await app.workers.wait_for_complete()
            await pilot.pause()

        # Areas are mounted (and load their data) when first shown: visit each once.
        for spec in getattr(app, "areas", []):
            app.action_go(spec.id)
            await settle()
        lists = list(app.query(ListArea))
        for area in lists:
            area.ensure_loaded()
        await settle()
        largest = max(lists, key=lambda a: a.table.total)
        area_id = str(largest.id).removeprefix("area-")
        app.action_go(area_id)
        await settle()
        result["area"] = area_id
        result["rows"] = largest.table.total

        table = largest.table
        render = app.screen._compositor.render_strips

        def work(step: Any) -> float:
            """The work one key press causes, run synchronously: the handler, then a repaint."""
            start = time.perf_counter()
            step()
            largest._update_status()
            render()
            return time.perf_counter() - start

        def forget_filters() -> None:
            """Drop the table's kept filter results, so each round types into a fresh list."""
            base = getattr(table, "_base", None)
            if base is not None:
                table._matches = {(): base}
                table._shown = {k: v for k, v in table._shown.items() if not k}

        prefixes = [FILTER_TEXT[:i] for i in range(1, len(FILTER_TEXT) + 1)]
        filter_work: list[float] = []
        while len(filter_work) < repeat * 2:
            forget_filters()
            for text in [*prefixes, *reversed(prefixes[:-1]), ""]:
                filter_work.append(work(lambda text=text: table.filter(text)))
        result["filter_work"] = filter_work
        page_work = [work(lambda: table.action_page(1)) for _ in range(repeat * 2)]
        result["page_work"] = page_work
        table.action_edge(0)
        await settle()

        async def timed(key: str) -> float:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            app.screen._compositor.render_strips()
            return time.perf_counter() - start

        largest.action_focus_filter()
        await settle()
        filter_samples: list[float] = []
        while len(filter_samples) < repeat * 2:
            forget_filters()
            for ch in FILTER_TEXT:
                filter_samples.append(await timed(ch))
            for _ in FILTER_TEXT:
                filter_samples.append(await timed("backspace"))
        result["filter"] = filter_samples
        await pilot.press("escape")
        largest.table.focus()
        await settle()
        page_samples = [await timed("pagedown") for _ in range(repeat * 2)]
        result["page"] = page_samples
    db.close()
    return result


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """First screen (subprocess) and key presses (Pilot) on the data set."""
    if not _available():
        return [skipped("TUI first screen", "not available yet: nettverk.tui.app.NettverkApp"),
                skipped("TUI type-to-filter key → repaint", "not available yet"),
                skipped("TUI page-down key → repaint", "not available yet")]
    frames, cpu, data = _first_screen(dataset.url, max(3, repeat // 3))
    results = [
        Result(name="TUI first screen (frame)", budget=FIRST_SCREEN_BUDGET, samples=frames,
               note="process spawn → first frame, headless 120×40; the database opens in a "
                    "worker after it, as `nettverk` without a command does"),
        Result(name="TUI first screen (frame), CPU time", kind="info", samples=cpu,
               note="the driver process's CPU time up to the first frame: what the frame "
                    "costs when the cores are not shared"),
        Result(name="TUI first screen (with data)", kind="info", samples=data,
               note="process spawn → start area's data loaded and drawn"),
    ]
    keys = asyncio.run(_keys(dataset.url, repeat))
    where = f"area '{keys['area']}' with {keys['rows']} rows"
    pilot_note = ("through Pilot: press + pause + render; includes Pilot's idle detection "
                  "(≥ 20 ms of sleeping per pause), so this is an upper bound")
    results += [
        Result(name="TUI type-to-filter key → repaint", budget=KEY_BUDGET,
               p95_budget=KEY_P95_BUDGET, samples=keys["filter_work"],
               note=f"{where}; handler (filter + status line) and repaint of the screen for "
                    f"each prefix of '{FILTER_TEXT}' and back"),
        Result(name="TUI page-down key → repaint", budget=KEY_BUDGET, p95_budget=KEY_P95_BUDGET,
               samples=keys["page_work"], note=f"{where}; handler and repaint"),
        Result(name="TUI type-to-filter via Pilot", kind="info", samples=keys["filter"],
               note=pilot_note),
        Result(name="TUI page-down via Pilot", kind="info", samples=keys["page"], note=pilot_note),
    ]
    return results
