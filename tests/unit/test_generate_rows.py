"""The generator's rows, without a database: reproducible, complete and valid by the domain rules."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.demo import generate
from nettverk.domain.errors import DomainError
from nettverk.domain.model import Base

TODAY = date(2026, 11, 22)
SMALL = generate.Scale(municipalities=20, years=6, gatherings=120, milestones=200)


def _classes() -> dict[str, type]:
    return {m.local_table.name: m.class_ for m in Base.registry.mappers}


def test_reference_has_the_356_municipalities_of_2020_with_parallel_names() -> None:
    reference = generate.read_reference()
    assert len(reference) == 356
    assert len({m.county_number for m in reference}) == 11
    by_number = {m.number: m for m in reference}
    assert by_number["5426"].sami_name == "Gáivuotna"
    assert by_number["5426"].kven_name == "Kaivuono"
    assert by_number["5426"].sami_administrative_area
    assert by_number["1853"].sami_name == "Evenášši"
    assert by_number["0301"].sami_name is None


def test_a_small_scale_still_covers_every_county() -> None:
    chosen = generate.choose_municipalities(generate.read_reference(), 20)
    assert len(chosen) == 20
    assert len({m.county_number for m in chosen}) == 11
    assert len({m.number for m in chosen}) == 20


def test_same_seed_and_day_give_the_same_rows_and_another_seed_does_not() -> None:
    first = generate.build(SMALL, seed=7, today=TODAY).tables
    again = generate.build(SMALL, seed=7, today=TODAY).tables
    other = generate.build(SMALL, seed=8, today=TODAY).tables
    assert first == again
    assert first["milestone"] != other["milestone"]
    assert len(first["milestone"]) == 200
    assert len(first["gathering"]) == 120
    assert len(first["municipality"]) == 20


@pytest.mark.parametrize("field,scale", [
    ("municipalities", generate.Scale(municipalities=357)),
    ("municipalities", generate.Scale(municipalities=0)),
    ("years", generate.Scale(years=0)),
    ("gatherings", generate.Scale(gatherings=-1)),
    ("milestones", generate.Scale(milestones=-5)),
])
def test_sizes_outside_the_range_are_refused_naming_the_field(field: str,
                                                              scale: generate.Scale) -> None:
    with pytest.raises(DomainError) as caught:
        scale.check()
    assert caught.value.field == field


def test_every_generated_row_passes_the_domain_rules() -> None:
    """Building each mapped object runs its @validates rules; check() runs the cross-field ones."""
    tables = generate.build(SMALL, seed=3, today=TODAY).tables
    classes = _classes()
    for name, rows in tables.items():
        cls = classes[name]
        for row in rows:
            entity = cls(**row)
            check = getattr(entity, "check", None)
            if callable(check):
                check()


def test_generated_values_are_realistic() -> None:
    t = generate.build(SMALL, seed=5, today=TODAY).tables
    for g in t["gathering"]:
        assert g["ends_at"] > g["starts_at"]
        assert g["starts_at"].tzinfo is not None
        assert (g["status"] == "planned") == (g["starts_at"].date() >= TODAY)
        assert g["uid"]
    assert len({g["uid"] for g in t["gathering"]}) == len(t["gathering"])
    for table, columns in {"capacity_score": ["score"], "capacity_consensus": ["score"],
                           "feedback": ["overall", "usefulness"],
                           "priority_score": ["importance", "influence"]}.items():
        for row in t[table]:
            assert all(1 <= row[c] <= 5 for c in columns)
    for m in t["milestone"]:
        assert m["done_on"] is None or m["done_on"] <= TODAY
        assert m["programme_id"] or m["municipality_id"] or m["plan_document_id"]
    overdue = [m for m in t["milestone"] if m["done_on"] is None and m["due"] < TODAY]
    assert overdue, "some milestones must be overdue for the overview to show"
    for a in t["attendance"]:
        assert a["travel_cost"] >= 0 and a["accommodation_cost"] >= 0
        assert a["attended"] or a["persons"] == 0
    for p in t["participation"]:
        assert p["ends"] is None or p["ends"] >= p["starts"]
    for p in t["plan_document"]:
        assert (p["stage"] == "adopted") == (p["adopted_on"] is not None)


@pytest.mark.parametrize("years", range(1, 31))
def test_every_number_of_years_it_accepts_gives_valid_rows(years: int) -> None:
    """`--years` is accepted from 1 to 30; each must build (19 and more once hit an empty
    range for the samfunnsdel year, before 2008)."""
    scale = generate.Scale(municipalities=12, years=years, gatherings=40, milestones=60)
    builder = generate.build(scale, 2020, TODAY)
    applications = builder.tables["application"]
    assert applications
    first = TODAY.year - years + 1
    assert all(first - 16 <= a["samfunnsdel_year"] < TODAY.year for a in applications)
