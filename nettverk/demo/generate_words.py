"""Norwegian words for the generated data set: fictional names, titles and texts."""

from __future__ import annotations

FIRST_NAMES = (
    "Anne", "Kari", "Ingrid", "Marit", "Siri", "Hilde", "Randi", "Elin", "Ragnhild", "Sunniva",
    "Áile", "Máret", "Biret", "Elle", "Sárá", "Inga", "Ola", "Per", "Tor", "Jon", "Lars", "Knut",
    "Arne", "Espen", "Bjørn", "Øyvind", "Ásllat", "Niillas", "Máhtte", "Jovnna", "Isak", "Hege",
)
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Strand", "Moe", "Lund", "Bakken", "Fjellheim", "Sara", "Eira", "Somby",
    "Hætta", "Gaup", "Utsi", "Bongo", "Nystad", "Øvergård", "Aasen", "Brå", "Kvalvik", "Solli",
)
COUNTY_TITLES = ("Prosjektleder", "Seniorrådgiver", "Rådgiver", "Fagleder plan")
MUNICIPALITY_TITLES = ("Kommunedirektør", "Samfunnsplanlegger", "Plansjef", "Næringssjef",
                       "Rådgiver samfunnsutvikling")
ROLES = ("kontaktperson", "prosjektleder", "planlegger", "politisk kontakt")

GATHERING_THEMES = (
    "Planstrategi og kunnskapsgrunnlag", "Innbyggerdialog og medvirkning",
    "Kommuneplanens samfunnsdel", "Kobling til økonomiplan", "Stedsutvikling",
    "Bolig og tilflytting", "Næringsutvikling og arbeidsplasser", "Frivillighet og tilhørighet",
    "Folkehelse og levekår", "Klima og beredskap", "Statistikk og nøkkeltall",
    "Samarbeid på tvers av kommunegrenser", "Ungdom og unge voksne", "Evaluering og læring",
)
AGENDA = (
    "Velkommen og runde rundt bordet", "Innlegg fra Distriktssenteret",
    "Erfaringsdeling fra kommunene", "Gruppearbeid", "Veien videre og neste samling",
    "Innlegg fra forskningsmiljøet", "Presentasjon av hjemmelekse",
)
MILESTONE_TITLES = (
    "Oppstartsmøte gjennomført", "Prosjektplan vedtatt", "Kunnskapsgrunnlag ferdig",
    "Innbyggermøte holdt", "Planprogram sendt på høring", "Høringsfrist",
    "Politisk behandling", "Planstrategi vedtatt", "Samfunnsdelen vedtatt",
    "Handlingsplan med milepæler", "Rapport til fylkeskommunen", "Kapasitetsdiamanten gjennomført",
    "Sluttrapport levert", "Evalueringsmøte", "Budsjettinnspill levert",
)
FOLLOW_UP_SUMMARIES = (
    "Gjennomgang av framdriften i planarbeidet.",
    "Drøftet kunnskapsgrunnlaget og behovet for statistikk.",
    "Kommunen ønsker hjelp med innbyggerdialogen.",
    "Status for planstrategien før politisk behandling.",
    "Oppfølging etter siste samling; hjemmelekse gjennomgått.",
    "Drøftet ressurser og personell til planarbeidet.",
    "Orientering om partnerskapsavtalen og tiltakene.",
)
NEXT_ACTIONS = (
    "Sende mal for planprogram", "Avtale nytt møte", "Dele statistikk fra SSB",
    "Sette opp innlegg på neste samling", "Følge opp politisk vedtak", "Sende referat",
)
FOCUS_AREAS = (
    ("tilhorighet", "Tilhørighet"), ("trygghet", "Trygghet"), ("tillit", "Tillit"),
    ("tilgang", "Tilgang til utdanning og arbeid"), ("naermiljo", "Gode nærmiljø"),
)
ACTION_TITLES = (
    "Etablere ungdomsråd", "Kartlegge møteplasser", "Innbyggerundersøkelse",
    "Styrke frivilligsentralen", "Plan for trygge skoleveier", "Lærlingordning i kommunen",
    "Universell utforming av sentrum", "Inkluderingsprosjekt for tilflyttere",
)
MONTH_THEMES = (
    "Nyttår og nye mål", "Samisk nasjonaldag og fellesskap", "Frivillighet", "Påske og friluftsliv",
    "Grunnlovsdagen og demokrati", "Sommer og tilhørighet", "Ferie og gjestfrihet",
    "Skolestart og unge", "Eldre og livskvalitet", "Psykisk helse", "Klima og natur",
    "Jul og omsorg",
)
PRIORITY_FACTORS = (
    "Boligtilbud", "Arbeidsplasser", "Kommunikasjon og veg", "Skoletilbud", "Kulturtilbud",
    "Helsetjenester", "Digital infrastruktur", "Omdømme",
)
FEEDBACK_COMMENTS = (
    "Nyttig erfaringsdeling.", "Gode innlegg, litt lite tid til gruppearbeid.",
    "Fint å møtes fysisk.", "Vil gjerne ha mer om statistikk.", "Veldig relevant for oss.",
)

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "á": "a", "č": "c", "đ": "d", "ŋ": "n",
                        "š": "s", "ŧ": "t", "ž": "z", "ä": "a", "ö": "o"})


def email_local(name: str) -> str:
    """A lower-case ASCII e-mail local part from a person's name."""
    return ".".join(name.lower().translate(_ASCII).split())


def slug_part(text: str) -> str:
    """Text as a slug fragment (a–z, 0–9 and hyphens)."""
    cleaned = "".join(c if c.isalnum() else " " for c in text.lower().translate(_ASCII))
    return "-".join(cleaned.split())
