"""The UN sustainable development goals (FNs bærekraftsmål) with their Norwegian names."""

from __future__ import annotations

#: FN-sambandet's Norwegian names of the 17 goals (fn.no/om-fn/fns-baerekraftsmaal).
SDG_NAMES: dict[int, str] = {
    1: "Utrydde fattigdom",
    2: "Utrydde sult",
    3: "God helse og livskvalitet",
    4: "God utdanning",
    5: "Likestilling mellom kjønnene",
    6: "Rent vann og gode sanitærforhold",
    7: "Ren energi til alle",
    8: "Anstendig arbeid og økonomisk vekst",
    9: "Innovasjon og infrastruktur",
    10: "Mindre ulikhet",
    11: "Bærekraftige byer og lokalsamfunn",
    12: "Ansvarlig forbruk og produksjon",
    13: "Stoppe klimaendringene",
    14: "Livet i havet",
    15: "Livet på land",
    16: "Fred, rettferdighet og velfungerende institusjoner",
    17: "Samarbeid for å nå målene",
}


def goal_label(goal: int) -> str:
    """A goal with its number and Norwegian name, e.g. «2 Utrydde sult»."""
    name = SDG_NAMES.get(goal)
    return f"{goal} {name}" if name else str(goal)
