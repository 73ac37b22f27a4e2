"""Import use cases: municipalities from CSV/xlsx, population from SSB table 07459.

All or nothing: every row is checked first, every bad row is reported (line, field, reason) and
nothing is written when there is one. `dry_run` reports what would change and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain import rules, values
from nettverk.domain.errors import DomainError
from nettverk.domain.history import record_population
from nettverk.domain.register import County, Municipality
from nettverk.exports.sources import PopulationFigure, Row, SourceError, read_population, read_table
from nettverk.persistence.uow import UnitOfWork

MAX_REPORTED = 200

_ALIASES = {
    "number": {"number", "kommunenummer", "kommunenr", "nr", "knr", "nummer"},
    "name": {"name", "navn", "kommune", "kommunenavn"},
    "sami_name": {"saminame", "samisknavn", "samiskparallellnavn", "samisk"},
    "county": {"county", "fylke", "fylkesnummer", "fylkesnr"},
    "population": {"population", "innbyggere", "innbyggertall", "folketall", "befolkning"},
    "year": {"year", "år", "populationyear", "innbyggertallår", "telleår"},
}


@dataclass(frozen=True)
class RowProblem:
    """Why one row (or region) cannot be imported."""

    line: int | None
    field: str
    reason: str
    region: str | None = None

    def describe(self) -> str:
        """One line for the user."""
        where = f"linje {self.line}" if self.line is not None else f"region {self.region}"
        return f"{where}, «{self.field}»: {self.reason}"


class ImportRejected(DomainError):
    """The file has bad rows; nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        shown = "\n".join("  " + p.describe() for p in problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        if more > 0:
            shown += f"\n  … og {more} til"
        noun = "rad har" if len(problems) == 1 else "rader har"
        super().__init__(problems[0].field,
                         f"{len(problems)} {noun} feil; ingenting er lagret:\n{shown}")
        self.problems = problems


@dataclass(frozen=True)
class PlannedChange:
    """What an import does (or would do) to one municipality."""

    line: int | None
    number: str
    name: str
    action: str  # ny | endret | uendret | hoppet over
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    """The outcome of an import (or, with dry_run, what it would be)."""

    file: str
    dry_run: bool
    added: int
    updated: int
    unchanged: int
    skipped: int
    changes: list[PlannedChange]


def _source(reader: Callable[[Path, str | None], Any], path: Path,
            encoding: str | None = None) -> Any:
    try:
        return reader(path, encoding)
    except FileNotFoundError:
        raise DomainError("file", f"finner ikke filen {str(path)!r}") from None
    except IsADirectoryError:
        raise DomainError("file", f"{str(path)!r} er en mappe, ikke en fil") from None
    except OSError as exc:
        raise DomainError("file", f"kan ikke lese {str(path)!r}: {exc.strerror or exc}") from None
    except SourceError as exc:
        raise DomainError("file", f"{path.name}: {exc}") from None


def _columns(rows: list[Row]) -> dict[str, str]:
    present = set(rows[0].cells) if rows else set()
    found = {}
    for key, aliases in _ALIASES.items():
        match = next((h for h in present if h in aliases), None)
        if match is not None:
            found[key] = match
    return found


def _checked(problems: list[RowProblem], line: int, key: str, check: Callable[[], Any]) -> Any:
    try:
        return check()
    except DomainError as exc:
        problems.append(RowProblem(line, key, exc.message))
        return None


def _report(path: Path, dry_run: bool, changes: list[PlannedChange], skipped: int) -> ImportReport:
    return ImportReport(
        file=str(path), dry_run=dry_run,
        added=sum(c.action == "ny" for c in changes),
        updated=sum(c.action == "endret" for c in changes),
        unchanged=sum(c.action == "uendret" for c in changes),
        skipped=skipped, changes=[c for c in changes if c.action in {"ny", "endret"}],
    )


def _show(value: object) -> str:
    return "–" if value is None else str(value)


def import_municipalities(uow: UnitOfWork, path: Path, dry_run: bool = False,
                          encoding: str | None = None) -> ImportReport:
    """Add or update municipalities from a CSV or xlsx file (number, name, Sámi name, county,
    population, year). A CSV file is read as strict UTF-8 unless `encoding` says otherwise."""
    rows: list[Row] = _source(read_table, path, encoding)
    if not rows:
        raise DomainError("file", "filen har ingen rader under overskriften")
    cols = _columns(rows)
    missing = [k for k in ("number", "name") if k not in cols]
    if missing:
        raise DomainError("file", f"mangler {'kolonne' if len(missing) == 1 else 'kolonner'}: "
                          + ", ".join(missing)
                          + " (forventet: number, name, sami_name, county, population, year)")
    with uow:
        s = uow.session
        counties = {c.number: c for c in s.scalars(select(County))}
        existing = {m.number: m for m in s.scalars(
            select(Municipality).options(joinedload(Municipality.county)))}
        problems: list[RowProblem] = []
        seen: dict[str, int] = {}
        planned: list[tuple[Row, dict[str, Any]]] = []
        for row in rows:
            def cell(key: str, row: Row = row) -> str:
                return row.cells.get(cols[key], "") if key in cols else ""

            before = len(problems)
            line = row.line
            number = _checked(problems, line, "number",
                              lambda: rules.check_municipality_number(cell("number")))
            name = _checked(problems, line, "name",
                            lambda: rules.required_text("name", cell("name"), max_length=200))
            sami = _checked(problems, line, "sami_name", lambda: rules.clean_text(
                "sami_name", cell("sami_name") or None, max_length=200))
            county = None
            county_text = cell("county")
            if county_text:
                county_text = county_text.zfill(2) if county_text.isdigit() else county_text
                county = counties.get(county_text)
                if county is None:
                    problems.append(RowProblem(line, "county", f"fylke {county_text!r} finnes ikke"))
            elif number is not None and number not in existing:
                county = counties.get(number[:2])
                if county is None:
                    problems.append(RowProblem(line, "county", f"fylke {number[:2]} finnes ikke; "
                                               "legg det inn først"))
            if number is not None and county is not None and number[:2] != county.number:
                problems.append(RowProblem(line, "number", f"kommunenummer {number} hører ikke til "
                                           f"fylke {county.number} (de to første sifrene er fylket)"))
            population = None
            if cell("population"):
                population = _checked(problems, line, "population", lambda: rules.check_non_negative(
                    "population", values.parse_int("population", cell("population"))))
            year = None
            if cell("year"):
                year = _checked(problems, line, "year", lambda: rules.check_year(
                    "year", values.parse_int("year", cell("year"))))
            if number is not None:
                if number in seen:
                    problems.append(RowProblem(line, "number", f"kommunenummer {number} står også "
                                               f"på linje {seen[number]}"))
                seen.setdefault(number, line)
            if len(problems) == before:
                planned.append((row, {"number": number, "name": name, "sami_name": sami,
                                      "county": county, "population": population, "year": year}))
        if problems:
            raise ImportRejected(problems)

        changes = []
        for row, v in planned:
            m = existing.get(v["number"])
            if m is None:
                changes.append(PlannedChange(row.line, v["number"], v["name"], "ny", [
                    f"innbyggere {_show(v['population'])} ({_show(v['year'])})"]))
                if not dry_run:
                    new_m = Municipality(
                        number=v["number"], name=v["name"], sami_name=v["sami_name"],
                        county=v["county"], population=v["population"],
                        population_year=v["year"])
                    record_population(new_m, v["year"], v["population"], "import")
                    s.add(new_m)
                continue
            wanted = {"name": v["name"], "sami_name": v["sami_name"],
                      "population": v["population"], "population_year": v["year"]}
            diffs = []
            for attr, new in wanted.items():
                if new is None:
                    continue  # an empty cell keeps what is there
                old = getattr(m, attr)
                if old != new:
                    diffs.append(f"{_LABELS[attr]}: {_show(old)} → {new}")
                    if not dry_run:
                        setattr(m, attr, new)
            if not dry_run:
                record_population(m, v["year"], v["population"], "import")
            changes.append(PlannedChange(row.line, m.number, m.name,
                                         "endret" if diffs else "uendret", diffs))
        if not dry_run:
            uow.flush()
            uow.commit()
        return _report(path, dry_run, changes, 0)


_LABELS = {"name": "navn", "sami_name": "samisk navn", "population": "innbyggere",
           "population_year": "år"}


def import_population(uow: UnitOfWork, path: Path, dry_run: bool = False,
                      encoding: str | None = None) -> ImportReport:
    """Update population and its year from SSB table 07459 (JSON-stat 2.0 or SSB's CSV).

    For each municipality in the database the newest year in the file is used; regions that are
    not municipalities here (the country, counties, other municipalities) are skipped. A figure
    older than the one stored is not imported.
    """
    figures: list[PopulationFigure] = _source(read_population, path, encoding)
    if not figures:
        raise DomainError("file", "fant ingen innbyggertall i filen")
    with uow:
        s = uow.session
        existing = {m.number: m for m in s.scalars(select(Municipality))}
        problems: list[RowProblem] = []
        newest: dict[str, tuple[int, int, PopulationFigure]] = {}
        every_year: dict[str, dict[int, int]] = {}
        skipped_regions: set[str] = set()
        for f in figures:
            if f.region not in existing:
                skipped_regions.add(f.region)
                continue
            region = None if f.line is not None else f.region
            if not (len(f.year) == 4 and f.year.isdigit()):
                problems.append(RowProblem(f.line, "year", f"{f.year!r} er ikke et årstall", region))
                continue
            year = int(f.year)
            raw = f.value
            if raw is None or (isinstance(raw, str) and raw.strip() in {"", ".", "..", ":", "-"}):
                continue  # SSB's symbols for a missing figure
            try:
                count = raw if isinstance(raw, int) else values.parse_int("population", str(raw))
                if isinstance(raw, float):
                    if not raw.is_integer():
                        raise DomainError("population", "må være et heltall")
                    count = int(raw)
                rules.check_non_negative("population", count)
                rules.check_year("year", year)
            except DomainError as exc:
                problems.append(RowProblem(f.line, exc.field, exc.message, region))
                continue
            every_year.setdefault(f.region, {})[year] = count
            if f.region not in newest or year > newest[f.region][0]:
                newest[f.region] = (year, count, f)
        if problems:
            raise ImportRejected(problems)

        changes = []
        skipped = len(skipped_regions)
        for number in sorted(newest):
            year, count, f = newest[number]
            m = existing[number]
            if not dry_run:  # every year the file brings is kept (SSB, 1 January)
                for y, n in sorted(every_year[number].items()):
                    record_population(m, y, n, "SSB 07459")
            if m.population_year is not None and m.population_year > year:
                changes.append(PlannedChange(f.line, number, m.name, "hoppet over", [
                    f"har nyere tall ({m.population_year})"]))
                skipped += 1
                continue
            if m.population == count and m.population_year == year:
                changes.append(PlannedChange(f.line, number, m.name, "uendret"))
                continue
            changes.append(PlannedChange(f.line, number, m.name, "endret", [
                f"innbyggere: {_show(m.population)} ({_show(m.population_year)}) → {count} ({year})"]))
            if not dry_run:
                m.population = count
                m.population_year = year
        if not dry_run:
            uow.flush()
            uow.commit()
        return _report(path, dry_run, changes, skipped)
