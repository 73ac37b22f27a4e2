"""The 10-point model (10-punktsmodellen): each municipality's work through the ten steps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nettverk.domain import rules
from nettverk.domain.errors import DomainError
from nettverk.domain.register import Municipality, Participation
from nettverk.domain.ten_point import (
    TEN_POINT_LABELS,
    TEN_POINT_STATUS_LABELS,
    TenPointStatus,
    TenPointStep,
    TenPointStepKind,
    parse_status,
    parse_step,
    step_number,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_ten_point
from nettverk.services.network_common import display_name, today_or
from nettverk.services.register import find_municipality
from nettverk.services.ten_point_views import TenPointStepView as TenPointStepView


def _view(m: Municipality, kind: TenPointStepKind, x: TenPointStep | None) -> TenPointStepView:
    status = x.status if x is not None else TenPointStatus.not_started
    return TenPointStepView(
        id=x.id if x else None, municipality=m.number,
        display_name=display_name(m.name, m.sami_name), number=step_number(kind),
        step=kind.value, step_label=TEN_POINT_LABELS[kind], status=status.value,
        status_label=TEN_POINT_STATUS_LABELS[status], on=x.on if x else None,
        notes=x.notes if x else None, version=x.version if x else None)


def list_steps(uow: UnitOfWork, municipality: str | None = None,
               programme: str | None = None) -> list[TenPointStepView]:
    """The ten steps of a municipality (or of each participant in a programme), in the
    model's order, «ikke startet» where nothing is recorded; with neither, every recorded
    step of every municipality. Read in plain SQL on the unit of work's connection
    (services.plain_ten_point, what `nettverk ten-point list` runs without SQLAlchemy)."""
    with uow:
        return plain_ten_point.list_steps(uow.plain_reader(), municipality, programme)


def set_step(
    uow: UnitOfWork,
    municipality: str,
    step: str,
    status: str | None = None,
    on: date | None = None,
    notes: str | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> TenPointStepView:
    """Record a municipality's status on a step (dated `on`, default today when the status
    changes) and its notes; what is left out stays (an empty `notes` clears them)."""
    kind = parse_step(step)
    new_status = parse_status(status) if status is not None else None
    today = today_or(today)
    if on is not None and on > today:
        raise DomainError("on", "datoen kan ikke være fram i tid")
    with uow:
        s = uow.session
        m = find_municipality(s, municipality)
        x = s.scalar(select(TenPointStep).where(TenPointStep.municipality_id == m.id,
                                                 TenPointStep.step == kind))
        if x is None:
            if expected_version is not None:
                raise DomainError("version", "steget er ikke registrert ennå")
            x = TenPointStep(municipality=m, step=kind, status=TenPointStatus.not_started)
            s.add(x)
        else:
            x.check_version(expected_version, f"steg {step_number(kind)}")
        if new_status is not None and new_status is not x.status:
            x.status = new_status
            x.on = on or today
        elif on is not None:
            x.on = on
        if notes is not None:
            x.notes = rules.clean_text("notes", notes)
        uow.flush()
        view = _view(m, kind, x)
        uow.commit()
        return view


def ten_point_rows(s: Session, programme_id: int, data_date: date,
                   ) -> dict[str, list[tuple[str, str, date | None, str]]]:
    """For the evaluation report: each participant's recorded steps (number and name, status,
    date, notes) in the model's order, leaving out steps dated after `data_date`."""
    order = list(TenPointStepKind)
    found: dict[str, list[tuple[int, str, str, date | None, str]]] = {}
    for number, step, status, on, notes in s.execute(
        select(Municipality.number, TenPointStep.step, TenPointStep.status, TenPointStep.on,
               TenPointStep.notes)
        .join(Municipality, TenPointStep.municipality_id == Municipality.id)
        .where(TenPointStep.municipality_id.in_(
            select(Participation.municipality_id).where(
                Participation.programme_id == programme_id)))
    ):
        if on is not None and on > data_date:
            continue
        found.setdefault(number, []).append((
            order.index(step), f"{step_number(step)} {TEN_POINT_LABELS[step]}",
            TEN_POINT_STATUS_LABELS[status], on, notes or ""))
    return {number: [row[1:] for row in sorted(rows)] for number, rows in found.items()}
