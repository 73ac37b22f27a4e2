"""Partnership agreement, yearly partnership meeting and focus-area commands.

The agreed actions (`agreement action`) and the theme calendar have their own modules
(cli.agreement_actions, cli.themes).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from nettverk.cli.agreement_actions import add_action_commands
from nettverk.cli.args import opt_date, opt_datetime, opt_id, opt_int, parses, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit, sections
from nettverk.domain.errors import DomainError
from nettverk.forms.focus_areas import new_focus_area
from nettverk.forms.options import add_options, values_of

AGREEMENT_COLUMNS = [
    ("id", "Id"), ("municipality", "Nr"), ("display_name", "Kommune"), ("county", "Fylke"),
    ("status_label", "Status"), ("offered_on", "Tilbudt"), ("signed_on", "Signert"),
    ("starts", "Fra"), ("ends", "Til"), ("focus_area_names", "Innsatsområder"),
    ("open_actions", "Åpne tiltak"), ("archive_ref", "Arkivref."),
]
EVENT_COLUMNS = [("on", "Dato"), ("status_label", "Status"), ("note", "Merknad")]
FOCUS_AREA_COLUMNS = [("code", "Kode"), ("name", "Innsatsområde"), ("description", "Beskrivelse"),
                      ("agreements", "Avtaler"), ("actions", "Tiltak")]
REMINDER_COLUMNS = [
    ("kind_label", "Påminnelse"), ("display_name", "Kommune"), ("date", "Dato"),
    ("text", "Hva"), ("agreement_id", "Avtale"), ("action_id", "Tiltak"),
]
COUNTY_COVERAGE_COLUMNS = [
    ("county", "Fylke"), ("county_name", "Navn"), ("municipalities", "Kommuner"),
    ("signed", "Signert"), ("pending", "Tilbudt/til vurdering"), ("share_signed", "Andel signert"),
]
AREA_COVERAGE_COLUMNS = [("code", "Kode"), ("name", "Innsatsområde"), ("signed", "Signerte avtaler")]
MEETING_COLUMNS = [
    ("id", "Id"), ("title", "Tittel"), ("start", "Start"), ("end", "Slutt"), ("mode", "Form"),
    ("location", "Sted"), ("status", "Status"),
]

STATUSES = ["offered", "under_consideration", "signed", "ended", "declined"]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the agreement and focus-area commands."""
    _agreement(sub)
    _focus_area(sub)


# --- agreement ---------------------------------------------------------------------------


