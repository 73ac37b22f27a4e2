"""The applications' forms: register, decide (the workflow step), correct the answers."""

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
    yes_no,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

ACTIONS = (("Innkall til samtale", "interview"), ("Ta opp", "accept"), ("Avslå", "reject"),
           ("Trukket av kommunen", "withdraw"))
NEW_FIELDS = [
    FormField("programme", "Program", kind="reference", reference="programme", required=True),
    FormField("municipality", "Kommune", kind="reference", reference="municipality", required=True),
    FormField("received", "Mottatt", kind="date", hint="tom: i dag"),
    FormField("round", "Utlysning", kind="reference", reference="round",
              hint="tom: den siste utlysningen som var åpnet da søknaden kom"),
    FormField("samfunnsdel_year", "Samfunnsdelen fra år", kind="int"),
    FormField("progress_plan", "Framdriftsplan"),
    FormField("has_statistics", "Har statistikk", kind="bool"),
    FormField("personnel", "Personell"),
]
DETAIL_FIELDS = [
    FormField("received", "Mottatt", kind="date", required=True),
    FormField("round", "Utlysning", kind="reference", reference="round",
              hint="søknaden kan ikke være mottatt før utlysningen åpnet"),
    FormField("samfunnsdel_year", "Samfunnsdelen fra år", kind="int"),
    FormField("progress_plan", "Framdriftsplan"),
    FormField("has_statistics", "Har statistikk", kind="bool", hint="ja, nei eller tomt"),
    FormField("personnel", "Personell"),
]
DECISION_FIELDS = [
    FormField("action", "Handling", kind="choice", required=True, choices=ACTIONS),
    FormField("on", "Dato", kind="date", hint="tom: i dag"),
    FormField("reason", "Begrunnelse"),
    FormField("override", "Begrunnelse for overstyring",
              hint="når kommunen tas opp selv om vilkårene ikke er oppfylt"),
]


def detail_values(a: Any) -> dict[str, str]:
    """A pending application's answers as form values, with its version."""
    statistics = {True: "ja", False: "nei", None: ""}[a.has_statistics]
    return {"received": show_date(a.received),
            "samfunnsdel_year": str(a.samfunnsdel_year or ""),
            "progress_plan": a.progress_plan or "", "has_statistics": statistics,
            "personnel": a.personnel or "", "round": str(a.round_id or ""),
            "_version": str(a.version)}


def _statistics(values: dict[str, str]) -> bool | None:
    return yes_no(values, "has_statistics") if text(values, "has_statistics") else None


@declared(lambda db: {"programme": None, "today": EXAMPLE_DAY})
def new_application(programme: str | None, today: date) -> FormSpec:
    """Register an application (to `programme`, unless another is chosen)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.applications import add_application

        return add_application(
            db.uow(), programme=text(values, "programme") or "",
            municipality=text(values, "municipality") or "",
            received=day(values, "received"), samfunnsdel_year=integer(values, "samfunnsdel_year"),
            progress_plan=text(values, "progress_plan"), has_statistics=_statistics(values),
            personnel=text(values, "personnel"), round_id=integer(values, "round"), today=today)

    initial = {"programme": programme} if programme else {}
    return FormSpec("Ny søknad", NEW_FIELDS, save, initial)


def _an_application(db: Database) -> dict[str, Any]:
    from nettverk.services.applications import list_applications

    pending = [a for a in list_applications(db.uow())
               if a.status in ("received", "interview")]
    return {"a": pending[0], "today": EXAMPLE_DAY}


@declared(_an_application)
def decide_application(a: Any, today: date) -> FormSpec:
    """Take an application's next workflow step; overriding eligibility needs a justification."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services import applications

        action, on, reason = values.get("action", ""), day(values, "on"), text(values, "reason")
        common = {"on": on, "expected_version": a.version, "today": today}
        if action == "interview":
            return applications.move_to_interview(db.uow(), a.id, reason=reason, **common)
        if action == "withdraw":
            return applications.withdraw(db.uow(), a.id, reason=reason, **common)
        if action in ("accept", "reject"):
            return applications.decide(db.uow(), a.id, accept=action == "accept",
                                       reason=reason, override=text(values, "override"), **common)
        from nettverk.domain.errors import DomainError

        raise DomainError("action", "velg en handling")

    title = f"Behandle søknad fra {a.display_name}"
    if a.eligibility_notes:
        title += " ⚠ " + " ".join(a.eligibility_notes)
    return FormSpec(title, DECISION_FIELDS, save)


@declared(_an_application)
def edit_application(a: Any, today: date) -> FormSpec:
    """Correct a pending application's answers."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.applications import update_application

        return update_application(
            db.uow(), a.id, expected_version=int(values["_version"]), today=today,
            received=required_day(values, "received"),
            samfunnsdel_year=integer(values, "samfunnsdel_year"),
            progress_plan=text(values, "progress_plan"), has_statistics=_statistics(values),
            personnel=text(values, "personnel"), round_id=integer(values, "round"))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.applications import get_application

        return detail_values(get_application(db.uow(), a.id))

    return FormSpec(f"Endre søknaden fra {a.display_name}", DETAIL_FIELDS, save,
                    detail_values(a), reload)
