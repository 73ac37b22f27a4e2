"""Argument helpers shared by the evaluation command modules (capacity, priority, evaluation):
whole numbers a command cannot do without, expected versions, deleting."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_int, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, emit


def required_int(field: str, text: str | None) -> int:
    """A whole number the command cannot do without (argparse has made sure it was given)."""
    value = opt_int(field, text)
    assert value is not None
    return value


def add_expected_version(parser: argparse.ArgumentParser, what: str) -> None:
    """`--expected-version N`: change or delete `what` only if it is still at version N."""
    parser.add_argument("--expected-version", metavar="N",
                        help=f"bare hvis ingen andre har endret {what} siden versjon N")


def emit_deleted(ctx: Context, args: argparse.Namespace, delete: Any) -> None:
    """Delete the record `args.id` with the service's `delete` and print what was deleted."""
    emit(delete(ctx.db.uow(), required_id("id", args.id),
                opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)
