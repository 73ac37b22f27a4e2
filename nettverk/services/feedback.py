"""Feedback after gatherings: overall score and usefulness 1–5 per respondent, with averages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from nettverk.domain import rules
from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.evaluation import Feedback
from nettverk.domain.network import Gathering, GatheringStatus
from nettverk.domain.register import Programme
from nettverk.domain.values import OSLO, year_bounds
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_feedback
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.feedback_table import FeedbackTable, FeedbackView
from nettverk.services.register import find_municipality, find_programme


@dataclass(frozen=True)
class GatheringAverageView:
    """Mean scores for one gathering."""

    gathering_id: int
    gathering: str
    programme: str
    starts_at: datetime
    responses: int
    overall: float
    usefulness: float


@dataclass(frozen=True)
class YearAverageView:
    """Mean scores over a year's gatherings."""

    year: int
    gatherings: int
    responses: int
    overall: float
    usefulness: float


@dataclass(frozen=True)
class FeedbackSummary:
    """Averages per gathering and per year."""

    gatherings: list[GatheringAverageView]
    years: list[YearAverageView]


def _view(f: Feedback) -> FeedbackView:
    m = f.municipality
    return FeedbackView(
        f.id, f.gathering_id, f.gathering.title, f.gathering.starts_at,
        m.number if m else None, f.respondent, f.overall, f.usefulness, f.comment,
        programme=f.gathering.programme.slug,
        municipality_name=(f"{m.name} – {m.sami_name}" if m.sami_name else m.name) if m else None,
        version=f.version,
    )


def _answerable(uow: UnitOfWork, gathering_id: int, now: datetime | None) -> Gathering:
    """The gathering, if it has started and was not cancelled (only those get feedback)."""
    g = uow.session.get(Gathering, gathering_id)
    if g is None:
        raise NotFoundError("gathering", f"samling {gathering_id} finnes ikke")
    if g.status is GatheringStatus.cancelled:
        raise DomainError("gathering", "samlingen ble avlyst; den kan ikke få tilbakemeldinger")
    if g.starts_at > (now or utcnow()):
        raise DomainError("gathering", "samlingen er ikke holdt ennå")
    return g


def _load(uow: UnitOfWork, feedback_id: int) -> Feedback:
    f = uow.session.scalar(select(Feedback).options(
        joinedload(Feedback.gathering).joinedload(Gathering.programme),
        joinedload(Feedback.municipality)).where(Feedback.id == feedback_id))
    if f is None:
        raise NotFoundError("id", f"tilbakemelding {feedback_id} finnes ikke")
    return f


def add_feedback(
    uow: UnitOfWork,
    gathering_id: int,
    overall: int,
    usefulness: int,
    respondent: str | None = None,
    municipality: str | None = None,
    comment: str | None = None,
    now: datetime | None = None,
) -> FeedbackView:
    """Record a respondent's feedback on a gathering that has started and was not cancelled."""
    rules.check_score("overall", overall)
    rules.check_score("usefulness", usefulness)
    with uow:
        s = uow.session
        g = _answerable(uow, gathering_id, now)
        f = Feedback(
            gathering=g, overall=overall, usefulness=usefulness, respondent=respondent,
            comment=comment,
            municipality=find_municipality(s, municipality) if municipality else None,
        )
        s.add(f)
        uow.flush()
        view = _view(f)
        uow.commit()
        return view


def get_feedback(uow: UnitOfWork, feedback_id: int) -> FeedbackView:
    """One response."""
    with uow:
        return _view(_load(uow, feedback_id))


def update_feedback(
    uow: UnitOfWork,
    feedback_id: int,
    expected_version: int | None = None,
    gathering_id: int | None = None,
    overall: int | None = None,
    usefulness: int | None = None,
    respondent: str | None = None,
    municipality: str | None = None,
    comment: str | None = None,
    now: datetime | None = None,
) -> FeedbackView:
    """Correct a response: None leaves a field as it is, empty text clears it.

    Moving it to another gathering follows the rules for adding (held, not cancelled).
    """
    if overall is not None:
        rules.check_score("overall", overall)
    if usefulness is not None:
        rules.check_score("usefulness", usefulness)
    with uow:
        s = uow.session
        f = _load(uow, feedback_id)
        f.check_version(expected_version, "tilbakemeldingen")
        if gathering_id is not None and gathering_id != f.gathering_id:
            f.gathering = _answerable(uow, gathering_id, now)
        if overall is not None:
            f.overall = overall
        if usefulness is not None:
            f.usefulness = usefulness
        if respondent is not None:
            f.respondent = respondent
        if comment is not None:
            f.comment = comment
        if municipality is not None:
            number = municipality.strip()
            f.municipality = find_municipality(s, number) if number else None
        uow.flush()
        view = _view(_load(uow, f.id))
        uow.commit()
        return view


