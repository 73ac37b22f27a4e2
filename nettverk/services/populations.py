"""Populations per municipality and year: kept for every year recorded or imported, so a
rule is judged by the figure known at its date."""

from __future__ import annotations

from dataclasses import dataclass

from nettverk.domain.register import Municipality
from nettverk.domain.rules import population_known
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.register import find_municipality


@dataclass(frozen=True)
class PopulationView:
    """A municipality's population in one year."""

    municipality: str
    year: int
    population: int
    source: str | None


def figures_of(m: Municipality) -> dict[int, int]:
    """Every figure held for a municipality, year → population (the register's current figure
    counts when its year has none of its own)."""
    figures = {p.year: p.population for p in m.populations}
    if m.population is not None and m.population_year is not None:
        figures.setdefault(m.population_year, m.population)
    return figures


def population_at(m: Municipality, year: int) -> tuple[int | None, int | None]:
    """(population, year) known for `year`: that year's figure or the latest before it; when
    nothing is that old, the earliest figure held; the register's figure with no year
    (`municipality add --population N`) as (population, None) when it is the only one;
    (None, None) when nothing is held."""
    return population_known(figures_of(m), year, m.population)


def list_populations(uow: UnitOfWork, municipality: str) -> list[PopulationView]:
    """A municipality's populations, year by year."""
    with uow:
        m = find_municipality(uow.session, municipality)
        return [PopulationView(m.number, y, n, next(
            (p.source for p in m.populations if p.year == y), None))
            for y, n in sorted(figures_of(m).items())]
