"""Start-up as a user meets it: whole commands from a regular (non-editable) install, against a
bare `python -c pass` from the same venv, run in turn round by round.

The wheel is built from this checkout and installed into a throw-away venv under
bench/results/regular-venv (made once with the dependencies; afterwards only nettverk's own
wheel is reinstalled). An editable install is no measure: its import hook slows the bare start
the ratios are taken against.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from bench.dataset import Dataset
from bench.harness import PYTHON, RESULTS, ROOT, Result, interleaved_processes, skipped

HELP_BUDGET = 3.0  # × a bare `python -c pass` from the same venv
COMMAND_BUDGET = 8.0
VENV = RESULTS / "regular-venv"
WHEELS = RESULTS / "wheel"


def regular_install() -> Path:
    """The venv with nettverk installed from a freshly built wheel; returns its bin directory."""
    for old in WHEELS.glob("nettverk-*.whl"):
        old.unlink()
    subprocess.run([PYTHON, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(WHEELS),
                    str(ROOT)], check=True, capture_output=True, cwd=ROOT)
    wheel = next(WHEELS.glob("nettverk-*.whl"))
    bin_dir = VENV / "bin"
    if not (bin_dir / "python").exists():
        print("  making the regular-install venv (once; installs the dependencies) …",
              file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                       check=True, capture_output=True)
    else:
        subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
                        "--force-reinstall", str(wheel)], check=True, capture_output=True)
    return bin_dir


def _heavy_imports(python: Path) -> list[str]:
    """The heavy modules `nettverk --help` imports (should be none)."""
    probe = ("import sys; from nettverk.cli import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "heavy = ('sqlalchemy', 'alembic', 'pandas', 'reportlab', 'textual', 'icalendar',"
             " 'openpyxl')\n"
             "print('HEAVY:' + ','.join(sorted({m.split('.')[0] for m in sys.modules "
             "if m.split('.')[0] in heavy})))")
    out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, cwd=RESULTS)
    for line in out.stdout.splitlines():
        if line.startswith("HEAVY:"):
            return [m for m in line.removeprefix("HEAVY:").split(",") if m]
    return ["(probe failed)"]


def _largest_programme(dataset: Dataset) -> str:
    """The slug of the programme with the most participants (the data set is SQLite)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(dataset.path)) as conn:
        found = conn.execute(
            "SELECT p.slug FROM programme p JOIN participation pa ON pa.programme_id = p.id "
            "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1").fetchone()
    return str(found[0]) if found else "-"


#: Every other `list` command as a user types it (the options a command requires: the programme
#: with the most participants). Each is timed in the same rounds as the floor; the 8× budget
#: applies to those printing under `LARGE_OUTPUT` bytes, where starting is what the user waits
#: for. A list printing megabytes (40 MB of JSON for 108,000 milestones) waits for the writing,
#: shown with its size.
OTHER_LISTS = [f"{noun} list" for noun in (
    "county", "organisation", "person", "round", "agreement", "agreement action", "focus-area",
    "theme", "capacity", "priority", "feedback", "ten-point", "user", "audit", "feed",
    "followup", "milestone", "plan")] + ["application list --programme {slug}",
                                         "success-factor list --programme {slug}"]
LARGE_OUTPUT = 1_000_000


