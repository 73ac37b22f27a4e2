"""The organisations' forms: register and edit an organisation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from nettverk.domain import rules
from nettverk.forms.fields import FormField, FormSpec, declared, text

if TYPE_CHECKING:
    from nettverk.services.database import Database
    from nettverk.services.organisations import OrganisationView

KINDS = {
    "county_authority": "fylkeskommune", "municipality": "kommune", "state_agency": "statlig",
    "research": "forskning", "other": "annet",
}


def organisation_values(o: OrganisationView) -> dict[str, str]:
    """An organisation as form text."""
    return {
        "name": o.name, "short_name": o.short_name or "", "kind": o.kind,
        "org_number": o.org_number or "", "county": o.county or "",
        "municipality": o.municipality or "", "_version": str(o.version),
    }


def organisation_fields(counties: Sequence[tuple[str, str]]) -> list[FormField]:
    """The organisation form."""
    return [
        FormField("name", "Navn", required=True),
        FormField("short_name", "Kortnavn", hint="f.eks. NFK; navn og kortnavn må være unike"),
        FormField("kind", "Type", kind="choice", required=True,
                  choices=tuple((label, value) for value, label in KINDS.items())),
        FormField("org_number", "Organisasjonsnummer", hint="ni sifre",
                  rule=rules.check_org_number),
        FormField("county", "Fylke", kind="choice",
                  choices=tuple((f"{n} {name}", n) for n, name in counties)),
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  hint="for en kommunal organisasjon"),
    ]


def _changes(values: dict[str, str]) -> dict[str, str | None]:
    return {key: text(values, key) for key in
            ("name", "short_name", "kind", "org_number", "county", "municipality")}


def _counties(db: Database) -> list[tuple[str, str]]:
    from nettverk.services import register

    return [(c.number, c.name) for c in register.list_counties(db.uow())]


@declared(lambda db: {"counties": _counties(db)})
def new_organisation(counties: Sequence[tuple[str, str]]) -> FormSpec:
    """Register an organisation."""

    def save(db: Database, values: dict[str, str]) -> OrganisationView:
        from nettverk.services import organisations

        changes = _changes(values)
        return organisations.add_organisation(db.uow(), name=changes.pop("name") or "",
                                         kind=changes.pop("kind") or "", **changes)

    return FormSpec("Ny organisasjon", organisation_fields(counties), save)


def _an_organisation(db: Database) -> dict[str, Any]:
    from nettverk.services import organisations

    return {"o": organisations.list_organisations(db.uow())[0], "counties": _counties(db)}


@declared(_an_organisation)
def edit_organisation(o: OrganisationView, counties: Sequence[tuple[str, str]]) -> FormSpec:
    """Change an organisation, refusing a stale version."""
    organisation_id = o.id

    def save(db: Database, values: dict[str, str]) -> OrganisationView:
        from nettverk.services import organisations

        return organisations.update_organisation(db.uow(), organisation_id,
                                            expected_version=int(values["_version"]),
                                            **_changes(values))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services import organisations

        return organisation_values(organisations.get_organisation(db.uow(), organisation_id))

    return FormSpec(f"Endre {o.name}", organisation_fields(counties), save,
                    organisation_values(o), reload)
