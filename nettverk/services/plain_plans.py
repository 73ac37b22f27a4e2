"""The plan documents' list in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk plan list` runs it on a bare connection,
and services.plans (the TUI's Plandokumenter) on the unit of work's own
(`UnitOfWork.plain_reader`). The rows become views in services.plan_views.
tests/cli/test_plain_plans.py compares every option and format of the command on both paths
on both databases; tests/integration/test_plan_document_list_rows.py checks the views against
the ORM objects'.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nettverk.domain.network_rules import (
    PLAN_STAGE_LABELS,
    DeadlineState,
    PlanKind,
    PlanStage,
)
from nettverk.domain.register_words import ParticipationStatus
from nettverk.persistence.plain import PlainReader
from nettverk.services.network_common import parse_enum, today_or
from nettverk.services.plain_lookups import municipality_id, programme_id
from nettverk.services.plan_views import PlanDocumentView, PlanStageEventView, document_view


def list_plan_documents(reader: PlainReader, programme: str | None = None,
                        municipality: str | None = None, kind: str | None = None,
                        overdue: bool = False, today: date | None = None,
                        limit: int | None = None, offset: int = 0) -> list[PlanDocumentView]:
    """Planning documents by municipality, kind and period. `programme`: only its
    participating municipalities; `overdue`: only planstrategier past their deadline and not
    adopted. Refuses an unknown programme, municipality or kind, in that order."""
    today = today_or(today)
    conditions: list[str] = []
    params: list[Any] = []
    if programme:
        conditions.append("d.municipality_id IN (SELECT pa.municipality_id FROM participation "
                          "pa WHERE pa.programme_id = ? AND pa.status != ?)")
        params += [programme_id(reader, programme), ParticipationStatus.withdrawn.value]
    if municipality:
        conditions.append("d.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    if kind:
        conditions.append("d.kind = ?")
        params.append(parse_enum(PlanKind, "kind", kind).value)
    if overdue:
        conditions.append("d.kind = ? AND d.adopted_on IS NULL")
        params.append(PlanKind.plan_strategy.value)
    page, page_params = reader.page(None, 0) if overdue else reader.page(limit, offset)
    # Columns, not objects with their municipality, county and stages loaded: the TUI's
    # Plandokumenter reads every document (2,500 at national scale, 10,000 stages).
    listed = ("FROM plan_document d JOIN municipality mu ON mu.id = d.municipality_id "
              "JOIN county c ON c.id = mu.county_id"
              + (" WHERE " + " AND ".join(conditions) if conditions else "")
              + " ORDER BY mu.number, d.kind, d.period_start, d.id" + page)
    found = reader.rows(
        "SELECT d.id, mu.number, mu.name, mu.sami_name, c.number, d.kind, d.title, "
        "d.period_start, d.period_end, d.stage, d.adopted_on, d.archive_ref, "
        "d.council_constituted_on, d.version " + listed, (*params, *page_params))
    stages: dict[int, list[PlanStageEventView]] = {}
    if found:
        labels = {stage.value: (stage.value, PLAN_STAGE_LABELS[stage]) for stage in PlanStage}
        for document_id, stage, on, note in reader.rows(
                "SELECT e.plan_document_id, e.stage, e.\"on\", e.note FROM plan_stage_event e "
                f"WHERE e.plan_document_id IN (SELECT d.id {listed}) ORDER BY e.\"on\", e.id",
                (*params, *page_params)):
            stages.setdefault(document_id, []).append(
                PlanStageEventView(*labels[stage], reader.day(on), note))
    views = [document_view(id, number, name, sami_name, county, PlanKind(kind), title, start,
                           end, PlanStage(stage), reader.as_date(adopted_on), archive_ref,
                           reader.as_date(constituted), stages.get(id, []), version, today)
             for (id, number, name, sami_name, county, kind, title, start, end, stage,
                  adopted_on, archive_ref, constituted, version) in found]
    if overdue:
        views = [v for v in views if v.deadline_state == DeadlineState.overdue.value]
        views = views[offset:offset + limit if limit is not None else None]
    return views
