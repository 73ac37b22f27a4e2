"""The consensus of a capacity session: all five components in one form, each beside the
participants' own scores."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nettverk.forms.fields import FormField, FormSpec, integer, text

if TYPE_CHECKING:
    from nettverk.services.database import Database

COMPONENTS = {"leadership": "Utviklingsleiing", "competence": "Utviklingskompetanse",
              "culture": "Utviklingskultur", "economy": "Utviklingsøkonomi",
              "time": "Tidsressursar"}


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
