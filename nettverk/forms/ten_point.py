"""The 10-point model's forms: set a municipality's step, change a step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.domain.ten_point import TEN_POINT_LABELS, TEN_POINT_STATUS_LABELS, step_number
from nettverk.forms.fields import FormField, FormSpec, day, declared, show_date, text

if TYPE_CHECKING:
    from nettverk.services.database import Database

STEPS = tuple((f"{step_number(kind)} {label}", kind.value) for kind, label in
              TEN_POINT_LABELS.items())
STATUSES = tuple((label, status.value) for status, label in TEN_POINT_STATUS_LABELS.items())
EDIT_FIELDS = [
    FormField("status", "Status", kind="choice", required=True, choices=STATUSES),
    FormField("on", "Dato", kind="date", hint="tom: i dag når statusen endres"),
    FormField("notes", "Notater", hint="tom: ingen notater"),
]
NEW_FIELDS = [
    FormField("municipality", "Kommune", kind="reference", reference="municipality",
              required=True),
    FormField("step", "Steg", kind="choice", required=True, choices=STEPS),
    *EDIT_FIELDS,
]


def edit_values(x: Any) -> dict[str, str]:
    """A step as form text."""
    return {"status": x.status, "on": show_date(x.on), "notes": x.notes or ""}


@declared(lambda db: {"municipality": None})
def new_step(municipality: str | None) -> FormSpec:
    """Set a step for a municipality (`municipality`, unless another is chosen)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.ten_point import set_step

        return set_step(db.uow(), text(values, "municipality") or "",
                        values.get("step", ""), values.get("status") or None,
                        on=day(values, "on"), notes=text(values, "notes"))

    initial = {"municipality": municipality} if municipality else {}
    return FormSpec("Nytt steg i 10-punktsmodellen", NEW_FIELDS, save, initial)


def _a_step(db: Database) -> dict[str, Any]:
    from nettverk.services.programmes import list_programmes
    from nettverk.services.ten_point import list_steps

    recorded = list_steps(db.uow())
    return {"x": recorded[0] if recorded else
            list_steps(db.uow(), programme=list_programmes(db.uow())[0].slug)[0]}


@declared(_a_step)
def edit_step(x: Any) -> FormSpec:
    """Change a step's status, date and notes."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.ten_point import set_step

        return set_step(db.uow(), x.municipality, x.step, values.get("status") or None,
                        on=day(values, "on"), notes=values.get("notes", ""),
                        expected_version=x.version)

    return FormSpec(f"{x.number} {x.step_label}: {x.display_name}", EDIT_FIELDS, save,
                    edit_values(x))
