"""Every list of the TUI as a user opens it: the app in a real pty, a key written, frames read.

The lists are the areas on the number keys (1–9, 0; `nettverk.tui.areas`) and the further lists
each area opens with F2, F3, … (its `SUBLISTS`, shown as their own screen). For each, in a fresh
app (`bench.tui_app`, the data set's day as today) in a 120×40 pty:

- **rows shown**: key written → the first frame whose status line shows the list's rows: the
  position and the count with the area's own noun (`NOUN`, singular or plural as
  `nettverk.domain.norwegian.count` writes it), e.g. `1/300 · 300 milepæler · leser resten …`
  (an empty list: the table's «Ingen treff» and `0 · 0 <noun>`);
- **whole list in**: key written → the first frame with that status line no longer saying that
  the rest is still being read (`leser resten …`, the note a long list shows while its first
  rows stand in for it; `ListArea._update_status`). For a list read at once both are the same
  frame. This is the figure with the budget: 1 s at national scale, 3 s at 10x (issue 17).

One app per round opens every list in turn, area by area (2 … 9, 0; each area's further lists
right after it, then Esc back), waiting after each until the app is quiet (its CPU time stands
still), so no list pays for the one before. Oversikt (1) is the start area, loaded as the app
starts; it is timed in a second fresh app that starts in Eksport. The resident memory (RSS, and
the peak) is read in the first app once every list has been opened once (goal: 250 MiB at
national scale), and after each list (in its row's note), so what each list adds shows. A list
whose status line does not come within the timeout is SKIPPED with the reason, and the run
goes on with the next.
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field

from bench.dataset import Dataset
from bench.harness import PYTHON, ROOT, Result, skipped
from bench.tui_pty import Terminal, Timeout, text_of

SIZE = (120, 40)
BUDGET = {1: 1.0, 10: 3.0}  # seconds for the whole list, by scale (issue 17)
RSS_GOAL_MIB = 250  # national scale
READING = "leser resten"  # ListArea._update_status while only the first rows are in
EMPTY = "Ingen treff"  # the table of a list read and found empty (ListArea._rows_loaded)
#: xterm's F1–F12 (tui_pty's KEYS has none of them).
F_KEYS = {f"f{n}": code for n, code in enumerate(
    ["\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", *(f"\x1b[{c}~" for c in (15, 17, 18, 19, 20, 21,
                                                                      23, 24))], start=1)}
NUMBER = r"\d[\d\u00a0\u202f]*"  # a count, with or without a thousands separator


@dataclass
class Target:
    """One list: how it is opened and how its status line reads."""

    name: str
    area: str  # the area id it belongs to
    key: str  # the key that opens it (from its area, for a further list)
    rows: re.Pattern[str]  # its status line with a count
    whole: re.Pattern[str]  # the same, the whole list in
    further: bool = False  # a further list (own screen, Esc goes back)
    shown: list[float] = field(default_factory=list)
    whole_in: list[float] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    status: str = ""  # the status line once the whole list was in (the last round's)
    rss: list[float] = field(default_factory=list)  # the app's MiB once it was open and quiet


def status_patterns(noun: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The status line of a list whose rows are counted as `noun`: any frame with rows, and
    one with the whole list in (not followed by the note that the rest is being read).

    Before its rows arrive a list already says `0 · 0 <noun>`, so a count of 0 counts only
    once the table says it found none (EMPTY, where it said «Laster …» while reading)."""
    from nettverk.domain.norwegian import count

    nouns = sorted({count(1, noun).split(" ", 1)[1], count(2, noun).split(" ", 1)[1]},
                   key=len, reverse=True)
    words = rf"(?:{'|'.join(re.escape(n) for n in nouns)})\b"
    rows = rf"(?:{NUMBER}/)?{NUMBER} · (?:{NUMBER} av )?[1-9][\d\u00a0\u202f]* {words}"
    none = rf"{re.escape(EMPTY)}.*?\b0 · 0 {words}"
    return (re.compile(rf"{rows}|{none}", re.DOTALL),
            re.compile(rf"{rows}(?! · {re.escape(READING)})|{none}", re.DOTALL))


def targets() -> list[Target]:
    """Every area on a number key, and the further lists it opens with F2, F3, …"""
    from nettverk.tui.areas import all_areas

    found = []
    for spec in all_areas():
        cls = spec.area_class()
        rows, whole = status_patterns(getattr(cls, "NOUN", "rader"))
        found.append(Target(f"{spec.key} {spec.label}", spec.id, spec.key, rows, whole))
        for index, sub in enumerate(getattr(cls, "SUBLISTS", [])):
            rows, whole = status_patterns(getattr(sub.area_class(), "NOUN", "rader"))
            found.append(Target(f"{spec.key} {spec.label} › F{index + 2} {sub.label}", spec.id,
                                F_KEYS[f"f{index + 2}"], rows, whole, further=True))
    return found


