"""The contact persons' forms: register and edit a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import FormField, FormSpec, declared, text

if TYPE_CHECKING:
    from nettverk.services.database import Database
    from nettverk.services.persons import PersonView


def person_values(p: PersonView) -> dict[str, str]:
    """A person as form text."""
    return {
        "name": p.name, "title": p.title or "", "role": p.role or "", "email": p.email or "",
        "phone": p.phone or "", "organisation": p.organisation or "",
        "municipality": p.municipality or "", "_version": str(p.version),
    }


def person_fields() -> list[FormField]:
    """The person form: name, work title and role, contact details and where the person works."""
    return [
        FormField("name", "Navn", required=True),
        FormField("title", "Tittel", hint="f.eks. Plansjef"),
        FormField("role", "Rolle", hint="f.eks. kontaktperson, prosjektleder, følgeforsker"),
        FormField("email", "E-post", hint="navn@domene.no"),
        FormField("phone", "Telefon"),
        FormField("organisation", "Organisasjon", kind="reference", reference="organisation"),
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  hint="for kontaktpersoner i en kommune"),
    ]


def _changes(values: dict[str, str]) -> dict[str, str | None]:
    return {key: text(values, key) for key in
            ("name", "title", "role", "email", "phone", "organisation", "municipality")}


@declared(lambda db: {})
def new_person() -> FormSpec:
    """Register a person."""

    def save(db: Database, values: dict[str, str]) -> PersonView:
        from nettverk.services import persons

        changes = _changes(values)
        return persons.add_person(db.uow(), name=changes.pop("name") or "", **changes)

    return FormSpec("Ny person", person_fields(), save)


def _a_person(db: Database) -> dict[str, Any]:
    from nettverk.services import persons

    return {"p": persons.list_persons(db.uow())[0]}


@declared(_a_person)
def edit_person(p: PersonView) -> FormSpec:
    """Change a person, refusing a stale version."""
    person_id = p.id

    def save(db: Database, values: dict[str, str]) -> PersonView:
        from nettverk.services import persons

        return persons.update_person(db.uow(), person_id,
                                      expected_version=int(values["_version"]),
                                      **_changes(values))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services import persons

        return person_values(persons.get_person(db.uow(), person_id))

    return FormSpec(f"Endre {p.name}", person_fields(), save, person_values(p),
                    reload)
