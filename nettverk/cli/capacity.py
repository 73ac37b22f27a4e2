"""Capacity-diamond commands: a municipality's self-assessment of its development capacity
(participants' scores, the consensus, priorities, comparisons and network averages)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from nettverk.cli import workbooks
from nettverk.cli.args import opt_date, opt_int, required_date, required_id
from nettverk.cli.context import Context
from nettverk.cli.evaluation_args import add_expected_version, emit_deleted, required_int
from nettverk.cli.output import add_format_option, emit, sections

COMPONENT_OPTIONS = [
    ("leadership", "Utviklingsledelse"), ("competence", "Utviklingskompetanse"),
    ("culture", "Utviklingskultur"), ("economy", "Utviklingsøkonomi"), ("time", "Tidsressurser"),
]
COMPONENT_HELP = ("leadership (Utviklingsledelse), competence (Utviklingskompetanse), "
                  "culture (Utviklingskultur), economy (Utviklingsøkonomi), time (Tidsressurser)")

ASSESSMENT_COLUMNS = [
    ("id", "Id"), ("municipality", "Nr"), ("display_name", "Kommune"), ("held_on", "Dato"),
    ("programme", "Program"), ("facilitator", "Prosessleder"), ("participants", "Deltakere"),
    ("consensus", "Felleskarakter"),
]
PARTICIPANT_COLUMNS = [("id", "Id"), ("name", "Navn"), ("role", "Rolle")]
PARTICIPANT_SCORE_COLUMNS = [
    *PARTICIPANT_COLUMNS, ("s_leadership", "Ledelse"), ("s_competence", "Kompetanse"),
    ("s_culture", "Kultur"), ("s_economy", "Økonomi"), ("s_time", "Tid"), ("version", "Versjon"),
]
SCORE_COLUMNS = [
    ("participant", "Deltaker"), ("component_label", "Komponent"), ("score", "Karakter"),
    ("reasoning", "Begrunnelse"),
]
CONSENSUS_COLUMNS = [
    ("component_label", "Komponent"), ("score", "Felleskarakter"),
    ("individual_mean", "Snitt individuelt"), ("spread", "Spredning"),
    ("individual_scores", "Svar"), ("justification", "Begrunnelse"),
]
CAPACITY_PRIORITY_COLUMNS = [
    ("id", "Id"), ("component_label", "Komponent"), ("description", "Prioritering"),
    ("responsible", "Ansvarlig"),
]
CHANGE_COLUMNS = [
    ("component_label", "Komponent"), ("earlier", "Før"), ("later", "Etter"),
    ("change", "Endring"),
]
AVERAGE_COLUMNS = [
    ("year", "År"), ("component_label", "Komponent"), ("mean", "Snitt"),
    ("sessions", "Vurderinger"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the capacity-diamond command."""
    _capacity(sub)


