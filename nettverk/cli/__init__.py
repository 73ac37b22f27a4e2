"""The command line: parses, calls the use cases, prints. Heavy imports happen inside commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nettverk import __version__
from nettverk.cli import commands
from nettverk.cli.context import Context
from nettverk.cli.parser import NorwegianArgumentParser, UsageError


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every command."""
    parser = NorwegianArgumentParser(
        prog="nettverk",
        description="Verktøy for å drive kommunale utviklingsnettverk. "
        "Uten kommando åpnes terminalgrensesnittet.",
    )
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy-URL til databasen "
                        "(ellers NETTVERK_DATABASE_URL, ellers en SQLite-fil i datamappen)")
    parser.add_argument("--debug", action="store_true", help="vis Python-sporing ved uventede feil")
    parser.add_argument("--version", action="version", version=f"nettverk {__version__}",
                        help="vis versjonen og avslutt")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=NorwegianArgumentParser)
    for module in commands.MODULES:
        module.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"nettverk: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    ctx = Context.from_args(args)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from nettverk.cli.interactive import open_app

            return open_app(ctx)
        result = handler(ctx, args)
        return int(result or 0)
    except Exception as exc:
        return ctx.report(exc)
    finally:
        ctx.close()
