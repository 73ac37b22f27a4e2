"""Register commands: county, municipality, organisation, person, programme, participant."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from nettverk.cli.args import opt_date, opt_id, opt_int, required_id
from nettverk.cli.context import Context
from nettverk.cli.output import DELETED_COLUMNS, ValueLabels, add_format_option, emit
from nettverk.domain.norwegian import count

MUNICIPALITY_COLUMNS = [
    ("number", "Nr"), ("name", "Navn"), ("sami_name", "Samisk navn"), ("county", "Fylke"),
    ("population", "Innbyggere"), ("population_year", "År"), ("org_number", "Org.nr."),
]
PROGRAMME_COLUMNS = [
    ("slug", "Kortnavn"), ("name", "Navn"), ("kind", "Type"), ("starts", "Fra"), ("ends", "Til"),
]
_PROGRAMME_COUNTS = [  # rules given as whole numbers
    "max_population", "min_per_county", "max_per_county", "gatherings_per_year_min",
    "gatherings_per_year_max", "physical_per_year",
]


PARTICIPANT_COLUMNS = [
    ("municipality", "Nr"), ("name", "Kommune"), ("sami_name", "Samisk navn"),
    ("county", "Fylke"), ("population", "Innbyggere"), ("status", "Status"), ("starts", "Fra"),
    ("ends", "Til"), ("contact_person", "Kontaktperson"),
]
ORGANISATION_COLUMNS = [
    ("id", "Id"), ("name", "Navn"), ("short_name", "Kort"), ("kind", "Type"),
    ("org_number", "Org.nr."), ("county", "Fylke"), ("municipality", "Kommune"),
]
ORGANISATION_KINDS = ["county_authority", "municipality", "state_agency", "research", "other"]


def _organisation_labels() -> ValueLabels:
    from nettverk.domain.register_words import ORGANISATION_KIND_LABELS

    return {"kind": ORGANISATION_KIND_LABELS}


def _programme_labels() -> ValueLabels:
    from nettverk.domain.register_words import PROGRAMME_KIND_LABELS

    return {"kind": PROGRAMME_KIND_LABELS}


def _participant_labels() -> ValueLabels:
    from nettverk.domain.register_words import PARTICIPATION_STATUS_LABELS

    return {"status": PARTICIPATION_STATUS_LABELS}


EXPECTED_VERSION_HELP = "avvis endringen hvis noen andre har endret posten etter denne versjonen"
PERSON_COLUMNS = [
    ("id", "Id"), ("name", "Navn"), ("title", "Tittel"), ("email", "E-post"),
    ("phone", "Telefon"), ("organisation", "Organisasjon"), ("municipality", "Kommune"),
]


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the register commands."""
    _county(sub)
    _municipality(sub)
    _organisation(sub)
    _person(sub)
    _programme(sub)
    _participant(sub)


