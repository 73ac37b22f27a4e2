"""TUI as a user feels it: the app in a real pseudo-terminal, keys written, frames read back.

Three things, each against the bare Textual floor where there is one:

- **Opening Milepæler**: a fresh app (as `nettverk` without a command opens it) shows its start
  area; then the key `7` is written and the time runs until the frame that shows Milepæler's
  rows (its status line with the count). The app's CPU time over the same span, and its
  resident memory (RSS, and the peak) once the list is open.
- **A typed filter letter** in Milepæler (108,000 rows at national scale): each letter of
  FILTER_TEXT, written to the pty, until the frame whose status line shows the count of rows
  matching the text typed so far (worked out beforehand with the list's own rows and fold).
  Each round starts in a fresh app, so no earlier filter result is kept.
- **Page Down** in the list: until the frame whose status line shows the new position.

The floor is `bench.tui_floor` (an Input above a 1,000-row OptionList whose highlighted row
moves with each letter, and a status line the key updates) in its own pty, driven with the
same keys, round by round in turn with the product. CPU per key: the app's CPU time (all
threads, /proc) from the first key of a burst until it has written nothing for 0.3 s after the
last, divided by the keys, so work a key leaves behind (the detail pane after a pause) counts
too. Garbage collector on (nothing is changed in
the apps). The first-screen rows are as before: headless, from spawning the process.
"""

from __future__ import annotations

import importlib.util
import re
import statistics
import subprocess
import time
from typing import Any

from bench.dataset import Dataset, today
from bench.harness import PYTHON, ROOT, Result, skipped
from bench.tui_pty import Terminal

FIRST_SCREEN_BUDGET = 1.0
OPEN_BUDGET = 1.0  # seconds, national scale (issue 17)
KEY_RATIO_BUDGET, KEY_CPU_BUDGET = 1.2, 0.020
RSS_BUDGET_MIB = 250
SIZE = (120, 40)
FILTER_TEXT = "tromso"
PAGES = 8
STATUS = re.compile(r"(\d+)/(\d+) · (?:(\d+) av )?(\d+) milepæler")
START_STATUS = re.compile(r"\d+/\d+ · \d+ ")  # the start area's rows are on screen


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


def expected_counts(url: str, text: str) -> tuple[int, list[int]]:
    """All of Milepæler's rows, and how many match each prefix of the text (as the list
    filters: every word, case and accents folded, in the row's haystack)."""
    from nettverk.domain.folding import fold
    from nettverk.services.database import connect
    from nettverk.services.milestones import list_milestones
    from nettverk.tui.screens.milestones import milestone_row

    db = connect(url, "bench")
    try:
        hays = [milestone_row(m).haystack() for m in list_milestones(db.uow(), today=today())]
    finally:
        db.close()
    counts = []
    for end in range(1, len(text) + 1):
        words = fold(text[:end]).split()
        counts.append(sum(1 for hay in hays if all(w in hay for w in words)))
    return len(hays), counts


