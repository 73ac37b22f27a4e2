"""The partnership agreements' forms: offer, status, edit, and the agreed actions."""

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
    many,
    show_date,
    text,
    yes_no,
)

if TYPE_CHECKING:
    from nettverk.services.agreement_actions import ActionView
    from nettverk.services.database import Database

STATUSES = {"offered": "Tilbudt", "under_consideration": "Til vurdering", "signed": "Signert",
            "ended": "Avsluttet/utløpt", "declined": "Takket nei"}
ACTION_STATUSES = {"planned": "Planlagt", "in_progress": "Pågår", "done": "Utført",
                   "cancelled": "Avlyst"}

NEW_FIELDS = [
    FormField("municipality", "Kommune", kind="reference", reference="municipality", required=True),
    FormField("offered_on", "Tilbudt", kind="date", hint="tom: i dag"),
    FormField("focus_areas", "Innsatsområder", kind="reference", reference="focus_area",
              multiple=True),
    FormField("archive_ref", "Arkivreferanse"),
    FormField("notes", "Merknader"),
    FormField("exempt_from_public", "Unntatt offentlighet", kind="bool"),
]
STATUS_FIELDS = [
    FormField("status", "Ny status", kind="choice", required=True,
              choices=tuple((label, value) for value, label in STATUSES.items())),
    FormField("on", "Dato", kind="date", hint="tom: i dag"),
    FormField("signed_on", "Signert", kind="date"),
    FormField("starts", "Gjelder fra", kind="date"),
    FormField("ends", "Gjelder til", kind="date"),
    FormField("note", "Merknad"),
]
EDIT_FIELDS = [
    FormField("focus_areas", "Innsatsområder", kind="reference", reference="focus_area",
              multiple=True, hint="et område med tiltak kan ikke tas bort"),
    FormField("county_contact", "Kontakt i fylket", kind="reference", reference="person"),
    FormField("municipality_contact", "Kontakt i kommunen", kind="reference", reference="person"),
    FormField("archive_ref", "Arkivreferanse"),
    FormField("starts", "Gjelder fra", kind="date"),
    FormField("ends", "Gjelder til", kind="date"),
    FormField("notes", "Merknader", kind="multiline"),
]
ACTION_FIELDS = [
    FormField("title", "Tiltak", required=True),
    FormField("focus_area", "Innsatsområde", kind="reference", reference="focus_area"),
    FormField("owner", "Ansvarlig"),
    FormField("due", "Frist", kind="date"),
]


def edit_values(a: Any) -> dict[str, str]:
    """An agreement's editable fields as form text."""
    return {"archive_ref": a.archive_ref or "", "starts": show_date(a.starts),
            "ends": show_date(a.ends), "notes": a.notes or "",
            "focus_areas": ", ".join(a.focus_areas),
            "county_contact": str(a.county_contact_id or ""),
            "municipality_contact": str(a.municipality_contact_id or "")}


@declared(lambda db: {"today": EXAMPLE_DAY})
def new_agreement(today: date) -> FormSpec:
    """Offer a municipality an agreement."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreements import add_agreement

        codes = many(values, "focus_areas")
        return add_agreement(
            db.uow(), text(values, "municipality") or "", day(values, "offered_on"),
            archive_ref=text(values, "archive_ref"), focus_areas=codes,
            notes=text(values, "notes"),
            exempt_from_public=yes_no(values, "exempt_from_public"), today=today)

    return FormSpec("Ny partnerskapsavtale", NEW_FIELDS, save)


def _an_agreement(db: Database) -> dict[str, Any]:
    from nettverk.services.agreements import list_agreements

    return {"a": list_agreements(db.uow())[0], "today": EXAMPLE_DAY}


@declared(_an_agreement)
def agreement_status(a: Any, today: date) -> FormSpec:
    """Move an agreement to a new status."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreements import set_status

        return set_status(db.uow(), a.id, values.get("status", ""), day(values, "on"),
                          signed_on=day(values, "signed_on"), starts=day(values, "starts"),
                          ends=day(values, "ends"), note=text(values, "note"), today=today)

    return FormSpec(f"Status for avtalen med {a.display_name}", STATUS_FIELDS, save)


