"""The success factors' forms: register a factor for a participant and year, change one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.domain.errors import DomainError
from nettverk.domain.evaluation import SUCCESS_FACTOR_LABELS
from nettverk.forms.fields import FormField, FormSpec, declared, integer, text, yes_no

if TYPE_CHECKING:
    from nettverk.services.database import Database

FACTORS = tuple((label, factor.value) for factor, label in SUCCESS_FACTOR_LABELS.items())
YES_NO = (("Ja", "yes"), ("Nei", "no"))
EDIT_FIELDS = [
    FormField("in_place", "På plass", kind="choice", required=True, choices=YES_NO),
    FormField("notes", "Merknad", hint="tom: ingen merknad"),
]


def new_fields() -> list[FormField]:
    """The form for a new registration."""
    return [
        FormField("programme", "Program", kind="reference", reference="programme", required=True),
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  required=True),
        FormField("year", "År", kind="int", required=True),
        FormField("factor", "Suksessfaktor", kind="choice", required=True, choices=FACTORS),
        FormField("in_place", "På plass", kind="choice", required=True, choices=YES_NO),
        FormField("notes", "Merknad"),
    ]


def edit_values(x: Any) -> dict[str, str]:
    """A registration as form text."""
    return {"in_place": "yes" if x.in_place else "no", "notes": x.notes or ""}


def _year(values: dict[str, str]) -> int:
    value = integer(values, "year")
    if value is None:
        raise DomainError("year", "må fylles ut (åååå)")
    return value


@declared(lambda db: {"like": None})
def new_success_factor(like: Any) -> FormSpec:
    """Register a factor (with `like`'s participant and year, if given)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.success_factors import set_status

        return set_status(
            db.uow(), values.get("programme", ""), text(values, "municipality") or "",
            _year(values), values.get("factor", ""), yes_no(values, "in_place"),
            notes=text(values, "notes"), create_only=True)

    initial = ({"programme": like.programme, "municipality": like.municipality,
                "year": str(like.year)} if like is not None else {})
    return FormSpec("Ny registrering av suksessfaktor", new_fields(), save, initial)


def _a_factor(db: Database) -> dict[str, Any]:
    from nettverk.services.success_factors import list_status

    return {"x": list_status(db.uow(), None)[0]}


@declared(_a_factor)
def edit_success_factor(x: Any) -> FormSpec:
    """Change whether a factor is in place, and its note."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.success_factors import set_status

        return set_status(db.uow(), x.programme, x.municipality, x.year, x.factor,
                          yes_no(values, "in_place"), notes=values.get("notes", ""),
                          expected_version=x.version)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.success_factors import list_status

        for y in list_status(db.uow(), x.programme, year=x.year, municipality=x.municipality):
            if y.factor == x.factor:
                return edit_values(y)
        raise DomainError("version", "registreringen er slettet av noen andre")

    return FormSpec(f"{x.factor_label}: {x.display_name} {x.year}", EDIT_FIELDS, save,
                    edit_values(x), reload)
