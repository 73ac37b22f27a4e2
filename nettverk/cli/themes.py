"""Theme-calendar commands: the theme of each month in Det gode liv i nord."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_int, parses, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit

THEME_COLUMNS = [
    ("id", "Id"), ("year", "År"), ("month_name", "Måned"), ("title", "Tema"),
    ("goal_names", "Bærekraftsmål"), ("links", "Lenker"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the theme command."""
    _theme(sub)


def _goals(text: str | None) -> list[int] | None:
    """'2,12' or '2 12' as [2, 12]; bad numbers name the field."""
    if text is None:
        return None
    return [required_id("goals", part) for part in text.replace(",", " ").split()]


def _theme(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("theme", help="temakalenderen i Det gode liv i nord")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    ls = s.add_parser("list", help="list månedens temaer")
    ls.add_argument("--programme", default="det-gode-liv", metavar="KORTNAVN")
    ls.add_argument("--year", metavar="ÅÅÅÅ")
    add_format_option(ls)
    ls.set_defaults(handler=_theme_list)

    add = s.add_parser("add", help="sett tema for en måned")
    add.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    add.add_argument("--month", required=True, metavar="1-12")
    add.add_argument("--title", required=True)
    add.add_argument("--description")
    add.add_argument("--goals", metavar="N,N", help="FNs bærekraftsmål 1–17, f.eks. 2,12")
    add.add_argument("--link", action="append", default=[], metavar="URL",
                     help="lenke til materiell (kan gjentas)")
    add.add_argument("--programme", default="det-gode-liv", metavar="KORTNAVN")
    add_format_option(add)
    add.set_defaults(handler=_theme_add)

    upd = s.add_parser("update", help="endre et tema")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--year", metavar="ÅÅÅÅ")
    upd.add_argument("--month", metavar="1-12")
    upd.add_argument("--title")
    upd.add_argument("--description")
    upd.add_argument("--goals", metavar="N,N")
    upd.add_argument("--link", action="append", metavar="URL",
                     help="lenke (kan gjentas; erstatter lenkene)")
    upd.add_argument("--expected-version", metavar="N")
    add_format_option(upd)
    upd.set_defaults(handler=_theme_update)

    dl = s.add_parser("delete", help="slett et tema")
    dl.add_argument("id", metavar="ID")
    dl.add_argument("--expected-version", metavar="N",
                    help="slett bare hvis ingen andre har endret temaet siden versjon N")
    add_format_option(dl)
    dl.set_defaults(handler=_theme_delete)


def _theme_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader() if parses(lambda: opt_int("year", args.year)) else None
    if reader is not None:  # plain SQL (services.plain_agreements)
        from nettverk.services import plain_agreements

        rows: Any = plain_agreements.list_themes(reader, args.programme,
                                                 year=opt_int("year", args.year))
    else:
        from nettverk.services import themes

        rows = themes.list_themes(ctx.db.uow(), args.programme, year=opt_int("year", args.year))
    emit(rows, args.format, THEME_COLUMNS)


def _theme_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import themes

    view = themes.add_theme(
        ctx.db.uow(), required_id("year", args.year), required_id("month", args.month), args.title,
        description=args.description, goals=_goals(args.goals), links=args.link,
        programme=args.programme,
    )
    emit(view, args.format, THEME_COLUMNS)


def _theme_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import themes

    changes: dict[str, object] = {}
    if args.year is not None:
        changes["year"] = required_id("year", args.year)
    if args.month is not None:
        changes["month"] = required_id("month", args.month)
    if args.title is not None:
        changes["title"] = args.title
    if args.description is not None:
        changes["description"] = args.description
    if args.goals is not None:
        changes["goals"] = _goals(args.goals)
    if args.link is not None:
        changes["links"] = args.link
    view = themes.update_theme(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version), **changes,
    )
    emit(view, args.format, THEME_COLUMNS)


def _theme_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import themes

    emit(themes.delete_theme(ctx.db.uow(), required_id("id", args.id),
                             opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)
