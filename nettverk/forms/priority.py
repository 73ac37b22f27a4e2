"""The priority session's factor forms: add and edit a factor, record a participant's scores.
The session itself is in `nettverk.forms.evaluation`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.domain.errors import DomainError
from nettverk.forms.fields import FormField, FormSpec, declared, integer, text

if TYPE_CHECKING:
    from nettverk.services.database import Database

FACTOR_FIELDS = [
    FormField("name", "Faktor", required=True, hint="emne, faktor eller arbeidsområde"),
    FormField("importance", "Avtalt viktighet", kind="int",
              hint="1–5; tomt i begge: ingen avtalt plassering ennå"),
    FormField("influence", "Avtalt påvirkning", kind="int",
              hint="1–5, hvor mye kan påvirkes lokalt"),
]
SCORE_FIELDS = [
    FormField("participant", "Deltaker", required=True,
              hint="samme navn igjen erstatter deltakerens skår"),
    FormField("importance", "Viktighet", kind="int", required=True, hint="1–5"),
    FormField("influence", "Lokal påvirkning", kind="int", required=True, hint="1–5"),
]


def factor_values(f: Any) -> dict[str, str]:
    """A factor as form text."""
    return {"name": f.name,
            "importance": str(f.agreed_importance) if f.agreed_importance else "",
            "influence": str(f.agreed_influence) if f.agreed_influence else ""}


def _placing(values: dict[str, str]) -> tuple[int | None, int | None]:
    """Both agreed scores, or neither (checked before anything is written)."""
    importance, influence = integer(values, "importance"), integer(values, "influence")
    if importance is None and influence is not None:
        raise DomainError("importance", "må fylles ut når påvirkning er gitt (1–5)")
    if influence is None and importance is not None:
        raise DomainError("influence", "må fylles ut når viktighet er gitt (1–5)")
    return importance, influence


def _required(values: dict[str, str], name: str) -> int:
    value = integer(values, name)
    if value is None:
        raise DomainError(name, "må fylles ut (1–5)")
    return value


def _a_factor(db: Database) -> dict[str, Any]:
    from nettverk.services.priority import get_session, list_sessions

    session_id = next(p.id for p in list_sessions(db.uow()) if p.factors)
    return {"session_id": session_id, "f": get_session(db.uow(), session_id).factors[0]}


@declared(lambda db: {"session_id": _a_factor(db)["session_id"]})
def new_factor(session_id: int) -> FormSpec:
    """Add a factor, with the agreed placing when there is one."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.priority import add_factor

        importance, influence = _placing(values)
        return add_factor(db.uow(), session_id, text(values, "name") or "",
                          agreed_importance=importance, agreed_influence=influence)

    return FormSpec("Ny faktor", FACTOR_FIELDS, save)


@declared(_a_factor)
def edit_factor(session_id: int, f: Any) -> FormSpec:
    """Rename a factor or change (or clear) its agreed placing."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.priority import update_factor

        importance, influence = _placing(values)
        return update_factor(db.uow(), f.id, expected_version=f.version,
                             name=values.get("name", ""), agreed_importance=importance,
                             agreed_influence=influence, clear_placing=importance is None)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.priority import get_session

        d = get_session(db.uow(), session_id)
        return factor_values(next(x for x in d.factors if x.id == f.id))

    return FormSpec(f"Endre faktor: {f.name}", FACTOR_FIELDS, save, factor_values(f), reload)


@declared(_a_factor)
def factor_score(session_id: int, f: Any) -> FormSpec:
    """Record (or replace) one participant's scores of a factor; gives back the factor."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.priority import add_score

        add_score(db.uow(), session_id, f.name, text(values, "participant") or "",
                  _required(values, "importance"), _required(values, "influence"))
        return f

    return FormSpec(f"Deltakers skår: {f.name}", SCORE_FIELDS, save)
