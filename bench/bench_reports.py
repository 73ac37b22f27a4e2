"""PDF reports on the national network (356 participants): status report and evaluation report
(one section with a radar chart per municipality)."""

from __future__ import annotations

import importlib.util
import os
import resource
import subprocess
import tempfile
import time as clock
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from bench.dataset import Dataset, today
from bench.harness import PYTHON, ROOT, Result, measure, skipped

STATUS_BUDGET = 1.0
EVALUATION_BUDGET = 3.0
PROGRAMME = "nasjonalt-laeringsnettverk"


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Data and PDF for both reports, timed separately and together."""
    if importlib.util.find_spec("nettverk.services.reports") is None:
        return [skipped("status report", "not available yet: nettverk.services.reports"),
                skipped("evaluation report", "not available yet: nettverk.services.reports")]
    from nettverk.exports.pdf.evaluation import render_evaluation
    from nettverk.exports.pdf.status import render_status
    from nettverk.services import reports
    from nettverk.services.database import connect

    db = connect(dataset.url, "bench")
    now = datetime.combine(today(), time(12), UTC)
    year = today().year - 1
    n = 5 if repeat >= 10 else 1  # seconds per run: few repeats, no warm-up run
    results: list[Result] = []
    try:
        status_data = reports.status_report(db.uow(), PROGRAMME, now=now)
        results.append(Result(
            name="status report (PDF)", budget=STATUS_BUDGET,
            samples=measure(lambda: reports.export_status(db.uow(), PROGRAMME, now=now), n, 0),
            note=f"{PROGRAMME}; data "
                 f"{_ms(measure(lambda: reports.status_report(db.uow(), PROGRAMME, now=now), 1, 0))}"
                 f", PDF {_ms(measure(lambda: render_status(status_data), 1, 0))}; CPU "
                 f"{_cpu(lambda: reports.export_status(db.uow(), PROGRAMME, now=now))}"))
        evaluation = reports.evaluation_report(db.uow(), PROGRAMME, year, now=now)
        sections = len(evaluation.participants)
        data_ms = _ms(measure(
            lambda: reports.evaluation_report(db.uow(), PROGRAMME, year, now=now), 1, 0))
        pdf = measure(lambda: render_evaluation(evaluation), 1, 0)
        results.append(Result(
            name="evaluation report (PDF)", budget=EVALUATION_BUDGET,
            samples=measure(lambda: reports.export_evaluation(db.uow(), PROGRAMME, year, now=now),
                            n, 0),
            note=f"{PROGRAMME} {year}: {sections} sections; data {data_ms}, PDF {_ms(pdf)}; CPU "
                 f"{_cpu(lambda: reports.export_evaluation(db.uow(), PROGRAMME, year, now=now))}",
            extra={"sections": sections}))
    finally:
        db.close()
    results.append(_command_line(dataset, year, 3 if repeat >= 10 else 1))
    return results


def _command_line(dataset: Dataset, year: int, n: int) -> Result:
    """The evaluation report as a user makes it: one `nettverk report evaluation` process, so
    with the imports, the schema check, the first compilation of every query and the fonts."""
    script = Path(PYTHON).parent / "nettverk"
    command = [str(script)] if script.exists() else [PYTHON, "-m", "nettverk"]
    samples: list[float] = []
    cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        argv = [*command, "--db", dataset.url, "report", "evaluation", "--programme", PROGRAMME,
                "--year", str(year), "-o", str(Path(tmp) / "evaluering.pdf")]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
        for _ in range(n):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = clock.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=env, cwd=ROOT)
            samples.append(clock.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return Result(name="nettverk report evaluation (process)", kind="info", samples=samples,
                  note=f"the whole command; CPU {_ms(cpu)}")


def _cpu(fn: Callable[[], Any]) -> str:
    """This process's CPU time for one call: what the call costs when other processes share
    the two cores (wall-clock time then also counts the waiting)."""
    start = clock.process_time()
    fn()
    return f"{(clock.process_time() - start) * 1000:.0f} ms"


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return f"{ordered[len(ordered) // 2] * 1000:.0f} ms"