def settle(term: Terminal, most: float = 120.0) -> None:
    """Read until the app has drawn its last frame and its CPU time stands still (a worker
    still reading in the background counts as busy)."""
    end = time.perf_counter() + most
    while time.perf_counter() < end:
        started, cpu = time.perf_counter(), term.cpu()
        term.drain(quiet=0.4, most=2.0)
        if term.cpu() - cpu <= 0.1 * (time.perf_counter() - started) + 0.01:
            return


def _app(url: str, start: str) -> Terminal:
    return Terminal([PYTHON, "-m", "bench.tui_app", url, start], SIZE, str(ROOT))


def open_list(term: Terminal, target: Target, timeout: float) -> None:
    """Write the list's key; record the rows-shown and whole-list times (or why not)."""
    started = term.press(target.key)
    try:
        seen, _ = term.wait_for(target.rows, timeout)
        target.shown.append(seen - started)
        seen, found = term.wait_for(target.whole, max(1.0, timeout - (seen - started)))
        target.whole_in.append(seen - started)
        target.status = " ".join(found.group(0).split())[-60:]
    except Timeout:
        tail = " ".join(text_of(term.seen).split())[-120:]
        target.missed.append(f"no status line in {timeout:.0f} s (screen ends: {tail!r})")
    settle(term)
    if term.proc.poll() is None:
        target.rss.append(term.rss()[0])


def _round(url: str, lists: list[Target], timeout: float) -> tuple[float, float] | None:
    """One fresh app opening every list but the start area, then one for the start area;
    the first app's (RSS, peak) in MiB once all are open."""
    start, rest = lists[0], lists[1:]
    memory = None
    app = _app(url, start.area)
    try:
        try:
            app.wait_for(start.whole, timeout)
        except Timeout as exc:  # nothing else can be opened: every list misses this round
            for target in rest:
                target.missed.append(f"the app did not start in {start.name}: {str(exc)[:80]}")
            rest = []
        settle(app)
        for target in rest:
            if app.proc.poll() is not None:
                target.missed.append("the app had ended")
                continue
            open_list(app, target, timeout)
            if target.further:
                app.press("escape")  # back to the area, which reads its rows again
                settle(app)
        if app.proc.poll() is None:
            memory = app.rss()
    finally:
        app.close()
    last = next(t for t in reversed(lists) if not t.further)  # timed from there
    app = _app(url, last.area)
    try:
        app.wait_for(last.whole, timeout)
        settle(app)
        open_list(app, start, timeout)
    except Timeout as exc:
        start.missed.append(f"the app did not start in {last.name}: {str(exc)[:80]}")
    finally:
        app.close()
    return memory


def _rss(samples: list[float]) -> str:
    return f", app RSS then {statistics.median(samples):.0f} MiB" if samples else ""


def scale_of(dataset: Dataset) -> int:
    """How many times the national gatherings and milestones the data set has (0: smaller)."""
    from nettverk.demo.generate import Scale

    return dataset.scale["milestones"] // Scale().milestones


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Open every list, `repeat` rounds; figures per list and the memory with all open."""
    try:
        lists = targets()
    except ImportError as exc:
        return [skipped("TUI lists", f"not available: {exc}")]
    times = scale_of(dataset)
    budget = BUDGET.get(max(times, 1))
    timeout = 30.0 * max(times, 1) ** 0.5 + 10
    suffix = f" ({times}x)" if times > 1 else ""
    memory = []
    for _ in range(max(1, repeat)):
        got = _round(dataset.url, lists, timeout)
        if got is not None:
            memory.append(got)
    results: list[Result] = []
    for target in lists:
        name = f"list {target.name}{suffix}"
        if not target.whole_in:
            why = target.missed[0] if target.missed else "not opened"
            results.append(skipped(name, why[:150]))
            continue
        missed = f"; missed in {len(target.missed)} round(s): {target.missed[0][:80]}" \
            if target.missed else ""
        results.append(Result(name=f"{name}: rows shown", kind="info", samples=target.shown))
        results.append(Result(name=f"{name}: whole list in", budget=budget,
                              samples=target.whole_in,
                              note=f"«{target.status}»{_rss(target.rss)}{missed}"))
    if memory:
        rss, peak = [m[0] for m in memory], [m[1] for m in memory]
        results.append(Result(
            name=f"TUI RSS with every list opened once{suffix}", kind="mib",
            budget=RSS_GOAL_MIB if times <= 1 else None,  # the goal is for the national scale
            samples=rss, extra={"peak_mib": peak},
            note=f"VmRSS once every list had been opened once (Oversikt as the start area); "
                 f"peak VmHWM {max(peak):.0f} MiB"))
    return results


__all__ = ["run", "status_patterns", "targets"]
