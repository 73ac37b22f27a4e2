"""The milestones' forms: add, edit, mark done."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import (
    EXAMPLE_DAY,
    FormField,
    FormSpec,
    day,
    declared,
    integer,
    required_day,
    show_date,
    text,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

FIELDS = [
    FormField("title", "Milepæl", required=True),
    FormField("due", "Frist", kind="date", required=True),
    FormField("programme", "Program", kind="reference", reference="programme"),
    FormField("municipality", "Kommune", kind="reference", reference="municipality"),
    FormField("responsible_id", "Ansvarlig", kind="reference", reference="person",
              aliases=("responsible",)),
]


@declared(lambda db: {"today": EXAMPLE_DAY})
def new_milestone(today: date) -> FormSpec:
    """Add a milestone."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.milestones import add_milestone

        return add_milestone(
            db.uow(), title=text(values, "title") or "", due=required_day(values, "due"),
            programme=text(values, "programme"), municipality=text(values, "municipality"),
            responsible_id=integer(values, "responsible_id"), today=today)

    return FormSpec("Ny milepæl", FIELDS, save)


def _a_milestone(db: Database) -> dict[str, Any]:
    from nettverk.services.milestones import list_milestones

    m = next(m for m in list_milestones(db.uow(), today=EXAMPLE_DAY) if m.id is not None)
    return {"m": m, "today": EXAMPLE_DAY}


@declared(_a_milestone)
def edit_milestone(m: Any, today: date) -> FormSpec:
    """Edit a milestone's title and deadline."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.milestones import update_milestone

        return update_milestone(db.uow(), m.id, title=text(values, "title") or "",
                                due=day(values, "due"), expected_version=m.version, today=today)

    initial = {"title": m.title, "due": show_date(m.due)}
    return FormSpec(f"Endre «{m.title}»", [FIELDS[0], FIELDS[1]], save, initial)


@declared(lambda db: {"milestone_id": 1, "today": EXAMPLE_DAY})
def mark_milestone_done(milestone_id: int, today: date) -> FormSpec:
    """Mark a milestone done (today unless another day is typed)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.milestones import mark_done

        return mark_done(db.uow(), milestone_id, on=day(values, "on"), today=today)

    fields = [FormField("on", "Utført dato", kind="date", aliases=("id",))]
    return FormSpec("Merk som utført", fields, save, {"on": show_date(today)})