def delete_feedback(uow: UnitOfWork, feedback_id: int,
                    expected_version: int | None = None) -> DeletedView:
    """Delete a response (the gathering's averages change; the audit log keeps the values)."""
    with uow:
        f = _load(uow, feedback_id)
        label = f"{f.respondent or 'anonym'} om «{f.gathering.title}»"
        return remove(uow, f, expected_version, "tilbakemelding", "tilbakemeldingen", label)


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return year_bounds(year)


def list_feedback(
    uow: UnitOfWork,
    gathering_id: int | None = None,
    programme: str | None = None,
    year: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[FeedbackView]:
    """Feedback by gathering time."""
    return feedback_table(uow, gathering_id, programme, year, limit, offset).views()


def feedback_table(
    uow: UnitOfWork,
    gathering_id: int | None = None,
    programme: str | None = None,
    year: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> FeedbackTable:
    """What `list_feedback` lists (the same rows in the same order), as columns with a view
    made per row only when asked for (`FeedbackTable.view`): for the TUI's Tilbakemeldinger,
    378,000 responses at ten times national scale. Read in plain SQL on the unit of work's
    connection (services.plain_feedback, what `nettverk feedback list` runs without
    SQLAlchemy)."""
    with uow:
        return plain_feedback.feedback_table(uow.plain_reader(), gathering_id, programme, year,
                                             limit, offset)


def _per_year(sums: Iterable[tuple[datetime, int, int, int]]) -> list[YearAverageView]:
    """Mean scores per year (Norwegian time) from each gathering's start, responses and sums
    of scores: from the raw sums, so that every response weighs the same."""
    per_year: dict[int, list[int]] = {}
    for starts, n, overall_sum, useful_sum in sums:
        acc = per_year.setdefault(starts.astimezone(OSLO).year, [0, 0, 0, 0])
        acc[0] += 1
        acc[1] += n
        acc[2] += overall_sum
        acc[3] += useful_sum
    return [YearAverageView(y, a[0], a[1], round(a[2] / a[1], 2), round(a[3] / a[1], 2))
            for y, a in sorted(per_year.items())]


def year_averages(table: FeedbackTable) -> list[YearAverageView]:
    """What `averages(...).years` says of the responses a table holds, from its columns (the
    TUI's Tilbakemeldinger has read them all already: no second pass over the database)."""
    return _per_year(table.gathering_sums())


def averages(
    uow: UnitOfWork,
    programme: str | None = None,
    gathering_id: int | None = None,
    year: int | None = None,
) -> FeedbackSummary:
    """Mean overall score and usefulness per gathering and per year (year in Norwegian time)."""
    with uow:
        s = uow.session
        stmt = (
            select(Gathering.id, Gathering.title, Programme.slug, Gathering.starts_at,
                   func.count(Feedback.id), func.sum(Feedback.overall),
                   func.sum(Feedback.usefulness))
            .join(Feedback, Feedback.gathering_id == Gathering.id)
            .join(Programme, Gathering.programme_id == Programme.id)
            .group_by(Gathering.id, Gathering.title, Programme.slug, Gathering.starts_at)
            .order_by(Gathering.starts_at)
        )
        if programme:
            stmt = stmt.where(Gathering.programme_id == find_programme(s, programme).id)
        if gathering_id is not None:
            stmt = stmt.where(Gathering.id == gathering_id)
        if year is not None:
            start, end = _year_bounds(rules.check_year("year", year) or year)
            stmt = stmt.where(Gathering.starts_at >= start, Gathering.starts_at < end)
        per_gathering = []
        sums = []
        for gid, title, slug, starts, n, overall_sum, useful_sum in s.execute(stmt):
            n, overall_sum, useful_sum = int(n), int(overall_sum), int(useful_sum)
            per_gathering.append(GatheringAverageView(
                gid, title, slug, starts, n, round(overall_sum / n, 2),
                round(useful_sum / n, 2)))
            sums.append((starts, n, overall_sum, useful_sum))
        years = _per_year(sums)
        return FeedbackSummary(per_gathering, years)

