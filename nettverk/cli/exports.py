"""Export, report, import and feed commands: calendars, spreadsheets, PDF reports, imports."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from nettverk.cli.args import opt_date, opt_id, opt_int
from nettverk.cli.context import Context
from nettverk.cli.output import add_format_option, emit

FEED_COLUMNS = [
    ("id", "Id"), ("target", "Gjelder"), ("programme", "Program"), ("municipality", "Kommune"),
    ("name", "Navn"), ("with_themes", "Temaer"), ("token_hint", "Nøkkel"),
    ("created_at", "Opprettet"), ("revoked_at", "Trukket tilbake"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add export, report, import and feed."""
    _export(sub)
    _report(sub)
    _import(sub)
    _feed(sub)


def write_output(target: str, data: bytes, example: str = "rapport.pdf") -> None:
    """Write bytes to a file (atomically: all or nothing) or, for `-`, to stdout; `example`
    is the file name suggested when the target is a folder."""
    if target == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:  # a text stream (tests capture stdout this way)
            sys.stdout.write(data.decode("utf-8"))
        return
    path = Path(target)
    directory = path.parent if str(path.parent) else Path(".")
    _check_target(path, directory, example)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except PermissionError:
        from nettverk.domain.errors import DomainError

        raise DomainError("output", f"du har ikke skrivetilgang til mappen {directory}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_target(path: Path, directory: Path, example: str) -> None:
    """A mistyped output path is bad input (exit 2), refused before anything is written."""
    from nettverk.domain.errors import DomainError

    if path.is_dir():
        raise DomainError("output", f"{path} er en mappe; oppgi et filnavn, f.eks. "
                          f"{path / example}")
    if not directory.is_dir():
        raise DomainError("output", f"mappen {directory} finnes ikke (ingen mappe opprettes)")


def _said(target: str, what: str) -> None:
    if target != "-":
        print(f"{what} skrevet til {target}", file=sys.stderr)


# --- export ----------------------------------------------------------------------------------


def _export(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("export", help="eksporter kalender (ICS) eller regneark (xlsx)")
    s = p.add_subparsers(dest="action", required=True, metavar="FORMAT")
    ics = s.add_parser("ics", help="samlingene som kalenderfil (ICS)")
    ics.add_argument("--programme", metavar="KORTNAVN",
                     help="programmets samlinger (påkrevd uten --municipality)")
    ics.add_argument("--municipality", metavar="NNNN",
                     help="kommunens kalender (alle programmene den deltar i, eller bare --programme)")
    ics.add_argument("--with-themes", action="store_true",
                     help="ta med temakalenderen (Det gode liv) som heldagsoppføringer per måned")
    ics.add_argument("-o", "--output", required=True, metavar="FIL", help="fil, eller - for stdout")
    ics.set_defaults(handler=_export_ics)
    xlsx = s.add_parser("xlsx", help="regneark: deltakere, samlinger, oppmøte, milepæler, "
                        "planstatus, evaluering")
    xlsx.add_argument("--programme", required=True, metavar="KORTNAVN")
    xlsx.add_argument("--date", metavar="DATO", help="dato for status på milepæler og frister "
                      "(standard: i dag)")
    xlsx.add_argument("-o", "--output", required=True, metavar="FIL", help="fil, eller - for stdout")
    xlsx.set_defaults(handler=_export_xlsx)


def _export_ics(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import calendar

    if not args.programme and not args.municipality:
        from nettverk.domain.errors import DomainError

        raise DomainError("programme", "velg et program (--programme) eller en kommune "
                          "(--municipality)")
    data = calendar.export_ics(ctx.db.uow(), programme=args.programme,
                               municipality=args.municipality, with_themes=args.with_themes)
    write_output(args.output, data, "kalender.ics")
    _said(args.output, "Kalenderen er")


def _export_xlsx(ctx: Context, args: argparse.Namespace) -> None:
    data = _plain_xlsx(ctx, args)
    if data is None:
        from nettverk.services import spreadsheets

        data = spreadsheets.export_xlsx(ctx.db.uow(), args.programme,
                                        today=opt_date("date", args.date))
    write_output(args.output, data, "regneark.xlsx")
    _said(args.output, "Regnearket er")


def _plain_xlsx(ctx: Context, args: argparse.Namespace) -> bytes | None:
    """The workbook read with plain SQL, without SQLAlchemy (services.plain_spreadsheets), or
    None when the ordinary path must build it. Errors come in the ordinary path's order: the
    database, the date, the user, the programme."""
    from nettverk.domain.errors import DomainError

    try:
        reader = ctx.plain_reader()
    except DomainError:  # a user without access: a bad date is said first, as ordinarily
        opt_date("date", args.date)
        raise
    if reader is None:
        return None
    from nettverk.exports.tabular import write_xlsx
    from nettverk.services import plain_spreadsheets

    sheets = plain_spreadsheets.programme_sheets(reader, args.programme,
                                                 today=opt_date("date", args.date))
    return None if sheets is None else write_xlsx(sheets)


# --- report ----------------------------------------------------------------------------------


def _report(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("report", help="PDF-rapporter: status til fylkesrådet, årlig evaluering")
    s = p.add_subparsers(dest="action", required=True, metavar="RAPPORT")
    status = s.add_parser("status", help="statusrapport for et program på en dato")
    status.add_argument("--programme", required=True, metavar="KORTNAVN")
    status.add_argument("--date", metavar="DATO", help="status per denne datoen (standard: i dag)")
    status.add_argument("-o", "--output", required=True, metavar="FIL.pdf")
    status.set_defaults(handler=_report_status)
    ev = s.add_parser("evaluation", help="årlig evalueringsrapport")
    ev.add_argument("--programme", required=True, metavar="KORTNAVN")
    ev.add_argument("--year", required=True, metavar="ÅÅÅÅ")
    ev.add_argument("-o", "--output", required=True, metavar="FIL.pdf")
    ev.set_defaults(handler=_report_evaluation)


def _report_status(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import reports

    at = opt_date("date", args.date)
    data = reports.export_status(ctx.db.uow(), args.programme, at=at)
    write_output(args.output, data)
    _said(args.output, "Statusrapporten er")


def _report_evaluation(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import reports

    year = opt_int("year", args.year)
    assert year is not None
    data = reports.export_evaluation(ctx.db.uow(), args.programme, year)
    write_output(args.output, data)
    _said(args.output, "Evalueringsrapporten er")


# --- import ----------------------------------------------------------------------------------


IMPORT_COLUMNS = [("line", "Linje"), ("number", "Nr"), ("name", "Kommune"), ("action", "Endring"),
                  ("changes", "Hva")]


ENCODING_HELP = ("tegnsettet til en CSV- eller JSON-fil som ikke er UTF-8, f.eks. cp1252 "
                 "(standard: UTF-8, med eller uten BOM; noe annet avvises)")


def _import(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("import", help="importer kommuner eller innbyggertall (alt eller ingenting)")
    s = p.add_subparsers(dest="action", required=True, metavar="HVA")
    mun = s.add_parser("municipalities", help="kommuner fra CSV eller xlsx (number, name, "
                       "sami_name, county, population, year)")
    mun.add_argument("file", metavar="FIL")
    mun.add_argument("--dry-run", action="store_true", help="vis hva som ville endres; lagre ingenting")
    mun.add_argument("--encoding", metavar="TEGNSETT", help=ENCODING_HELP)
    add_format_option(mun)
    mun.set_defaults(handler=_import_municipalities)
    pop = s.add_parser("population", help="innbyggertall fra SSB-tabell 07459 (JSON-stat 2.0 "
                       "eller SSBs CSV-nedlasting)")
    pop.add_argument("file", metavar="FIL")
    pop.add_argument("--dry-run", action="store_true", help="vis hva som ville endres; lagre ingenting")
    pop.add_argument("--encoding", metavar="TEGNSETT", help=ENCODING_HELP)
    add_format_option(pop)
    pop.set_defaults(handler=_import_population)


def _print_import(report: Any, fmt: str) -> None:
    if fmt == "json":
        emit(report, fmt)
        return
    emit(report.changes, fmt, IMPORT_COLUMNS)
    if fmt == "table":
        verb = ("Ville lagt til {a}, endret {u}" if report.dry_run else "Lagt til {a}, endret {u}")
        line = verb.format(a=report.added, u=report.updated) + f", uendret {report.unchanged}"
        if report.skipped:
            line += f", hoppet over {report.skipped}"
        line += " (prøvekjøring: ingenting er lagret)." if report.dry_run else "."
        print(line)


def _import_municipalities(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import imports

    report = imports.import_municipalities(ctx.db.uow(), Path(args.file), dry_run=args.dry_run,
                                           encoding=args.encoding)
    _print_import(report, args.format)


def _import_population(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import imports

    report = imports.import_population(ctx.db.uow(), Path(args.file), dry_run=args.dry_run,
                                       encoding=args.encoding)
    _print_import(report, args.format)


# --- feed ------------------------------------------------------------------------------------


def _feed(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("feed", help="hemmelige kalenderstrømmer (abonnement) for `serve calendar`")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    create = s.add_parser("create", help="lag en ny kalenderstrøm og skriv ut adressen")
    target = create.add_mutually_exclusive_group(required=True)
    target.add_argument("--programme", metavar="KORTNAVN")
    target.add_argument("--municipality", metavar="NNNN")
    create.add_argument("--with-themes", action="store_true", help="ta med temakalenderen")
    create.add_argument("--label", help="hvem strømmen er til (for deg selv)")
    create.add_argument("--base-url", metavar="URL",
                        help="adressen serveren nås på (standard: http://127.0.0.1:8765)")
    add_format_option(create)
    create.set_defaults(handler=_feed_create)
    ls = s.add_parser("list", help="list kalenderstrømmene")
    ls.add_argument("--active", action="store_true", help="bare de som ikke er trukket tilbake")
    add_format_option(ls)
    ls.set_defaults(handler=_feed_list)
    rv = s.add_parser("revoke", help="trekk tilbake en kalenderstrøm (adressen slutter å virke)")
    rv.add_argument("id", metavar="ID")
    rv.add_argument("--expected-version", metavar="N",
                    help="trekk tilbake bare hvis ingen andre har endret strømmen siden versjon N")
    add_format_option(rv)
    rv.set_defaults(handler=_feed_revoke)


def _feed_create(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import calendar

    created = calendar.create_feed(
        ctx.db.uow(), programme=args.programme, municipality=args.municipality,
        with_themes=args.with_themes, label=args.label,
    )
    base = args.base_url or f"http://127.0.0.1:{calendar.DEFAULT_PORT}"
    url = calendar.feed_url(base, created.token)
    if args.format == "table":
        print(url)
        print(f"Kalenderstrøm {created.feed.id} for {created.feed.name}. Adressen inneholder en "
              "hemmelig nøkkel og vises bare nå; del den bare med dem som skal abonnere.",
              file=sys.stderr)
        return
    from nettverk.cli.output import plain

    record = plain(created.feed)
    record["url"] = url
    emit(record, args.format, [*FEED_COLUMNS, ("url", "Adresse")])


def _feed_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()  # refuses a user without access, as a unit of work does
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_feeds)
        from nettverk.services import plain_feeds

        rows: Any = plain_feeds.list_feeds(reader, include_revoked=not args.active)
    else:
        from nettverk.services import calendar

        rows = calendar.list_feeds(ctx.db.uow(), include_revoked=not args.active)
    emit(rows, args.format, FEED_COLUMNS)


def _feed_revoke(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import calendar

    feed_id = opt_id("id", args.id)
    assert feed_id is not None
    emit(calendar.revoke_feed(ctx.db.uow(), feed_id,
                              opt_int("expected_version", args.expected_version)),
         args.format, FEED_COLUMNS)

