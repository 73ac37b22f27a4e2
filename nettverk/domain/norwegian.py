"""Numbers and counted nouns as Norwegians write them (the screens, the command line, reports)."""

from __future__ import annotations

from decimal import Decimal

THIN_SPACE = "\u202f"  # between thousands: 52 800


def number(value: float | Decimal | None, decimals: int | None = None, empty: str = "") -> str:
    """A number with a decimal comma and thin spaces between thousands: 52 800, 2,83, 3,4.

    `decimals` fixes the places (1 gives 3,0); without it whole numbers show none and others up
    to two (trailing zeros dropped). None gives `empty`.
    """
    if value is None:
        return empty
    if decimals is None:
        if value == int(value):
            decimals = 0
        else:
            text = f"{value:,.2f}".rstrip("0").rstrip(".")
            return text.replace(",", THIN_SPACE).replace(".", ",")
    return f"{value:,.{decimals}f}".replace(",", THIN_SPACE).replace(".", ",")


def plural(count: int, one: str, many: str) -> str:
    """The count with its noun in the right form: 1 rad, 2 rader, 0 rader."""
    return f"{count} {one if count == 1 else many}"


#: The singular of the plural nouns the lists count in (the plural is how they are named).
SINGULAR = {
    "avtaler": "avtale", "brukere": "bruker", "dager": "dag", "deltakelser": "deltakelse",
    "deltakere": "deltaker", "eksporter": "eksport", "faktorer": "faktor",
    "innsatsområder": "innsatsområde", "kalenderstrømmer": "kalenderstrøm",
    "kommuner": "kommune", "milepæler": "milepæl", "oppfølginger": "oppfølging",
    "organisasjoner": "organisasjon", "personer": "person", "plandokumenter": "plandokument",
    "rader": "rad", "registreringer": "registrering", "saker": "sak", "samlinger": "samling",
    "søknader": "søknad", "temaer": "tema", "tilbakemeldinger": "tilbakemelding",
    "tiltak": "tiltak", "utlysninger": "utlysning", "vurderinger": "vurdering",
    "fylker": "fylke", "oppmøter": "oppmøte", "prioriteringsøkter": "prioriteringsøkt",
    "kapasitetsvurderinger": "kapasitetsvurdering", "suksessfaktorer": "suksessfaktor",
    "avtalte tiltak": "avtalt tiltak", "program": "program",
    "filer": "fil", "kolonner": "kolonne", "kontaktpersoner": "kontaktperson",
    "meldinger": "melding", "oppmøteregistreringer": "oppmøteregistrering",
    "partnerskapsavtaler": "partnerskapsavtale", "punkter": "punkt",
    "sikkerhetskopier": "sikkerhetskopi", "svar": "svar",
    "arbeidsbøker": "arbeidsbok", "oppføringer": "oppføring",
}


def count(value: int, nouns: str) -> str:
    """The count with a plural noun from `SINGULAR` in the right form: 1 kommune, 79 kommuner.

    A phrase not in the table has its first word counted and the rest kept: 1 avtale som har
    valgt det, 2 avtaler som har valgt det.
    """
    one = SINGULAR.get(nouns)
    if one is None:
        head, space, rest = nouns.partition(" ")
        one = SINGULAR.get(head, head) + space + rest
    return plural(value, one, nouns)


def display_name(name: str, sami_name: str | None) -> str:
    """A municipality's Norwegian name with its Sámi parallel name ("Evenes – Evenášši")."""
    return f"{name} – {sami_name}" if sami_name else name
