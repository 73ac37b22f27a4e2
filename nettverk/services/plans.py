"""Plan progress: the municipalities' planning documents, their stages and deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import (
    PLAN_KIND_LABELS,
    PLAN_STAGE_LABELS,
    Milestone,
    PlanDocument,
    PlanKind,
    PlanStage,
    PlanStageEvent,
    election_year_for_period,
    is_council_election_year,
)
from nettverk.domain.register import Municipality, Participation, ParticipationStatus
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_plans
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.network_common import display_name, fmt_date, parse_enum, today_or
from nettverk.services.plan_views import PlanDocumentView as PlanDocumentView
from nettverk.services.plan_views import PlanStageEventView as PlanStageEventView
from nettverk.services.plan_views import deadline_of, document_view
from nettverk.services.register import find_municipality, find_programme

# --- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanCell:
    """One document in the plan matrix."""

    id: int
    stage: str
    stage_label: str
    period_start: int | None
    period_end: int | None
    adopted_on: date | None
    deadline: date | None
    deadline_state: str | None


@dataclass(frozen=True)
class PlanMatrixRow:
    """A participating municipality's documents, one cell per plan kind (None: not recorded)."""

    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    county: str
    cells: dict[str, PlanCell | None]


@dataclass(frozen=True)
class PlanMatrixView:
    """Participating municipalities × plan kinds."""

    programme: str
    kinds: list[str]
    kind_labels: dict[str, str]
    rows: list[PlanMatrixRow]


# --- helpers -----------------------------------------------------------------------------


def _view(d: PlanDocument, today: date) -> PlanDocumentView:
    m = d.municipality
    return document_view(
        d.id, m.number, m.name, m.sami_name, m.county.number, d.kind, d.title, d.period_start,
        d.period_end, d.stage, d.adopted_on, d.archive_ref, d.council_constituted_on,
        [PlanStageEventView(e.stage.value, PLAN_STAGE_LABELS[e.stage], e.on, e.note)
         for e in d.stages], d.version, today)


def _load(session: Session, document_id: int) -> PlanDocument:
    d = session.scalar(
        select(PlanDocument)
        .options(joinedload(PlanDocument.municipality).joinedload(Municipality.county),
                 selectinload(PlanDocument.stages))
        .where(PlanDocument.id == document_id)
    )
    if d is None:
        raise NotFoundError("id", f"plandokument {document_id} finnes ikke")
    return d


def _record_stage(d: PlanDocument, stage: PlanStage, on: date, note: str | None,
                  today: date) -> None:
    if on > today:
        raise DomainError("on", "et plantrinn kan ikke dateres fram i tid")
    last = max((e.on for e in d.stages), default=None)
    if last is not None and on < last:
        raise DomainError("on", f"datoen kan ikke være før forrige trinn ({fmt_date(last)})")
    d.stage = stage
    d.adopted_on = on if stage is PlanStage.adopted else None
    d.stages.append(PlanStageEvent(stage=stage, on=on, note=note))


# --- use cases ---------------------------------------------------------------------------


