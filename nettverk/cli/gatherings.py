"""Gathering commands: gatherings (samlinger), attendance and costs, yearly summaries."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import (
    opt_bool,
    opt_date,
    opt_datetime,
    opt_int,
    opt_money,
    required_datetime,
    required_id,
)
from nettverk.cli.context import Context
from nettverk.cli.network_args import (
    Sub,
    warn,
)
from nettverk.cli.output import add_format_option, emit, plain
from nettverk.domain.norwegian import plural

GATHERING_COLUMNS = [
    ("id", "Id"), ("start", "Start"), ("end", "Slutt"), ("title", "Tittel"), ("mode", "Form"),
    ("location", "Sted"), ("status", "Status"), ("revision", "Rev."),
    ("municipality_name", "Kommune"), ("warnings", "Varsler"),
]


ATTENDANCE_COLUMNS = [
    ("municipality", "Nr"), ("display_name", "Kommune"), ("invited", "Invitert"),
    ("registered", "Påmeldt"), ("attended", "Deltok"), ("persons", "Personer"),
    ("travel_cost", "Reise (kr)"), ("accommodation_cost", "Opphold (kr)"),
    ("total_cost", "Sum (kr)"), ("invited_at", "Invitert (e-post)"),
]


SUMMARY_COLUMNS = [
    ("municipality", "Nr"), ("display_name", "Kommune"), ("invited", "Invitert"),
    ("attended", "Deltok"), ("attendance_percent", "Oppmøte %"), ("persons", "Personer"),
    ("travel_cost", "Reise (kr)"), ("accommodation_cost", "Opphold (kr)"),
    ("total_cost", "Sum (kr)"),
]


def add_parsers(sub: Sub) -> None:
    """Add the gathering and attendance commands."""
    _gathering(sub)
    _attendance(sub)


# --- gatherings --------------------------------------------------------------------------


def _gathering(sub: Sub) -> None:
    p = sub.add_parser("gathering", help="samlinger")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="planlegg en samling")
    add.add_argument("--programme", required=True, metavar="KORTNAVN")
    add.add_argument("--title", required=True)
    add.add_argument("--start", required=True, metavar="TIDSPUNKT",
                     help="ÅÅÅÅ-MM-DD TT:MM eller DD.MM.ÅÅÅÅ TT:MM, norsk tid")
    add.add_argument("--end", required=True, metavar="TIDSPUNKT")
    add.add_argument("--mode", required=True, choices=["video", "physical", "hybrid"])
    add.add_argument("--location")
    add.add_argument("--video-url", metavar="URL")
    add.add_argument("--agenda")
    add.add_argument("--theme")
    add.add_argument("--municipality", metavar="NNNN",
                     help="samlingen gjelder én kommune (f.eks. årlig partnerskapsmøte)")
    add_format_option(add)
    add.set_defaults(handler=_gathering_add)

    upd = s.add_parser("update", help="endre en samling (tid/sted gir ny revisjon)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--title")
    upd.add_argument("--start", metavar="TIDSPUNKT")
    upd.add_argument("--end", metavar="TIDSPUNKT")
    upd.add_argument("--mode", choices=["video", "physical", "hybrid"])
    upd.add_argument("--location")
    upd.add_argument("--video-url", metavar="URL")
    upd.add_argument("--agenda")
    upd.add_argument("--theme")
    upd.add_argument("--expected-version", metavar="N")
    add_format_option(upd)
    upd.set_defaults(handler=_gathering_update)

    for name, text, handler in (
        ("cancel", "avlys en samling", _gathering_cancel),
        ("held", "marker en samling som holdt", _gathering_held),
        ("show", "vis én samling", _gathering_show),
    ):
        cmd = s.add_parser(name, help=text)
        cmd.add_argument("id", metavar="ID")
        if name != "show":
            cmd.add_argument("--date", metavar="DATO", help=(
                "dagen det ble bestemt (standard: i dag)" if name == "cancel" else
                "dagen det ble bekreftet at samlingen ble holdt (standard: i dag; rapporter "
                "for tidligere datoer viser den som ikke bekreftet)"))
        add_format_option(cmd)
        cmd.set_defaults(handler=handler)

    ls = s.add_parser("list", help="list samlinger")
    ls.add_argument("--programme", metavar="KORTNAVN")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--year", metavar="ÅÅÅÅ")
    ls.add_argument("--status", choices=["planned", "held", "cancelled"])
    add_format_option(ls)
    ls.set_defaults(handler=_gathering_list)

    summ = s.add_parser("summary", help="årsoversikt: samlinger mot målet, oppmøte og kostnader")
    summ.add_argument("--programme", required=True, metavar="KORTNAVN")
    summ.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    add_format_option(summ)
    summ.set_defaults(handler=_gathering_summary)


def _gathering_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    view = gatherings.add_gathering(
        ctx.db.uow(), args.programme, args.title, required_datetime("start", args.start),
        required_datetime("end", args.end), args.mode, location=args.location,
        video_url=args.video_url, agenda=args.agenda, theme=args.theme,
        municipality=args.municipality,
    )
    warn(view.warnings)
    _emit_gatherings(view, args.format)


def _emit_gatherings(data: Any, fmt: str) -> None:
    """Gatherings; the table shows Norwegian local times and labels, the CSV for Norwegian
    Excel the labels."""
    from nettverk.domain.network_rules import (
        GATHERING_MODE_LABELS,
        GATHERING_STATUS_LABELS,
        GatheringMode,
        GatheringStatus,
    )

    if fmt != "table":
        emit(data, fmt, GATHERING_COLUMNS,
             labels={"mode": GATHERING_MODE_LABELS, "status": GATHERING_STATUS_LABELS})
        return

    rows = []
    for g in data if isinstance(data, list) else [data]:
        row = plain(g)
        row["start"] = f"{g.start:%d.%m.%Y %H:%M}"
        row["end"] = f"{g.end:%H:%M}" if g.end.date() == g.start.date() \
            else f"{g.end:%d.%m.%Y %H:%M}"
        row["mode"] = GATHERING_MODE_LABELS[GatheringMode(g.mode)]
        row["status"] = GATHERING_STATUS_LABELS[GatheringStatus(g.status)]
        rows.append(row)
    emit(rows if isinstance(data, list) else rows[0], fmt, GATHERING_COLUMNS)


def _gathering_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    changes: dict[str, object] = {}
    for key in ("title", "mode", "location", "video_url", "agenda", "theme"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.start is not None:
        changes["starts_at"] = opt_datetime("start", args.start)
    if args.end is not None:
        changes["ends_at"] = opt_datetime("end", args.end)
    view = gatherings.update_gathering(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version), **changes)
    warn(view.warnings)
    _emit_gatherings(view, args.format)


def _gathering_cancel(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    _emit_gatherings(gatherings.cancel_gathering(ctx.db.uow(), required_id("id", args.id),
                                                 on=opt_date("date", args.date)), args.format)


def _gathering_held(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    _emit_gatherings(gatherings.mark_held(ctx.db.uow(), required_id("id", args.id),
                                          on=opt_date("date", args.date)), args.format)


def _gathering_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    _emit_gatherings(gatherings.get_gathering(ctx.db.uow(), required_id("id", args.id)), args.format)


def _gathering_list(ctx: Context, args: argparse.Namespace) -> None:
    year = opt_int("year", args.year)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_gatherings)
        from nettverk.services import plain_gatherings

        rows: Any = plain_gatherings.list_gatherings(
            reader, programme=args.programme, municipality=args.municipality, year=year,
            status=args.status)
    else:
        from nettverk.services import gatherings

        rows = gatherings.list_gatherings(
            ctx.db.uow(), programme=args.programme, municipality=args.municipality, year=year,
            status=args.status)
    _emit_gatherings(rows, args.format)


def _gathering_summary(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import attendance

    year = required_id("year", args.year)
    view = attendance.yearly_summary(ctx.db.uow(), args.programme, year)
    if args.format == "json":
        emit(view, "json")
        return
    if args.format == "table":
        target = f"{view.target_min or 0}–{view.target_max or '∞'}"
        print(f"{view.programme} {view.year}: "
              f"{plural(view.held, 'samling', 'samlinger')} holdt (mål {target}), "
              f"{view.physical_held} fysiske (mål {view.physical_target or 0}), "
              f"{view.planned} planlagt, {view.cancelled} avlyst"
              f"{f', {view.unconfirmed} ikke bekreftet holdt' if view.unconfirmed else ''}.")
        for note in view.target_notes:
            print(f"  ! {note}")
        print(f"Kostnader i alt: {_kr(view.total_cost)} kr")
    emit(view.municipalities, args.format, SUMMARY_COLUMNS)


def _kr(amount: Any) -> str:
    return f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")


# --- attendance --------------------------------------------------------------------------


def _attendance(sub: Sub) -> None:
    p = sub.add_parser("attendance", help="oppmøte og kostnader på samlinger")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    st = s.add_parser("set", help="før oppmøte for én kommune (bare det du oppgir endres)")
    st.add_argument("--gathering", required=True, metavar="ID")
    st.add_argument("--municipality", required=True, metavar="NNNN")
    st.add_argument("--invited", metavar="yes|no")
    st.add_argument("--registered", metavar="yes|no")
    st.add_argument("--attended", metavar="yes|no")
    st.add_argument("--persons", metavar="N")
    st.add_argument("--travel-cost", metavar="KR")
    st.add_argument("--accommodation-cost", metavar="KR")
    add_format_option(st)
    st.set_defaults(handler=_attendance_set)
    inv = s.add_parser("invite", help="inviter alle aktive deltakerkommuner")
    inv.add_argument("--gathering", required=True, metavar="ID")
    add_format_option(inv)
    inv.set_defaults(handler=_attendance_invite)
    ls = s.add_parser("list", help="list oppmøtet på en samling")
    ls.add_argument("--gathering", required=True, metavar="ID")
    add_format_option(ls)
    ls.set_defaults(handler=_attendance_list)


def _attendance_set(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import attendance

    view = attendance.set_attendance(
        ctx.db.uow(), required_id("gathering", args.gathering), args.municipality,
        invited=opt_bool("invited", args.invited),
        registered=opt_bool("registered", args.registered),
        attended=opt_bool("attended", args.attended), persons=opt_int("persons", args.persons),
        travel_cost=opt_money("travel_cost", args.travel_cost),
        accommodation_cost=opt_money("accommodation_cost", args.accommodation_cost),
    )
    emit(view, args.format, ATTENDANCE_COLUMNS)


def _attendance_invite(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import attendance

    emit(attendance.invite_participants(ctx.db.uow(), required_id("gathering", args.gathering)),
         args.format, ATTENDANCE_COLUMNS)


def _attendance_list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import attendance

    emit(attendance.list_attendance(ctx.db.uow(), required_id("gathering", args.gathering)),
         args.format, ATTENDANCE_COLUMNS)
