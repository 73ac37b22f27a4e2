"""`make bench`: every benchmark on a generated national data set, figure against budget.

Usage: python -m bench [--quick | --scale N | --x10] [--only NAME ...] [--repeat N] [--regenerate]
Targets that do not exist yet are skipped with a line saying so; the run always completes.
"""

from __future__ import annotations

import argparse
import compileall
import sys
import time
import traceback
from collections.abc import Callable

from bench import dataset as datasets
from bench.harness import ROOT, Result, machine, skipped, table, write

SECTIONS = ("startup", "generate", "queries", "tui", "lists", "ics", "reports", "xlsx")


#: Sections whose module is not bench/bench_<name>.py.
MODULES = {"lists": "tui_lists"}


def _section(name: str) -> Callable[[datasets.Dataset, int], list[Result]]:
    module = __import__(f"bench.bench_{MODULES.get(name, name)}", fromlist=["run"])
    return module.run  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="a small data set (60 municipalities) for a fast check")
    parser.add_argument("--scale", type=int, default=1, metavar="N",
                        help="N times the national gatherings and milestones "
                             "(bench/results/national-xN.db; the budgets that have a figure "
                             "for it, the lists' 3 s at 10x, apply)")
    parser.add_argument("--x10", action="store_const", const=10, dest="scale",
                        help="the same as --scale 10")
    parser.add_argument("--only", nargs="*", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per benchmark")
    parser.add_argument("--generate-repeat", type=int, default=1,
                        help="full generator runs (heavy; default 1)")
    parser.add_argument("--regenerate", action="store_true",
                        help="make the data set again even if it is up to date")
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="also generate the national set in PostgreSQL (database "
                             "nettverk_bench, made anew) and run the queries there, e.g. "
                             "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args(argv)
    if args.scale < 1 or (args.quick and args.scale != 1):
        parser.error("--scale takes a whole number from 1, and not with --quick")

    started = time.perf_counter()
    print("Preparing the data set …", file=sys.stderr, flush=True)
    data = datasets.national(quick=args.quick, regenerate=args.regenerate, times=args.scale)
    how = (f"generated in {data.generated_in:.1f} s" if data.generated_in is not None
           else "reused")
    print(f"Data set: {data.rows} rows, {how} ({data.path})", file=sys.stderr, flush=True)

    # The processes the sections start (the TUI in a pty, whole commands) run from this
    # checkout: its bytecode is compiled first, as installing a wheel does, so they do not
    # compile every module of nettverk from source on each start (PYTHONDONTWRITEBYTECODE
    # set, or a read-only checkout, would make every run pay that; a user's install never does).
    compileall.compile_dir(str(ROOT / "nettverk"), quiet=1)
    results: list[Result] = []
    for name in args.only or SECTIONS:
        print(f"Running {name} …", file=sys.stderr, flush=True)
        repeat = args.generate_repeat if name == "generate" else args.repeat
        try:
            results.extend(_section(name)(data, repeat))
        except Exception as exc:  # one broken section must not hide the others
            traceback.print_exc(file=sys.stderr)
            results.append(skipped(name, f"failed: {type(exc).__name__}: {exc}"[:150]))

    if args.postgres:
        print("Generating the national set in PostgreSQL …", file=sys.stderr, flush=True)
        try:
            pg = datasets.postgres(args.postgres)
            results.append(Result(name="generate national data set (PostgreSQL)", kind="info",
                                  samples=[pg.generated_in or 0.0],
                                  note=f"{pg.rows} rows into a new database"))
            for r in _section("queries")(pg, args.repeat):
                r.name += " (PostgreSQL)"
                results.append(r)
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            results.append(skipped("PostgreSQL", f"failed: {type(exc).__name__}: {exc}"[:150]))

    info = machine()
    print()
    print(f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"SQLite {info['sqlite']}, SQLAlchemy {info['sqlalchemy']}, "
          f"load {info['loadavg'][0]:.2f}")
    print(f"Data set: {data.rows} rows ({', '.join(f'{k} {v}' for k, v in data.scale.items())})")
    print()
    print(table(results))
    notes = [r for r in results if r.note and not r.skipped]
    if notes:
        print()
        for r in notes:
            print(f"  {r.name}: {r.note}")
    path = write(results, {"dataset": {"rows": data.rows, "scale": data.scale,
                                       "quick": args.quick, "times": args.scale}})
    over = [r.name for r in results if r.status == "OVER"]
    print()
    print(f"{len(results)} benchmarks in {time.perf_counter() - started:.0f} s; "
          f"{len(over)} over budget{': ' + ', '.join(over) if over else ''}. JSON: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