def _county(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("county", help="fylker")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    ls = s.add_parser("list", help="list fylkene")
    add_format_option(ls)
    ls.set_defaults(handler=_county_list)


def _listed(ctx: Context, service: str, name: str, *args: Any, **kwargs: Any) -> Any:
    """The list `name` of services.plain_register read through the plain DB-API path when it
    can be (no SQLAlchemy to import), else the same-named function of the ordinary service
    module `service` (services.register, .organisations, .persons or .programmes) on a unit of
    work, which runs the same SQL on its own connection."""
    reader = ctx.plain_reader()
    if reader is not None:
        from nettverk.services import plain_register

        return getattr(plain_register, name)(reader, *args, **kwargs)
    module = importlib.import_module(f"nettverk.services.{service}")
    return getattr(module, name)(ctx.db.uow(), *args, **kwargs)


def _county_list(ctx: Context, args: argparse.Namespace) -> None:
    emit(_listed(ctx, "register", "list_counties"), args.format, [("number", "Nr"), ("name", "Navn")])


def _municipality(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("municipality", help="kommuner")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")

    ls = s.add_parser("list", help="list kommuner")
    ls.add_argument("--county", metavar="NN", help="bare kommuner i dette fylket")
    ls.add_argument("--search", metavar="TEKST", help="navn eller nummer inneholder teksten")
    add_format_option(ls)
    ls.set_defaults(handler=_municipality_list)

    add = s.add_parser("add", help="registrer en kommune")
    add.add_argument("--number", required=True, metavar="NNNN")
    add.add_argument("--name", required=True)
    add.add_argument("--county", required=True, metavar="NN")
    add.add_argument("--population", required=True, metavar="N")
    add.add_argument("--population-year", metavar="ÅÅÅÅ")
    add.add_argument("--sami-name")
    add.add_argument("--kven-name")
    add.add_argument("--org-number", metavar="NNNNNNNNN")
    add_format_option(add)
    add.set_defaults(handler=_municipality_add)

    show = s.add_parser("show", help="vis én kommune")
    show.add_argument("number", metavar="NUMMER")
    add_format_option(show)
    show.set_defaults(handler=_municipality_show)

    upd = s.add_parser("update", help="endre en kommune")
    upd.add_argument("number", metavar="NUMMER")
    upd.add_argument("--name")
    upd.add_argument("--sami-name")
    upd.add_argument("--kven-name")
    upd.add_argument("--population", metavar="N")
    upd.add_argument("--population-year", metavar="ÅÅÅÅ")
    upd.add_argument("--org-number", metavar="NNNNNNNNN")
    upd.add_argument("--ended-on", metavar="DATO", help="dato kommunen opphørte (sammenslåing)")
    upd.add_argument("--expected-version", metavar="N",
                     help="avvis endringen hvis noen andre har endret kommunen etter denne versjonen")
    add_format_option(upd)
    upd.set_defaults(handler=_municipality_update)


def _municipality_list(ctx: Context, args: argparse.Namespace) -> None:
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_reads)
        from nettverk.services import plain_reads

        rows = plain_reads.list_municipalities(reader, county=args.county, search=args.search)
    else:
        from nettverk.services import register

        rows = register.list_municipalities(ctx.db.uow(), county=args.county,
                                            search=args.search)
    emit(rows, args.format, MUNICIPALITY_COLUMNS)


def _municipality_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import register

    view = register.add_municipality(
        ctx.db.uow(), number=args.number, name=args.name, county=args.county,
        population=opt_int("population", args.population),
        population_year=opt_int("population_year", args.population_year),
        sami_name=args.sami_name, kven_name=args.kven_name, org_number=args.org_number,
    )
    emit(view, args.format, MUNICIPALITY_COLUMNS)


def _municipality_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import register

    emit(register.get_municipality(ctx.db.uow(), args.number), args.format, MUNICIPALITY_COLUMNS)


def _municipality_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import register

    changes: dict[str, object] = {}
    for key in ("name", "sami_name", "kven_name", "org_number"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.population is not None:
        changes["population"] = opt_int("population", args.population)
    if args.population_year is not None:
        changes["population_year"] = opt_int("population_year", args.population_year)
    if args.ended_on is not None:
        changes["ended_on"] = opt_date("ended_on", args.ended_on)
    view = register.update_municipality(
        ctx.db.uow(), args.number,
        expected_version=opt_int("expected_version", args.expected_version), **changes,
    )
    emit(view, args.format, MUNICIPALITY_COLUMNS)


def _organisation(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("organisation", help="organisasjoner (fylkeskommuner, Distriktssenteret …)")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    ls = s.add_parser("list", help="list organisasjoner")
    add_format_option(ls)
    ls.set_defaults(handler=_organisation_list)
    add = s.add_parser("add", help="registrer en organisasjon")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", required=True, choices=ORGANISATION_KINDS)
    add.add_argument("--short-name")
    add.add_argument("--org-number", metavar="NNNNNNNNN")
    add.add_argument("--county", metavar="NN")
    add.add_argument("--municipality", metavar="NNNN")
    add_format_option(add)
    add.set_defaults(handler=_organisation_add)
    show = s.add_parser("show", help="vis én organisasjon")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_organisation_show)
    upd = s.add_parser("update", help="endre en organisasjon (tom tekst fjerner en verdi)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--name")
    upd.add_argument("--kind", choices=ORGANISATION_KINDS)
    upd.add_argument("--short-name")
    upd.add_argument("--org-number", metavar="NNNNNNNNN")
    upd.add_argument("--county", metavar="NN")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--expected-version", metavar="N", help=EXPECTED_VERSION_HELP)
    add_format_option(upd)
    upd.set_defaults(handler=_organisation_update)
    delete = s.add_parser("delete", help="slett en organisasjon som ingenting bruker")
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--expected-version", metavar="N",
                        help="slett bare hvis ingen andre har endret organisasjonen siden versjon N")
    add_format_option(delete)
    delete.set_defaults(handler=_organisation_delete)


def _organisation_list(ctx: Context, args: argparse.Namespace) -> None:
    emit(_listed(ctx, "organisations", "list_organisations"), args.format, ORGANISATION_COLUMNS,
         labels=_organisation_labels())


def _organisation_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import organisations

    view = organisations.add_organisation(
        ctx.db.uow(), name=args.name, kind=args.kind, short_name=args.short_name,
        org_number=args.org_number, county=args.county, municipality=args.municipality,
    )
    emit(view, args.format, ORGANISATION_COLUMNS, labels=_organisation_labels())


def _organisation_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import organisations

    emit(organisations.get_organisation(ctx.db.uow(), required_id("id", args.id)), args.format,
         ORGANISATION_COLUMNS, labels=_organisation_labels())


def _given(args: argparse.Namespace, *keys: str) -> dict[str, str]:
    """The options given on the command line (an empty text clears the value)."""
    return {key: getattr(args, key) for key in keys if getattr(args, key) is not None}


def _organisation_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import organisations

    view = organisations.update_organisation(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        **_given(args, "name", "kind", "short_name", "org_number", "county", "municipality"),
    )
    emit(view, args.format, ORGANISATION_COLUMNS, labels=_organisation_labels())


def _organisation_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import organisations

    emit(organisations.delete_organisation(ctx.db.uow(), required_id("id", args.id),
                                      opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)


def _person(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("person", help="kontaktpersoner")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    ls = s.add_parser("list", help="list kontaktpersoner")
    ls.add_argument("--organisation")
    ls.add_argument("--municipality", metavar="NNNN")
    ls.add_argument("--include-erased", action="store_true",
                    help="ta med slettede (anonymiserte) personer")
    add_format_option(ls)
    ls.set_defaults(handler=_person_list)
    add = s.add_parser("add", help="registrer en kontaktperson")
    add.add_argument("--name", required=True)
    add.add_argument("--title")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--role")
    add.add_argument("--organisation")
    add.add_argument("--municipality", metavar="NNNN")
    add_format_option(add)
    add.set_defaults(handler=_person_add)
    show = s.add_parser("show", help="vis én kontaktperson")
    show.add_argument("id", metavar="ID")
    add_format_option(show)
    show.set_defaults(handler=_person_show)
    upd = s.add_parser("update", help="endre en kontaktperson (tom tekst fjerner en verdi)")
    upd.add_argument("id", metavar="ID")
    upd.add_argument("--name")
    upd.add_argument("--title")
    upd.add_argument("--email")
    upd.add_argument("--phone")
    upd.add_argument("--role")
    upd.add_argument("--organisation", help="organisasjonens navn eller kortnavn")
    upd.add_argument("--municipality", metavar="NNNN")
    upd.add_argument("--expected-version", metavar="N", help=EXPECTED_VERSION_HELP)
    add_format_option(upd)
    upd.set_defaults(handler=_person_update)
    exp = s.add_parser("export", help="alt som er lagret om en person, som JSON (innsyn)")
    exp.add_argument("id", metavar="ID")
    exp.add_argument("-o", "--output", metavar="FIL", default="-", help="fil, eller - for skjerm")
    exp.set_defaults(handler=_person_export)
    erase = s.add_parser("erase", help="anonymiser en person overalt (sletting etter GDPR)")
    erase.add_argument("id", metavar="ID")
    erase.add_argument("--yes", action="store_true", help="bekreft slettingen")
    add_format_option(erase)
    erase.set_defaults(handler=_person_erase)


def _person_list(ctx: Context, args: argparse.Namespace) -> None:
    rows = _listed(ctx, "persons", "list_persons", organisation=args.organisation,
                   municipality=args.municipality, include_erased=args.include_erased)
    columns = [*PERSON_COLUMNS, ("erased_on", "Slettet")] if args.include_erased else PERSON_COLUMNS
    emit(rows, args.format, columns)


def _person_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import persons

    view = persons.add_person(
        ctx.db.uow(), name=args.name, title=args.title, email=args.email, phone=args.phone,
        role=args.role, organisation=args.organisation, municipality=args.municipality,
    )
    emit(view, args.format, PERSON_COLUMNS)


def _person_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import persons

    emit(persons.get_person(ctx.db.uow(), required_id("id", args.id)), args.format,
         [*PERSON_COLUMNS, ("erased_on", "Slettet")])


def _person_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import persons

    view = persons.update_person(
        ctx.db.uow(), required_id("id", args.id),
        expected_version=opt_int("expected_version", args.expected_version),
        **_given(args, "name", "title", "email", "phone", "role", "organisation", "municipality"),
    )
    emit(view, args.format, PERSON_COLUMNS)


def _programme(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("programme", help="program og nettverk")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    ls = s.add_parser("list", help="list programmene")
    add_format_option(ls)
    ls.set_defaults(handler=_programme_list)
    show = s.add_parser("show", help="vis ett program med reglene")
    show.add_argument("slug", metavar="KORTNAVN")
    add_format_option(show)
    show.set_defaults(handler=_programme_show)
    add = s.add_parser("add", help="opprett et program")
    add.add_argument("--slug", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--kind", required=True, choices=["learning_network", "partnership", "pilot"])
    add.add_argument("--starts", required=True, metavar="DATO")
    add.add_argument("--ends", metavar="DATO")
    add.add_argument("--owner", help="eier (organisasjonens navn)")
    add.add_argument("--partner", action="append", default=[], help="partner (kan gjentas)")
    add.add_argument("--description")
    add.add_argument("--max-population", metavar="N")
    add.add_argument("--min-per-county", metavar="N")
    add.add_argument("--max-per-county", metavar="N")
    add.add_argument("--gatherings-per-year-min", metavar="N")
    add.add_argument("--gatherings-per-year-max", metavar="N")
    add.add_argument("--physical-per-year", metavar="N")
    add_format_option(add)
    add.set_defaults(handler=_programme_add)
    upd = s.add_parser("update", help="endre navn, periode, eier, beskrivelse eller regler")
    upd.add_argument("slug", metavar="KORTNAVN")
    upd.add_argument("--name")
    upd.add_argument("--starts", metavar="DATO")
    upd.add_argument("--ends", metavar="DATO", help="tom tekst fjerner sluttdatoen")
    upd.add_argument("--owner", help="eier (organisasjonens navn; tom tekst fjerner eieren)")
    upd.add_argument("--description")
    for option in _PROGRAMME_COUNTS:
        upd.add_argument(f"--{option.replace('_', '-')}", metavar="N",
                         help="tom tekst fjerner regelen")
    upd.add_argument("--expected-version", metavar="N", help=EXPECTED_VERSION_HELP)
    add_format_option(upd)
    upd.set_defaults(handler=_programme_update)


def _programme_list(ctx: Context, args: argparse.Namespace) -> None:
    emit(_listed(ctx, "programmes", "list_programmes"), args.format, PROGRAMME_COLUMNS,
         labels=_programme_labels())


def _programme_show(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import programmes

    emit(programmes.get_programme(ctx.db.uow(), args.slug), args.format, PROGRAMME_COLUMNS,
         labels=_programme_labels())


def _programme_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import programmes

    starts = opt_date("starts", args.starts)
    assert starts is not None
    view = programmes.add_programme(
        ctx.db.uow(), slug=args.slug, name=args.name, kind=args.kind, starts=starts,
        ends=opt_date("ends", args.ends), owner=args.owner, partners=args.partner,
        description=args.description,
        max_population=opt_int("max_population", args.max_population),
        min_per_county=opt_int("min_per_county", args.min_per_county),
        max_per_county=opt_int("max_per_county", args.max_per_county),
        gatherings_per_year_min=opt_int("gatherings_per_year_min", args.gatherings_per_year_min),
        gatherings_per_year_max=opt_int("gatherings_per_year_max", args.gatherings_per_year_max),
        physical_per_year=opt_int("physical_per_year", args.physical_per_year),
    )
    emit(view, args.format, PROGRAMME_COLUMNS, labels=_programme_labels())


def _programme_update(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import programmes

    changes: dict[str, object] = dict(_given(args, "name", "owner", "description"))
    for key in ("starts", "ends"):
        if getattr(args, key) is not None:
            changes[key] = opt_date(key, getattr(args, key)) if getattr(args, key).strip() else None
    for key in _PROGRAMME_COUNTS:
        if getattr(args, key) is not None:
            changes[key] = opt_int(key, getattr(args, key)) if getattr(args, key).strip() else None
    view = programmes.update_programme(
        ctx.db.uow(), args.slug,
        expected_version=opt_int("expected_version", args.expected_version), **changes,
    )
    emit(view, args.format, PROGRAMME_COLUMNS, labels=_programme_labels())


def _participant(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("participant", help="deltakerkommuner i et program")
    s = p.add_subparsers(dest="action", required=True, metavar="HANDLING")
    add = s.add_parser("add", help="legg til en deltakerkommune")
    add.add_argument("--programme", required=True, metavar="KORTNAVN")
    add.add_argument("--municipality", required=True, metavar="NNNN")
    add.add_argument("--from", dest="from_", metavar="DATO")
    add.add_argument("--contact-person", metavar="ID")
    add_format_option(add)
    add.set_defaults(handler=_participant_add)
    ls = s.add_parser("list", help="list deltakerne i et program")
    ls.add_argument("--programme", required=True, metavar="KORTNAVN")
    ls.add_argument("--status", choices=["active", "completed", "withdrawn"])
    add_format_option(ls)
    ls.set_defaults(handler=_participant_list)
    st = s.add_parser("status", help="endre status for en deltaker")
    st.add_argument("--programme", required=True, metavar="KORTNAVN")
    st.add_argument("--municipality", required=True, metavar="NNNN")
    st.add_argument("--status", required=True, choices=["active", "completed", "withdrawn"])
    st.add_argument("--ends", metavar="DATO")
    add_format_option(st)
    st.set_defaults(handler=_participant_status)
    delete = s.add_parser("delete", help="slett en deltakelse registrert ved en feil "
                                         "(bare når ingenting er registrert på den)")
    delete.add_argument("--programme", required=True, metavar="KORTNAVN")
    delete.add_argument("--municipality", required=True, metavar="NNNN")
    delete.add_argument("--expected-version", metavar="N",
                        help="slett bare hvis ingen andre har endret deltakelsen siden versjon N")
    add_format_option(delete)
    delete.set_defaults(handler=_participant_delete)


def _participant_add(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import programmes

    view = programmes.add_participant(
        ctx.db.uow(), programme=args.programme, municipality=args.municipality,
        starts=opt_date("from", args.from_),
        contact_person_id=opt_id("contact_person", args.contact_person),
    )
    emit(view, args.format, PARTICIPANT_COLUMNS, labels=_participant_labels())


def _participant_list(ctx: Context, args: argparse.Namespace) -> None:
    rows = _listed(ctx, "programmes", "list_participants", args.programme, status=args.status)
    emit(rows, args.format, PARTICIPANT_COLUMNS, labels=_participant_labels())


def _participant_status(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import programmes

    view = programmes.set_participation_status(
        ctx.db.uow(), args.programme, args.municipality, args.status,
        ends=opt_date("ends", args.ends),
    )
    emit(view, args.format, PARTICIPANT_COLUMNS, labels=_participant_labels())


def _participant_delete(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.services import programmes

    emit(programmes.delete_participation(ctx.db.uow(), args.programme, args.municipality,
                                       opt_int("expected_version", args.expected_version)),
         args.format, DELETED_COLUMNS)


def _person_export(ctx: Context, args: argparse.Namespace) -> None:
    import json

    from nettverk.services import privacy

    data = privacy.export_person(ctx.db.uow(), opt_id("id", args.id) or 0)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output == "-":
        print(text, end="")
    else:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Skrev {args.output}")


def _person_erase(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.domain.errors import DomainError
    from nettverk.services import privacy

    if not args.yes:
        raise DomainError("yes", "sletting kan ikke angres; bekreft med --yes")
    view = privacy.erase_person(ctx.db.uow(), opt_id("id", args.id) or 0)
    emit(view, args.format)
    import sys

    if not view.storage_rewritten:
        print("nettverk: merk: databasen var i bruk, så gamle kopier av personen kan ligge igjen "
              "i databasefilene til neste opprydding (VACUUM)", file=sys.stderr)
    if view.backups_still_holding:
        held = len(view.backups_still_holding)
        them = "den" if held == 1 else "dem"
        print(f"nettverk: merk: {count(held, 'sikkerhetskopier')} laget før slettingen inneholder "
              f"fortsatt personen; slett {them} eller la {them} utløpe:\n  "
              + "\n  ".join(view.backups_still_holding), file=sys.stderr)
