"""The municipality register's forms: register and edit a municipality."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from nettverk.domain import rules
from nettverk.forms import _examples
from nettverk.forms.fields import (
    FormField,
    FormSpec,
    day,
    declared,
    integer,
    show_date,
    text,
    yes_no,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database
    from nettverk.services.register import MunicipalityView


def municipality_values(m: MunicipalityView) -> dict[str, str]:
    """A municipality as form text."""
    return {
        "number": m.number, "name": m.name, "sami_name": m.sami_name or "",
        "kven_name": m.kven_name or "", "county": m.county, "population": str(m.population or ""),
        "population_year": str(m.population_year or ""), "org_number": m.org_number or "",
        "sami_administrative_area": "ja" if m.sami_administrative_area else "nei",
        "ended_on": show_date(m.ended_on), "_version": str(m.version),
    }


def municipality_fields(counties: Sequence[tuple[str, str]], editing: bool) -> list[FormField]:
    """The municipality form; number and county are fixed once registered."""
    return [
        FormField("number", "Kommunenummer", hint="fire sifre, de to første er fylket",
                  required=True, read_only=editing, rule=rules.check_municipality_number),
        FormField("name", "Navn", required=True),
        FormField("sami_name", "Samisk navn", hint="parallellnavn, f.eks. Evenášši"),
        FormField("kven_name", "Kvensk navn"),
        FormField("county", "Fylke", kind="choice", required=True, read_only=editing,
                  choices=tuple((f"{n} {name}", n) for n, name in counties)),
        FormField("population", "Innbyggere", kind="int", hint="heltall, 0 eller mer"),
        FormField("population_year", "Innbyggertall år", kind="int", hint="f.eks. 2024"),
        FormField("org_number", "Organisasjonsnummer", hint="ni sifre",
                  rule=rules.check_org_number),
        FormField("sami_administrative_area", "Samisk forvaltningsområde", kind="bool",
                  hint="ja eller nei"),
        FormField("ended_on", "Opphørt", kind="date"),
    ]


def _changes(values: dict[str, str]) -> dict[str, object]:
    return {
        "name": text(values, "name") or "", "sami_name": text(values, "sami_name"),
        "kven_name": text(values, "kven_name"), "population": integer(values, "population"),
        "population_year": integer(values, "population_year"),
        "org_number": text(values, "org_number"),
        "sami_administrative_area": yes_no(values, "sami_administrative_area"),
        "ended_on": day(values, "ended_on"),
    }


@declared(lambda db: {"counties": _examples.counties(db)})
def new_municipality(counties: Sequence[tuple[str, str]]) -> FormSpec:
    """Register a municipality."""

    def save(db: Database, values: dict[str, str]) -> MunicipalityView:
        from nettverk.services import register

        return register.add_municipality(
            db.uow(), number=values.get("number", ""), county=values.get("county", ""),
            **_changes(values),  # type: ignore[arg-type]
        )

    return FormSpec("Ny kommune", municipality_fields(counties, editing=False), save)


def _a_municipality(db: Database) -> dict[str, Any]:
    from nettverk.services import register

    return {"m": register.list_municipalities(db.uow())[0], "counties": _examples.counties(db)}


@declared(_a_municipality)
def edit_municipality(m: MunicipalityView, counties: Sequence[tuple[str, str]]) -> FormSpec:
    """Change a municipality, refusing a stale version."""
    number = m.number

    def save(db: Database, values: dict[str, str]) -> MunicipalityView:
        from nettverk.services import register

        return register.update_municipality(
            db.uow(), values["number"], expected_version=int(values["_version"]),
            **_changes(values),
        )

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services import register

        return municipality_values(register.get_municipality(db.uow(), number))

    return FormSpec(f"Endre {m.display_name}", municipality_fields(counties, editing=True), save,
                    municipality_values(m), reload)
