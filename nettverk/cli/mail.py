"""Correspondence commands: `invitation`, `mail test`, `remind`, `letter`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TypeAlias

from nettverk.cli.args import opt_date, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import add_format_option, emit
from nettverk.domain.norwegian import count

Sub: TypeAlias = "argparse._SubParsersAction[Any]"

RECIPIENT_COLUMNS = [
    ("name", "Navn"), ("email", "E-post"), ("role", "Rolle"), ("municipality_name", "Kommune"),
    ("organisation", "Organisasjon"),
]
OUTCOME_COLUMNS = [("email", "E-post"), ("name", "Navn"), ("status", "Resultat"),
                   ("detail", "Merknad")]
LOG_COLUMNS = [
    ("recipient", "E-post"), ("name", "Navn"), ("municipality", "Nr"), ("sequence", "Sekv."),
    ("method", "Metode"), ("status_label", "Status"), ("sent_at", "Sendt"),
    ("attempts", "Forsøk"), ("reply", "Svar fra tjeneren"),
]
OUTCOME_LABELS = {"sent": "sendt", "failed": "feilet", "skipped": "hoppet over",
                  "written": "skrevet til fil"}


def add_parsers(sub: Sub) -> None:
    """Add the correspondence commands."""
    _invitation(sub)
    _mail(sub)
    _remind(sub)
    _letter(sub)


def _invitation(sub: Sub) -> None:
    p = sub.add_parser("invitation", help="invitasjoner til samlinger på e-post (kalenderinvitasjon)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    rec = s.add_parser("recipients", help="hvem invitasjonen går til (og hvem som mangler e-post)")
    rec.add_argument("--gathering", required=True, metavar="ID")
    add_format_option(rec)
    rec.set_defaults(handler=_recipients)
    send = s.add_parser("send", help="send invitasjonen, endringen eller avlysningen")
    send.add_argument("--gathering", required=True, metavar="ID")
    send.add_argument("--dry-run", metavar="MAPPE",
                      help="skriv meldingene som .eml-filer i mappen i stedet for å sende")
    send.add_argument("--retry", action="store_true", help="send på nytt til dem det feilet for")
    add_format_option(send)
    send.set_defaults(handler=_send)
    ls = s.add_parser("list", help="sendeloggen: hvem som er invitert, når, og status")
    ls.add_argument("--gathering", required=True, metavar="ID")
    add_format_option(ls)
    ls.set_defaults(handler=_list)


def _mail(sub: Sub) -> None:
    p = sub.add_parser("mail", help="e-postoppsettet (NETTVERK_SMTP_*)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    test = s.add_parser("test", help="send en testmelding")
    test.add_argument("--to", required=True, metavar="ADRESSE")
    test.set_defaults(handler=_mail_test)


def _remind(sub: Sub) -> None:
    p = sub.add_parser("remind", help="send dagens påminnelser om milepæler og oversikten "
                       "(kjøres daglig)")
    p.add_argument("--date", metavar="DATO", help="dagen påminnelsene gjelder (standard i dag)")
    p.add_argument("--dry-run", metavar="MAPPE",
                   help="skriv meldingene som .eml-filer i mappen i stedet for å sende")
    add_format_option(p)
    p.set_defaults(handler=_remind_run)


def _remind_run(ctx: Context, args: argparse.Namespace) -> int:
    import os

    from nettverk.services import reminders, smtp

    day = opt_date("date", args.date)
    sender = smtp.sender()
    leader = os.environ.get("NETTVERK_REMIND_TO", "").strip() or None
    if leader is not None:
        from nettverk.domain.rules import check_email

        try:
            check_email(leader)
        except Exception:
            from nettverk.domain.errors import DomainError

            raise DomainError("NETTVERK_REMIND_TO", f"er ikke en gyldig e-postadresse: {leader!r}") \
                from None
    if args.dry_run:
        report = reminders.remind(ctx.db.uow(), sender, leader, dry_run=Path(args.dry_run),
                                  today=day)
    else:
        # Connected on the first message: a day with nothing to remind needs no server.
        transport = smtp.SmtpTransport()
        try:
            report = reminders.remind(ctx.db.uow(), sender, leader, transport=transport, today=day)
        finally:
            transport.close()
    for name in report.without_email:
        print(f"nettverk: advarsel: {name} har ingen e-postadresse og får ingen påminnelse",
              file=sys.stderr)
    return _report(report, args.format)


def warn_missing(without_email: list[Any], without_contact: list[str]) -> None:
    """Print, before anything is sent, who will not get the message."""
    for r in without_email:
        where = r.municipality_name or r.organisation or r.role
        print(f"nettverk: advarsel: {r.name} ({where}) har ingen e-postadresse og får ikke "
              "invitasjonen", file=sys.stderr)
    for name in without_contact:
        print(f"nettverk: advarsel: {name} har ingen kontaktperson og får ikke invitasjonen",
              file=sys.stderr)
    sys.stderr.flush()


def _recipients(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import invitations

    plan = invitations.recipients(ctx.db.uow(), required_id("gathering", args.gathering))
    warn_missing(plan.without_email, plan.without_contact)
    emit(plan.without_email + plan.recipients, args.format, RECIPIENT_COLUMNS)


def _send(ctx: Context, args: argparse.Namespace) -> int:
    from nettverk.services import invitations, smtp

    gathering = required_id("gathering", args.gathering)
    organizer = smtp.sender()
    plan = invitations.recipients(ctx.db.uow(), gathering)
    warn_missing(plan.without_email, plan.without_contact)
    if args.dry_run:
        report = invitations.send_invitations(ctx.db.uow(), gathering, organizer,
                                              dry_run=Path(args.dry_run))
    else:
        with smtp.SmtpTransport() as transport:
            report = invitations.send_invitations(ctx.db.uow(), gathering, organizer,
                                                  transport=transport, retry=args.retry)
    return _report(report, args.format)


def _report(report: Any, fmt: str) -> int:
    rows = [{"email": o.email, "name": o.name, "status": o.status if fmt == "json"
             else OUTCOME_LABELS[o.status], "detail": o.detail} for o in report.outcomes]
    emit(rows, fmt, OUTCOME_COLUMNS)
    if report.aborted:
        print(f"nettverk: feil i «smtp»: {report.aborted}; resten ble ikke sendt", file=sys.stderr)
        return 2
    failed = report.count("failed")
    if failed:
        print(f"nettverk: {count(failed, 'meldinger')} ble avvist av e-posttjeneren; rett opp "
              "og send på nytt med --retry", file=sys.stderr)
        return 2
    if report.files:
        written = len(report.files)
        print(f"nettverk: {count(written, 'meldinger')} skrevet som "
              f"{'.eml-fil' if written == 1 else '.eml-filer'}; ingenting er sendt", file=sys.stderr)
    return 0


def _list(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.domain.errors import DomainError

    # Errors come in the ordinary path's order: the database, the id, the user's access.
    try:
        reader = ctx.plain_reader()
    except DomainError:  # a user without access: a bad id is said first, as ordinarily
        required_id("gathering", args.gathering)
        raise
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_invitations)
        from nettverk.services import plain_invitations

        rows: Any = plain_invitations.list_invitations(
            reader, required_id("gathering", args.gathering))
    else:
        from nettverk.services import invitations

        rows = invitations.list_invitations(ctx.db.uow(),
                                            required_id("gathering", args.gathering))
    emit(rows, args.format, LOG_COLUMNS)


def _mail_test(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import smtp

    where = smtp.test_message(args.to)
    print(f"Testmeldingen er sendt til {args.to} via {where}.")



def _letter(sub: Sub) -> None:
    p = sub.add_parser("letter", help="brev som DOCX eller PDF: vedtak, utlysning, partnerskapsavtale")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("-o", "--output", required=True, metavar="FIL",
                       help="FIL.docx (kan redigeres i Word) eller FIL.pdf")
        q.add_argument("--date", metavar="DATO", help="brevets dato (standard i dag)")
        q.add_argument("--reference", metavar="REF", help="vår referanse (arkivreferanse)")

    d = s.add_parser("decision", help="vedtaksbrev til en søker (innvilget eller ikke)")
    d.add_argument("--application", required=True, metavar="ID")
    common(d)
    d.set_defaults(handler=_letter_decision)
    c = s.add_parser("call", help="invitasjon til å søke (utlysningen med spørsmål og frist)")
    c.add_argument("--round", required=True, metavar="ID")
    c.add_argument("--recipient", metavar="TEKST", help="mottaker (standard «Kommunene»)")
    common(c)
    c.set_defaults(handler=_letter_call)
    a = s.add_parser("agreement", help="partnerskapsavtalen for én kommune")
    a.add_argument("--agreement", required=True, metavar="ID")
    common(a)
    a.set_defaults(handler=_letter_agreement)
    t = s.add_parser("templates", help="vis mappen med brevmalene (lages ved første bruk)")
    t.set_defaults(handler=_letter_templates)


def _write_letter(letter: Any, output: str) -> None:
    from nettverk.services import letters

    path = letters.write(letter, Path(output))
    print(f"Skrev {path}")


def _letter_decision(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import letters

    _check_output(args.output)
    letter = letters.decision_letter(ctx.db.uow(), required_id("application", args.application),
                                     on=opt_date("date", args.date), reference=args.reference)
    _write_letter(letter, args.output)


def _letter_call(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import letters

    _check_output(args.output)
    letter = letters.call_letter(ctx.db.uow(), required_id("round", args.round),
                                 on=opt_date("date", args.date), reference=args.reference,
                                 recipient=args.recipient)
    _write_letter(letter, args.output)


def _letter_agreement(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import letters

    _check_output(args.output)
    letter = letters.agreement_letter(ctx.db.uow(), required_id("agreement", args.agreement),
                                      on=opt_date("date", args.date), reference=args.reference)
    _write_letter(letter, args.output)


def _letter_templates(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import letters

    directory = letters.template_dir()
    print(directory)
    for kind, name in letters.TEMPLATES.items():
        print(f"  {name:<22} {kind}")


def _check_output(output: str) -> None:
    from nettverk.domain.errors import DomainError

    if Path(output).suffix.lower() not in (".docx", ".pdf"):
        raise DomainError("output", "filnavnet må slutte på .docx eller .pdf")
