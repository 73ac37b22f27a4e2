"""The success factors' list in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk success-factor list` runs it on a bare
connection, and services.success_factors (the TUI's Suksessfaktorer) on the unit of work's own
(`UnitOfWork.plain_reader`). tests/cli/test_plain_evaluation.py compares every option and
format of the command on both paths on both databases;
tests/integration/test_success_factor_list_rows.py checks the views against the ORM objects'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nettverk.domain import rules
from nettverk.domain.evaluation_rules import SUCCESS_FACTOR_LABELS, SuccessFactor
from nettverk.domain.norwegian import display_name
from nettverk.persistence.plain import PlainReader
from nettverk.services.plain_lookups import municipality_id, programme_id
from nettverk.services.success_factor_views import SuccessFactorView

# What a list reads of each registration: the factor as its stored text.
_COLUMNS = ("SELECT x.id, x.version, x.year, x.factor, x.in_place, x.notes, p.programme_id, "
            "p.municipality_id FROM success_factor_status x "
            "JOIN participation p ON p.id = x.participation_id")
_RANK = {f.value: rank for rank, f in enumerate(SuccessFactor)}
_LABELS = {f.value: label for f, label in SUCCESS_FACTOR_LABELS.items()}


def list_status(reader: PlainReader, programme: str | None, year: int | None = None,
                municipality: str | None = None) -> list[SuccessFactorView]:
    """The recorded factors by programme, municipality, year and the factors' order (every
    programme's when `programme` is None). Refuses an unknown programme, a year out of range
    and an unknown municipality, in that order."""
    conditions: list[str] = []
    params: list[Any] = []
    if programme:
        conditions.append("p.programme_id = ?")
        params.append(programme_id(reader, programme))
    if year is not None:
        conditions.append("x.year = ?")
        params.append(rules.check_year("year", year))
    if municipality:
        conditions.append("p.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    # Columns, and the programmes' and municipalities' names looked up once: the TUI's
    # Suksessfaktorer reads every registration (38,000 at national scale).
    found = reader.rows(
        _COLUMNS + (" WHERE " + " AND ".join(conditions) if conditions else ""), params)
    return _views(reader, found) if found else []


def first_status(reader: PlainReader, limit: int) -> list[SuccessFactorView]:
    """The first `limit` of every programme's recorded factors, in `list_status`'s order (the
    sorting and the limit done by the database: the start of a national list, at once)."""
    slugs = sorted(reader.rows("SELECT slug, id FROM programme"))
    if not slugs:
        return []
    # Ranks as numbers the statement carries (ids and ranks are whole numbers of our own);
    # the factors' texts as parameters.
    by_slug = ("CASE p.programme_id " + " ".join(
        f"WHEN {int(id)} THEN {rank}" for rank, (_slug, id) in enumerate(slugs)) + " END")
    by_factor = "CASE x.factor " + " ".join(
        f"WHEN ? THEN {rank}" for rank in _RANK.values()) + " END"
    found = reader.rows(
        _COLUMNS + " JOIN municipality mu ON mu.id = p.municipality_id "
        f"ORDER BY {by_slug}, mu.number, x.year, {by_factor} LIMIT ?", (*_RANK, limit))
    return _views(reader, found) if found else []


def _views(reader: PlainReader, found: Sequence[Sequence[Any]]) -> list[SuccessFactorView]:
    """The views of the rows, in `list_status`'s order, with the names looked up once and each
    municipality's texts and each factor's label shared."""
    slugs = dict(reader.rows("SELECT id, slug FROM programme"))
    municipalities = {
        id: (number, name, sami_name, display_name(name, sami_name))
        for id, number, name, sami_name in reader.rows(
            "SELECT id, number, name, sami_name FROM municipality")}
    ordered = sorted(found, key=lambda r: (slugs[r[6]], municipalities[r[7]][0], r[2],
                                           _RANK[r[3]]))
    return [
        SuccessFactorView(slugs[programme_id], *municipalities[municipality_id], year, factor,
                          _LABELS[factor], bool(in_place), notes, id, version)
        for id, version, year, factor, in_place, notes, programme_id, municipality_id
        in ordered]
