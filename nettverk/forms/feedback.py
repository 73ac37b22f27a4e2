"""The feedback form: one respondent's scores after a gathering (new and edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.domain.errors import DomainError
from nettverk.forms.fields import FormField, FormSpec, declared, integer, text

if TYPE_CHECKING:
    from nettverk.services.database import Database


def feedback_fields() -> list[FormField]:
    """The response form (new and edit)."""
    return [
        FormField("gathering", "Samling", kind="reference", reference="gathering", required=True),
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  hint="valgfritt"),
        FormField("respondent", "Respondent", hint="valgfritt"),
        FormField("overall", "Helhetsinntrykk", kind="int", required=True, hint="1–5"),
        FormField("usefulness", "Nytte", kind="int", required=True, hint="1–5"),
        FormField("comment", "Kommentar"),
    ]


def feedback_values(f: Any) -> dict[str, str]:
    """A response as form text."""
    return {"gathering": str(f.gathering_id), "municipality": f.municipality or "",
            "respondent": f.respondent or "", "overall": str(f.overall),
            "usefulness": str(f.usefulness), "comment": f.comment or ""}


def _gathering_id(values: dict[str, str]) -> int:
    value = integer(values, "gathering")
    if value is None:
        raise DomainError("gathering", "må velges")
    return value


def _score(values: dict[str, str], name: str) -> int:
    value = integer(values, name)
    if value is None:
        raise DomainError(name, "må fylles ut (1–5)")
    return value


@declared(lambda db: {"gathering": None})
def new_feedback(gathering: int | None) -> FormSpec:
    """Register a response (after `gathering`, unless another is chosen)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.feedback import add_feedback

        return add_feedback(
            db.uow(), _gathering_id(values), _score(values, "overall"),
            _score(values, "usefulness"), respondent=text(values, "respondent"),
            municipality=text(values, "municipality"), comment=text(values, "comment"))

    initial = {"gathering": str(gathering)} if gathering is not None else {}
    return FormSpec("Ny tilbakemelding", feedback_fields(), save, initial)


def _a_response(db: Database) -> dict[str, Any]:
    from nettverk.services.feedback import list_feedback

    return {"f": list_feedback(db.uow())[0]}


@declared(_a_response)
def edit_feedback(f: Any) -> FormSpec:
    """Correct a response (refused if someone else changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.feedback import update_feedback

        # Empty text clears a field: pass it as typed, not as None (= unchanged).
        return update_feedback(
            db.uow(), f.id, expected_version=f.version, gathering_id=_gathering_id(values),
            overall=_score(values, "overall"), usefulness=_score(values, "usefulness"),
            respondent=values.get("respondent", ""),
            municipality=values.get("municipality", ""), comment=values.get("comment", ""))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.feedback import get_feedback

        return feedback_values(get_feedback(db.uow(), f.id))

    return FormSpec(f"Endre tilbakemelding: {f.gathering}", feedback_fields(), save,
                    feedback_values(f), reload)