def _agreement(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("agreement", help="partnerskapsavtaler (Gode lokalsamfunn for alle)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="tilby en kommune partnerskapsavtale")
    add.add_argument("--municipality", required=True, metavar="NNNN")
    add.add_argument("--offered-on", metavar="DATO", help="dato avtalen ble tilbudt (standard: i dag)")
    add.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    add.add_argument("--archive-ref", metavar="REF", help="arkivreferanse (saksnummer)")
    add.add_argument("--county-contact", metavar="ID", help="fylkeskommunens kontaktperson (id)")
    add.add_argument("--municipality-contact", metavar="ID", help="kommunens kontaktperson (id)")
    add.add_argument("--focus-area", action="append", default=[], metavar="KODE",
                     help="innsatsområde (kan gjentas)")
    add.add_argument("--notes")
    add_format_option(add)
    add.set_defaults(handler=_agreement_add)

    ls = s.add_parser("list", help="list avtalene")
    ls.add_argument("--status", choices=STATUSES)
    ls.add_argument("--county", metavar="NN")
    ls.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    ls.add_argument("--limit", metavar="N")
    ls.add_argument("--offset", metavar="N")
    add_format_option(ls)
    ls.set_defaults(handler=_agreement_list)

    show = s.add_parser("show", help="vis én avtale med historikken")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_agreement_show)

    st = s.add_parser("status", help="flytt avtalen i arbeidsflyten (datert)")
    st.add_argument("id", metavar="ID")
    st.add_argument("--status", required=True, metavar="STATUS",
                    help="offered | under_consideration | signed | ended | declined")
    st.add_argument("--on", metavar="DATO", help="dato for endringen (standard: i dag)")
    st.add_argument("--signed-on", metavar="DATO", help="signeringsdato (kreves for signed)")
    st.add_argument("--starts", metavar="DATO")
    st.add_argument("--ends", metavar="DATO")
    st.add_argument("--note")
    add_format_option(st)
    st.set_defaults(handler=_agreement_status)

    upd = s.add_parser("update", help="endre avtalens detaljer (ikke status)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--archive-ref", metavar="REF")
    upd.add_argument("--starts", metavar="DATO")
    upd.add_argument("--ends", metavar="DATO")
    upd.add_argument("--county-contact", metavar="ID")
    upd.add_argument("--municipality-contact", metavar="ID")
    upd.add_argument("--notes")
    upd.add_argument("--expected-version", metavar="N",
                     help="avvis endringen hvis noen andre har endret avtalen etter denne versjonen")
    add_format_option(upd)
    upd.set_defaults(handler=_agreement_update)

    dl = s.add_parser("delete", help="slett en avtale som aldri er signert (med historikk og tiltak)")
    dl.add_argument("id", metavar="ID")
    dl.add_argument("--expected-version", metavar="N",
                    help="slett bare hvis ingen andre har endret avtalen siden versjon N")
    add_format_option(dl)
    dl.set_defaults(handler=_agreement_delete)

    fa = s.add_parser("focus", help="velg avtalens innsatsområder (erstatter valget)")
    fa.add_argument("id", metavar="ID")
    fa.add_argument("--focus-area", action="append", default=[], required=True, metavar="KODE")
    add_format_option(fa)
    fa.set_defaults(handler=_agreement_focus)

    rem = s.add_parser("reminders", help="avtaler som utløper, tiltak på overtid, ubesvarte tilbud")
    rem.add_argument("--date", metavar="DATO", help="regn fra denne datoen (standard: i dag)")
    add_format_option(rem)
    rem.set_defaults(handler=_agreement_reminders)

    cov = s.add_parser("coverage", help="signerte avtaler per fylke og per innsatsområde")
    cov.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    add_format_option(cov)
    cov.set_defaults(handler=_agreement_coverage)

    add_action_commands(s)
    _meeting(s)


def _agreement_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    view = agreements.add_agreement(
        ctx.db.uow(), args.municipality, opt_date("offered_on", args.offered_on),
        programme=args.programme, archive_ref=args.archive_ref,
        county_contact_id=opt_id("county_contact", args.county_contact),
        municipality_contact_id=opt_id("municipality_contact", args.municipality_contact),
        focus_areas=args.focus_area, notes=args.notes,
    )
    emit(view, args.format, AGREEMENT_COLUMNS)


def _plain_page(args: argparse.Namespace) -> tuple[int | None, int] | None:
    """--limit and --offset for the plain path: None when either does not parse or is negative
    (the ordinary path refuses bad text after its own checks, and PostgreSQL a negative
    number, with their messages)."""
    try:
        limit, offset = opt_int("limit", args.limit), opt_int("offset", args.offset) or 0
    except DomainError:
        return None
    return None if offset < 0 or (limit is not None and limit < 0) else (limit, offset)


def _agreement_list(ctx: Context, args: argparse.Namespace) -> None:
    page = _plain_page(args)
    reader = ctx.plain_reader() if page is not None else None
    if reader is not None and page is not None:  # plain SQL (services.plain_agreements)
        from nettverk.services import plain_agreements

        rows: Any = plain_agreements.list_agreements(
            reader, status=args.status, county=args.county, programme=args.programme,
            limit=page[0], offset=page[1])
    else:
        from nettverk.services import agreements

        rows = agreements.list_agreements(
            ctx.db.uow(), status=args.status, county=args.county, programme=args.programme,
            limit=opt_int("limit", args.limit), offset=opt_int("offset", args.offset) or 0,
        )
    emit(rows, args.format, AGREEMENT_COLUMNS)


def _agreement_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    view = agreements.get_agreement(ctx.db.uow(), required_id("id", args.id))
    if args.format != "table":
        emit(view, args.format, AGREEMENT_COLUMNS)
        return
    from nettverk.cli.output import plain

    record = {k: v for k, v in plain(view).items() if k not in ("events", "periods")}
    emit(record, "table", AGREEMENT_COLUMNS)
    if view.periods:
        print("\nTidligere avtaleperioder")
        emit(view.periods, "table", [("signed_on", "Signert"), ("starts", "Fra"),
                                     ("ends", "Til"), ("ended_on", "Avsluttet")])
    print("\nHistorikk")
    emit(view.events, "table", EVENT_COLUMNS)


def _agreement_status(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    view = agreements.set_status(
        ctx.db.uow(), required_id("id", args.id), args.status, opt_date("on", args.on),
        signed_on=opt_date("signed_on", args.signed_on), starts=opt_date("starts", args.starts),
        ends=opt_date("ends", args.ends), note=args.note,
    )
    emit(view, args.format, AGREEMENT_COLUMNS)


def _agreement_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    view = agreements.update_agreement(
        ctx.db.uow(), required_id("id", args.id), archive_ref=args.archive_ref,
        starts=opt_date("starts", args.starts), ends=opt_date("ends", args.ends),
        county_contact_id=opt_id("county_contact", args.county_contact),
        municipality_contact_id=opt_id("municipality_contact", args.municipality_contact),
        notes=args.notes, expected_version=opt_int("expected_version", args.expected_version),
    )
    emit(view, args.format, AGREEMENT_COLUMNS)


def _agreement_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    emit(agreements.delete_agreement(ctx.db.uow(), required_id("id", args.id),
                                      opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)


def _agreement_focus(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    view = agreements.set_focus_areas(ctx.db.uow(), required_id("id", args.id), args.focus_area)
    emit(view, args.format, AGREEMENT_COLUMNS)


def _agreement_reminders(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_reminders

    rows = agreement_reminders.reminders(ctx.db.uow(), today=opt_date("date", args.date))
    emit(rows, args.format, REMINDER_COLUMNS)


def _agreement_coverage(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreement_reminders

    view = agreement_reminders.coverage(ctx.db.uow(), programme=args.programme)
    sections(args, view, [
        ("Signerte avtaler per fylke", view.counties, COUNTY_COVERAGE_COLUMNS),
        ("Signerte avtaler per innsatsområde", view.focus_areas, AREA_COVERAGE_COLUMNS),
    ])


# --- yearly partnership meeting ----------------------------------------------------------


def _meeting(s: argparse._SubParsersAction[Any]) -> None:
    p = s.add_parser("meeting", help="det årlige partnerskapsmøtet (en samling)")
    m = p.add_subparsers(dest="meeting_command", required=True, metavar="HANDLING")

    add = m.add_parser("add", help="planlegg årlig partnerskapsmøte for en signert avtale")
    add.add_argument("--agreement", required=True, metavar="ID")
    add.add_argument("--start", required=True, metavar="TIDSPUNKT")
    add.add_argument("--end", required=True, metavar="TIDSPUNKT")
    add.add_argument("--mode", required=True, choices=["video", "physical", "hybrid"])
    add.add_argument("--title")
    add.add_argument("--location")
    add.add_argument("--video-url")
    add.add_argument("--agenda")
    add_format_option(add)
    add.set_defaults(handler=_meeting_add)

    ls = m.add_parser("list", help="list partnerskapsmøtene med avtalens kommune")
    ls.add_argument("--agreement", required=True, metavar="ID")
    add_format_option(ls)
    ls.set_defaults(handler=_meeting_list)


def _meeting_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import agreements

    starts = opt_datetime("start", args.start)
    ends = opt_datetime("end", args.end)
    assert starts is not None and ends is not None
    view = agreements.add_yearly_meeting(
        ctx.db.uow(), required_id("agreement", args.agreement), starts, ends, args.mode,
        title=args.title, location=args.location, video_url=args.video_url, agenda=args.agenda,
    )
    emit(view, args.format, MEETING_COLUMNS)
    for warning in view.warnings:
        print(f"nettverk: advarsel: {warning}", file=sys.stderr)


def _meeting_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader() if parses(lambda: required_id("agreement", args.agreement)) \
        else None
    if reader is not None:  # plain SQL (services.plain_agreements)
        from nettverk.services import plain_agreements

        rows: Any = plain_agreements.list_yearly_meetings(
            reader, required_id("agreement", args.agreement))
    else:
        from nettverk.services import agreements

        rows = agreements.list_yearly_meetings(ctx.db.uow(),
                                               required_id("agreement", args.agreement))
    emit(rows, args.format, MEETING_COLUMNS)


# --- focus areas -------------------------------------------------------------------------


def _focus_area(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("focus-area", help="innsatsområder i partnerskapsavtalene")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    ls = s.add_parser("list", help="list innsatsområdene")
    ls.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_focus_area_list)
    add = s.add_parser("add", help="legg til et innsatsområde")
    # The options come from the same declaration as the TUI's form (nettverk.forms).
    add_options(add, new_focus_area())
    add.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    add_format_option(add)
    add.set_defaults(handler=_focus_area_add)
    upd = s.add_parser("update", help="endre et innsatsområde (avtaler og tiltak følger med)")
    upd.add_argument("code", metavar="KODE")
    upd.add_argument("--new-code", metavar="KODE", help="nytt kortnavn")
    upd.add_argument("--name")
    upd.add_argument("--description", help="tom tekst fjerner beskrivelsen")
    upd.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    upd.add_argument("--expected-version", metavar="N",
                     help="avvis endringen hvis noen andre har endret innsatsområdet etter versjon N")
    add_format_option(upd)
    upd.set_defaults(handler=_focus_area_update)
    dl = s.add_parser("delete", help="slett et innsatsområde som ingen avtale eller tiltak bruker")
    dl.add_argument("code", metavar="KODE")
    dl.add_argument("--programme", default="gode-lokalsamfunn", metavar="KORTNAVN")
    dl.add_argument("--expected-version", metavar="N",
                    help="slett bare hvis ingen andre har endret innsatsområdet siden versjon N")
    add_format_option(dl)
    dl.set_defaults(handler=_focus_area_delete)


def _focus_area_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL (services.plain_agreements)
        from nettverk.services import plain_agreements

        rows: Any = plain_agreements.list_focus_areas(reader, args.programme)
    else:
        from nettverk.services import focus_areas

        rows = focus_areas.list_focus_areas(ctx.db.uow(), args.programme)
    emit(rows, args.format, FOCUS_AREA_COLUMNS)


def _focus_area_add(ctx: Context, args: argparse.Namespace) -> None:
    spec = new_focus_area(args.programme)
    emit(spec.save(ctx.db, values_of(args, spec)), args.format, FOCUS_AREA_COLUMNS)


def _focus_area_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import focus_areas

    view = focus_areas.update_focus_area(
        ctx.db.uow(), args.code, programme=args.programme,
        expected_version=opt_int("expected_version", args.expected_version),
        new_code=args.new_code, name=args.name, description=args.description)
    emit(view, args.format, FOCUS_AREA_COLUMNS)


def _focus_area_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import focus_areas

    view = focus_areas.delete_focus_area(
        ctx.db.uow(), args.code, programme=args.programme,
        expected_version=opt_int("expected_version", args.expected_version))
    emit(view, args.format, DELETED_COLUMNS)
