"""The programmes' forms: a programme with its rules, a participant, a participation's status."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import (
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
    from nettverk.services.programmes import ParticipantView, ProgrammeView

KINDS = {"learning_network": "læringsnettverk", "partnership": "partnerskap", "pilot": "pilot"}
#: A participation's status, as the user reads it.
STATUS = {"active": "aktiv", "completed": "fullført", "withdrawn": "trukket"}

RULE_FIELDS = [
    FormField("max_population", "Maks innbyggere", kind="int",
              hint="kommunene må ha færre innbyggere enn dette"),
    FormField("min_per_county", "Minst per fylke", kind="int"),
    FormField("max_per_county", "Maks per fylke", kind="int"),
    FormField("gatherings_per_year_min", "Samlinger per år, minst", kind="int"),
    FormField("gatherings_per_year_max", "Samlinger per år, maks", kind="int"),
    FormField("physical_per_year", "Fysiske samlinger per år", kind="int"),
]
COUNTS = tuple(f.name for f in RULE_FIELDS)
NEW_FIELDS = [
    FormField("slug", "Kortnavn", hint="små bokstaver og bindestrek, f.eks. nettverk-2027",
              required=True),
    FormField("name", "Navn", required=True),
    FormField("kind", "Type", kind="choice", required=True,
              choices=tuple((label, value) for value, label in KINDS.items())),
    FormField("starts", "Starter", kind="date", required=True),
    FormField("ends", "Slutter", kind="date"),
    FormField("owner", "Eier (organisasjon)", kind="reference", reference="organisation"),
    *RULE_FIELDS,
    FormField("description", "Beskrivelse", kind="multiline"),
]
#: The same fields once the programme exists: its short name and type are fixed.
EDIT_FIELDS = [replace(f, hint="tom: ingen eier") if f.name == "owner" else f
               for f in NEW_FIELDS if f.name not in ("slug", "kind")]
STATUS_FIELDS = [
    FormField("status", "Status", kind="choice", required=True,
              choices=tuple((label, value) for value, label in STATUS.items())),
    FormField("ends", "Til", kind="date"),
]


def programme_values(p: ProgrammeView) -> dict[str, str]:
    """A programme as form text (for the edit form)."""
    values = {
        "name": p.name, "starts": show_date(p.starts), "ends": show_date(p.ends),
        "owner": p.owner or "", "description": p.description or "", "_version": str(p.version),
    }
    values.update({key: str(getattr(p, key) if getattr(p, key) is not None else "")
                   for key in COUNTS})
    return values


@declared(lambda db: {})
def new_programme() -> FormSpec:
    """Create a programme, with its rules."""

    def save(db: Database, values: dict[str, str]) -> ProgrammeView:
        from nettverk.services import programmes

        return programmes.add_programme(
            db.uow(), slug=text(values, "slug") or "", name=text(values, "name") or "",
            kind=values.get("kind", ""), starts=required_day(values, "starts"),
            ends=day(values, "ends"), owner=text(values, "owner"),
            description=text(values, "description"),
            **{key: integer(values, key) for key in COUNTS},  # type: ignore[arg-type]
        )

    return FormSpec("Nytt program", NEW_FIELDS, save)


def _a_programme(db: Database) -> dict[str, Any]:
    from nettverk.services import programmes

    return {"p": programmes.list_programmes(db.uow())[0]}


@declared(_a_programme)
def edit_programme(p: ProgrammeView) -> FormSpec:
    """Change a programme: name, period, owner, rules, description (refusing a stale version)."""
    slug = p.slug

    def save(db: Database, values: dict[str, str]) -> ProgrammeView:
        from nettverk.services import programmes

        changes: dict[str, object] = {key: integer(values, key) for key in COUNTS}
        return programmes.update_programme(
            db.uow(), slug, expected_version=int(values["_version"]),
            name=text(values, "name") or "", starts=required_day(values, "starts"),
            ends=day(values, "ends"), owner=text(values, "owner"),
            description=text(values, "description"), **changes,
        )

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services import programmes

        return programme_values(programmes.get_programme(db.uow(), slug))

    return FormSpec(f"Endre program {slug}", EDIT_FIELDS, save, programme_values(p), reload)


@declared(lambda db: {"programme": None})
def new_participant(programme: str | None) -> FormSpec:
    """Enrol a municipality in a programme."""

    def save(db: Database, values: dict[str, str]) -> ParticipantView:
        from nettverk.services import programmes

        return programmes.add_participant(
            db.uow(), programme=values.get("programme", ""),
            municipality=text(values, "municipality") or "", starts=day(values, "starts"),
        )

    fields = [
        FormField("programme", "Program", kind="reference", reference="programme", required=True),
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  required=True),
        FormField("starts", "Fra", kind="date", hint="tom: programmets start"),
    ]
    initial = {"programme": programme} if programme else {}
    return FormSpec("Ny deltaker", fields, save, initial)


def _a_participant(db: Database) -> dict[str, Any]:
    from nettverk.services import programmes

    slug = programmes.list_programmes(db.uow())[0].slug
    return {"p": programmes.list_participants(db.uow(), slug)[0]}


@declared(_a_participant)
def participation_status(p: ParticipantView) -> FormSpec:
    """Change a participation's status (and when it ended)."""

    def save(db: Database, values: dict[str, str]) -> ParticipantView:
        from nettverk.services import programmes

        return programmes.set_participation_status(
            db.uow(), p.programme, p.municipality, values.get("status", ""),
            ends=day(values, "ends"))

    initial = {"status": p.status, "ends": show_date(p.ends)}
    return FormSpec(f"Status for {p.name} i {p.programme}", STATUS_FIELDS, save, initial)
