"""Every command: its name, its help line and the module that builds it, in the order of
`nettverk --help`.

So that `nettverk --help` and a command start without importing every command module:
`nettverk.cli.build_parser(only=…)` imports only the module of the command being run.
tests/cli/test_startup_imports.py checks this table against the modules' own `add_parsers`.
"""

from __future__ import annotations

# (command, help line, module under nettverk.cli)
COMMANDS: tuple[tuple[str, str | None, str], ...] = (
    ("init", "opprett eller oppgrader databasen (og last demodata)", "database"),
    ("db", "databaseverktøy", "database"),
    ("user", "brukere og roller i en delt database", "users"),
    ("county", "fylker", "register"),
    ("municipality", "kommuner", "register"),
    ("organisation", "organisasjoner (fylkeskommuner, Distriktssenteret …)", "register"),
    ("person", "kontaktpersoner", "register"),
    ("programme", "program og nettverk", "register"),
    ("participant", "deltakerkommuner i et program", "register"),
    ("round", "utlysninger (søknadsrunder)", "network"),
    ("application", "søknader til et nettverk", "network"),
    ("gathering", "samlinger", "gatherings"),
    ("attendance", "oppmøte og kostnader på samlinger", "gatherings"),
    ("plan", "kommunenes plandokumenter og plantrinn", "plans"),
    ("milestone", "milepæler", "plans"),
    ("followup", "oppfølgingslogg: kontakt med kommunene", "plans"),
    ("status", "det som trenger oppmerksomhet nå", "status"),
    ("agreement", "partnerskapsavtaler (Gode lokalsamfunn for alle)", "agreements"),
    ("focus-area", "innsatsområder i partnerskapsavtalene", "agreements"),
    ("theme", "temakalenderen i Det gode liv i nord", "themes"),
    ("capacity", "kapasitetsdiamanten (egenvurdering av utviklingskapasitet)", "capacity"),
    ("priority", "prioriteringsverktøyet (viktighet × påvirkbarhet)", "priority"),
    ("feedback", "tilbakemeldinger etter samlinger", "evaluation"),
    ("success-factor", "suksessfaktorer per deltaker og år", "evaluation"),
    ("ten-point", "10-punktsmodellen: kommunenes arbeid steg for steg", "ten_point"),
    ("invitation", "invitasjoner til samlinger på e-post (kalenderinvitasjon)", "mail"),
    ("mail", "e-postoppsettet (NETTVERK_SMTP_*)", "mail"),
    ("remind", "send dagens påminnelser om milepæler og oversikten (kjøres daglig)", "mail"),
    ("letter", "brev som DOCX eller PDF: vedtak, utlysning, partnerskapsavtale", "mail"),
    ("export", "eksporter kalender (ICS) eller regneark (xlsx)", "exports"),
    ("report", "PDF-rapporter: status til fylkesrådet, årlig evaluering", "exports"),
    ("import", "importer kommuner eller innbyggertall (alt eller ingenting)", "exports"),
    ("feed", "hemmelige kalenderstrømmer (abonnement) for `serve calendar`", "exports"),
    ("serve", "start en tjener (kalenderstrømmer)", "serve"),
    ("demo", "demonstrasjons- og testdata", "demo"),
    ("audit", "revisjonsloggen: hvem endret hva, og om loggen er urørt", "audit"),
)
