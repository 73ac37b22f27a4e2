"""Plan commands: the municipalities' plan documents, milestones and follow-ups."""

from __future__ import annotations

import argparse
from typing import Any

from nettverk.cli.args import opt_bool, opt_date, opt_id, opt_int, required_date, required_id
from nettverk.cli.context import Context
from nettverk.cli.network_args import (
    Sub,
    add_delete,
    clearable_date,
    expected_version,
    warn,
)
from nettverk.cli.output import DELETED_COLUMNS, ValueLabels, add_format_option, emit

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
    """Add the plan, milestone and follow-up commands."""
    _plan(sub)
    _milestone(sub)
    _followup(sub)


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

    add_delete(s, "slett et plandokument med trinnhistorikken (ikke når milepæler hører til det)",
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
    warn(view.warnings)
    emit(view, args.format, PLAN_COLUMNS)


def _plan_list(ctx: Context, args: argparse.Namespace) -> None:
    options = {"programme": args.programme, "municipality": args.municipality,
               "kind": args.kind, "overdue": args.overdue}
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_plans)
        from nettverk.services import plain_plans

        rows: Any = plain_plans.list_plan_documents(reader, **options)
    else:
        from nettverk.services import plans

        rows = plans.list_plan_documents(ctx.db.uow(), **options)
    emit(rows, args.format, PLAN_COLUMNS)


def _plan_stage(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    view = plans.set_stage(ctx.db.uow(), required_id("id", args.id), args.stage,
                           on=opt_date("date", args.date), note=args.note,
                           archive_ref=args.archive_ref)
    warn(view.warnings)
    emit(view, args.format, PLAN_COLUMNS)


def _plan_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    emit(plans.delete_plan_document(ctx.db.uow(), required_id("id", args.id),
                                    expected_version(args)), args.format, DELETED_COLUMNS)


def _plan_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import plans

    view = plans.get_plan_document(ctx.db.uow(), required_id("id", args.id))
    warn(view.warnings)
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
                                         required_date("date", args.date))
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
        ctx.db.uow(), args.title, required_date("due", args.due), programme=args.programme,
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
    options = {"programme": args.programme, "municipality": args.municipality,
               "overdue": args.overdue, "status": args.status,
               "include_next_actions": not args.no_next_actions}
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_milestones)
        from nettverk.services import plain_milestones

        rows: Any = plain_milestones.list_milestones(reader, **options)
    else:
        from nettverk.services import milestones

        rows = milestones.list_milestones(ctx.db.uow(), **options)
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
    add_delete(s, "slett en logget kontakt med neste steg", "oppfølgingen", _followup_delete)


def _followup_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    view = followups.add_follow_up(
        ctx.db.uow(), args.municipality, required_date("date", args.date), args.kind,
        args.summary, participants=args.participants, next_action=args.next_action,
        next_action_due=opt_date("next_due", args.next_due), programme=args.programme,
        exempt_from_public=bool(args.exempt),
    )
    emit(view, args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())


def _follow_up_labels() -> ValueLabels:
    from nettverk.domain.network_rules import MILESTONE_STATUS_LABELS

    return {"next_action_status": MILESTONE_STATUS_LABELS}


def _followup_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_followups)
        from nettverk.services import plain_followups

        rows: Any = plain_followups.list_follow_ups(reader, municipality=args.municipality,
                                                    programme=args.programme)
    else:
        from nettverk.services import followups

        rows = followups.list_follow_ups(ctx.db.uow(), municipality=args.municipality,
                                         programme=args.programme)
    emit(rows, args.format, FOLLOW_UP_COLUMNS, labels=_follow_up_labels())


def _followup_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    changes: dict[str, object] = {}
    for key in ("municipality", "kind", "summary", "participants", "next_action"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.programme is not None:
        changes["programme"] = args.programme.strip() or None
    if args.date is not None:
        changes["on"] = required_date("date", args.date)
    if args.next_due is not None:
        changes["next_action_due"] = clearable_date("next_due", args.next_due)
    if args.next_done is not None:
        changes["next_action_done_on"] = clearable_date("next_done", args.next_done)
    if args.exempt is not None:
        changes["exempt_from_public"] = opt_bool("exempt", args.exempt)
    view = followups.update_follow_up(ctx.db.uow(), required_id("id", args.id),
                                      expected_version=expected_version(args), today=None,
                                      **changes)
    emit(view, args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())


def _followup_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    emit(followups.delete_follow_up(ctx.db.uow(), required_id("id", args.id),
                                    expected_version(args)), args.format, DELETED_COLUMNS)


def _followup_done(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import followups

    emit(followups.complete_next_action(ctx.db.uow(), required_id("id", args.id),
                                        on=opt_date("date", args.date)),
         args.format, FOLLOW_UP_COLUMNS,
         labels=_follow_up_labels())