def _capacity(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("capacity", help="kapasitetsdiamanten (egenvurdering av utviklingskapasitet)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer en vurdering (kommune og dato)")
    add.add_argument("--municipality", required=True, metavar="NNNN")
    add.add_argument("--date", required=True, metavar="DATO")
    add.add_argument("--programme", metavar="KORTNAVN")
    add.add_argument("--facilitator", help="prosessleder")
    add.add_argument("--notes")
    add_format_option(add)
    add.set_defaults(handler=_capacity_add)

    part = s.add_parser("participant", help="legg til en deltaker i vurderingen")
    part.add_argument("id", metavar="ID")
    part.add_argument("--name", required=True)
    part.add_argument("--role")
    add_format_option(part)
    part.set_defaults(handler=_capacity_participant)

    score = s.add_parser("score", help="en deltakers karakter 1–5 på en komponent")
    score.add_argument("id", metavar="ID")
    score.add_argument("--participant", required=True, metavar="NAVN")
    score.add_argument("--component", required=True, help=COMPONENT_HELP)
    score.add_argument("--score", required=True, metavar="1-5")
    score.add_argument("--reasoning", help="begrunnelse")
    add_format_option(score)
    score.set_defaults(handler=_capacity_score)

    cons = s.add_parser("consensus", help="felleskarakteren på en komponent")
    cons.add_argument("id", metavar="ID")
    cons.add_argument("--component", required=True, help=COMPONENT_HELP)
    cons.add_argument("--score", required=True, metavar="1-5")
    cons.add_argument("--justification", help="begrunnelse")
    add_format_option(cons)
    cons.set_defaults(handler=_capacity_consensus)

    prio = s.add_parser("priority", help="hva som skal styrkes, og hvem som har ansvaret")
    prio.add_argument("id", metavar="ID")
    prio.add_argument("--description", required=True)
    prio.add_argument("--component", help=COMPONENT_HELP)
    prio.add_argument("--responsible")
    add_format_option(prio)
    prio.set_defaults(handler=_capacity_priority)

    pupd = s.add_parser("participant-update",
                        help="rett navn, rolle eller karakterene til en deltaker (tom tekst "
                             "fjerner rollen eller karakteren)")
    pupd.add_argument("id", metavar="DELTAKER_ID")
    pupd.add_argument("--name")
    pupd.add_argument("--role")
    for code, label in COMPONENT_OPTIONS:
        pupd.add_argument(f"--{code}", metavar="1-5", help=f"karakter på {label}")
    add_expected_version(pupd, "deltakeren")
    add_format_option(pupd)
    pupd.set_defaults(handler=_capacity_participant_update)

    pdel = s.add_parser("participant-delete",
                        help="slett en deltaker med karakterene sine (felleskarakteren står)")
    pdel.add_argument("id", metavar="DELTAKER_ID")
    add_expected_version(pdel, "deltakeren")
    add_format_option(pdel)
    pdel.set_defaults(handler=_capacity_participant_delete)

    prupd = s.add_parser("priority-update", help="rett en prioritering (tom tekst fjerner "
                                                 "komponent eller ansvarlig)")
    prupd.add_argument("id", metavar="PRIORITERING_ID")
    prupd.add_argument("--description")
    prupd.add_argument("--component", help=COMPONENT_HELP)
    prupd.add_argument("--responsible")
    add_expected_version(prupd, "prioriteringen")
    add_format_option(prupd)
    prupd.set_defaults(handler=_capacity_priority_update)

    prdel = s.add_parser("priority-delete", help="slett en prioritering")
    prdel.add_argument("id", metavar="PRIORITERING_ID")
    add_expected_version(prdel, "prioriteringen")
    add_format_option(prdel)
    prdel.set_defaults(handler=_capacity_priority_delete)

    show = s.add_parser("show", help="vis hele vurderingen")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_capacity_show)

    upd = s.add_parser("update", help="endre dato, program, prosessleder eller notat "
                                      "(tom tekst fjerner)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--date", metavar="DATO")
    upd.add_argument("--programme", metavar="KORTNAVN")
    upd.add_argument("--facilitator", help="prosessleder")
    upd.add_argument("--notes")
    add_expected_version(upd, "vurderingen")
    add_format_option(upd)
    upd.set_defaults(handler=_capacity_update)

    delete = s.add_parser("delete", help="slett vurderingen med deltakere, karakterer og "
                                         "prioriteringer")
    delete.add_argument("id", metavar="ID")
    add_expected_version(delete, "vurderingen")
    add_format_option(delete)
    delete.set_defaults(handler=_capacity_delete)

    cmp_ = s.add_parser("compare", help="sammenlign to vurderinger (endring per komponent)")
    cmp_.add_argument("earlier", metavar="TIDLIGERE_ID")
    cmp_.add_argument("later", metavar="SENERE_ID")
    add_format_option(cmp_)
    cmp_.set_defaults(handler=_capacity_compare)

    avg = s.add_parser("averages", help="snitt av felleskarakteren per år i nettverket")
    avg.add_argument("--programme", required=True, metavar="KORTNAVN")
    avg.add_argument("--year", metavar="ÅÅÅÅ")
    add_format_option(avg)
    avg.set_defaults(handler=_capacity_averages)

    ls = s.add_parser("list", help="list vurderingene")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_capacity_list)
    workbooks.add_capacity(s)


def _capacity_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.add_assessment(
        ctx.db.uow(), args.municipality, required_date("date", args.date),
        programme=args.programme, facilitator=args.facilitator, notes=args.notes,
    )
    emit(view, args.format, ASSESSMENT_COLUMNS)


