"""Database commands: init, and db upgrade | downgrade | current | backup | restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from nettverk.cli.context import Context


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add init and the db commands."""
    init = sub.add_parser("init", help="opprett eller oppgrader databasen (og last demodata)")
    init.add_argument("--demo", action="store_true", help="last også demonstrasjonsdataene")
    init.set_defaults(handler=_init)

    db = sub.add_parser("db", help="databaseverktøy")
    s = db.add_subparsers(dest="action", required=True, metavar="HANDLING")
    up = s.add_parser("upgrade", help="oppgrader skjemaet (tar sikkerhetskopi først)")
    up.set_defaults(handler=_upgrade)
    down = s.add_parser("downgrade", help="nedgrader skjemaet til en revisjon")
    down.add_argument("revision", metavar="REV")
    down.set_defaults(handler=_downgrade)
    cur = s.add_parser("current", help="vis skjemaversjonen")
    cur.set_defaults(handler=_current)
    bk = s.add_parser("backup", help="ta sikkerhetskopi til en fil")
    bk.add_argument("path", metavar="FIL")
    bk.add_argument("--force", action="store_true",
                    help="erstatt FIL hvis den finnes (bare en vanlig fil)")
    bk.set_defaults(handler=_backup)
    rs = s.add_parser("restore", help="gjenopprett fra en sikkerhetskopi")
    rs.add_argument("path", metavar="FIL")
    rs.set_defaults(handler=_restore)
    gr = s.add_parser("grant", help="sett opp PostgreSQL-roller (leder, partner, leser) og tilganger")
    gr.add_argument("--login", help="PostgreSQL-bruker som skal få rollen")
    gr.add_argument("--role", choices=["leader", "partner", "reader"])
    gr.set_defaults(handler=_grant)


def _init(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    db = ctx.open_unchecked(create=True)
    backup = database.upgrade(db)
    if backup:
        print(f"Sikkerhetskopi: {backup}")
    print(f"Databasen er klar ({db.label}).")
    if args.demo:
        from nettverk.demo import seed

        counts = seed.load(db)
        added = sum(counts.values())
        if added:
            from nettverk.domain.norwegian import count

            details = ", ".join(count(n, k) for k, n in counts.items() if n)
            print(f"Demodata lastet: {details}.")
        else:
            print("Demodataene finnes allerede; ingenting endret.")


def _upgrade(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    db = ctx.open_unchecked()
    before = database.status(db)
    backup = database.upgrade(db)
    if backup:
        print(f"Sikkerhetskopi: {backup}")
    after = database.status(db)
    if before.current == after.current:
        print(f"Skjemaet er allerede nyeste versjon ({after.current}).")
    else:
        print(f"Oppgradert fra {before.current or 'tom'} til {after.current}.")


def _downgrade(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    db = ctx.open_unchecked()
    backup = database.downgrade(db, args.revision)
    print(f"Sikkerhetskopi: {backup}")
    print(f"Nedgradert til {database.status(db).current or 'base'}.")


def _current(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    st = database.status(ctx.open_unchecked())
    print(f"Database: {ctx.open_unchecked().label}")
    print(f"Skjema: {st.current or 'ingen'} (nyeste: {st.head}; {st.state})")


def _backup(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    written = database.make_backup(ctx.db, Path(args.path), force=args.force)
    print(f"Sikkerhetskopi skrevet til {written}")


def _restore(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    safety = database.restore(ctx.open_unchecked(), Path(args.path))
    print(f"Sikkerhetskopi av databasen slik den var: {safety}")
    print(f"Gjenopprettet fra {args.path}")


def _grant(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import database

    roles = database.grant(ctx.db, args.login, args.role)
    print("Roller i PostgreSQL: " + ", ".join(roles))
    if args.login:
        print(f"{args.login} har nå rollen {args.role}.")
