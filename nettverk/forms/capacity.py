"""The capacity session's row forms: its participants (with their scores and reasoning) and its
priorities. The session itself and the consensus are in `nettverk.forms.evaluation`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms.evaluation import COMPONENTS
from nettverk.forms.fields import FormField, FormSpec, declared, integer, text

if TYPE_CHECKING:
    from nettverk.services.database import Database

PARTICIPANT_FIELDS = [
    FormField("name", "Navn", required=True),
    FormField("role", "Rolle", hint="f.eks. plansjef, ordfører (valgfritt)"),
    *(field for code, label in COMPONENTS.items() for field in (
        FormField(code, label, kind="int", hint="1–5 (5 svært god); tomt: ikke skåret"),
        FormField(f"{code}_reasoning", "  begrunnelse",
                  hint=f"hvorfor personen ga denne skåren på {label.lower()} (valgfritt)"))),
]
PRIORITY_FIELDS = [
    FormField("description", "Hva skal styrkes", required=True),
    FormField("component", "Komponent", kind="choice",
              choices=tuple((label, code) for code, label in COMPONENTS.items())),
    FormField("responsible", "Ansvarlig", hint="hvem sørger for at det skjer (valgfritt)"),
]


def participant_values(p: Any) -> dict[str, str]:
    """A participant as form text."""
    return {"name": p.name, "role": p.role or "",
            **{code: str(p.scores[code]) if code in p.scores else "" for code in COMPONENTS},
            **{f"{code}_reasoning": p.reasons.get(code, "") for code in COMPONENTS}}


def priority_values(p: Any) -> dict[str, str]:
    """A priority as form text."""
    return {"description": p.description, "component": p.component or "",
            "responsible": p.responsible or ""}


def _reasons(values: dict[str, str]) -> dict[str, str | None]:
    """The reasoning behind each score as typed; empty clears it."""
    return {code: values.get(f"{code}_reasoning", "") for code in COMPONENTS}


def _scores(values: dict[str, str]) -> dict[str, int | None]:
    """The five scores as typed; empty is None (not scored)."""
    return {code: integer(values, code) for code in COMPONENTS}


def _a_session(db: Database) -> Any:
    from nettverk.services.capacity import get_assessment, list_assessments

    for a in list_assessments(db.uow()):
        detail = get_assessment(db.uow(), a.id)
        if detail.participants and detail.priorities:
            return detail
    raise LookupError("the demo data has no capacity session with participants and priorities")


@declared(lambda db: {"assessment_id": _a_session(db).assessment.id})
def new_capacity_participant(assessment_id: int) -> FormSpec:
    """Add a participant to a capacity session, with the person's scores when they are known."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import add_participant

        scores = {k: v for k, v in _scores(values).items() if v is not None}
        p = add_participant(db.uow(), assessment_id, text(values, "name") or "",
                            text(values, "role"), scores=scores, reasons=_reasons(values))
        return ("participant", p.id)

    return FormSpec("Ny deltaker", PARTICIPANT_FIELDS, save)


@declared(lambda db: {"assessment_id": _a_session(db).assessment.id})
def new_capacity_priority(assessment_id: int) -> FormSpec:
    """Record what a capacity session wants to strengthen."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import add_priority

        p = add_priority(db.uow(), assessment_id, text(values, "description") or "",
                         component=text(values, "component"),
                         responsible=text(values, "responsible"))
        return ("priority", p.id)

    return FormSpec("Ny prioritering", PRIORITY_FIELDS, save)


def _a_participant(db: Database) -> dict[str, Any]:
    d = _a_session(db)
    return {"assessment_id": d.assessment.id, "p": d.participants[0]}


@declared(_a_participant)
def edit_capacity_participant(assessment_id: int, p: Any) -> FormSpec:
    """Correct a participant: name, role, scores and reasoning."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import update_participant

        # Empty text clears the role and removes a score: pass it, not None (= unchanged).
        update_participant(db.uow(), p.id, expected_version=p.version,
                           name=values.get("name", ""), role=values.get("role", ""),
                           scores=_scores(values), reasons=_reasons(values))
        return ("participant", p.id)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.capacity import get_assessment

        d = get_assessment(db.uow(), assessment_id)
        return participant_values(next(x for x in d.participants if x.id == p.id))

    return FormSpec(f"Endre deltaker: {p.name}", PARTICIPANT_FIELDS, save,
                    participant_values(p), reload)


def _a_priority(db: Database) -> dict[str, Any]:
    d = _a_session(db)
    return {"assessment_id": d.assessment.id, "pr": d.priorities[0]}


@declared(_a_priority)
def edit_capacity_priority(assessment_id: int, pr: Any) -> FormSpec:
    """Correct a capacity session's priority."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import update_priority

        update_priority(db.uow(), pr.id, expected_version=pr.version,
                        description=values.get("description", ""),
                        component=values.get("component", ""),
                        responsible=values.get("responsible", ""))
        return ("priority", pr.id)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.capacity import get_assessment

        d = get_assessment(db.uow(), assessment_id)
        return priority_values(next(x for x in d.priorities if x.id == pr.id))

    return FormSpec("Endre prioritering", PRIORITY_FIELDS, save, priority_values(pr), reload)