def _capacity_participant(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.add_participant(ctx.db.uow(), required_int("id", args.id), args.name, args.role)
    emit(view, args.format, PARTICIPANT_COLUMNS)


def _capacity_score(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.add_score(ctx.db.uow(), required_int("id", args.id), args.participant,
                              args.component, required_int("score", args.score), args.reasoning)
    emit(view, args.format, SCORE_COLUMNS)


def _capacity_consensus(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.set_consensus(ctx.db.uow(), required_int("id", args.id), args.component,
                                  required_int("score", args.score), args.justification)
    for w in view.warnings:
        print(f"nettverk: advarsel: {w}", file=sys.stderr)
    emit(view, args.format, CONSENSUS_COLUMNS)


def _capacity_priority(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.add_priority(ctx.db.uow(), required_int("id", args.id), args.description,
                                 component=args.component, responsible=args.responsible)
    emit(view, args.format, CAPACITY_PRIORITY_COLUMNS)


def _emit_participant(view: Any, fmt: str) -> None:
    """A participant with one column per component (JSON keeps the scores mapping)."""
    if fmt == "json":
        emit(view, "json")
        return
    from nettverk.cli.output import plain

    emit({**plain(view), **{f"s_{k}": v for k, v in view.scores.items()}}, fmt,
         PARTICIPANT_SCORE_COLUMNS)


def _capacity_participant_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    # Empty text removes the component's score; an option not given leaves it.
    scores = {code: opt_int(code, text) if text.strip() else None
              for code, _ in COMPONENT_OPTIONS
              if (text := getattr(args, code)) is not None}
    view = capacity.update_participant(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        name=args.name, role=args.role, scores=scores)
    _emit_participant(view, args.format)


def _capacity_participant_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    emit_deleted(ctx, args, capacity.delete_participant)


def _capacity_priority_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.update_priority(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        description=args.description, component=args.component,
        responsible=args.responsible)
    emit(view, args.format, CAPACITY_PRIORITY_COLUMNS)


def _capacity_priority_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    emit_deleted(ctx, args, capacity.delete_priority)


def _capacity_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    d = capacity.get_assessment(ctx.db.uow(), required_int("id", args.id))
    a = d.assessment
    for c in d.consensus:
        for w in c.warnings:
            print(f"nettverk: advarsel: {c.component_label}: {w}", file=sys.stderr)
    sections(args, d, [
        (f"Kapasitetsdiamanten: {a.display_name} {a.held_on.strftime('%d.%m.%Y')}",
         d.consensus, CONSENSUS_COLUMNS),
        ("Deltakere", d.participants, PARTICIPANT_COLUMNS),
        ("Individuelle karakterer", d.scores, SCORE_COLUMNS),
        ("Prioriteringer", d.priorities, CAPACITY_PRIORITY_COLUMNS),
    ])


def _capacity_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.update_assessment(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        held_on=opt_date("date", args.date), programme=args.programme,
        facilitator=args.facilitator, notes=args.notes,
    )
    emit(view, args.format, ASSESSMENT_COLUMNS)


def _capacity_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    emit_deleted(ctx, args, capacity.delete_assessment)


def _capacity_compare(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    rows = capacity.compare(ctx.db.uow(), required_int("earlier_id", args.earlier),
                            required_int("later_id", args.later))
    emit(rows, args.format, CHANGE_COLUMNS)


def _capacity_averages(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    rows = capacity.network_averages(ctx.db.uow(), args.programme,
                                     year=opt_int("year", args.year))
    emit(rows, args.format, AVERAGE_COLUMNS)


def _capacity_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_capacity)
        from nettverk.services import plain_capacity

        rows: Any = plain_capacity.list_assessments(reader, municipality=args.municipality,
                                                    programme=args.programme)
    else:
        from nettverk.services import capacity

        rows = capacity.list_assessments(ctx.db.uow(), municipality=args.municipality,
                                         programme=args.programme)
    if args.format == "json":
        emit(rows, "json")
        return
    from nettverk.cli.output import plain

    # One column per component instead of the consensus mapping.
    flat = [{**plain(r), **{f"c_{k}": v for k, v in r.consensus.items()}} for r in rows]
    columns = [c for c in ASSESSMENT_COLUMNS if c[0] != "consensus"] + [
        ("c_leadership", "Ledelse"), ("c_competence", "Kompetanse"), ("c_culture", "Kultur"),
        ("c_economy", "Økonomi"), ("c_time", "Tid"),
    ]
    emit(flat, args.format, columns)