class _Round:
    """Samples of one kind of key for the product and the floor."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []


def _burst(term: Terminal, keys: list[tuple[str, re.Pattern[str]]], into: _Round) -> None:
    cpu_before = term.cpu()
    for key, shows in keys:
        started = term.press(key)
        seen, _ = term.wait_for(shows)
        into.wall.append(seen - started)
    term.drain(quiet=0.3)
    into.cpu.append((term.cpu() - cpu_before) / len(keys))


def _product(url: str) -> Terminal:
    return Terminal([PYTHON, "-m", "bench.tui_app", url], SIZE, str(ROOT))


def _pty_rounds(url: str, rounds: int) -> dict[str, Any]:
    total, counts = expected_counts(url, FILTER_TEXT)
    out: dict[str, Any] = {"rows": total, "counts": counts}
    opening, opening_all, opening_cpu, rss, peak = [], [], [], [], []
    keys = {name: (_Round(), _Round()) for name in ("filter", "page")}
    floor = Terminal([PYTHON, "-m", "bench.tui_floor"], SIZE, str(ROOT))
    try:
        floor.wait_for(re.compile("floor ready"))
        floor.drain()
        for _ in range(rounds):
            app = _product(url)
            try:
                app.wait_for(START_STATUS)  # the start area (Oversikt) with its rows
                app.drain(quiet=0.5)
                cpu_before = app.cpu()
                started = app.press("7")
                seen, _ = app.wait_for(STATUS)
                opening.append(seen - started)
                seen, _ = app.wait_for(re.compile(rf"· {total} milepæler"))  # all rows in
                opening_all.append(seen - started)
                app.drain(quiet=0.5)
                opening_cpu.append(app.cpu() - cpu_before)
                now, high = app.rss()
                rss.append(now)
                peak.append(high)

                # A typed filter: each letter until the frame with its count.
                prefixes = [FILTER_TEXT[:i] for i in range(1, len(FILTER_TEXT) + 1)]
                _burst(floor, [(p[-1], re.compile(re.escape(f"floor <{p}>"))) for p in prefixes],
                       keys["filter"][1])
                _burst(app, [(p[-1], re.compile(rf"1/{c} · {c} av {total} milepæler"))
                             for p, c in zip(prefixes, counts, strict=True)], keys["filter"][0])

                # Page Down: back to the whole list and into the table first (not timed).
                app.press("escape")
                app.wait_for(re.compile(rf"1/{total} · {total} milepæler"))
                app.drain()
                floor.press("enter")  # the floor's list
                floor.drain()
                step = _page_step(app, STATUS, lambda m: int(m.group(1)))
                floor_step = _page_step(floor, re.compile(r"floor (\d+)/"),
                                        lambda m: int(m.group(1)))
                _burst(floor, [("pagedown", re.compile(rf"floor {1 + floor_step * (i + 2)}/"))
                               for i in range(PAGES)], keys["page"][1])
                _burst(app, [("pagedown", re.compile(rf"{1 + step * (i + 2)}/{total} · "))
                             for i in range(PAGES)], keys["page"][0])
                floor.press("escape")  # back to the floor's Input, emptied, list at the top
                floor.wait_for(re.compile("floor <>"))
                floor.drain()
            finally:
                app.close()
    finally:
        floor.close()
    out.update(opening=opening, opening_all=opening_all, opening_cpu=opening_cpu, rss=rss,
               peak=peak, keys=keys)
    return out


def _page_step(term: Terminal, pattern: re.Pattern[str], position: Any) -> int:
    """One untimed Page Down from the first row: how many rows a page is."""
    term.press("pagedown")
    _, found = term.wait_for(pattern)
    term.drain()
    return int(position(found)) - 1


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """First screen (headless subprocess); opening Milepæler and keys in a pty, with the floor."""
    if not _available():
        return [skipped("TUI", "not available yet: nettverk.tui.app.NettverkApp")]
    frames, cpu, data = _first_screen(dataset.url, max(3, repeat // 5))
    results = [
        Result(name="TUI first screen (frame)", budget=FIRST_SCREEN_BUDGET, samples=frames,
               note="process spawn → first frame, headless 120×40; the database opens in a "
                    "worker after it, as `nettverk` without a command does"),
        Result(name="TUI first screen (frame), CPU time", kind="info", samples=cpu,
               note="the driver process's CPU time up to the first frame"),
        Result(name="TUI first screen (with data)", kind="info", samples=data,
               note="process spawn → start area's data loaded and drawn"),
    ]
    got = _pty_rounds(dataset.url, max(2, repeat // 5))
    where = f"Milepæler, {got['rows']} rows, pty {SIZE[0]}×{SIZE[1]}"
    results.append(Result(
        name="TUI opening Milepæler (key 7 → frame with rows)", budget=OPEN_BUDGET,
        samples=got["opening"], extra={"cpu": got["opening_cpu"]},
        note=f"{where}; a fresh app each round; CPU of the app over the same span (until it "
             f"is quiet): median {statistics.median(got['opening_cpu']) * 1000:.0f} ms"))
    results.append(Result(
        name="TUI opening Milepæler, all rows in", budget=OPEN_BUDGET,
        samples=got["opening_all"],
        note=f"{where}; key 7 → the frame whose status line counts every row (the first rows "
             f"show while the rest is read; filter and sort then cover all)"))
    results.append(Result(
        name="TUI RSS with Milepæler open", kind="mib", budget=RSS_BUDGET_MIB,
        samples=got["rss"], extra={"peak_mib": got["peak"]},
        note=f"VmRSS after the list opened; peak VmHWM {max(got['peak']):.0f} MiB"))
    for name, label in (("filter", f"typed filter letter ('{FILTER_TEXT}', one key each)"),
                        ("page", "Page Down")):
        product, floor = got["keys"][name]
        results.append(Result(
            name=f"TUI {label} → frame", kind="ratio", budget=KEY_RATIO_BUDGET,
            samples=product.wall, baseline_name="bare Textual floor", baseline=floor.wall,
            note=f"{where}; key written → frame showing the result; floor (Input + list) "
                 f"in the same rounds; p95 {_p95(product.wall) * 1000:.1f} ms vs floor "
                 f"{_p95(floor.wall) * 1000:.1f} ms"))
        results.append(Result(
            name=f"TUI {label}, CPU per key", budget=KEY_CPU_BUDGET, samples=product.cpu,
            note=f"the app's CPU per key over a burst (until quiet); the floor's: "
                 f"{statistics.median(floor.cpu) * 1000:.1f} ms"))
        results.append(Result(name=f"TUI {label}, floor", kind="info", samples=floor.wall,
                              note="bench.tui_floor: Input + OptionList, same keys"))
    return results


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
