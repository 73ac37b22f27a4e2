"""User commands for a shared database: user add | list | role | deactivate | activate | whoami."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.context import Context
from nettverk.cli.output import add_format_option, emit

USER_COLUMNS = [("username", "Bruker"), ("name", "Navn"), ("role_label", "Rolle"),
                ("active", "Aktiv")]
ROLES = ["leader", "partner", "reader"]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the user commands."""
    p = sub.add_parser("user", help="brukere og roller i en delt database")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    add = s.add_parser("add", help="gi en bruker tilgang")
    add.add_argument("username", metavar="BRUKERNAVN")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name")
    add_format_option(add)
    add.set_defaults(handler=_add)
    ls = s.add_parser("list", help="list brukerne")
    add_format_option(ls)
    ls.set_defaults(handler=_list)
    role = s.add_parser("role", help="endre en brukers rolle")
    role.add_argument("username", metavar="BRUKERNAVN")
    role.add_argument("--role", required=True, choices=ROLES)
    add_format_option(role)
    role.set_defaults(handler=_role)
    upd = s.add_parser("update", help="endre en brukers navn, rolle eller tilgang")
    upd.add_argument("username", metavar="BRUKERNAVN")
    upd.add_argument("--name", help="tomt navn fjerner det")
    upd.add_argument("--role", choices=ROLES)
    upd.add_argument("--active", metavar="ja|nei")
    upd.add_argument("--expected-version", metavar="N",
                     help="endre bare hvis ingen andre har endret brukeren siden versjon N")
    add_format_option(upd)
    upd.set_defaults(handler=_update)
    for name, active, text in (("deactivate", False, "ta bort tilgangen"),
                               ("activate", True, "gi tilgangen tilbake")):
        a = s.add_parser(name, help=text)
        a.add_argument("username", metavar="BRUKERNAVN")
        add_format_option(a)
        a.set_defaults(handler=_active, active=active)
    who = s.add_parser("whoami", help="vis hvem du er og din rolle")
    add_format_option(who)
    who.set_defaults(handler=_whoami)


def _add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import users

    emit(users.add_user(ctx.db.uow(), args.username, args.role, args.name), args.format,
         USER_COLUMNS)


def _list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()  # refuses a user without access, as a unit of work does
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_users)
        from nettverk.services import plain_users

        rows: Any = plain_users.list_users(reader)
    else:
        from nettverk.services import users

        rows = users.list_users(ctx.db.uow())
    emit(rows, args.format, USER_COLUMNS)


def _role(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import users

    emit(users.set_role(ctx.db.uow(), args.username, args.role), args.format, USER_COLUMNS)


def _update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.cli.args import opt_bool, opt_int
    from nettverk.services import users

    emit(users.update_user(ctx.db.uow(), args.username, name=args.name, role=args.role,
                           active=opt_bool("active", args.active),
                           expected_version=opt_int("expected_version", args.expected_version)),
         args.format, USER_COLUMNS)


def _active(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import users

    emit(users.set_active(ctx.db.uow(), args.username, args.active), args.format, USER_COLUMNS)


def _whoami(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import users

    emit(users.whoami(ctx.db.uow()), args.format,
         [("username", "Bruker"), ("role_label", "Rolle")])
