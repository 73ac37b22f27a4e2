"""Evaluation commands: capacity diamond, priority tool, gathering feedback, success factors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from nettverk.cli import workbooks
from nettverk.cli.args import opt_bool, opt_date, opt_id, opt_int, required_date, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, add_format_option, emit, sections

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
SESSION_COLUMNS = [
    ("id", "Id"), ("title", "Tittel"), ("held_on", "Dato"), ("display_name", "Kommune"),
    ("programme", "Program"), ("factors", "Faktorer"),
]
FACTOR_COLUMNS = [
    ("id", "Id"), ("name", "Faktor"), ("scores", "Svar"), ("mean_importance", "Viktighet (snitt)"),
    ("mean_influence", "Påvirkning (snitt)"), ("agreed_importance", "Viktighet (enighet)"),
    ("agreed_influence", "Påvirkning (enighet)"), ("quadrant_label", "Kvadrant"),
]
PRIORITY_SCORE_COLUMNS = [
    ("factor", "Faktor"), ("participant", "Deltaker"), ("importance", "Viktighet"),
    ("influence", "Påvirkning"), ("quadrant_label", "Kvadrant"),
]
FEEDBACK_COLUMNS = [
    ("id", "Id"), ("gathering_id", "Samling"), ("gathering", "Tittel"), ("starts_at", "Start"),
    ("municipality", "Kommune"), ("respondent", "Respondent"), ("overall", "Helhet"),
    ("usefulness", "Nytte"), ("comment", "Kommentar"),
]
GATHERING_AVERAGE_COLUMNS = [
    ("gathering_id", "Samling"), ("gathering", "Tittel"), ("starts_at", "Start"),
    ("responses", "Svar"), ("overall", "Helhet (snitt)"), ("usefulness", "Nytte (snitt)"),
]
YEAR_AVERAGE_COLUMNS = [
    ("year", "År"), ("gatherings", "Samlinger"), ("responses", "Svar"),
    ("overall", "Helhet (snitt)"), ("usefulness", "Nytte (snitt)"),
]
SUCCESS_FACTOR_COLUMNS = [
    ("municipality", "Nr"), ("display_name", "Kommune"), ("year", "År"),
    ("factor_label", "Suksessfaktor"), ("in_place", "På plass"), ("notes", "Merknad"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the evaluation commands."""
    _capacity(sub)
    _priority(sub)
    _feedback(sub)
    _success_factor(sub)


def _int(field: str, text: str | None) -> int:
    value = opt_int(field, text)
    assert value is not None
    return value


def _expected_version(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--expected-version", metavar="N",
                        help=f"bare hvis ingen andre har endret {what} siden versjon N")


