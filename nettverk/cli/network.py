"""Learning-network commands: rounds, applications, gatherings, attendance, plans,
milestones, follow-ups, and `nettverk status`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any, TypeAlias

from nettverk.cli.args import opt_bool, opt_date, opt_datetime, opt_id, opt_int, opt_money, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, ValueLabels, add_format_option, emit, plain
from nettverk.domain.norwegian import plural

Sub: TypeAlias = "argparse._SubParsersAction[Any]"

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
PLAN_COLUMNS = [
    ("id", "Id"), ("municipality", "Nr"), ("display_name", "Kommune"), ("kind_label", "Plan"),
    ("period_start", "Fra"), ("period_end", "Til"), ("stage_label", "Trinn"),
    ("adopted_on", "Vedtatt"), ("deadline", "Frist"), ("deadline_label", "Fristen"),
    ("archive_ref", "Arkivref."),
]
MILESTONE_COLUMNS = [
    ("key", "Nøkkel"), ("id", "Id"), ("due", "Frist"), ("title", "Tittel"),
    ("status_label", "Status"), ("programme", "Program"), ("municipality_name", "Kommune"),
    ("done_on", "Utført"), ("responsible", "Ansvarlig"),
]
FOLLOW_UP_COLUMNS = [
    ("id", "Id"), ("on", "Dato"), ("display_name", "Kommune"), ("kind_label", "Type"),
    ("participants", "Deltakere"), ("summary", "Referat"), ("next_action", "Neste steg"),
    ("next_action_due", "Frist"), ("next_action_status", "Status"),
]


def add_parsers(sub: Sub) -> None:
    """Add the learning-network commands."""
    _round(sub)
    _application(sub)
    _gathering(sub)
    _attendance(sub)
    _plan(sub)
    _milestone(sub)
    _followup(sub)
    _status(sub)


def _required_date(field: str, text: str) -> date:
    value = opt_date(field, text)
    assert value is not None
    return value


def _required_datetime(field: str, text: str) -> datetime:
    value = opt_datetime(field, text)
    assert value is not None
    return value


def _add_delete(s: Sub, help_text: str, what: str, handler: Any) -> None:
    """`… delete ID [--expected-version N]`, printing what was deleted."""
    delete = s.add_parser("delete", help=help_text)
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--expected-version", metavar="N",
                        help=f"slett bare hvis ingen andre har endret {what} siden versjon N")
    add_format_option(delete)
    delete.set_defaults(handler=handler)


def _expected_version(args: argparse.Namespace) -> int | None:
    return opt_int("expected_version", args.expected_version)


def _clearable_date(field: str, text: str | None) -> date | None:
    """A date option where an empty text clears the value."""
    return None if text is None or not text.strip() else opt_date(field, text)


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
    _add_delete(s, "slett en utlysning uten søknader", "utlysningen", _round_delete)


def _round_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.add_round(
        ctx.db.uow(), args.programme, args.title, _required_date("opens", args.opens),
        _required_date("deadline", args.deadline), args.description)
    emit(view, args.format, ROUND_COLUMNS)


def _round_list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    emit(applications.list_rounds(ctx.db.uow(), args.programme), args.format, ROUND_COLUMNS)


def _round_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    view = applications.get_round(ctx.db.uow(), required_id("id", args.id))
    _warn(view.warnings)
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
            changes[key] = _required_date(key, getattr(args, key))
    view = applications.update_round(ctx.db.uow(), required_id("id", args.id),
                                     expected_version=_expected_version(args), **changes)
    emit(view, args.format, ROUND_COLUMNS)


def _round_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    emit(applications.delete_round(ctx.db.uow(), required_id("id", args.id),
                                   _expected_version(args)), args.format, DELETED_COLUMNS)


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
    _add_delete(s, "slett en søknad som ikke er avgjort (mottatt, samtale eller trukket)",
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
    _warn(view.round_warnings)
    emit(view, args.format, APPLICATION_COLUMNS)


def _application_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    changes: dict[str, object] = {}
    if args.received is not None:
        changes["received"] = _required_date("received", args.received)
    if args.samfunnsdel_year is not None:
        changes["samfunnsdel_year"] = opt_int("samfunnsdel_year", args.samfunnsdel_year.strip()
                                              or None)
    if args.has_statistics is not None:
        changes["has_statistics"] = opt_bool("has_statistics", args.has_statistics)
    for key in ("progress_plan", "personnel"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    view = applications.update_application(ctx.db.uow(), required_id("id", args.id),
                                           expected_version=_expected_version(args), today=None,
                                           **changes)
    emit(view, args.format, APPLICATION_COLUMNS)


def _application_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import applications

    emit(applications.delete_application(ctx.db.uow(), required_id("id", args.id),
                                         _expected_version(args)), args.format, DELETED_COLUMNS)


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
        ctx.db.uow(), args.programme, args.title, _required_datetime("start", args.start),
        _required_datetime("end", args.end), args.mode, location=args.location,
        video_url=args.video_url, agenda=args.agenda, theme=args.theme,
        municipality=args.municipality,
    )
    _warn(view.warnings)
    _emit_gatherings(view, args.format)


def _emit_gatherings(data: Any, fmt: str) -> None:
    """Gatherings; the table shows Norwegian local times and labels, the CSV for Norwegian
    Excel the labels."""
    from nettverk.domain.network import (
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


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        print(f"nettverk: advarsel: {w}", file=sys.stderr)


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
    _warn(view.warnings)
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
    from nettverk.services import gatherings

    rows = gatherings.list_gatherings(
        ctx.db.uow(), programme=args.programme, municipality=args.municipality,
        year=opt_int("year", args.year), status=args.status)
    _emit_gatherings(rows, args.format)


def _gathering_summary(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    year = required_id("year", args.year)
    view = gatherings.yearly_summary(ctx.db.uow(), args.programme, year)
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
    from nettverk.services import gatherings

    view = gatherings.set_attendance(
        ctx.db.uow(), required_id("gathering", args.gathering), args.municipality,
        invited=opt_bool("invited", args.invited),
        registered=opt_bool("registered", args.registered),
        attended=opt_bool("attended", args.attended), persons=opt_int("persons", args.persons),
        travel_cost=opt_money("travel_cost", args.travel_cost),
        accommodation_cost=opt_money("accommodation_cost", args.accommodation_cost),
    )
    emit(view, args.format, ATTENDANCE_COLUMNS)


def _attendance_invite(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    emit(gatherings.invite_participants(ctx.db.uow(), required_id("gathering", args.gathering)),
         args.format, ATTENDANCE_COLUMNS)


def _attendance_list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import gatherings

    emit(gatherings.list_attendance(ctx.db.uow(), required_id("gathering", args.gathering)),
         args.format, ATTENDANCE_COLUMNS)


# --- plan documents ----------------------------------------------------------------------

_KINDS = ["plan_strategy", "community_plan", "land_use_plan", "action_plan", "financial_plan"]
_STAGES = ["not_started", "start_notified", "planning_programme", "consultation", "adopted"]


def _plan(sub: Sub) -> None:
    p = sub.add_parser("plan", help="kommunenes plandokumenter og plantrinn")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer et plandokument")
    add.add_argument("--municipality", required=True, metavar="NNNN")
    add.add_argument("--kind", required=True, choices=_KINDS)
    add.add_argument("--period-start", metavar="ÅÅÅÅ")
    add.add_argument("--period-end", metavar="ÅÅÅÅ")
    add.add_argument("--title")
    add.add_argument("--stage", choices=_STAGES, default="not_started")
    add.add_argument("--date", metavar="DATO", help="dato for trinnet (standard: i dag)")
    add.add_argument("--constituted", metavar="DATO",
                     help="dato kommunestyret ble konstituert (standard: 15. oktober i valgåret)")
    add.add_argument("--archive-ref", metavar="SAKSNR")
    add_format_option(add)
    add.set_defaults(handler=_plan_add)

    ls = s.add_parser("list", help="list plandokumenter")
    ls.add_argument("--programme", metavar="KORTNAVN", help="bare deltakerkommunene")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--kind", choices=_KINDS)
    ls.add_argument("--overdue", action="store_true", help="bare planstrategier over fristen")
    add_format_option(ls)
    ls.set_defaults(handler=_plan_list)

    stage = s.add_parser("stage", help="flytt et plandokument til et nytt trinn")
    stage.add_argument("id", metavar="ID")
    stage.add_argument("--stage", required=True, choices=_STAGES)
    stage.add_argument("--date", metavar="DATO", help="standard: i dag")
    stage.add_argument("--note")
    stage.add_argument("--archive-ref", metavar="SAKSNR")
    add_format_option(stage)
    stage.set_defaults(handler=_plan_stage)

    show = s.add_parser("show", help="vis ett plandokument med historikk")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_plan_show)

    matrix = s.add_parser("matrix", help="deltakerkommuner × plantyper")
    matrix.add_argument("--programme", required=True, metavar="KORTNAVN")
    add_format_option(matrix)
    matrix.set_defaults(handler=_plan_matrix)

    _add_delete(s, "slett et plandokument med trinnhistorikken (ikke når milepæler hører til det)",
                "plandokumentet", _plan_delete)

    rev = s.add_parser("revisions", help="den årlige revisjonen av handlingsdelen (PBL § 11-1)")
    rev.add_argument("--municipality", required=True, metavar="NNNN")
    rev.add_argument("--from", dest="first_year", metavar="ÅÅÅÅ")
    rev.add_argument("--to", dest="last_year", metavar="ÅÅÅÅ")
    add_format_option(rev)
    rev.set_defaults(handler=_plan_revisions)

    con = s.add_parser("constituted", help="sett datoen kommunestyret ble konstituert")
    con.add_argument("--municipality", required=True, metavar="NNNN")
    con.add_argument("--date", required=True, metavar="DATO")
    add_format_option(con)
    con.set_defaults(handler=_plan_constituted)


def _plan_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    view = plans.add_plan_document(
        ctx.db.uow(), args.municipality, args.kind,
        period_start=opt_int("period_start", args.period_start),
        period_end=opt_int("period_end", args.period_end), title=args.title, stage=args.stage,
        on=opt_date("date", args.date),
        council_constituted_on=opt_date("constituted", args.constituted),
        archive_ref=args.archive_ref,
    )
    _warn(view.warnings)
    emit(view, args.format, PLAN_COLUMNS)


def _plan_list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    rows = plans.list_plan_documents(ctx.db.uow(), programme=args.programme,
                                     municipality=args.municipality, kind=args.kind,
                                     overdue=args.overdue)
    emit(rows, args.format, PLAN_COLUMNS)


def _plan_stage(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    view = plans.set_stage(ctx.db.uow(), required_id("id", args.id), args.stage,
                           on=opt_date("date", args.date), note=args.note,
                           archive_ref=args.archive_ref)
    _warn(view.warnings)
    emit(view, args.format, PLAN_COLUMNS)


def _plan_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    emit(plans.delete_plan_document(ctx.db.uow(), required_id("id", args.id),
                                    _expected_version(args)), args.format, DELETED_COLUMNS)


def _plan_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    view = plans.get_plan_document(ctx.db.uow(), required_id("id", args.id))
    _warn(view.warnings)
    emit(view, args.format, PLAN_COLUMNS)


def _plan_matrix(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    view = plans.plan_matrix(ctx.db.uow(), args.programme)
    if args.format == "json":
        emit(view, "json")
        return
    rows = []
    for r in view.rows:
        row: dict[str, Any] = {"municipality": r.municipality, "display_name": r.display_name}
        for kind, cell in r.cells.items():
            if cell is None:
                row[kind] = "–"
            else:
                row[kind] = cell.stage_label + (
                    f" (frist {cell.deadline:%d.%m.%Y}, {cell.deadline_state})"
                    if cell.deadline and cell.deadline_state not in ("met", None) else "")
        rows.append(row)
    columns = [("municipality", "Nr"), ("display_name", "Kommune")] + [
        (k, view.kind_labels[k].capitalize()) for k in view.kinds]
    emit(rows, args.format, columns)


def _plan_revisions(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plan_revisions

    rows = plan_revisions.handlingsdel_revisions(
        ctx.db.uow(), args.municipality, opt_int("from", args.first_year),
        opt_int("to", args.last_year))
    emit(rows, args.format, [("year", "År"), ("due", "Frist"), ("adopted_on", "Vedtatt"),
                             ("state_label", "Status"), ("plan_document_id", "Dokument")])


def _plan_constituted(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    rows = plans.set_council_constituted(ctx.db.uow(), args.municipality,
                                         _required_date("date", args.date))
    emit(rows, args.format, PLAN_COLUMNS)


# --- milestones --------------------------------------------------------------------------


def _milestone(sub: Sub) -> None:
    p = sub.add_parser("milestone", help="milepæler")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    add = s.add_parser("add", help="legg til en milepæl")
    add.add_argument("--programme", required=True, metavar="KORTNAVN")
    add.add_argument("--title", required=True)
    add.add_argument("--due", required=True, metavar="DATO")
    add.add_argument("--municipality", metavar="NNNN")
    add.add_argument("--plan-document", metavar="ID")
    add.add_argument("--responsible", metavar="PERSON-ID")
    add_format_option(add)
    add.set_defaults(handler=_milestone_add)
    done = s.add_parser("done", help="marker en milepæl som utført")
    done.add_argument("id", metavar="ID")
    done.add_argument("--date", metavar="DATO", help="standard: i dag")
    add_format_option(done)
    done.set_defaults(handler=_milestone_done)
    delete = s.add_parser("delete", help="slett en milepæl")
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--expected-version", metavar="N",
                        help="slett bare hvis ingen andre har endret milepælen siden versjon N")
    add_format_option(delete)
    delete.set_defaults(handler=_milestone_delete)
    ls = s.add_parser("list", help="list milepæler og neste steg fra oppfølgingsloggen")
    ls.add_argument("--programme", metavar="KORTNAVN")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--overdue", action="store_true",
                    help="bare forfalte: frist før i dag og ikke utført")
    ls.add_argument("--status", choices=["upcoming", "due_soon", "overdue", "done"])
    ls.add_argument("--no-next-actions", action="store_true",
                    help="uten neste steg fra oppfølgingsloggen")
    add_format_option(ls)
    ls.set_defaults(handler=_milestone_list)


def _milestone_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import milestones

    view = milestones.add_milestone(
        ctx.db.uow(), args.title, _required_date("due", args.due), programme=args.programme,
        municipality=args.municipality,
        plan_document_id=opt_id("plan_document", args.plan_document),
        responsible_id=opt_id("responsible", args.responsible),
    )
    emit(view, args.format, MILESTONE_COLUMNS)


def _milestone_done(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import milestones

    emit(milestones.mark_done(ctx.db.uow(), required_id("id", args.id), on=opt_date("date", args.date)),
         args.format, MILESTONE_COLUMNS)


def _milestone_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import milestones

    emit(milestones.delete_milestone(ctx.db.uow(), required_id("id", args.id),
                                     opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)


def _milestone_list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import milestones

    rows = milestones.list_milestones(
        ctx.db.uow(), programme=args.programme, municipality=args.municipality,
        overdue=args.overdue, status=args.status,
        include_next_actions=not args.no_next_actions)
    emit(rows, args.format, MILESTONE_COLUMNS)


# --- follow-ups --------------------------------------------------------------------------


def _followup(sub: Sub) -> None:
    p = sub.add_parser("followup", help="oppfølgingslogg: kontakt med kommunene")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    add = s.add_parser("add", help="logg en kontakt")
    add.add_argument("--municipality", required=True, metavar="NNNN")
    add.add_argument("--date", required=True, metavar="DATO")
    add.add_argument("--kind", required=True,
                     choices=["meeting", "call", "email", "visit", "gathering"])
    add.add_argument("--summary", required=True, metavar="TEKST")
    add.add_argument("--participants", metavar="TEKST")
    add.add_argument("--next-action", metavar="TEKST")
    add.add_argument("--next-due", metavar="DATO", help="frist for neste steg")
    add.add_argument("--programme", metavar="KORTNAVN")
    add.add_argument("--exempt", action="store_true", help="unntatt offentlighet")
    add_format_option(add)
    add.set_defaults(handler=_followup_add)
    ls = s.add_parser("list", help="list oppfølgingsloggen")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_followup_list)
    done = s.add_parser("done", help="marker neste steg som utført")
    done.add_argument("id", metavar="ID")
    done.add_argument("--date", metavar="DATO", help="standard: i dag")
    add_format_option(done)
    done.set_defaults(handler=_followup_done)
    upd = s.add_parser("update", help="endre en logget kontakt")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--date", metavar="DATO")
    upd.add_argument("--kind", choices=["meeting", "call", "email", "visit", "gathering"])
    upd.add_argument("--summary", metavar="TEKST")
    upd.add_argument("--participants", metavar="TEKST")
    upd.add_argument("--next-action", metavar="TEKST")
    upd.add_argument("--next-due", metavar="DATO", help="frist for neste steg; tom tekst fjerner den")
    upd.add_argument("--next-done", metavar="DATO",
                     help="neste steg utført denne dagen; tom tekst gjør det uutført igjen")
    upd.add_argument("--programme", metavar="KORTNAVN", help="tom tekst fjerner programmet")
    upd.add_argument("--exempt", metavar="yes|no", help="unntatt offentlighet")
    upd.add_argument("--expected-version", metavar="N",
                     help="endre bare hvis ingen andre har endret oppfølgingen siden versjon N")
    add_format_option(upd)
    upd.set_defaults(handler=_followup_update)
    _add_delete(s, "slett en logget kontakt med neste steg", "oppfølgingen", _followup_delete)


def _followup_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    view = followups.add_follow_up(
        ctx.db.uow(), args.municipality, _required_date("date", args.date), args.kind,
        args.summary, participants=args.participants, next_action=args.next_action,
        next_action_due=opt_date("next_due", args.next_due), programme=args.programme,
        exempt_from_public=bool(args.exempt),
    )
    emit(view, args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())


def _follow_up_labels() -> ValueLabels:
    from nettverk.domain.network import MILESTONE_STATUS_LABELS

    return {"next_action_status": MILESTONE_STATUS_LABELS}


def _followup_list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    emit(followups.list_follow_ups(ctx.db.uow(), municipality=args.municipality,
                                   programme=args.programme), args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())


def _followup_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    changes: dict[str, object] = {}
    for key in ("municipality", "kind", "summary", "participants", "next_action"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.programme is not None:
        changes["programme"] = args.programme.strip() or None
    if args.date is not None:
        changes["on"] = _required_date("date", args.date)
    if args.next_due is not None:
        changes["next_action_due"] = _clearable_date("next_due", args.next_due)
    if args.next_done is not None:
        changes["next_action_done_on"] = _clearable_date("next_done", args.next_done)
    if args.exempt is not None:
        changes["exempt_from_public"] = opt_bool("exempt", args.exempt)
    view = followups.update_follow_up(ctx.db.uow(), required_id("id", args.id),
                                      expected_version=_expected_version(args), today=None,
                                      **changes)
    emit(view, args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())


def _followup_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    emit(followups.delete_follow_up(ctx.db.uow(), required_id("id", args.id),
                                    _expected_version(args)), args.format, DELETED_COLUMNS)


def _followup_done(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    emit(followups.complete_next_action(ctx.db.uow(), required_id("id", args.id),
                                        on=opt_date("date", args.date)),
         args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())


# --- status ------------------------------------------------------------------------------


def _status(sub: Sub) -> None:
    p = sub.add_parser("status", help="det som trenger oppmerksomhet nå")
    p.add_argument("--date", metavar="DATO", help="vis status per denne dagen (standard: i dag)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="utdataformat (standard: text)")
    p.set_defaults(handler=_status_show)


def _status_show(ctx: Context, args: argparse.Namespace) -> None:
    today = opt_date("date", args.date)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_overview)
        from nettverk.services import plain_overview

        view: Any = plain_overview.overview(reader, today=today)
    else:
        from nettverk.services import overview

        view = overview.overview(ctx.db.uow(), today=today)
    if args.format == "json":
        json.dump(plain(view), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    sys.stdout.write(render_status(view))


def _d(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def _days(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dager"


def render_status(view: Any) -> str:
    """The overview as Norwegian text."""
    from nettverk.services.network_common import fmt_period

    out: list[str] = [f"Status per {_d(view.today)}", ""]

    def section(title: str, lines: list[str], total: int | None = None) -> None:
        out.append(f"{title} ({len(lines) if total is None else total})")
        if lines:
            out.extend(f"  • {line}" for line in lines)
        else:
            out.append("  (ingen)")
        out.append("")

    section(f"Samlinger de neste {view.horizon_days} dagene", [
        f"{fmt_period(g.start, g.end)}  {g.title} ({g.mode_label}"
        f"{', ' + g.location if g.location else ''}) – {g.programme}"
        f"{' – ' + g.municipality_name if g.municipality_name else ''}"
        f" – {'i dag' if g.days_until == 0 else 'om ' + _days(g.days_until)} [samling {g.id}]"
        for g in view.upcoming_gatherings
    ])
    if view.unconfirmed_total:
        section("Samlinger som ikke er bekreftet holdt", [
            f"{g.start:%d.%m.%Y %H:%M}  {g.title} – {g.programme} – {g.prompt.lower()}"
            f" (`nettverk gathering held {g.id}`) [samling {g.id}]"
            for g in view.unconfirmed_gatherings
        ], view.unconfirmed_total)

    def item(v: Any, suffix: str) -> str:
        what = "milepæl" if v.kind == "milestone" else "neste steg"
        ref = f"milepæl {v.id}" if v.kind == "milestone" else f"oppfølging {v.follow_up_id}"
        where = " – ".join(x for x in (v.municipality_name, v.programme) if x)
        return (f"{_d(v.due)}  {v.title} ({what}{', ' + where if where else ''}) – {suffix}"
                f" [{ref}]")

    def more(shown: int, total: int) -> list[str]:
        return [f"… og {total - shown} til (`nettverk milestone list` viser alle)"] \
            if total > shown else []

    section("Forfalte milepæler og neste steg", [
        item(v, f"{_days((view.today - v.due).days)} over fristen") for v in view.overdue
    ] + more(len(view.overdue), view.overdue_total), view.overdue_total)
    section("Frist innen 14 dager", [
        item(v, "i dag" if v.due == view.today else f"om {_days((v.due - view.today).days)}")
        for v in view.due_soon
    ] + more(len(view.due_soon), view.due_soon_total), view.due_soon_total)
    section("Søknader som venter på avgjørelse", [
        f"{a.display_name} ({a.municipality}) til {a.programme}: mottatt {_d(a.received)}, "
        f"{a.status_label}{', for sen' if a.late else ''}"
        f"{'' if a.eligible else ', oppfyller ikke reglene: ' + ' '.join(a.eligibility_notes)}"
        f" [søknad {a.id}]"
        for a in view.pending_applications
    ])
    section("Planstrategier over fristen", [
        f"{p.display_name} ({p.municipality}): planstrategi"
        f"{f' {p.period_start}–{p.period_end}' if p.period_start else ''}, frist "
        f"{_d(p.deadline)}, {_days(p.days_overdue)} over fristen, står på «{p.stage_label}»"
        f" [plandokument {p.id}]"
        for p in view.overdue_plan_strategies
    ])
    if view.overdue_handlingsdel:
        section("Handlingsdelen ikke revidert i tide (PBL § 11-1)", [
            f"{r.display_name} ({r.municipality}): handlingsdelen for {r.year}, frist "
            f"{_d(r.due)}, {r.state_label}"
            + (f" [plandokument {r.plan_document_id}]" if r.plan_document_id else "")
            for r in view.overdue_handlingsdel
        ])
    out.append("Per program")
    headings = ["Program", "Deltakere", "Søknader", "Holdt", "Ikke bekr.", "Planlagt",
                "Neste 60 d.", "Forfalt", "Snart", "Planstr. over frist"]
    rows = [[p.slug, p.participants, p.applications_pending, p.gatherings_held,
             p.gatherings_unconfirmed, p.gatherings_planned, p.gatherings_upcoming, p.overdue,
             p.due_soon, p.plan_strategies_overdue] for p in view.programmes]
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(h)
              for i, h in enumerate(headings)]
    out.append("  " + "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)))
    for r in rows:
        out.append("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    if not view.needs_attention:
        out.append("")
        out.append("Ingenting trenger oppmerksomhet nå.")
    return "\n".join(line.rstrip() for line in out) + "\n"
