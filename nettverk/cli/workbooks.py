"""Workbook commands: make forms participants fill in themselves, and read them back.

`capacity workbook|import`, `priority workbook|import`, `feedback workbook|import|import-forms`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from nettverk.cli.args import required_id
from nettverk.cli.context import Context
from nettverk.cli.output import add_format_option, emit
from nettverk.domain.norwegian import count

FILE_COLUMNS = [("file", "Fil"), ("respondent", "Deltaker")]
CAPACITY_PREVIEW = [
    ("file", "Fil"), ("respondent", "Deltaker"), ("item", "Komponent"), ("first", "Karakter"),
    ("text", "Begrunnelse"), ("action", "Endring"),
]
PRIORITY_PREVIEW = [
    ("file", "Fil"), ("respondent", "Deltaker"), ("item", "Faktor"), ("first", "Viktighet"),
    ("second", "Påvirkning"), ("action", "Endring"),
]
FEEDBACK_PREVIEW = [
    ("file", "Fil"), ("respondent", "Respondent"), ("item", "Kommune"), ("first", "Helhet"),
    ("second", "Nytte"), ("text", "Kommentar"), ("action", "Endring"),
]
DRY_RUN_HELP = "vis hva som ville blitt lagret; lagre ingenting"
AGAIN_HELP = ("les inn en arbeidsbok som er lest inn før (rettet av deltakeren); svarene "
              "erstatter de forrige")


def add_capacity(s: argparse._SubParsersAction[Any]) -> None:
    """`capacity workbook` and `capacity import`."""
    make = s.add_parser("workbook", help="lag en arbeidsbok (xlsx) per deltaker til å fylle ut "
                                         "selv")
    make.add_argument("--assessment", required=True, metavar="ID")
    make.add_argument("--participant", nargs="+", metavar="NAVN", default=[],
                      help="deltakerne (standard: de som allerede er registrert)")
    make.add_argument("-o", "--output", required=True, metavar="MAPPE")
    add_format_option(make)
    make.set_defaults(handler=_capacity_workbook)

    read = s.add_parser("import", help="les inn utfylte arbeidsbøker (alt eller ingenting)")
    read.add_argument("files", nargs="+", metavar="FIL")
    read.add_argument("--assessment", metavar="ID",
                      help="bare arbeidsbøker for denne vurderingen")
    read.add_argument("--again", action="store_true", help=AGAIN_HELP)
    read.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)
    add_format_option(read)
    read.set_defaults(handler=_capacity_import)


def _written(paths: list[Path], files: list[Any], fmt: str) -> None:
    emit([{"file": str(p), "respondent": f.respondent} for p, f in zip(paths, files, strict=True)],
         fmt, FILE_COLUMNS)


def _report(report: Any, fmt: str, columns: list[tuple[str, str]]) -> None:
    if fmt == "json":
        emit({"kind": report.kind, "dry_run": report.dry_run, "files": report.files,
              "stored": report.stored, "rows": report.rows}, fmt)
        return
    emit(report.rows, fmt, columns)
    if fmt == "table":
        files = count(len(report.files), "filer")
        if report.dry_run:
            print(f"Prøvekjøring: {len(report.rows)} svar fra {files} ville blitt "
                  "lagret; ingenting er lagret.")
        else:
            print(f"Lagret {len(report.rows)} svar fra {files}.")


def _capacity_workbook(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import workbooks, workbooks_capacity

    files = workbooks_capacity.capacity_workbooks(ctx.db, required_id("assessment", args.assessment),
                                         args.participant)
    _written(workbooks.write_files(files, Path(args.output)), files, args.format)


def _capacity_import(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import workbooks_capacity

    assessment = required_id("assessment", args.assessment) if args.assessment else None
    report = workbooks_capacity.import_capacity(ctx.db, [Path(f) for f in args.files],
                                       dry_run=args.dry_run, assessment_id=assessment,
                                       again=args.again)
    _report(report, args.format, CAPACITY_PREVIEW)


def add_priority(s: argparse._SubParsersAction[Any]) -> None:
    """`priority workbook` and `priority import`."""
    make = s.add_parser("workbook", help="lag en arbeidsbok (xlsx) per deltaker med faktorene "
                                         "og diagrammet viktighet × påvirkning")
    make.add_argument("--session", required=True, metavar="ID")
    make.add_argument("--participant", nargs="+", metavar="NAVN", default=[],
                      help="deltakerne (standard: de som alt har vurdert en faktor)")
    make.add_argument("-o", "--output", required=True, metavar="MAPPE")
    add_format_option(make)
    make.set_defaults(handler=_priority_workbook)

    read = s.add_parser("import", help="les inn utfylte arbeidsbøker (alt eller ingenting)")
    read.add_argument("files", nargs="+", metavar="FIL")
    read.add_argument("--session", metavar="ID", help="bare arbeidsbøker for denne økten")
    read.add_argument("--again", action="store_true", help=AGAIN_HELP)
    read.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)
    add_format_option(read)
    read.set_defaults(handler=_priority_import)


def _priority_workbook(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import workbooks, workbooks_priority

    files = workbooks_priority.priority_workbooks(ctx.db, required_id("session", args.session),
                                                  args.participant)
    _written(workbooks.write_files(files, Path(args.output)), files, args.format)


def _priority_import(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import workbooks_priority

    session = required_id("session", args.session) if args.session else None
    report = workbooks_priority.import_priority(ctx.db, [Path(f) for f in args.files],
                                                dry_run=args.dry_run, session_id=session,
                                                again=args.again)
    _report(report, args.format, PRIORITY_PREVIEW)


def add_feedback(s: argparse._SubParsersAction[Any]) -> None:
    """`feedback workbook`, `feedback import` and `feedback import-forms`."""
    make = s.add_parser("workbook", help="lag en arbeidsbok (xlsx) for tilbakemeldinger etter "
                                         "en samling, én rad per respondent")
    make.add_argument("--gathering", required=True, metavar="ID")
    make.add_argument("--rows", metavar="N", help="antall svarrader (standard 30)")
    make.add_argument("-o", "--output", required=True, metavar="FIL")
    add_format_option(make)
    make.set_defaults(handler=_feedback_workbook)

    read = s.add_parser("import", help="les inn utfylte arbeidsbøker (alt eller ingenting)")
    read.add_argument("files", nargs="+", metavar="FIL")
    read.add_argument("--gathering", metavar="ID", help="bare arbeidsbøker for denne samlingen")
    read.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)
    add_format_option(read)
    read.set_defaults(handler=_feedback_import)

    forms = s.add_parser("import-forms", help="les inn resultatfilen (xlsx) fra Microsoft Forms "
                                              "som tilbakemeldinger på en samling")
    forms.add_argument("file", metavar="FIL")
    forms.add_argument("--gathering", required=True, metavar="ID")
    forms.add_argument("--overall", metavar="SPØRSMÅL",
                       help="spørsmålet om helhetsinntrykk 1–5 (tittelen eller starten av den)")
    forms.add_argument("--usefulness", metavar="SPØRSMÅL", help="spørsmålet om nytte 1–5")
    forms.add_argument("--comment", metavar="SPØRSMÅL", help="spørsmålet med kommentarer")
    forms.add_argument("--municipality-question", metavar="SPØRSMÅL",
                       help="spørsmålet om kommune (nummer eller navn)")
    forms.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)
    add_format_option(forms)
    forms.set_defaults(handler=_feedback_import_forms)


def _feedback_workbook(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.cli.args import opt_int
    from nettverk.services import workbooks_feedback

    rows = opt_int("rows", args.rows)
    made = workbooks_feedback.feedback_workbook(
        ctx.db, required_id("gathering", args.gathering),
        workbooks_feedback.DEFAULT_ROWS if rows is None else rows)
    target = Path(args.output)
    if target.is_dir():
        target = target / made.name
    elif target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    from nettverk.domain.errors import DomainError

    try:
        with target.open("xb") as handle:
            handle.write(made.content)
    except FileExistsError:
        raise DomainError("output", f"{target} finnes allerede; velg et annet filnavn") from None
    except OSError as exc:
        raise DomainError("output", f"kan ikke skrive {target}: {exc.strerror or exc}") from None
    emit([{"file": str(target), "respondent": ""}], args.format, FILE_COLUMNS)


def _feedback_import(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import workbooks_feedback

    gathering = required_id("gathering", args.gathering) if args.gathering else None
    report = workbooks_feedback.import_feedback(ctx.db, [Path(f) for f in args.files],
                                                dry_run=args.dry_run, gathering_id=gathering)
    _report(report, args.format, FEEDBACK_PREVIEW)


def _feedback_import_forms(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import workbooks_feedback

    questions = {role: text for role, text in (
        ("overall", args.overall), ("usefulness", args.usefulness), ("comment", args.comment),
        ("municipality", args.municipality_question)) if text}
    report = workbooks_feedback.import_forms(ctx.db, required_id("gathering", args.gathering),
                                             Path(args.file), dry_run=args.dry_run,
                                             questions=questions)
    if args.format == "json":
        emit(report, "json")
        return
    emit(report.rows, args.format, FEEDBACK_PREVIEW)
    if args.format == "table":
        shown = ", ".join(f"{role} = «{title}»" for role, title in report.mapping.items())
        print(f"Kolonner: {shown}")
        verb = "ville blitt lagret" if report.dry_run else "lagret"
        line = f"{len(report.rows)} nye svar {verb}"
        if report.skipped:
            line += f"; {report.skipped} var allerede lest inn og er hoppet over"
        print(line + (" (prøvekjøring: ingenting er lagret)." if report.dry_run else "."))