@declared(lambda db: {"a": _an_agreement(db)["a"]})
def edit_agreement(a: Any) -> FormSpec:
    """Edit an agreement (refused if someone else changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreements import update_agreement

        return update_agreement(
            db.uow(), a.id, archive_ref=text(values, "archive_ref"),
            starts=day(values, "starts"), ends=day(values, "ends"),
            notes=text(values, "notes"), expected_version=int(values["_version"]),
            focus_areas=many(values, "focus_areas"),
            county_contact_id=integer(values, "county_contact"),
            municipality_contact_id=integer(values, "municipality_contact"))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.agreements import get_agreement

        fresh = get_agreement(db.uow(), a.id)
        return {**edit_values(fresh), "_version": str(fresh.version)}

    return FormSpec(f"Endre avtalen med {a.display_name}", EDIT_FIELDS, save,
                    {**edit_values(a), "_version": str(a.version)}, reload)


@declared(lambda db: {"agreement_id": _an_agreement(db)["a"].id, "today": EXAMPLE_DAY})
def new_agreement_action(agreement_id: int, today: date) -> FormSpec:
    """Add an agreed action to an agreement; gives back the agreement."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreement_actions import add_action
        from nettverk.services.agreements import get_agreement

        add_action(db.uow(), agreement_id, text(values, "title") or "",
                   focus_area=text(values, "focus_area"), owner=text(values, "owner"),
                   due=day(values, "due"), today=today)
        return get_agreement(db.uow(), agreement_id)

    return FormSpec("Nytt tiltak", ACTION_FIELDS, save)


def action_fields(editing: bool) -> list[FormField]:
    """The action form; editing adds the status and its date."""
    fields = [
        FormField("agreement", "Avtale", kind="reference", reference="agreement", required=True,
                  read_only=editing),
        FormField("title", "Tiltak", required=True),
        FormField("focus_area", "Innsatsområde", kind="reference", reference="focus_area",
                  hint="et av avtalens innsatsområder", narrowed_by="agreement"),
        FormField("owner", "Ansvarlig"),
        FormField("due", "Frist", kind="date"),
    ]
    if editing:
        fields += [
            FormField("status", "Status", kind="choice", required=True,
                      choices=tuple((label, value) for value, label in ACTION_STATUSES.items())),
            FormField("on", "Dato for ny status", kind="date", hint="tom: i dag"),
        ]
    return fields


def action_values(x: ActionView) -> dict[str, str]:
    """An action as form text."""
    return {"agreement": str(x.agreement_id), "title": x.title, "focus_area": x.focus_area or "",
            "owner": x.owner or "", "due": show_date(x.due), "status": x.status, "on": "",
            "_version": str(x.version)}


@declared(lambda db: {"agreement": None, "today": EXAMPLE_DAY})
def new_action(agreement: int | None, today: date) -> FormSpec:
    """Add an action to an agreement chosen in the form (`agreement` first)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreement_actions import add_action

        chosen = text(values, "agreement")
        return add_action(db.uow(), int(chosen) if chosen else 0,
                          text(values, "title") or "", focus_area=text(values, "focus_area"),
                          owner=text(values, "owner"), due=day(values, "due"), today=today)

    initial = {"agreement": str(agreement)} if agreement is not None else {}
    return FormSpec("Nytt tiltak", action_fields(False), save, initial)


def _an_action(db: Database) -> dict[str, Any]:
    from nettverk.services.agreement_actions import list_actions

    return {"x": list_actions(db.uow(), today=EXAMPLE_DAY)[0], "today": EXAMPLE_DAY}


@declared(_an_action)
def edit_action(x: ActionView, today: date) -> FormSpec:
    """Edit an action (refused if someone else changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreement_actions import update_action

        return update_action(
            db.uow(), x.id, expected_version=int(values["_version"]), on=day(values, "on"),
            today=today, title=values.get("title", ""), focus_area=text(values, "focus_area"),
            owner=text(values, "owner"), due=day(values, "due"),
            status=values.get("status") or x.status)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.agreement_actions import list_actions

        fresh = next((a for a in list_actions(db.uow(), agreement_id=x.agreement_id,
                                              today=today) if a.id == x.id), None)
        if fresh is None:
            from nettverk.domain.errors import NotFoundError

            raise NotFoundError("id", "tiltaket er slettet av noen andre")
        return action_values(fresh)

    return FormSpec(f"Endre tiltak: {x.title}", action_fields(True), save,
                    action_values(x), reload)
