"""Learning-network commands: application rounds and applications."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_bool, opt_date, opt_int, required_date, required_id
from nettverk.cli.context import Context
from nettverk.cli.network_args import (
    Sub,
    add_delete,
    expected_version,
    warn,
)
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit

ROUND_COLUMNS = [
    ("id", "Id"), ("programme", "Program"), ("title", "Tittel"), ("opens", "Åpner"),
    ("deadline", "Frist"), ("applications", "Søknader"),
]


APPLICATION_COLUMNS = [
    ("id", "Id"), ("municipality", "Nr"), ("display_name", "Kommune"), ("county", "Fylke"),
    ("population", "Innbyggere"), ("received", "Mottatt"), ("late", "For sen"),
    ("status_label", "Status"), ("eligible", "Kvalifisert"), ("eligibility_notes", "Merknader"),
    ("decided_on", "Avgjort"), ("override_justification", "Overstyrt fordi"),
]


def add_parsers(sub: Sub) -> None:
    """Add the round and application commands."""
    _round(sub)
    _application(sub)


# --- rounds ------------------------------------------------------------------------------


def _round(sub: Sub) -> None:
    p = sub.add_parser("round", help="utlysninger (søknadsrunder)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    add = s.add_parser("add", help="opprett en utlysning")
    add.add_argument("--programme", required=True, metavar="KORTNAVN")
    add.add_argument("--title", required=True)
    add.add_argument("--opens", required=True, metavar="DATO")
    add.add_argument("--deadline", required=True, metavar="DATO")
    add.add_argument("--description")
    add_format_option(add)
    add.set_defaults(handler=_round_add)
    ls = s.add_parser("list", help="list utlysninger")
    ls.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_round_list)
    show = s.add_parser("show", help="vis én utlysning")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_round_show)
    upd = s.add_parser("update", help="endre en utlysning")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--title")
    upd.add_argument("--opens", metavar="DATO")
    upd.add_argument("--deadline", metavar="DATO")
    upd.add_argument("--description", help="tom tekst fjerner beskrivelsen")
    upd.add_argument("--expected-version", metavar="N",
                     help="endre bare hvis ingen andre har endret utlysningen siden versjon N")
    add_format_option(upd)
    upd.set_defaults(handler=_round_update)
    add_delete(s, "slett en utlysning uten søknader", "utlysningen", _round_delete)


def _round_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.add_round(
        ctx.db.uow(), args.programme, args.title, required_date("opens", args.opens),
        required_date("deadline", args.deadline), args.description)
    emit(view, args.format, ROUND_COLUMNS)


def _round_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_rounds)
        from nettverk.services import plain_rounds

        rows: Any = plain_rounds.list_rounds(reader, args.programme)
    else:
        from nettverk.services import applications

        rows = applications.list_rounds(ctx.db.uow(), args.programme)
    emit(rows, args.format, ROUND_COLUMNS)


def _round_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.get_round(ctx.db.uow(), required_id("id", args.id))
    warn(view.warnings)
    emit(view, args.format, ROUND_COLUMNS)


def _round_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    changes: dict[str, object] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.description is not None:
        changes["description"] = args.description
    for key in ("opens", "deadline"):
        if getattr(args, key) is not None:
            changes[key] = required_date(key, getattr(args, key))
    view = applications.update_round(ctx.db.uow(), required_id("id", args.id),
                                     expected_version=expected_version(args), **changes)
    emit(view, args.format, ROUND_COLUMNS)


def _round_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    emit(applications.delete_round(ctx.db.uow(), required_id("id", args.id),
                                   expected_version(args)), args.format, DELETED_COLUMNS)


# --- applications ------------------------------------------------------------------------


def _application(sub: Sub) -> None:
    p = sub.add_parser("application", help="søknader til et nettverk")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer en søknad")
    add.add_argument("--programme", required=True, metavar="KORTNAVN")
    add.add_argument("--municipality", required=True, metavar="NNNN")
    add.add_argument("--received", metavar="DATO", help="mottatt (standard: i dag)")
    add.add_argument("--samfunnsdel-year", metavar="ÅÅÅÅ",
                     help="året kommuneplanens samfunnsdel er fra")
    add.add_argument("--progress-plan", metavar="TEKST",
                     help="framdriftsplan for planstrategi og samfunnsdel")
    add.add_argument("--has-statistics", metavar="yes|no",
                     help="har kommunen statistikk/nøkkeltall og faktagrunnlag")
    add.add_argument("--personnel", metavar="TEKST", help="personellressurs til planarbeidet")
    add.add_argument("--round", metavar="ID", help="utlysningen (standard: den siste åpne)")
    add_format_option(add)
    add.set_defaults(handler=_application_add)

    ls = s.add_parser("list", help="list søknadene til et program")
    ls.add_argument("--programme", required=True, metavar="KORTNAVN")
    ls.add_argument("--status", choices=["received", "interview", "accepted", "rejected",
                                         "withdrawn"])
    add_format_option(ls)
    ls.set_defaults(handler=_application_list)

    show = s.add_parser("show", help="vis én søknad med historikk")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_application_show)

    decide = s.add_parser("decide", help="ta opp eller avslå en søknad")
    decide.add_argument("id", metavar="ID")
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument("--accept", action="store_true", help="ta opp kommunen")
    choice.add_argument("--reject", action="store_true", help="avslå søknaden")
    decide.add_argument("--reason", metavar="TEKST")
    decide.add_argument("--override", metavar="TEKST",
                        help="begrunnelse for å ta opp en kommune som ikke oppfyller reglene")
    decide.add_argument("--date", metavar="DATO", help="dato for avgjørelsen (standard: i dag)")
    add_format_option(decide)
    decide.set_defaults(handler=_application_decide)

    upd = s.add_parser("update", help="rett svarene i en søknad som ikke er avgjort")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--received", metavar="DATO")
    upd.add_argument("--samfunnsdel-year", metavar="ÅÅÅÅ", help="tom tekst fjerner året")
    upd.add_argument("--progress-plan", metavar="TEKST")
    upd.add_argument("--has-statistics", metavar="yes|no")
    upd.add_argument("--personnel", metavar="TEKST")
    upd.add_argument("--expected-version", metavar="N",
                     help="endre bare hvis ingen andre har endret søknaden siden versjon N")
    add_format_option(upd)
    upd.set_defaults(handler=_application_update)
    add_delete(s, "slett en søknad som ikke er avgjort (mottatt, samtale eller trukket)",
                "søknaden", _application_delete)

    for name, text, handler in (
        ("interview", "inviter til samtale", _application_interview),
        ("withdraw", "kommunen trekker søknaden", _application_withdraw),
    ):
        cmd = s.add_parser(name, help=text)
        cmd.add_argument("id", metavar="ID")
        cmd.add_argument("--reason", metavar="TEKST")
        cmd.add_argument("--date", metavar="DATO", help="standard: i dag")
        add_format_option(cmd)
        cmd.set_defaults(handler=handler)


def _application_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.add_application(
        ctx.db.uow(), args.programme, args.municipality,
        received=opt_date("received", args.received),
        samfunnsdel_year=opt_int("samfunnsdel_year", args.samfunnsdel_year),
        progress_plan=args.progress_plan,
        has_statistics=opt_bool("has_statistics", args.has_statistics),
        personnel=args.personnel, round_id=opt_int("round", args.round),
    )
    emit(view, args.format, APPLICATION_COLUMNS)


def _application_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_applications)
        from nettverk.services import plain_applications

        rows: Any = plain_applications.list_applications(reader, args.programme,
                                                         status=args.status)
    else:
        from nettverk.services import applications

        rows = applications.list_applications(ctx.db.uow(), args.programme, status=args.status)
    emit(rows, args.format, APPLICATION_COLUMNS)


def _application_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    emit(applications.get_application(ctx.db.uow(), required_id("id", args.id)), args.format,
         APPLICATION_COLUMNS)


def _application_decide(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.decide(
        ctx.db.uow(), required_id("id", args.id), accept=bool(args.accept), reason=args.reason,
        override=args.override, on=opt_date("date", args.date))
    warn(view.round_warnings)
    emit(view, args.format, APPLICATION_COLUMNS)


def _application_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    changes: dict[str, object] = {}
    if args.received is not None:
        changes["received"] = required_date("received", args.received)
    if args.samfunnsdel_year is not None:
        changes["samfunnsdel_year"] = opt_int("samfunnsdel_year", args.samfunnsdel_year.strip()
                                              or None)
    if args.has_statistics is not None:
        changes["has_statistics"] = opt_bool("has_statistics", args.has_statistics)
    for key in ("progress_plan", "personnel"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    view = applications.update_application(ctx.db.uow(), required_id("id", args.id),
                                           expected_version=expected_version(args), today=None,
                                           **changes)
    emit(view, args.format, APPLICATION_COLUMNS)


def _application_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    emit(applications.delete_application(ctx.db.uow(), required_id("id", args.id),
                                         expected_version(args)), args.format, DELETED_COLUMNS)


def _application_interview(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.move_to_interview(ctx.db.uow(), required_id("id", args.id),
                                          on=opt_date("date", args.date), reason=args.reason)
    emit(view, args.format, APPLICATION_COLUMNS)


def _application_withdraw(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.withdraw(ctx.db.uow(), required_id("id", args.id),
                                 on=opt_date("date", args.date), reason=args.reason)
    emit(view, args.format, APPLICATION_COLUMNS)
