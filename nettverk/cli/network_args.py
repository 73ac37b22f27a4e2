"""Argument helpers shared by the learning network's command modules (network, gatherings,
plans): the delete subcommand, expected versions, clearable dates, warnings."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any, TypeAlias

from nettverk.cli.args import opt_date, opt_int
from nettverk.cli.output import add_format_option

Sub: TypeAlias = "argparse._SubParsersAction[Any]"


def add_delete(s: Sub, help_text: str, what: str, handler: Any) -> None:
    """`… delete ID [--expected-version N]`, printing what was deleted."""
    delete = s.add_parser("delete", help=help_text)
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--expected-version", metavar="N",
                        help=f"slett bare hvis ingen andre har endret {what} siden versjon N")
    add_format_option(delete)
    delete.set_defaults(handler=handler)


def expected_version(args: argparse.Namespace) -> int | None:
    return opt_int("expected_version", args.expected_version)


def clearable_date(field: str, text: str | None) -> date | None:
    """A date option where an empty text clears the value."""
    return None if text is None or not text.strip() else opt_date(field, text)


def warn(warnings: list[str]) -> None:
    """Print a command's warnings to stderr (the change was made)."""
    for w in warnings:
        print(f"nettverk: advarsel: {w}", file=sys.stderr)
