"""Agreed-action commands: `agreement action …`, the actions a partnership agreement sets out
per focus area (added to the `agreement` command by cli.agreements)."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_date, opt_id, opt_int, parses, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit

ACTION_COLUMNS = [
    ("id", "Id"), ("agreement_id", "Avtale"), ("display_name", "Kommune"),
    ("focus_area_name", "Innsatsområde"), ("title", "Tiltak"), ("owner", "Ansvarlig"),
    ("status_label", "Status"), ("due", "Frist"), ("done_on", "Utført"), ("overdue", "Forsinket"),
]

ACTION_STATUSES = ["planned", "in_progress", "done", "cancelled"]


def add_action_commands(s: argparse._SubParsersAction[Any]) -> None:
    """Add `agreement action` and its subcommands to the agreement command's subcommands."""
    _action(s)


def _action(s: argparse._SubParsersAction[Any]) -> None:
    p = s.add_parser("action", help="avtalte tiltak per innsatsområde")
    a = p.add_subparsers(dest="action_command", required=True, metavar="HANDLING")

    add = a.add_parser("add", help="legg til et avtalt tiltak")
    add.add_argument("--agreement", required=True, metavar="ID")
    add.add_argument("--title", required=True)
    add.add_argument("--focus-area", metavar="KODE")
    add.add_argument("--owner", help="hvem som er ansvarlig")
    add.add_argument("--due", metavar="DATO")
    add_format_option(add)
    add.set_defaults(handler=_action_add)

    ls = a.add_parser("list", help="list avtalte tiltak")
    ls.add_argument("--agreement", metavar="ID")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--status", choices=ACTION_STATUSES)
    ls.add_argument("--overdue", action="store_true", help="bare åpne tiltak med frist før i dag")
    add_format_option(ls)
    ls.set_defaults(handler=_action_list)

    done = a.add_parser("done", help="merk et tiltak som utført")
    done.add_argument("id", metavar="ID")
    done.add_argument("--on", metavar="DATO", help="dato utført (standard: i dag)")
    add_format_option(done)
    done.set_defaults(handler=_action_done)

    st = a.add_parser("status", help="endre status for et tiltak")
    st.add_argument("id", metavar="ID")
    st.add_argument("--status", required=True, metavar="STATUS",
                    help="planned | in_progress | done | cancelled")
    st.add_argument("--on", metavar="DATO")
    add_format_option(st)
    st.set_defaults(handler=_action_status)

    upd = a.add_parser("update", help="endre et tiltak (tom tekst fjerner innsatsområde, "
                                      "ansvarlig eller frist)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--title")
    upd.add_argument("--focus-area", metavar="KODE")
    upd.add_argument("--owner")
    upd.add_argument("--due", metavar="DATO")
    upd.add_argument("--status", metavar="STATUS", help="planned | in_progress | done | cancelled")
    upd.add_argument("--on", metavar="DATO", help="dato for statusendringen (standard: i dag)")
    upd.add_argument("--expected-version", metavar="N",
                     help="avvis endringen hvis noen andre har endret tiltaket etter versjon N")
    add_format_option(upd)
    upd.set_defaults(handler=_action_update)

    dl = a.add_parser("delete", help="slett et tiltak")
    dl.add_argument("id", metavar="ID")
    dl.add_argument("--expected-version", metavar="N",
                    help="slett bare hvis ingen andre har endret tiltaket siden versjon N")
    add_format_option(dl)
    dl.set_defaults(handler=_action_delete)


def _action_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_actions

    view = agreement_actions.add_action(
        ctx.db.uow(), required_id("agreement", args.agreement), args.title,
        focus_area=args.focus_area, owner=args.owner, due=opt_date("due", args.due),
    )
    emit(view, args.format, ACTION_COLUMNS)


def _action_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader() if parses(lambda: opt_id("agreement", args.agreement)) \
        else None
    if reader is not None:  # plain SQL (services.plain_agreements)
        from nettverk.services import plain_agreements

        rows: Any = plain_agreements.list_actions(
            reader, agreement_id=opt_id("agreement", args.agreement), status=args.status,
            overdue=args.overdue, municipality=args.municipality)
    else:
        from nettverk.services import agreement_actions

        rows = agreement_actions.list_actions(
            ctx.db.uow(), agreement_id=opt_id("agreement", args.agreement), status=args.status,
            overdue=args.overdue, municipality=args.municipality,
        )
    emit(rows, args.format, ACTION_COLUMNS)


def _action_done(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_actions

    view = agreement_actions.complete_action(ctx.db.uow(), required_id("id", args.id),
                                             opt_date("on", args.on))
    emit(view, args.format, ACTION_COLUMNS)


def _action_status(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_actions

    view = agreement_actions.set_action_status(ctx.db.uow(), required_id("id", args.id), args.status,
                                        opt_date("on", args.on))
    emit(view, args.format, ACTION_COLUMNS)


def _action_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_actions

    changes: dict[str, object] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.focus_area is not None:
        changes["focus_area"] = args.focus_area.strip() or None
    if args.owner is not None:
        changes["owner"] = args.owner
    if args.due is not None:
        changes["due"] = opt_date("due", args.due) if args.due.strip() else None
    if args.status is not None:
        changes["status"] = args.status
    view = agreement_actions.update_action(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        on=opt_date("on", args.on), today=None, **changes)
    emit(view, args.format, ACTION_COLUMNS)


def _action_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_actions

    emit(agreement_actions.delete_action(ctx.db.uow(), required_id("id", args.id),
                                  opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)

