"""The calls for applications' forms (utlysninger): open and edit a call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import FormField, FormSpec, declared, required_day, show_date, text

if TYPE_CHECKING:
    from nettverk.services.database import Database


def round_fields(editing: bool) -> list[FormField]:
    """The call's form; the programme is fixed once the call exists."""
    return [
        FormField("programme", "Program", kind="reference", reference="programme", required=True,
                  read_only=editing),
        FormField("title", "Tittel", required=True),
        FormField("opens", "Åpner", kind="date", required=True),
        FormField("deadline", "Søknadsfrist", kind="date", required=True),
        FormField("description", "Beskrivelse"),
    ]


def round_values(r: Any) -> dict[str, str]:
    """A call's form values, with its version for the conflict check."""
    return {"programme": r.programme, "title": r.title, "opens": show_date(r.opens),
            "deadline": show_date(r.deadline), "description": r.description or "",
            "_version": str(r.version)}


@declared(lambda db: {"programme": None})
def new_round(programme: str | None) -> FormSpec:
    """Open a call for applications (in `programme`, unless another is chosen)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.applications import add_round

        return add_round(db.uow(), values.get("programme", ""), text(values, "title") or "",
                         required_day(values, "opens"), required_day(values, "deadline"),
                         text(values, "description"))

    initial = {"programme": programme} if programme else {}
    return FormSpec("Ny utlysning", round_fields(False), save, initial)


def _a_round(db: Database) -> dict[str, Any]:
    from nettverk.services.applications import list_rounds

    return {"r": list_rounds(db.uow())[0]}


@declared(_a_round)
def edit_round(r: Any) -> FormSpec:
    """Edit a call (refused if someone changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.applications import update_round

        return update_round(
            db.uow(), r.id, expected_version=int(values["_version"]),
            title=text(values, "title") or "", opens=required_day(values, "opens"),
            deadline=required_day(values, "deadline"),
            description=text(values, "description"))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.applications import get_round

        return round_values(get_round(db.uow(), r.id))

    return FormSpec(f"Endre «{r.title}»", round_fields(True), save, round_values(r),
                    reload)
