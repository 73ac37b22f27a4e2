"""The follow-up log's forms: log a contact, edit it, mark its next action done."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import (
    EXAMPLE_DAY,
    FormField,
    FormSpec,
    day,
    declared,
    required_day,
    show_date,
    text,
    yes_no,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

KINDS = {"meeting": "møte", "call": "telefon", "email": "e-post", "visit": "besøk",
         "gathering": "samling"}


def follow_up_fields(editing: bool) -> list[FormField]:
    """The follow-up form; editing also offers the next action's done date."""
    fields = [
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  required=True),
        FormField("on", "Dato", kind="date", required=True),
        FormField("kind", "Kontakt", kind="choice", required=True,
                  choices=tuple((label, value) for value, label in KINDS.items())),
        FormField("summary", "Referat", required=True),
        FormField("participants", "Deltakere"),
        FormField("next_action", "Neste steg"),
        FormField("next_action_due", "Frist for neste steg", kind="date"),
        FormField("programme", "Program", kind="reference", reference="programme"),
        FormField("exempt_from_public", "Unntatt offentlighet", kind="bool", hint="ja eller nei"),
    ]
    if editing:
        fields.insert(7, FormField("next_action_done_on", "Neste steg utført", kind="date",
                                   hint="tom: ikke utført"))
    return fields


def follow_up_values(f: Any) -> dict[str, str]:
    """A follow-up's form values, with its version for the conflict check."""
    return {
        "municipality": f.municipality, "on": show_date(f.on), "kind": f.kind,
        "summary": f.summary, "participants": f.participants or "",
        "next_action": f.next_action or "", "next_action_due": show_date(f.next_action_due),
        "next_action_done_on": show_date(f.next_action_done_on), "programme": f.programme or "",
        "exempt_from_public": "ja" if f.exempt_from_public else "nei",
        "_version": str(f.version),
    }


def _changes(values: dict[str, str]) -> dict[str, object]:
    return {
        "municipality": text(values, "municipality") or "", "on": required_day(values, "on"),
        "kind": values.get("kind", ""), "summary": text(values, "summary") or "",
        "participants": text(values, "participants"), "next_action": text(values, "next_action"),
        "next_action_due": day(values, "next_action_due"),
        "programme": text(values, "programme"),
        "exempt_from_public": yes_no(values, "exempt_from_public"),
    }


@declared(lambda db: {"like": None, "today": EXAMPLE_DAY})
def new_follow_up(like: Any, today: date) -> FormSpec:
    """Log a contact with a municipality (with `like`'s municipality and programme, if given)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.followups import add_follow_up

        return add_follow_up(db.uow(), today=today, **_changes(values))  # type: ignore[arg-type]

    initial = {"on": show_date(today), "kind": "meeting"}
    if like is not None:
        initial["municipality"] = like.municipality
        initial["programme"] = like.programme or ""
    return FormSpec("Ny oppfølging", follow_up_fields(False), save, initial)


def _a_follow_up(db: Database) -> dict[str, Any]:
    from nettverk.services.followups import list_follow_ups

    return {"f": next(f for f in list_follow_ups(db.uow(), today=EXAMPLE_DAY) if f.next_action),
            "today": EXAMPLE_DAY}


@declared(_a_follow_up)
def edit_follow_up(f: Any, today: date) -> FormSpec:
    """Edit a follow-up (refused if someone changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.followups import update_follow_up

        return update_follow_up(
            db.uow(), f.id, expected_version=int(values["_version"]), today=today,
            next_action_done_on=day(values, "next_action_done_on"),
            **_changes(values))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.followups import get_follow_up

        return follow_up_values(get_follow_up(db.uow(), f.id, today=today))

    return FormSpec(f"Endre oppfølging av {f.display_name} {show_date(f.on)}",
                    follow_up_fields(True), save, follow_up_values(f), reload)


@declared(_a_follow_up)
def next_action_done(f: Any, today: date) -> FormSpec:
    """Mark a follow-up's next action done (today unless another day is typed)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.followups import complete_next_action

        return complete_next_action(db.uow(), f.id, on=day(values, "on"), today=today,
                                    expected_version=f.version)

    fields = [FormField("on", "Utført dato", kind="date", aliases=("next_action",))]
    return FormSpec(f"Neste steg utført: {f.next_action}", fields, save,
                    {"on": show_date(today)})
