"""Audit-log commands: audit list | verify."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from typing import Any

from nettverk.cli.context import Context
from nettverk.cli.output import OSLO, add_format_option, emit
from nettverk.domain.norwegian import count

AUDIT_COLUMNS = [("id", "Id"), ("at", "Tid"), ("user", "Bruker"), ("db_user", "DB-innlogging"),
                 ("action_label", "Hva"), ("table", "Tabell"), ("record", "Post"),
                 ("summary", "Endringer")]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the audit commands."""
    p = sub.add_parser("audit", help="revisjonsloggen: hvem endret hva, og om loggen er urørt")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    ls = s.add_parser("list", help="list oppføringer i revisjonsloggen, nyeste først")
    ls.add_argument("--table", help="bare denne tabellen (f.eks. municipality, person)")
    ls.add_argument("--record", metavar="ID", help="bare denne posten (id)")
    ls.add_argument("--user", help="bare endringer gjort av denne brukeren eller innloggingen")
    ls.add_argument("--from", dest="start", metavar="TID",
                    help="fra og med (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM, norsk tid)")
    ls.add_argument("--to", dest="end", metavar="TID", help="til og med (samme form som --from)")
    ls.add_argument("--limit", metavar="N", default="100", help="høyst N oppføringer (standard 100)")
    add_format_option(ls)
    ls.set_defaults(handler=_list)
    vf = s.add_parser("verify", help="kontroller hash-kjeden: meld første brutte lenke (kode 2)")
    vf.set_defaults(handler=_verify)


def _moment(field: str, text: str | None, *, end: bool) -> datetime | None:
    """A date (the whole day) or a date and time, Norwegian time."""
    from nettverk.domain import values
    from nettverk.domain.errors import DomainError

    if text is None:
        return None
    try:
        if " " in text.strip() or "T" in text:
            moment = values.parse_datetime(field, text)
            return moment + timedelta(minutes=1) if end else moment
        day = values.parse_date(field, text)
        start = datetime(day.year, day.month, day.day, tzinfo=OSLO)
        return start + timedelta(days=1) if end else start
    except (OverflowError, ValueError):
        raise DomainError(field, "tidspunktet er utenfor det som kan brukes") from None


def _list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.cli.args import opt_int
    from nettverk.domain.errors import DomainError

    record = opt_int("record", args.record)
    limit = opt_int("limit", args.limit)
    assert limit is not None
    # Errors come in the ordinary path's order: the numbers, the database, the times, the
    # limit's range and the period, the user's access.
    try:
        reader = ctx.plain_reader()
    except DomainError:  # a user without access: bad filters are said first, as ordinarily
        from nettverk.services.plain_audit import check_filters

        check_filters(_moment("from", args.start, end=False),
                      _moment("to", args.end, end=True), limit)
        raise
    uow = ctx.db.uow() if reader is None else None  # the database opened (or refused) first
    filters: dict[str, Any] = {
        "table": args.table, "record": None if record is None else str(record),
        "user": args.user, "start": _moment("from", args.start, end=False),
        "end": _moment("to", args.end, end=True), "limit": limit}
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_audit)
        from nettverk.services import plain_audit

        entries: Any = plain_audit.list_entries(reader, **filters)
    else:
        from nettverk.services import audit

        assert uow is not None
        entries = audit.list_entries(uow, **filters)
    emit(entries, args.format, AUDIT_COLUMNS)


def _verify(ctx: Context, args: argparse.Namespace) -> int:
    from nettverk.services import audit

    check = audit.verify(ctx.db.uow())
    if check.ok:
        print(f"OK, {count(check.entries, 'oppføringer')} (siste hash {check.last_hash[:16]}…)")
        return 0
    when = (check.broken_at.astimezone(OSLO).strftime("%d.%m.%Y %H:%M:%S")
            if check.broken_at is not None else "ukjent tid")
    print(f"nettverk: revisjonsloggen er brutt ved oppføring {check.broken_id} ({when}): "
          f"{check.reason}. {count(check.entries, 'oppføringer')} før den er i orden.", file=sys.stderr)
    return 2
