"""Demo commands: `nettverk demo generate` fills a new database with a national data set."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_date, opt_int
from nettverk.cli.context import Context
from nettverk.cli.output import add_format_option, emit

COUNT_COLUMNS = [("table", "Tabell"), ("rows", "Rader")]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the demo commands."""
    p = sub.add_parser("demo", help="demonstrasjons- og testdata")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    gen = s.add_parser(
        "generate", help="fyll en ny, tom database med et stort, generert datasett",
        description="Lager et realistisk, reproduserbart datasett (samme frø og dag gir samme "
                    "data) i en ny, tom database. Revisjonsloggen skrives ikke for genererte data.")
    gen.add_argument("--municipalities", default="356", metavar="N",
                     help="antall kommuner (1–356, standard 356)")
    gen.add_argument("--years", default="10", metavar="N", help="antall år (standard 10)")
    gen.add_argument("--gatherings", default="10000", metavar="N",
                     help="antall samlinger (standard 10000)")
    gen.add_argument("--milestones", default="100000", metavar="N",
                     help="antall milepæler (standard 100000)")
    gen.add_argument("--seed", default="2020", metavar="N", help="frø (standard 2020)")
    gen.add_argument("--today", metavar="DATO",
                     help="dagen datasettet regnes fra (standard: i dag)")
    add_format_option(gen)
    gen.set_defaults(handler=_generate)


def _required_int(field: str, text: str) -> int:
    value = opt_int(field, text)
    assert value is not None
    return value


def _generate(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.demo import generate

    scale = generate.Scale(
        municipalities=_required_int("municipalities", args.municipalities),
        years=_required_int("years", args.years),
        gatherings=_required_int("gatherings", args.gatherings),
        milestones=_required_int("milestones", args.milestones),
    )
    seed = _required_int("seed", args.seed)
    today = opt_date("today", args.today)
    scale.check()
    result = generate.generate(ctx.open(create=True).engine, scale, seed=seed, today=today)
    rows = [{"table": name, "rows": count} for name, count in result.rows.items()]
    emit(rows, args.format, COUNT_COLUMNS)
    if args.format == "table":
        print(f"\n{result.total_rows} rader på {result.build_seconds + result.insert_seconds:.1f} s "
              f"({ctx.db.label}); revisjonsloggen er ikke skrevet for genererte data.")
