"""The planning work's forms: a plan's stage, the council's constitution, the plan documents."""

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
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

KINDS = {"plan_strategy": "Planstrategi", "community_plan": "Samfunnsdel",
         "land_use_plan": "Arealdel", "action_plan": "Handlingsdel", "financial_plan": "Økonomiplan"}
STAGES = {"not_started": "ikke startet", "start_notified": "varslet oppstart",
          "planning_programme": "planprogram", "consultation": "høring", "adopted": "vedtatt"}
STAGE_FIELDS = [
    FormField("kind", "Plantype", kind="choice", required=True,
              choices=tuple((label, value) for value, label in KINDS.items())),
    FormField("stage", "Stadium", kind="choice", required=True,
              choices=tuple((label, value) for value, label in STAGES.items())),
    FormField("on", "Dato", kind="date", hint="tom: i dag"),
    FormField("period_start", "Periode fra år", kind="int", hint="ved ny plan, f.eks. 2024"),
    FormField("note", "Merknad"),
]
DOCUMENT_FIELDS = [
    FormField("title", "Tittel"),
    FormField("period_start", "Periode fra år", kind="int"),
    FormField("period_end", "Periode til år", kind="int"),
    FormField("archive_ref", "Arkivreferanse", hint="saksnummer, f.eks. 24/00150"),
    FormField("council_constituted_on", "Kommunestyret konstituert", kind="date",
              hint="for planstrategien; tom: 15. oktober i valgåret"),
]
NEW_DOCUMENT_FIELDS = [
    FormField("municipality", "Kommune", kind="reference", reference="municipality", required=True),
    FormField("kind", "Plantype", kind="choice", required=True,
              choices=tuple((label, value) for value, label in KINDS.items())),
    FormField("stage", "Stadium", kind="choice", required=True,
              choices=tuple((label, value) for value, label in STAGES.items())),
    FormField("on", "Dato for stadiet", kind="date", hint="tom: i dag"),
    *DOCUMENT_FIELDS,
]


def _a_matrix_row(db: Database) -> dict[str, Any]:
    from nettverk.services import programmes
    from nettverk.services.plans import plan_matrix

    slug = programmes.list_programmes(db.uow())[0].slug
    return {"matrix": plan_matrix(db.uow(), slug, today=EXAMPLE_DAY).rows[0], "today": EXAMPLE_DAY}


@declared(_a_matrix_row)
def plan_stage(matrix: Any, today: date) -> FormSpec:
    """Record a stage for one of a municipality's plans (a new plan when there is none); `matrix`
    is the municipality's row of the plan matrix."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.plans import add_plan_document, set_stage

        kind = values.get("kind", "")
        cell = matrix.cells.get(kind)
        if cell is not None:
            return set_stage(db.uow(), cell.id, values.get("stage", ""), on=day(values, "on"),
                             note=text(values, "note"), today=today)
        start = text(values, "period_start")
        return add_plan_document(
            db.uow(), matrix.municipality, kind, period_start=int(start) if start else None,
            stage=values.get("stage", ""), on=day(values, "on"), note=text(values, "note"),
            today=today)

    return FormSpec(f"Planarbeid: {matrix.display_name}", STAGE_FIELDS, save,
                    {"kind": "plan_strategy"})


@declared(_a_matrix_row)
def council_constituted(matrix: Any, today: date) -> FormSpec:
    """Record the date a municipality's council was constituted."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.plans import set_council_constituted

        return set_council_constituted(db.uow(), matrix.municipality,
                                       required_day(values, "on"), today=today)

    fields = [FormField("on", "Konstituert", kind="date", required=True,
                        hint="møtet der kommunestyret ble konstituert; uten dato regnes "
                             "15. oktober i valgåret. Planstrategien må vedtas innen ett år")]
    return FormSpec(f"Kommunestyret i {matrix.display_name} konstituert", fields, save)


def document_values(d: Any) -> dict[str, str]:
    """A document's form values, with its version for the conflict check."""
    return {"title": d.title or "", "period_start": str(d.period_start or ""),
            "period_end": str(d.period_end or ""), "archive_ref": d.archive_ref or "",
            "council_constituted_on": show_date(d.council_constituted_on),
            "_version": str(d.version)}


def _document_changes(values: dict[str, str]) -> dict[str, object]:
    return {"title": text(values, "title"), "period_start": integer(values, "period_start"),
            "period_end": integer(values, "period_end"),
            "archive_ref": text(values, "archive_ref"),
            "council_constituted_on": day(values, "council_constituted_on")}


@declared(lambda db: {"municipality": None, "today": EXAMPLE_DAY})
def new_plan_document(municipality: str | None, today: date) -> FormSpec:
    """Register a planning document (for `municipality`, unless another is chosen)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.plans import add_plan_document

        return add_plan_document(
            db.uow(), text(values, "municipality") or "", values.get("kind", ""),
            stage=values.get("stage", ""), on=day(values, "on"), today=today,
            **_document_changes(values))  # type: ignore[arg-type]

    initial = {"kind": "plan_strategy", "stage": "not_started"}
    if municipality:
        initial["municipality"] = municipality
    return FormSpec("Nytt plandokument", NEW_DOCUMENT_FIELDS, save, initial)


def _a_document(db: Database) -> dict[str, Any]:
    from nettverk.services.plans import list_plan_documents

    return {"d": list_plan_documents(db.uow(), today=EXAMPLE_DAY)[0], "today": EXAMPLE_DAY}


@declared(_a_document)
def edit_plan_document(d: Any, today: date) -> FormSpec:
    """Edit a planning document (its stages are recorded with `plan_stage`)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.plans import update_plan_document

        return update_plan_document(db.uow(), d.id, expected_version=int(values["_version"]),
                                    today=today, **_document_changes(values))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.plans import get_plan_document

        return document_values(get_plan_document(db.uow(), d.id, today=today))

    return FormSpec(f"Endre {d.kind_label} for {d.display_name}", DOCUMENT_FIELDS, save,
                    document_values(d), reload)