def _output_size(argv: list[str]) -> int:
    """How many bytes the command prints."""
    return len(subprocess.run(argv, capture_output=True, check=True).stdout)


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Interleaved subprocess timings in the regular install; the bare interpreter is the floor."""
    try:
        bin_dir = regular_install()
    except (subprocess.CalledProcessError, StopIteration) as exc:
        return [skipped("start-up (regular install)", f"could not install the wheel: {exc}")]
    python, nettverk = str(bin_dir / "python"), str(bin_dir / "nettverk")
    commands = {
        "bare": [python, "-c", "pass"],
        "help": [nettverk, "--help"],
        "status": [nettverk, "--db", dataset.url, "status"],
        "list": [nettverk, "--db", dataset.url, "municipality", "list", "--format", "json"],
        # Further lists read through the plain DB-API path too: shown as information.
        "programme": [nettverk, "--db", dataset.url, "programme", "list", "--format", "json"],
        "participant": [nettverk, "--db", dataset.url, "participant", "list", "--programme",
                        _largest_programme(dataset), "--format", "json"],
        "gathering": [nettverk, "--db", dataset.url, "gathering", "list", "--year", "2025",
                      "--format", "json"],
    }
    slug = _largest_programme(dataset)
    others = {}
    for entry in OTHER_LISTS:
        others[entry.replace("{slug}", "…")] = [nettverk, "--db", dataset.url,
                                                 *entry.format(slug=slug).split(), "--format",
                                                 "json"]
    commands.update(others)
    sizes = {name: _output_size(argv) for name, argv in others.items()}
    walls, cpus = interleaved_processes(commands, max(repeat, 10))
    heavy = _heavy_imports(bin_dir / "python")
    bare = walls["bare"]

    def cpu_note(name: str) -> str:
        return (f"CPU {statistics.median(cpus[name]) * 1000:.0f} ms = "
                f"{statistics.median(cpus[name]) / statistics.median(cpus['bare']):.1f}× the "
                f"bare start's {statistics.median(cpus['bare']) * 1000:.0f} ms")

    floor = "python -c pass (regular venv)"
    return [
        Result(name=floor, kind="info", samples=bare, note="floor: " + cpu_note("bare")),
        Result(name="nettverk --help (regular install)", kind="ratio", budget=HELP_BUDGET,
               samples=walls["help"], baseline_name=floor, baseline=bare,
               note=f"{cpu_note('help')}; heavy imports: {', '.join(heavy) or 'none'}",
               extra={"heavy_imports": heavy, "cpu": cpus["help"]}),
        Result(name="nettverk status (regular install)", kind="ratio", budget=COMMAND_BUDGET,
               samples=walls["status"], baseline_name=floor, baseline=bare,
               note=f"national set; {cpu_note('status')}", extra={"cpu": cpus["status"]}),
        Result(name="nettverk municipality list --format json (regular install)", kind="ratio",
               budget=COMMAND_BUDGET, samples=walls["list"], baseline_name=floor, baseline=bare,
               note=f"356 municipalities; {cpu_note('list')}", extra={"cpu": cpus["list"]}),
        Result(name="nettverk programme list --format json (regular install)", kind="ratio",
               samples=walls["programme"], baseline_name=floor, baseline=bare,
               note=f"info: plain DB-API path, no SQLAlchemy; {cpu_note('programme')}",
               extra={"cpu": cpus["programme"]}),
        Result(name="nettverk participant list --programme … --format json (regular install)",
               kind="ratio", samples=walls["participant"], baseline_name=floor, baseline=bare,
               note="info: plain DB-API path, the programme with the most participants; "
                    f"{cpu_note('participant')}", extra={"cpu": cpus["participant"]}),
        Result(name="nettverk gathering list --year 2025 --format json (regular install)",
               kind="ratio", samples=walls["gathering"], baseline_name=floor, baseline=bare,
               note="info: plain DB-API path, no SQLAlchemy; ≈ 1,000 gatherings with their "
                    f"warnings; {cpu_note('gathering')}",
               extra={"cpu": cpus["gathering"]}),
        *(Result(name=f"nettverk {name} --format json (regular install)", kind="ratio",
                 budget=COMMAND_BUDGET if sizes[name] < LARGE_OUTPUT else None,
                 samples=walls[name], baseline_name=floor, baseline=bare,
                 note=(f"prints {sizes[name] / 1e6:.1f} MB: the time is writing it (no budget); "
                       if sizes[name] >= LARGE_OUTPUT else f"prints {sizes[name]:,} bytes; ")
                 + cpu_note(name), extra={"cpu": cpus[name], "bytes": sizes[name]})
          for name in others),
    ]