def _deleted(ctx: Context, args: argparse.Namespace, delete: Any) -> None:
    emit(delete(ctx.db.uow(), required_id("id", args.id),
                opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)


# --- capacity diamond --------------------------------------------------------------------


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
    _expected_version(pupd, "deltakeren")
    add_format_option(pupd)
    pupd.set_defaults(handler=_capacity_participant_update)

    pdel = s.add_parser("participant-delete",
                        help="slett en deltaker med karakterene sine (felleskarakteren står)")
    pdel.add_argument("id", metavar="DELTAKER_ID")
    _expected_version(pdel, "deltakeren")
    add_format_option(pdel)
    pdel.set_defaults(handler=_capacity_participant_delete)

    prupd = s.add_parser("priority-update", help="rett en prioritering (tom tekst fjerner "
                                                 "komponent eller ansvarlig)")
    prupd.add_argument("id", metavar="PRIORITERING_ID")
    prupd.add_argument("--description")
    prupd.add_argument("--component", help=COMPONENT_HELP)
    prupd.add_argument("--responsible")
    _expected_version(prupd, "prioriteringen")
    add_format_option(prupd)
    prupd.set_defaults(handler=_capacity_priority_update)

    prdel = s.add_parser("priority-delete", help="slett en prioritering")
    prdel.add_argument("id", metavar="PRIORITERING_ID")
    _expected_version(prdel, "prioriteringen")
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
    _expected_version(upd, "vurderingen")
    add_format_option(upd)
    upd.set_defaults(handler=_capacity_update)

    delete = s.add_parser("delete", help="slett vurderingen med deltakere, karakterer og "
                                         "prioriteringer")
    delete.add_argument("id", metavar="ID")
    _expected_version(delete, "vurderingen")
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

    view = capacity.add_participant(ctx.db.uow(), _int("id", args.id), args.name, args.role)
    emit(view, args.format, PARTICIPANT_COLUMNS)


def _capacity_score(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.add_score(ctx.db.uow(), _int("id", args.id), args.participant,
                              args.component, _int("score", args.score), args.reasoning)
    emit(view, args.format, SCORE_COLUMNS)


def _capacity_consensus(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.set_consensus(ctx.db.uow(), _int("id", args.id), args.component,
                                  _int("score", args.score), args.justification)
    for w in view.warnings:
        print(f"nettverk: advarsel: {w}", file=sys.stderr)
    emit(view, args.format, CONSENSUS_COLUMNS)


def _capacity_priority(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    view = capacity.add_priority(ctx.db.uow(), _int("id", args.id), args.description,
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

    _deleted(ctx, args, capacity.delete_participant)


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

    _deleted(ctx, args, capacity.delete_priority)


def _capacity_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    d = capacity.get_assessment(ctx.db.uow(), _int("id", args.id))
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

    _deleted(ctx, args, capacity.delete_assessment)


def _capacity_compare(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import capacity

    rows = capacity.compare(ctx.db.uow(), _int("earlier_id", args.earlier),
                            _int("later_id", args.later))
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


# --- priority tool -----------------------------------------------------------------------


def _priority(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("priority", help="prioriteringsverktøyet (viktighet × påvirkbarhet)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer en prioriteringsøkt")
    add.add_argument("--title", required=True)
    add.add_argument("--date", required=True, metavar="DATO")
    add.add_argument("--municipality", metavar="NNNN")
    add.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(add)
    add.set_defaults(handler=_priority_add)

    ls = s.add_parser("list", help="list prioriteringsøktene")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--programme", metavar="KORTNAVN")
    add_format_option(ls)
    ls.set_defaults(handler=_priority_list)

    fac = s.add_parser("factor", help="legg til en faktor i økten")
    fac.add_argument("id", metavar="ID")
    fac.add_argument("--name", required=True)
    add_format_option(fac)
    fac.set_defaults(handler=_priority_factor)

    score = s.add_parser("score", help="en deltakers viktighet og påvirkning 1–5 for en faktor")
    score.add_argument("id", metavar="ID")
    score.add_argument("--factor", required=True)
    score.add_argument("--participant", required=True)
    score.add_argument("--importance", required=True, metavar="1-5")
    score.add_argument("--influence", required=True, metavar="1-5")
    add_format_option(score)
    score.set_defaults(handler=_priority_score)

    place = s.add_parser("place", help="plasseringen deltakerne ble enige om")
    place.add_argument("id", metavar="ID")
    place.add_argument("--factor", required=True)
    place.add_argument("--importance", required=True, metavar="1-5")
    place.add_argument("--influence", required=True, metavar="1-5")
    add_format_option(place)
    place.set_defaults(handler=_priority_place)

    fupd = s.add_parser("factor-update", help="gi en faktor nytt navn eller endre den avtalte "
                                              "plasseringen")
    fupd.add_argument("id", metavar="FAKTOR_ID")
    fupd.add_argument("--name")
    fupd.add_argument("--importance", metavar="1-5", help="avtalt viktighet")
    fupd.add_argument("--influence", metavar="1-5", help="avtalt lokal påvirkning")
    fupd.add_argument("--clear-placing", action="store_true",
                      help="fjern den avtalte plasseringen (kvadranten følger snittet)")
    _expected_version(fupd, "faktoren")
    add_format_option(fupd)
    fupd.set_defaults(handler=_priority_factor_update)

    fdel = s.add_parser("factor-delete", help="slett en faktor med deltakernes vurderinger av den")
    fdel.add_argument("id", metavar="FAKTOR_ID")
    _expected_version(fdel, "faktoren")
    add_format_option(fdel)
    fdel.set_defaults(handler=_priority_factor_delete)

    sdel = s.add_parser("score-delete", help="fjern én deltakers vurdering av en faktor")
    sdel.add_argument("id", metavar="ID")
    sdel.add_argument("--factor", required=True)
    sdel.add_argument("--participant", required=True)
    add_format_option(sdel)
    sdel.set_defaults(handler=_priority_score_delete)

    show = s.add_parser("show", help="vis økten med faktorer og kvadranter")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_priority_show)

    upd = s.add_parser("update", help="endre tittel, dato, kommune eller program "
                                      "(tom tekst fjerner kommune eller program)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--title")
    upd.add_argument("--date", metavar="DATO")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--programme", metavar="KORTNAVN")
    _expected_version(upd, "økten")
    add_format_option(upd)
    upd.set_defaults(handler=_priority_update)

    delete = s.add_parser("delete", help="slett økten med faktorer og vurderinger")
    delete.add_argument("id", metavar="ID")
    _expected_version(delete, "økten")
    add_format_option(delete)
    delete.set_defaults(handler=_priority_delete)
    workbooks.add_priority(s)


def _priority_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.add_session(ctx.db.uow(), args.title, required_date("date", args.date),
                                municipality=args.municipality, programme=args.programme)
    emit(view, args.format, SESSION_COLUMNS)


def _priority_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_priority)
        from nettverk.services import plain_priority

        rows: Any = plain_priority.list_sessions(reader, municipality=args.municipality,
                                                 programme=args.programme)
    else:
        from nettverk.services import priority

        rows = priority.list_sessions(ctx.db.uow(), municipality=args.municipality,
                                      programme=args.programme)
    emit(rows, args.format, SESSION_COLUMNS)


def _priority_factor(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.add_factor(ctx.db.uow(), _int("id", args.id), args.name)
    emit(view, args.format, FACTOR_COLUMNS)


def _priority_score(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.add_score(
        ctx.db.uow(), _int("id", args.id), args.factor, args.participant,
        _int("importance", args.importance), _int("influence", args.influence),
    )
    emit(view, args.format, PRIORITY_SCORE_COLUMNS)


def _priority_place(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.set_placing(
        ctx.db.uow(), _int("id", args.id), args.factor,
        _int("importance", args.importance), _int("influence", args.influence),
    )
    emit(view, args.format, FACTOR_COLUMNS)


def _priority_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.update_session(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version), title=args.title,
        held_on=opt_date("date", args.date), municipality=args.municipality,
        programme=args.programme,
    )
    emit(view, args.format, SESSION_COLUMNS)


def _priority_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    _deleted(ctx, args, priority.delete_session)


def _priority_factor_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    view = priority.update_factor(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version), name=args.name,
        agreed_importance=opt_int("importance", args.importance),
        agreed_influence=opt_int("influence", args.influence),
        clear_placing=args.clear_placing)
    emit(view, args.format, FACTOR_COLUMNS)


def _priority_factor_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    _deleted(ctx, args, priority.delete_factor)


def _priority_score_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    emit(priority.delete_score(ctx.db.uow(), _int("id", args.id), args.factor,
                               args.participant), args.format, DELETED_COLUMNS)


def _priority_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import priority

    d = priority.get_session(ctx.db.uow(), _int("id", args.id))
    sections(args, d, [
        (f"{d.session.title} ({d.session.held_on.strftime('%d.%m.%Y')})", d.factors,
         FACTOR_COLUMNS),
        ("Individuelle vurderinger", d.scores, PRIORITY_SCORE_COLUMNS),
    ])


# --- feedback ----------------------------------------------------------------------------


def _feedback(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("feedback", help="tilbakemeldinger etter samlinger")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    add = s.add_parser("add", help="registrer en tilbakemelding")
    add.add_argument("--gathering", required=True, metavar="ID")
    add.add_argument("--overall", required=True, metavar="1-5", help="helhetsinntrykk")
    add.add_argument("--usefulness", required=True, metavar="1-5", help="nytte")
    add.add_argument("--respondent")
    add.add_argument("--municipality", metavar="NNNN")
    add.add_argument("--comment")
    add_format_option(add)
    add.set_defaults(handler=_feedback_add)

    ls = s.add_parser("list", help="list tilbakemeldingene")
    ls.add_argument("--gathering", metavar="ID")
    ls.add_argument("--programme", metavar="KORTNAVN")
    ls.add_argument("--year", metavar="ÅÅÅÅ")
    add_format_option(ls)
    ls.set_defaults(handler=_feedback_list)

    upd = s.add_parser("update", help="rett en tilbakemelding (tom tekst fjerner)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--gathering", metavar="ID", help="flytt til en annen holdt samling")
    upd.add_argument("--overall", metavar="1-5", help="helhetsinntrykk")
    upd.add_argument("--usefulness", metavar="1-5", help="nytte")
    upd.add_argument("--respondent")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--comment")
    _expected_version(upd, "tilbakemeldingen")
    add_format_option(upd)
    upd.set_defaults(handler=_feedback_update)

    delete = s.add_parser("delete", help="slett en tilbakemelding")
    delete.add_argument("id", metavar="ID")
    _expected_version(delete, "tilbakemeldingen")
    add_format_option(delete)
    delete.set_defaults(handler=_feedback_delete)

    summ = s.add_parser("summary", help="snitt per samling og per år")
    summ.add_argument("--gathering", metavar="ID")
    summ.add_argument("--programme", metavar="KORTNAVN")
    summ.add_argument("--year", metavar="ÅÅÅÅ")
    add_format_option(summ)
    summ.set_defaults(handler=_feedback_summary)
    workbooks.add_feedback(s)


def _feedback_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    view = feedback.add_feedback(
        ctx.db.uow(), _int("gathering", args.gathering), _int("overall", args.overall),
        _int("usefulness", args.usefulness), respondent=args.respondent,
        municipality=args.municipality, comment=args.comment,
    )
    emit(view, args.format, FEEDBACK_COLUMNS)


def _feedback_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    view = feedback.update_feedback(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        gathering_id=opt_id("gathering", args.gathering),
        overall=opt_int("overall", args.overall),
        usefulness=opt_int("usefulness", args.usefulness), respondent=args.respondent,
        municipality=args.municipality, comment=args.comment,
    )
    emit(view, args.format, FEEDBACK_COLUMNS)


def _feedback_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    _deleted(ctx, args, feedback.delete_feedback)


def _feedback_list(ctx: Context, args: argparse.Namespace) -> None:
    gathering_id, year = opt_id("gathering", args.gathering), opt_int("year", args.year)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_feedback)
        from nettverk.services import plain_feedback

        rows: Any = plain_feedback.list_feedback(reader, gathering_id=gathering_id,
                                                 programme=args.programme, year=year)
    else:
        from nettverk.services import feedback

        rows = feedback.list_feedback(ctx.db.uow(), gathering_id=gathering_id,
                                      programme=args.programme, year=year)
    emit(rows, args.format, FEEDBACK_COLUMNS)


def _feedback_summary(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import feedback

    summary = feedback.averages(ctx.db.uow(), programme=args.programme,
                                gathering_id=opt_id("gathering", args.gathering),
                                year=opt_int("year", args.year))
    sections(args, summary, [
        ("Snitt per samling", summary.gatherings, GATHERING_AVERAGE_COLUMNS),
        ("Snitt per år", summary.years, YEAR_AVERAGE_COLUMNS),
    ])


# --- success factors ---------------------------------------------------------------------


FACTOR_HELP = ("mobilisation, anchoring, ownership, clear_goals, action_plan, clear_roles, "
               "linked_projects, communication")


def _success_factor(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("success-factor", help="suksessfaktorer per deltaker og år")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    st = s.add_parser("set", help="registrer om en suksessfaktor er på plass")
    st.add_argument("--programme", required=True, metavar="KORTNAVN")
    st.add_argument("--municipality", required=True, metavar="NNNN")
    st.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    st.add_argument("--factor", required=True, help=FACTOR_HELP)
    st.add_argument("--in-place", required=True, metavar="yes|no")
    st.add_argument("--notes", help="uten --notes beholdes merknaden; tom tekst fjerner den")
    _expected_version(st, "registreringen")
    add_format_option(st)
    st.set_defaults(handler=_success_factor_set)

    rm = s.add_parser("delete", help="fjern en registrering (faktoren blir «ikke vurdert» "
                                     "det året, ikke «nei»)")
    rm.add_argument("--programme", required=True, metavar="KORTNAVN")
    rm.add_argument("--municipality", required=True, metavar="NNNN")
    rm.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    rm.add_argument("--factor", required=True, help=FACTOR_HELP)
    _expected_version(rm, "registreringen")
    add_format_option(rm)
    rm.set_defaults(handler=_success_factor_delete)

    ls = s.add_parser("list", help="list suksessfaktorene")
    ls.add_argument("--programme", required=True, metavar="KORTNAVN")
    ls.add_argument("--year", metavar="ÅÅÅÅ")
    ls.add_argument("--municipality", metavar="NNNN")
    add_format_option(ls)
    ls.set_defaults(handler=_success_factor_list)


def _success_factor_set(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import success_factors

    in_place = opt_bool("in_place", args.in_place)
    assert in_place is not None
    view = success_factors.set_status(
        ctx.db.uow(), args.programme, args.municipality, _int("year", args.year), args.factor,
        in_place, notes=args.notes,
        expected_version=opt_int("expected_version", args.expected_version),
    )
    emit(view, args.format, SUCCESS_FACTOR_COLUMNS)


def _success_factor_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import success_factors

    emit(success_factors.delete_status(
        ctx.db.uow(), args.programme, args.municipality, _int("year", args.year), args.factor,
        expected_version=opt_int("expected_version", args.expected_version),
    ), args.format, DELETED_COLUMNS)


def _success_factor_list(ctx: Context, args: argparse.Namespace) -> None:
    year = opt_int("year", args.year)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_success_factors)
        from nettverk.services import plain_success_factors

        rows: Any = plain_success_factors.list_status(reader, args.programme, year=year,
                                                      municipality=args.municipality)
    else:
        from nettverk.services import success_factors

        rows = success_factors.list_status(ctx.db.uow(), args.programme, year=year,
                                           municipality=args.municipality)
    emit(rows, args.format, SUCCESS_FACTOR_COLUMNS)
