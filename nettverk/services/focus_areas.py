"""The focus areas (innsatsområder) of a partnership programme: list, add, change and delete
them; agreements choose among them and actions belong to them (services.agreements,
services.agreement_actions)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nettverk.domain.agreements import AgreementAction, AgreementFocusArea, FocusArea
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.register import Programme
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_agreements
from nettverk.services.agreement_views import PROGRAMME
from nettverk.services.agreement_views import FocusAreaView as FocusAreaView
from nettverk.services.deletion import DeletedView, refuse_if_used, remove
from nettverk.services.register import find_programme


def _find_focus_area(session: Session, programme: Programme, code: str,
                     field: str = "focus_area") -> FocusArea:
    fa = session.scalar(select(FocusArea).where(
        FocusArea.programme_id == programme.id, FocusArea.code == (code or "").strip().lower()))
    if fa is None:
        raise NotFoundError(field, f"innsatsområdet {code!r} finnes ikke i {programme.slug}")
    return fa


def _focus_area_view(session: Session, fa: FocusArea, programme: str) -> FocusAreaView:
    agreements = session.scalar(select(func.count()).where(
        AgreementFocusArea.focus_area_id == fa.id)) or 0
    actions = session.scalar(select(func.count()).where(
        AgreementAction.focus_area_id == fa.id)) or 0
    return FocusAreaView(fa.id, programme, fa.code, fa.name, fa.description, agreements, actions,
                         fa.version)


def list_focus_areas(uow: UnitOfWork, programme: str = PROGRAMME) -> list[FocusAreaView]:
    """The programme's focus areas, in the order they were added, with how much uses them.
    Read in plain SQL on the unit of work's connection (services.plain_agreements, what
    `nettverk focus-area list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_focus_areas(uow.plain_reader(), programme)


def add_focus_area(
    uow: UnitOfWork, code: str, name: str, description: str | None = None,
    programme: str = PROGRAMME,
) -> FocusAreaView:
    """Add a focus area to a programme; codes are unique within it."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        fa = FocusArea(programme=prog, code=code, name=name, description=description)
        if s.scalar(select(FocusArea.id).where(
                FocusArea.programme_id == prog.id, FocusArea.code == fa.code)):
            raise DomainError("code", f"innsatsområdet {fa.code!r} finnes allerede")
        s.add(fa)
        uow.flush()
        view = _focus_area_view(s, fa, prog.slug)
        uow.commit()
        return view


def update_focus_area(
    uow: UnitOfWork, code: str, *, programme: str = PROGRAMME,
    expected_version: int | None = None, new_code: str | None = None,
    name: str | None = None, description: str | None = None,
) -> FocusAreaView:
    """Rename a focus area or change its code or description; None leaves a field as it is
    (an empty description clears it). Agreements and actions keep pointing at it."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        fa = _find_focus_area(s, prog, code, "code")
        fa.check_version(expected_version, "innsatsområdet")
        if new_code is not None:
            fa.code = new_code
            with s.no_autoflush:
                if s.scalar(select(FocusArea.id).where(
                        FocusArea.programme_id == prog.id, FocusArea.code == fa.code,
                        FocusArea.id != fa.id)):
                    raise DomainError("new_code", f"innsatsområdet {fa.code!r} finnes allerede")
        if name is not None:
            fa.name = name
        if description is not None:
            fa.description = description
        uow.flush()
        view = _focus_area_view(s, fa, prog.slug)
        uow.commit()
        return view


def delete_focus_area(uow: UnitOfWork, code: str, *, programme: str = PROGRAMME,
                      expected_version: int | None = None) -> DeletedView:
    """Delete a focus area that no agreement has chosen and no action belongs to."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        fa = _find_focus_area(s, prog, code, "code")
        fa.check_version(expected_version, "innsatsområdet")
        refuse_if_used(uow, "code", f"Innsatsområdet «{fa.name}»", [
            (AgreementFocusArea.focus_area_id, fa.id, "avtaler som har valgt det"),
            (AgreementAction.focus_area_id, fa.id, "tiltak"),
        ])
        return remove(uow, fa, expected_version, "innsatsområde", "innsatsområdet",
                      f"{fa.code} ({fa.name})")
