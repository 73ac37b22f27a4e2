"""`nettverk ten-point`: the 10-point model (10-punktsmodellen), step by step per municipality."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_date, opt_int
from nettverk.cli.context import Context
from nettverk.cli.output import add_format_option, emit

COLUMNS = [
    ("municipality", "Nr"), ("display_name", "Kommune"), ("number", "Steg"),
    ("step_label", "Navn"), ("status_label", "Status"), ("on", "Dato"), ("notes", "Notater"),
]
STEP_HELP = ("1–10, en kode (goal_analysis, place_qualities, community_analysis, "
             "target_group_analysis, positioning, anchoring, identity_reputation, action_plan, "
             "organisation_financing, long_term_work) eller navnet (Målanalyse …)")


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ten-point commands."""
    p = sub.add_parser("ten-point", help="10-punktsmodellen: kommunenes arbeid steg for steg")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    ls = s.add_parser("list", help="stegene for en kommune eller et programs deltakere")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_list)

    st = s.add_parser("set", help="sett status, dato og notater for et steg")
    st.add_argument("--municipality", required=True, metavar="NNNN")
    st.add_argument("--step", required=True, metavar="STEG", help=STEP_HELP)
    st.add_argument("--status", metavar="STATUS",
                    help="not_started (ikke startet), in_progress (pågår) eller done (ferdig)")
    st.add_argument("--date", metavar="DATO", help="standard: i dag når statusen endres")
    st.add_argument("--notes", help="tom tekst fjerner notatene")
    st.add_argument("--expected-version", metavar="N",
                    help="endre bare hvis ingen andre har endret steget siden versjon N")
    add_format_option(st)
    st.set_defaults(handler=_set)


def _list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_ten_point)
        from nettverk.services import plain_ten_point

        rows: Any = plain_ten_point.list_steps(reader, municipality=args.municipality,
                                               programme=args.programme)
    else:
        from nettverk.services import ten_point

        rows = ten_point.list_steps(ctx.db.uow(), municipality=args.municipality,
                                    programme=args.programme)
    emit(rows, args.format, COLUMNS)


def _set(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import ten_point

    view = ten_point.set_step(
        ctx.db.uow(), args.municipality, args.step, status=args.status,
        on=opt_date("date", args.date), notes=args.notes,
        expected_version=opt_int("expected_version", args.expected_version))
    emit(view, args.format, COLUMNS)
