"""The evaluation's forms: capacity-diamond sessions (header, and the consensus of all five
components in one form, each beside the participants' own scores) and priority-tool sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import (
    FormField,
    FormSpec,
    declared,
    integer,
    required_day,
    show_date,
    text,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

COMPONENTS = {"leadership": "Utviklingsledelse", "competence": "Utviklingskompetanse",
              "culture": "Utviklingskultur", "economy": "Utviklingsøkonomi",
              "time": "Tidsressurser"}


def consensus_fields() -> list[FormField]:
    """A score (1–5) and a justification per component."""
    fields: list[FormField] = []
    for code, label in COMPONENTS.items():
        fields.append(FormField(code, label, kind="int",
                                hint="felles skår 1–5 (5 svært god); tomt: ikke avtalt ennå"))
        fields.append(FormField(f"{code}_justification", "  begrunnelse",
                                hint=f"hvorfor sesjonen ble enige om skåren på {label.lower()}"))
    return fields


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _an_assessment(db: Database) -> dict[str, Any]:
    from nettverk.services.capacity import list_assessments

    return {"a": list_assessments(db.uow())[0]}


@declared(lambda db: {"assessment_id": (a := _an_assessment(db)["a"]).id, "title": "Felles skår",
                      "agreed": dict(a.consensus)})
def consensus_form(assessment_id: int, title: str, agreed: dict[str, int]) -> FormSpec:
    """The form; the participants' scores and the earlier justifications are read after it is
    drawn (in a worker), so it opens at once."""
    initial = {code: str(agreed[code]) if code in agreed else "" for code in COMPONENTS}

    def load(db: Database) -> tuple[dict[str, str], dict[str, str]]:
        from nettverk.services.capacity import get_assessment

        detail = get_assessment(db.uow(), assessment_id)
        values: dict[str, str] = {}
        notes: dict[str, str] = {}
        for c in detail.consensus:
            values[f"{c.component}_justification"] = c.justification or ""
            scores = [f"{x.participant} {x.score}" for x in detail.scores
                      if x.component == c.component]
            if scores:
                mean = f" (snitt {_number(c.individual_mean)})" if c.individual_mean else ""
                notes[c.component] = "deltakerne: " + ", ".join(scores) + mean
            else:
                notes[c.component] = "ingen deltaker har skåret denne"
        return values, notes

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import set_consensus_all

        set_consensus_all(db.uow(), assessment_id, {
            code: (integer(values, code), text(values, f"{code}_justification"))
            for code in COMPONENTS})
        return ("capacity", assessment_id)

    return FormSpec(title, consensus_fields(), save, initial, load=load)


NEW_FIELDS = [
    FormField("municipality", "Kommune", kind="reference", reference="municipality", required=True),
    FormField("held_on", "Dato", kind="date", required=True),
    FormField("programme", "Program", kind="reference", reference="programme", hint="valgfritt"),
    FormField("facilitator", "Prosessleder"),
]
HEADER_FIELDS = [
    FormField("held_on", "Dato", kind="date", required=True),
    FormField("programme", "Program", kind="reference", reference="programme",
              hint="tomt: ikke knyttet til et program"),
    FormField("facilitator", "Prosessleder"),
    FormField("notes", "Notat"),
]
SESSION_FIELDS = [
    FormField("title", "Tittel", required=True),
    FormField("held_on", "Dato", kind="date", required=True),
    FormField("municipality", "Kommune", kind="reference", reference="municipality",
              hint="tomt: ingen bestemt kommune"),
    FormField("programme", "Program", kind="reference", reference="programme", hint="valgfritt"),
]
PLACING_FIELDS = [
    FormField("factor", "Faktor", required=True),
    FormField("importance", "Viktighet", kind="int", required=True, hint="1–5"),
    FormField("influence", "Lokal påvirkning", kind="int", required=True, hint="1–5"),
]


def header_values(a: Any) -> dict[str, str]:
    """A capacity session's header as form text."""
    return {"held_on": show_date(a.held_on), "programme": a.programme or "",
            "facilitator": a.facilitator or "", "notes": a.notes or ""}


def session_values(p: Any) -> dict[str, str]:
    """A priority session's header as form text."""
    return {"title": p.title, "held_on": show_date(p.held_on),
            "municipality": p.municipality or "", "programme": p.programme or ""}


@declared(lambda db: {})
def new_assessment() -> FormSpec:
    """Register a capacity-diamond session."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import add_assessment

        return add_assessment(db.uow(), text(values, "municipality") or "",
                              required_day(values, "held_on"),
                              programme=text(values, "programme"),
                              facilitator=text(values, "facilitator"))

    return FormSpec("Ny kapasitetsvurdering", NEW_FIELDS, save)


@declared(_an_assessment)
def edit_assessment(a: Any) -> FormSpec:
    """Change a capacity session's header (date, programme, facilitator, notes)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.capacity import update_assessment

        # Empty text clears a field: pass it as typed, not as None (= unchanged).
        return update_assessment(
            db.uow(), a.id, expected_version=a.version,
            held_on=required_day(values, "held_on"), programme=values.get("programme", ""),
            facilitator=values.get("facilitator", ""), notes=values.get("notes", ""))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.capacity import get_assessment

        return header_values(get_assessment(db.uow(), a.id).assessment)

    return FormSpec(f"Endre vurdering: {a.display_name}", HEADER_FIELDS, save, header_values(a),
                    reload)


@declared(lambda db: {})
def new_priority_session() -> FormSpec:
    """Register a priority-tool session; gives back its list key."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.priority import add_session

        p = add_session(db.uow(), text(values, "title") or "",
                        required_day(values, "held_on"),
                        municipality=text(values, "municipality"),
                        programme=text(values, "programme"))
        return ("priority", p.id)

    return FormSpec("Ny prioriteringsøkt", SESSION_FIELDS, save)


def _a_session(db: Database) -> dict[str, Any]:
    from nettverk.services.priority import list_sessions

    return {"p": list_sessions(db.uow())[0]}


@declared(_a_session)
def edit_priority_session(p: Any) -> FormSpec:
    """Change a priority session's header; gives back its list key."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.priority import update_session

        update_session(db.uow(), p.id, expected_version=p.version,
                       title=values.get("title", ""), held_on=required_day(values, "held_on"),
                       municipality=values.get("municipality", ""),
                       programme=values.get("programme", ""))
        return ("priority", p.id)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.priority import get_session

        return session_values(get_session(db.uow(), p.id).session)

    return FormSpec(f"Endre økt: {p.title}", SESSION_FIELDS, save, session_values(p), reload)


@declared(lambda db: {"session_id": _a_session(db)["p"].id, "title": "Plassering"})
def placing(session_id: int, title: str) -> FormSpec:
    """Agree a factor's placing in a priority session; gives back the session's list key."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.priority import set_placing

        set_placing(db.uow(), session_id, text(values, "factor") or "",
                    integer(values, "importance") or 0, integer(values, "influence") or 0)
        return ("priority", session_id)

    return FormSpec(title, PLACING_FIELDS, save)
