"""Timing, results and budgets shared by every benchmark."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable


@dataclass
class Result:
    """One benchmark's figure against its budget.

    `kind` is "seconds" (median compared with `budget` in seconds), "ratio" (median divided by
    the median of `baseline`, compared with `budget` as a factor), "mib" (a size in MiB,
    compared with `budget` in MiB) or "info" (seconds, no budget).
    """

    name: str
    kind: str = "seconds"
    budget: float | None = None
    samples: list[float] = field(default_factory=list)
    baseline_name: str | None = None
    baseline: list[float] = field(default_factory=list)
    p95_budget: float | None = None
    note: str = ""
    skipped: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def p95(self) -> float | None:
        if not self.samples:
            return None
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def spread(self) -> tuple[float, float] | None:
        return (min(self.samples), max(self.samples)) if self.samples else None

    @property
    def figure(self) -> float | None:
        """The number compared with the budget."""
        if self.median is None:
            return None
        if self.kind == "ratio":
            return self.median / statistics.median(self.baseline) if self.baseline else None
        return self.median

    @property
    def status(self) -> str:
        if self.skipped:
            return "SKIP"
        if self.budget is None or self.figure is None:
            return "info"
        ok = self.figure <= self.budget
        if self.p95_budget is not None and self.p95 is not None:
            ok = ok and self.p95 <= self.p95_budget
        return "ok" if ok else "OVER"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(median=self.median, p95=self.p95, spread=self.spread, figure=self.figure,
                    status=self.status)
        return data


def skipped(name: str, why: str) -> Result:
    """A benchmark whose target does not exist yet."""
    return Result(name=name, skipped=why)


def measure(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> list[float]:
    """Seconds per call over `repeat` calls, after `warmup` untimed calls.

    The garbage collector stays on, as it is for a user: a collection that falls inside a call
    is part of what that call costs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def interleaved(alternatives: dict[str, Callable[[], Any]], rounds: int,
                warmup: int = 1) -> dict[str, list[float]]:
    """Seconds per call of each alternative, run in turn round by round (A B C, A B C, …), so
    that a change in the machine's load falls on all of them alike. Garbage collector on."""
    for _ in range(warmup):
        for fn in alternatives.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in alternatives}
    for _ in range(rounds):
        for name, fn in alternatives.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return samples


def run_process(argv: list[str], env: dict[str, str] | None = None,
                cwd: Path | None = None) -> tuple[float, float]:
    """Run a whole command as a subprocess: (wall seconds, CPU seconds of the child).

    The command must succeed; its output is captured and dropped."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, env=env, cwd=cwd or ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def interleaved_processes(commands: dict[str, list[str]], rounds: int, warmup: int = 1,
                          env: dict[str, str] | None = None
                          ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Whole commands run in turn round by round: (wall seconds, CPU seconds) per command."""
    for _ in range(warmup):
        for argv in commands.values():
            run_process(argv, env)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            wall, cpu = run_process(argv, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return walls, cpus


def ms(value: float | None) -> str:
    """Seconds as a short millisecond text."""
    if value is None:
        return "–"
    if value >= 10:
        return f"{value:.1f} s"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value * 1000:.0f} ms"


def _amount(r: Result, value: float | None) -> str:
    """A figure in the row's unit: MiB for sizes, else seconds as milliseconds."""
    if r.kind == "mib":
        return "–" if value is None else f"{value:.0f} MiB"
    return ms(value)


def render_budget(r: Result) -> str:
    if r.budget is None:
        return "–"
    text = f"≤ {r.budget:g}×" if r.kind == "ratio" else f"≤ {_amount(r, r.budget)}"
    if r.p95_budget is not None:
        text += f", p95 ≤ {ms(r.p95_budget)}"
    return text


def render_figure(r: Result) -> str:
    if r.kind == "ratio" and r.figure is not None:
        return f"{r.figure:.2f}× ({ms(r.median)} vs {ms(statistics.median(r.baseline))})"
    return _amount(r, r.figure)


def table(results: list[Result]) -> str:
    """The results as an aligned text table: figure against budget."""
    rows = [("benchmark", "median/figure", "spread (min–max)", "p95", "n", "budget", "status")]
    for r in results:
        if r.skipped:
            rows.append((r.name, "–", "–", "–", "0", render_budget(r), f"SKIP: {r.skipped}"))
            continue
        lo_hi = r.spread
        rows.append((r.name, render_figure(r),
                     f"{_amount(r, lo_hi[0])}–{_amount(r, lo_hi[1])}" if lo_hi else "–",
                     _amount(r, r.p95),
                     str(len(r.samples)), render_budget(r), r.status))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
        if n == 0:
            lines.append("  ".join("-" * w for w in [*widths, 6]))
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import sqlite3

    import sqlalchemy

    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = (0.0, 0.0, 0.0)
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version,
            "sqlalchemy": sqlalchemy.__version__, "loadavg": load}


def write(results: list[Result], meta: dict[str, Any]) -> Path:
    """One JSON file per benchmark and a summary, under bench/results/."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for r in results:
        slug = "".join(c if c.isalnum() else "-" for c in r.name).strip("-")
        (RESULTS / f"{slug}.json").write_text(json.dumps(r.as_json(), indent=2, default=str),
                                              encoding="utf-8")
    summary = {"stamp": stamp, "machine": machine(), **meta,
               "results": [r.as_json() for r in results]}
    path = RESULTS / "latest.json"
    text = json.dumps(summary, indent=2, default=str, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    (RESULTS / f"run-{stamp}.json").write_text(text, encoding="utf-8")
    return path
