"""Evaluation commands: gathering feedback and success factors.

The capacity diamond and the priority tool have their own modules (cli.capacity, cli.priority).
"""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli import workbooks
from nettverk.cli.args import opt_bool, opt_id, opt_int, required_id
from nettverk.cli.context import Context
from nettverk.cli.evaluation_args import add_expected_version, emit_deleted, required_int
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit, sections

FEEDBACK_COLUMNS = [
    ("id", "Id"), ("gathering_id", "Samling"), ("gathering", "Tittel"), ("starts_at", "Start"),
    ("municipality", "Kommune"), ("respondent", "Respondent"), ("overall", "Helhet"),
    ("usefulness", "Nytte"), ("comment", "Kommentar"),
]
GATHERING_AVERAGE_COLUMNS = [
    ("gathering_id", "Samling"), ("gathering", "Tittel"), ("starts_at", "Start"),
    ("responses", "Svar"), ("overall", "Helhet (snitt)"), ("usefulness", "Nytte (snitt)"),
]
YEAR_AVERAGE_COLUMNS = [
    ("year", "År"), ("gatherings", "Samlinger"), ("responses", "Svar"),
    ("overall", "Helhet (snitt)"), ("usefulness", "Nytte (snitt)"),
]
SUCCESS_FACTOR_COLUMNS = [
    ("municipality", "Nr"), ("display_name", "Kommune"), ("year", "År"),
    ("factor_label", "Suksessfaktor"), ("in_place", "På plass"), ("notes", "Merknad"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the feedback and success-factor commands."""
    _feedback(sub)
    _success_factor(sub)


# --- feedback ----------------------------------------------------------------------------


def _feedback(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("feedback", help="tilbakemeldinger etter samlinger")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer en tilbakemelding")
    add.add_argument("--gathering", required=True, metavar="ID")
    add.add_argument("--overall", required=True, metavar="1-5", help="helhetsinntrykk")
    add.add_argument("--usefulness", required=True, metavar="1-5", help="nytte")
    add.add_argument("--respondent")
    add.add_argument("--municipality", metavar="NNNN")
    add.add_argument("--comment")
    add_format_option(add)
    add.set_defaults(handler=_feedback_add)

    ls = s.add_parser("list", help="list tilbakemeldingene")
    ls.add_argument("--gathering", metavar="ID")
    ls.add_argument("--programme", metavar="KORTNAVN")
    ls.add_argument("--year", metavar="ÅÅÅÅ")
    add_format_option(ls)
    ls.set_defaults(handler=_feedback_list)

    upd = s.add_parser("update", help="rett en tilbakemelding (tom tekst fjerner)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--gathering", metavar="ID", help="flytt til en annen holdt samling")
    upd.add_argument("--overall", metavar="1-5", help="helhetsinntrykk")
    upd.add_argument("--usefulness", metavar="1-5", help="nytte")
    upd.add_argument("--respondent")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--comment")
    add_expected_version(upd, "tilbakemeldingen")
    add_format_option(upd)
    upd.set_defaults(handler=_feedback_update)

    delete = s.add_parser("delete", help="slett en tilbakemelding")
    delete.add_argument("id", metavar="ID")
    add_expected_version(delete, "tilbakemeldingen")
    add_format_option(delete)
    delete.set_defaults(handler=_feedback_delete)

    summ = s.add_parser("summary", help="snitt per samling og per år")
    summ.add_argument("--gathering", metavar="ID")
    summ.add_argument("--programme", metavar="KORTNAVN")
    summ.add_argument("--year", metavar="ÅÅÅÅ")
    add_format_option(summ)
    summ.set_defaults(handler=_feedback_summary)
    workbooks.add_feedback(s)


def _feedback_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    view = feedback.add_feedback(
        ctx.db.uow(), required_int("gathering", args.gathering), required_int("overall", args.overall),
        required_int("usefulness", args.usefulness), respondent=args.respondent,
        municipality=args.municipality, comment=args.comment,
    )
    emit(view, args.format, FEEDBACK_COLUMNS)


def _feedback_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    view = feedback.update_feedback(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        gathering_id=opt_id("gathering", args.gathering),
        overall=opt_int("overall", args.overall),
        usefulness=opt_int("usefulness", args.usefulness), respondent=args.respondent,
        municipality=args.municipality, comment=args.comment,
    )
    emit(view, args.format, FEEDBACK_COLUMNS)


def _feedback_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    emit_deleted(ctx, args, feedback.delete_feedback)


def _feedback_list(ctx: Context, args: argparse.Namespace) -> None:
    gathering_id, year = opt_id("gathering", args.gathering), opt_int("year", args.year)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_feedback)
        from nettverk.services import plain_feedback

        rows: Any = plain_feedback.list_feedback(reader, gathering_id=gathering_id,
                                                 programme=args.programme, year=year)
    else:
        from nettverk.services import feedback

        rows = feedback.list_feedback(ctx.db.uow(), gathering_id=gathering_id,
                                      programme=args.programme, year=year)
    emit(rows, args.format, FEEDBACK_COLUMNS)


def _feedback_summary(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    summary = feedback.averages(ctx.db.uow(), programme=args.programme,
                                gathering_id=opt_id("gathering", args.gathering),
                                year=opt_int("year", args.year))
    sections(args, summary, [
        ("Snitt per samling", summary.gatherings, GATHERING_AVERAGE_COLUMNS),
        ("Snitt per år", summary.years, YEAR_AVERAGE_COLUMNS),
    ])


# --- success factors ---------------------------------------------------------------------


FACTOR_HELP = ("mobilisation, anchoring, ownership, clear_goals, action_plan, clear_roles, "
               "linked_projects, communication")


def _success_factor(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("success-factor", help="suksessfaktorer per deltaker og år")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    st = s.add_parser("set", help="registrer om en suksessfaktor er på plass")
    st.add_argument("--programme", required=True, metavar="KORTNAVN")
    st.add_argument("--municipality", required=True, metavar="NNNN")
    st.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    st.add_argument("--factor", required=True, help=FACTOR_HELP)
    st.add_argument("--in-place", required=True, metavar="yes|no")
    st.add_argument("--notes", help="uten --notes beholdes merknaden; tom tekst fjerner den")
    add_expected_version(st, "registreringen")
    add_format_option(st)
    st.set_defaults(handler=_success_factor_set)

    rm = s.add_parser("delete", help="fjern en registrering (faktoren blir «ikke vurdert» "
                                     "det året, ikke «nei»)")
    rm.add_argument("--programme", required=True, metavar="KORTNAVN")
    rm.add_argument("--municipality", required=True, metavar="NNNN")
    rm.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    rm.add_argument("--factor", required=True, help=FACTOR_HELP)
    add_expected_version(rm, "registreringen")
    add_format_option(rm)
    rm.set_defaults(handler=_success_factor_delete)

    ls = s.add_parser("list", help="list suksessfaktorene")
    ls.add_argument("--programme", required=True, metavar="KORTNAVN")
    ls.add_argument("--year", metavar="ÅÅÅÅ")
    ls.add_argument("--municipality", metavar="NNNN")
    add_format_option(ls)
    ls.set_defaults(handler=_success_factor_list)


def _success_factor_set(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import success_factors

    in_place = opt_bool("in_place", args.in_place)
    assert in_place is not None
    view = success_factors.set_status(
        ctx.db.uow(), args.programme, args.municipality, required_int("year", args.year), args.factor,
        in_place, notes=args.notes,
        expected_version=opt_int("expected_version", args.expected_version),
    )
    emit(view, args.format, SUCCESS_FACTOR_COLUMNS)


def _success_factor_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import success_factors

    emit(success_factors.delete_status(
        ctx.db.uow(), args.programme, args.municipality, required_int("year", args.year), args.factor,
        expected_version=opt_int("expected_version", args.expected_version),
    ), args.format, DELETED_COLUMNS)


def _success_factor_list(ctx: Context, args: argparse.Namespace) -> None:
    year = opt_int("year", args.year)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_success_factors)
        from nettverk.services import plain_success_factors

        rows: Any = plain_success_factors.list_status(reader, args.programme, year=year,
                                                      municipality=args.municipality)
    else:
        from nettverk.services import success_factors

        rows = success_factors.list_status(ctx.db.uow(), args.programme, year=year,
                                           municipality=args.municipality)
    emit(rows, args.format, SUCCESS_FACTOR_COLUMNS)
