"""Start-up: `nettverk --help` and `nettverk municipality list --format json` vs bare Python."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from bench.dataset import Dataset
from bench.harness import PYTHON, ROOT, Result

HELP_BUDGET = 3.0  # × a bare `python -c pass`


def _command() -> list[str]:
    script = Path(PYTHON).parent / "nettverk"
    return [str(script)] if script.exists() else [PYTHON, "-m", "nettverk"]


def _time(argv: list[str], repeat: int) -> list[float]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run(argv, capture_output=True, check=True, env=env, cwd=ROOT)  # warm the caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True, env=env, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return samples


def _heavy_imports() -> list[str]:
    """The heavy modules `nettverk --help` imports (should be none)."""
    probe = ("import sys; from nettverk.cli import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "heavy = ('sqlalchemy', 'pandas', 'reportlab', 'textual', 'icalendar', 'openpyxl')\n"
             "print('HEAVY:' + ','.join(sorted({m.split('.')[0] for m in sys.modules "
             "if m.split('.')[0] in heavy})))")
    out = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    for line in out.stdout.splitlines():
        if line.startswith("HEAVY:"):
            return [m for m in line.removeprefix("HEAVY:").split(",") if m]
    return ["(probe failed)"]


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Subprocess timings; the bare interpreter is the baseline."""
    count = max(repeat, 10)
    bare = _time([PYTHON, "-c", "pass"], count)
    helped = _time([*_command(), "--help"], count)
    listed = _time([*_command(), "--db", dataset.url, "municipality", "list", "--format", "json"],
                   max(repeat, 5))
    heavy = _heavy_imports()
    return [
        Result(name="python -c pass", kind="info", samples=bare, note="baseline"),
        Result(name="nettverk --help", kind="ratio", budget=HELP_BUDGET, samples=helped,
               baseline_name="python -c pass", baseline=bare,
               note=f"heavy imports at --help: {', '.join(heavy) or 'none'}",
               extra={"heavy_imports": heavy}),
        Result(name="nettverk municipality list --format json", kind="ratio", samples=listed,
               baseline_name="python -c pass", baseline=bare,
               note="356 municipalities; opens the database (sqlalchemy is needed here)"),
    ]