def add_plan_document(
    uow: UnitOfWork,
    municipality: str,
    kind: str,
    period_start: int | None = None,
    period_end: int | None = None,
    title: str | None = None,
    stage: str = "not_started",
    on: date | None = None,
    council_constituted_on: date | None = None,
    archive_ref: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> PlanDocumentView:
    """Register a planning document; a stage other than "not started" is dated `on`."""
    with uow:
        s = uow.session
        today = today_or(today)
        mun = find_municipality(s, municipality)
        kind_value = parse_enum(PlanKind, "kind", kind)
        stage_value = parse_enum(PlanStage, "stage", stage)
        duplicate = s.scalar(select(PlanDocument.id).where(
            PlanDocument.municipality_id == mun.id, PlanDocument.kind == kind_value,
            PlanDocument.period_start == period_start if period_start is not None
            else PlanDocument.period_start.is_(None)))
        if duplicate is not None:
            raise DomainError(
                "kind", f"{display_name(mun.name, mun.sami_name)} har allerede en "
                f"{PLAN_KIND_LABELS[kind_value]} for denne perioden (dokument {duplicate})")
        if council_constituted_on is not None:
            _check_constitution(council_constituted_on)
        d = PlanDocument(
            municipality=mun, kind=kind_value, title=title, period_start=period_start,
            period_end=period_end, stage=PlanStage.not_started,
            council_constituted_on=council_constituted_on, archive_ref=archive_ref,
        )
        d.check()
        if stage_value is not PlanStage.not_started:
            _record_stage(d, stage_value, on or today, note, today)
        s.add(d)
        uow.flush()
        view = _view(d, today)
        uow.commit()
        return view


def set_stage(
    uow: UnitOfWork,
    id: int,
    stage: str,
    on: date | None = None,
    note: str | None = None,
    archive_ref: str | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> PlanDocumentView:
    """Move a document to a stage on a date (adopted sets the adopted date)."""
    with uow:
        today = today_or(today)
        d = _load(uow.session, id)
        d.check_version(expected_version, "plandokumentet")
        stage_value = parse_enum(PlanStage, "stage", stage)
        if stage_value is d.stage:
            raise DomainError("stage", f"dokumentet står allerede på «{PLAN_STAGE_LABELS[d.stage]}»")
        _record_stage(d, stage_value, on or today, note, today)
        if archive_ref is not None:
            d.archive_ref = archive_ref
        uow.flush()
        view = _view(d, today)
        uow.commit()
        return view


_UPDATABLE = {"title", "period_start", "period_end", "archive_ref", "council_constituted_on"}


def update_plan_document(
    uow: UnitOfWork, id: int, expected_version: int | None = None, today: date | None = None,
    **changes: object,
) -> PlanDocumentView:
    """Change a document's title, period, archive reference or council constitution date."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        d = _load(uow.session, id)
        d.check_version(expected_version, "plandokumentet")
        constituted = changes.get("council_constituted_on")
        if isinstance(constituted, date):
            _check_constitution(constituted)
        for key, value in changes.items():
            setattr(d, key, value)
        d.check()
        uow.flush()
        view = _view(d, today_or(today))
        uow.commit()
        return view


def delete_plan_document(uow: UnitOfWork, id: int,
                         expected_version: int | None = None) -> DeletedView:
    """Delete a planning document with its stage history; refused while milestones follow it
    (they would lose what they are about: delete them first)."""
    with uow:
        s = uow.session
        d = _load(s, id)
        count = int(s.scalar(select(func.count(Milestone.id))
                             .where(Milestone.plan_document_id == id)) or 0)
        if count:
            noun = "milepæl" if count == 1 else "milepæler"
            raise DomainError("id", f"Plandokumentet kan ikke slettes: {count} {noun} hører til "
                                    "det; slett dem først (Milepæler)")
        m = d.municipality
        period = (f" {d.period_start}–{d.period_end}" if d.period_start and d.period_end
                  else f" fra {d.period_start}" if d.period_start else "")
        label = f"{PLAN_KIND_LABELS[d.kind]}{period} – {display_name(m.name, m.sami_name)}"
        return remove(uow, d, expected_version, "plandokument", "plandokumentet", label)


def _check_constitution(on: date) -> None:
    if not is_council_election_year(on.year) or on.month < 9:
        raise DomainError(
            "council_constituted_on",
            "kommunestyret konstitueres om høsten i et valgår (2019, 2023, 2027 …)",
        )


def set_council_constituted(
    uow: UnitOfWork, municipality: str, on: date, today: date | None = None
) -> list[PlanDocumentView]:
    """Set the date the municipality's council was constituted (default: 15 October).

    Applies to the municipality's planstrategier made by that council, whose deadline follows.
    """
    _check_constitution(on)
    with uow:
        s = uow.session
        today = today_or(today)
        mun = find_municipality(s, municipality)
        docs = [
            d for d in s.scalars(
                select(PlanDocument)
                .options(joinedload(PlanDocument.municipality).joinedload(Municipality.county),
                         selectinload(PlanDocument.stages))
                .where(PlanDocument.municipality_id == mun.id,
                       PlanDocument.kind == PlanKind.plan_strategy))
            if election_year_for_period(d.period_start, today) == on.year
        ]
        if not docs:
            raise NotFoundError(
                "municipality",
                f"{display_name(mun.name, mun.sami_name)} har ingen planstrategi for "
                f"kommunestyret valgt i {on.year}",
            )
        for d in docs:
            d.council_constituted_on = on
        uow.flush()
        views = [_view(d, today) for d in docs]
        uow.commit()
        return views


def get_plan_document(uow: UnitOfWork, id: int, today: date | None = None) -> PlanDocumentView:
    """One planning document with its history."""
    with uow:
        return _view(_load(uow.session, id), today_or(today))


def list_plan_documents(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    kind: str | None = None,
    overdue: bool = False,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[PlanDocumentView]:
    """Planning documents by municipality, kind and period.

    `programme`: only its participating municipalities; `overdue`: only planstrategier past
    their deadline and not adopted. Read in plain SQL on the unit of work's connection
    (services.plain_plans, what `nettverk plan list` runs without SQLAlchemy).
    """
    with uow:
        return plain_plans.list_plan_documents(uow.plain_reader(), programme, municipality,
                                               kind, overdue, today, limit, offset)


def plan_matrix(uow: UnitOfWork, programme: str, today: date | None = None) -> PlanMatrixView:
    """Participating municipalities × plan kinds: the newest document's stage and deadline."""
    with uow:
        s = uow.session
        today = today_or(today)
        prog = find_programme(s, programme)
        munis = list(s.scalars(
            select(Municipality).options(joinedload(Municipality.county))
            .join(Participation, Participation.municipality_id == Municipality.id)
            .where(Participation.programme_id == prog.id,
                   Participation.status != ParticipationStatus.withdrawn)
            .order_by(Municipality.number)
        ))
        docs = s.scalars(
            select(PlanDocument)
            .where(PlanDocument.municipality_id.in_([m.id for m in munis]))
            .order_by(PlanDocument.id)
        )
        newest: dict[tuple[int, PlanKind], PlanDocument] = {}
        for d in docs:
            key = (d.municipality_id, d.kind)
            held = newest.get(key)
            if held is None or (d.period_start or 0) >= (held.period_start or 0):
                newest[key] = d
        kinds = list(PlanKind)
        rows = []
        for m in munis:
            cells: dict[str, PlanCell | None] = {}
            for k in kinds:
                doc = newest.get((m.id, k))
                if doc is None:
                    cells[k.value] = None
                    continue
                deadline, state = deadline_of(doc.kind, doc.period_start,
                                            doc.council_constituted_on, doc.adopted_on, today)
                cells[k.value] = PlanCell(
                    id=doc.id, stage=doc.stage.value, stage_label=PLAN_STAGE_LABELS[doc.stage],
                    period_start=doc.period_start, period_end=doc.period_end,
                    adopted_on=doc.adopted_on, deadline=deadline,
                    deadline_state=state.value if state else None,
                )
            rows.append(PlanMatrixRow(m.number, m.name, m.sami_name,
                                      display_name(m.name, m.sami_name), m.county.number, cells))
        return PlanMatrixView(prog.slug, [k.value for k in kinds],
                              {k.value: PLAN_KIND_LABELS[k] for k in kinds}, rows)
