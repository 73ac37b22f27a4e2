"""Facts kept per date: populations per year and the earlier periods of an agreement."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity
from nettverk.domain.rules import population_for as population_for

if TYPE_CHECKING:
    from nettverk.domain.register import Municipality


class MunicipalityPopulation(Entity):
    """A municipality's population in a year (SSB, 1 January), with where the figure came from."""

    __tablename__ = "municipality_population"
    __table_args__ = (
        UniqueConstraint("municipality_id", "year"),
        CheckConstraint("population >= 0", name="population_non_negative"),
    )

    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    year: Mapped[int]
    population: Mapped[int]
    source: Mapped[str | None]

    @validates("year")
    def _year(self, key: str, value: int) -> int:
        checked = rules.check_year(key, value)
        assert checked is not None
        return checked

    @validates("population")
    def _population(self, key: str, value: int) -> int:
        checked = rules.check_non_negative(key, value)
        assert checked is not None
        return checked

    @validates("source")
    def _source(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value, max_length=200)


class AgreementPeriod(Entity):
    """An earlier period of a partnership agreement, kept when the agreement is offered again."""

    __tablename__ = "agreement_period"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("partnership_agreement.id"), index=True)
    signed_on: Mapped[date]
    starts: Mapped[date | None]
    ends: Mapped[date | None]
    ended_on: Mapped[date | None]


def record_population(m: Municipality, year: int | None, population: int | None,
                      source: str | None) -> None:
    """Keep `population` as the municipality's figure for `year`, replacing that year's figure
    (every other year stays); nothing when either is missing."""
    if year is None or population is None:
        return
    for p in m.populations:
        if p.year == year:
            if p.population != population:
                p.population = population
                p.source = source
            return
    m.populations.append(MunicipalityPopulation(year=year, population=population, source=source))
