"""Priority-tool commands: factors placed by importance and local influence (sessions,
participants' scores, the agreed placing)."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli import workbooks
from nettverk.cli.args import opt_date, opt_int, required_date, required_id
from nettverk.cli.context import Context
from nettverk.cli.evaluation_args import add_expected_version, emit_deleted, required_int
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit, sections

SESSION_COLUMNS = [
    ("id", "Id"), ("title", "Tittel"), ("held_on", "Dato"), ("display_name", "Kommune"),
    ("programme", "Program"), ("factors", "Faktorer"),
]
FACTOR_COLUMNS = [
    ("id", "Id"), ("name", "Faktor"), ("scores", "Svar"), ("mean_importance", "Viktighet (snitt)"),
    ("mean_influence", "Påvirkning (snitt)"), ("agreed_importance", "Viktighet (enighet)"),
    ("agreed_influence", "Påvirkning (enighet)"), ("quadrant_label", "Kvadrant"),
]
PRIORITY_SCORE_COLUMNS = [
    ("factor", "Faktor"), ("participant", "Deltaker"), ("importance", "Viktighet"),
    ("influence", "Påvirkning"), ("quadrant_label", "Kvadrant"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the priority-tool command."""
    _priority(sub)


def _priority(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("priority", help="prioriteringsverktøyet (viktighet × påvirkbarhet)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer en prioriteringsøkt")
    add.add_argument("--title", required=True)
    add.add_argument("--date", required=True, metavar="DATO")
    add.add_argument("--municipality", metavar="NNNN")
    add.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(add)
    add.set_defaults(handler=_priority_add)

    ls = s.add_parser("list", help="list prioriteringsøktene")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_priority_list)

    fac = s.add_parser("factor", help="legg til en faktor i økten")
    fac.add_argument("id", metavar="ID")
    fac.add_argument("--name", required=True)
    add_format_option(fac)
    fac.set_defaults(handler=_priority_factor)

    score = s.add_parser("score", help="en deltakers viktighet og påvirkning 1–5 for en faktor")
    score.add_argument("id", metavar="ID")
    score.add_argument("--factor", required=True)
    score.add_argument("--participant", required=True)
    score.add_argument("--importance", required=True, metavar="1-5")
    score.add_argument("--influence", required=True, metavar="1-5")
    add_format_option(score)
    score.set_defaults(handler=_priority_score)

    place = s.add_parser("place", help="plasseringen deltakerne ble enige om")
    place.add_argument("id", metavar="ID")
    place.add_argument("--factor", required=True)
    place.add_argument("--importance", required=True, metavar="1-5")
    place.add_argument("--influence", required=True, metavar="1-5")
    add_format_option(place)
    place.set_defaults(handler=_priority_place)

    fupd = s.add_parser("factor-update", help="gi en faktor nytt navn eller endre den avtalte "
                                              "plasseringen")
    fupd.add_argument("id", metavar="FAKTOR_ID")
    fupd.add_argument("--name")
    fupd.add_argument("--importance", metavar="1-5", help="avtalt viktighet")
    fupd.add_argument("--influence", metavar="1-5", help="avtalt lokal påvirkning")
    fupd.add_argument("--clear-placing", action="store_true",
                      help="fjern den avtalte plasseringen (kvadranten følger snittet)")
    add_expected_version(fupd, "faktoren")
    add_format_option(fupd)
    fupd.set_defaults(handler=_priority_factor_update)

    fdel = s.add_parser("factor-delete", help="slett en faktor med deltakernes vurderinger av den")
    fdel.add_argument("id", metavar="FAKTOR_ID")
    add_expected_version(fdel, "faktoren")
    add_format_option(fdel)
    fdel.set_defaults(handler=_priority_factor_delete)

    sdel = s.add_parser("score-delete", help="fjern én deltakers vurdering av en faktor")
    sdel.add_argument("id", metavar="ID")
    sdel.add_argument("--factor", required=True)
    sdel.add_argument("--participant", required=True)
    add_format_option(sdel)
    sdel.set_defaults(handler=_priority_score_delete)

    show = s.add_parser("show", help="vis økten med faktorer og kvadranter")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_priority_show)

    upd = s.add_parser("update", help="endre tittel, dato, kommune eller program "
                                      "(tom tekst fjerner kommune eller program)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--title")
    upd.add_argument("--date", metavar="DATO")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--programme", metavar="KORTNAVN")
    add_expected_version(upd, "økten")
    add_format_option(upd)
    upd.set_defaults(handler=_priority_update)

    delete = s.add_parser("delete", help="slett økten med faktorer og vurderinger")
    delete.add_argument("id", metavar="ID")
    add_expected_version(delete, "økten")
    add_format_option(delete)
    delete.set_defaults(handler=_priority_delete)
    workbooks.add_priority(s)


def _priority_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.add_session(ctx.db.uow(), args.title, required_date("date", args.date),
                                municipality=args.municipality, programme=args.programme)
    emit(view, args.format, SESSION_COLUMNS)


def _priority_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_priority)
        from nettverk.services import plain_priority

        rows: Any = plain_priority.list_sessions(reader, municipality=args.municipality,
                                                 programme=args.programme)
    else:
        from nettverk.services import priority

        rows = priority.list_sessions(ctx.db.uow(), municipality=args.municipality,
                                      programme=args.programme)
    emit(rows, args.format, SESSION_COLUMNS)


def _priority_factor(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.add_factor(ctx.db.uow(), required_int("id", args.id), args.name)
    emit(view, args.format, FACTOR_COLUMNS)


def _priority_score(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.add_score(
        ctx.db.uow(), required_int("id", args.id), args.factor, args.participant,
        required_int("importance", args.importance), required_int("influence", args.influence),
    )
    emit(view, args.format, PRIORITY_SCORE_COLUMNS)


def _priority_place(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.set_placing(
        ctx.db.uow(), required_int("id", args.id), args.factor,
        required_int("importance", args.importance), required_int("influence", args.influence),
    )
    emit(view, args.format, FACTOR_COLUMNS)


def _priority_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.update_session(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version), title=args.title,
        held_on=opt_date("date", args.date), municipality=args.municipality,
        programme=args.programme,
    )
    emit(view, args.format, SESSION_COLUMNS)


def _priority_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    emit_deleted(ctx, args, priority.delete_session)


def _priority_factor_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.update_factor(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version), name=args.name,
        agreed_importance=opt_int("importance", args.importance),
        agreed_influence=opt_int("influence", args.influence),
        clear_placing=args.clear_placing)
    emit(view, args.format, FACTOR_COLUMNS)


def _priority_factor_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    emit_deleted(ctx, args, priority.delete_factor)


def _priority_score_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    emit(priority.delete_score(ctx.db.uow(), required_int("id", args.id), args.factor,
                               args.participant), args.format, DELETED_COLUMNS)


def _priority_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    d = priority.get_session(ctx.db.uow(), required_int("id", args.id))
    sections(args, d, [
        (f"{d.session.title} ({d.session.held_on.strftime('%d.%m.%Y')})", d.factors,
         FACTOR_COLUMNS),
        ("Individuelle vurderinger", d.scores, PRIORITY_SCORE_COLUMNS),
    ])
