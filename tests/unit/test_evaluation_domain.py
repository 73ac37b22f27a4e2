"""Evaluation rules without a database: quadrants, the capacity comparison, labels, scores."""

from __future__ import annotations

import pytest

from nettverk.domain.errors import DomainError
from nettverk.domain.evaluation import (
    CAPACITY_LABELS,
    CAPACITY_QUESTIONS,
    MIDPOINT,
    QUADRANT_LABELS,
    SUCCESS_FACTOR_LABELS,
    CapacityComponent,
    CapacityScore,
    Feedback,
    Quadrant,
    SuccessFactor,
    compare_consensus,
    parse_component,
    parse_success_factor,
    priority_quadrant,
)


@pytest.mark.parametrize(
    ("importance", "influence", "expected"),
    [
        (5, 5, Quadrant.prioritise),
        (4, 4, Quadrant.prioritise),
        (3, 3, Quadrant.midline),  # the neutral midpoint is not «Prioriter»
        (3, 5, Quadrant.midline),
        (5, 3, Quadrant.midline),
        (4, 2, Quadrant.influence_others),
        (5, 2, Quadrant.influence_others),
        (2, 5, Quadrant.low_hanging),
        (2, 2, Quadrant.deprioritise),
        (1, 1, Quadrant.deprioritise),
    ],
)
def test_priority_quadrant_important_and_influenceable_means_prioritise(
    importance: int, influence: int, expected: Quadrant
) -> None:
    assert MIDPOINT == 3
    assert priority_quadrant(importance, influence) is expected


@pytest.mark.parametrize(("importance", "influence", "field"),
                         [(0, 3, "importance"), (3, 6, "influence"), (True, 3, "importance")])
def test_priority_quadrant_refuses_scores_outside_1_to_5(
    importance: int, influence: int, field: str
) -> None:
    with pytest.raises(DomainError) as err:
        priority_quadrant(importance, influence)
    assert err.value.field == field


def test_means_on_the_midline_and_just_above_it() -> None:
    from nettverk.domain.evaluation import quadrant_of
    assert quadrant_of(3.0, 4.5) is Quadrant.midline
    assert quadrant_of(3.01, 3.01) is Quadrant.prioritise
    assert quadrant_of(2.99, 2.99) is Quadrant.deprioritise


def test_every_quadrant_has_a_norwegian_label() -> None:
    assert set(QUADRANT_LABELS) == set(Quadrant)
    assert QUADRANT_LABELS[Quadrant.prioritise].startswith("Prioriter")


def test_compare_consensus_gives_later_minus_earlier_per_component() -> None:
    c = CapacityComponent
    earlier = {c.leadership: 2, c.competence: 3, c.culture: 4, c.economy: 1, c.time: 5}
    later = {c.leadership: 4, c.competence: 3, c.culture: 2, c.economy: 3}
    changes = {x.component: x.change for x in compare_consensus(earlier, later)}
    assert changes == {c.leadership: 2, c.competence: 0, c.culture: -2, c.economy: 2,
                       c.time: None}
    assert [x.component for x in compare_consensus(earlier, later)] == list(c)


def test_capacity_labels_and_questions_are_in_bokmal() -> None:
    assert list(CAPACITY_LABELS.values()) == [
        "Utviklingsledelse", "Utviklingskompetanse", "Utviklingskultur", "Utviklingsøkonomi",
        "Tidsressurser",
    ]
    assert CAPACITY_QUESTIONS[CapacityComponent.leadership] == (
        "Hvordan har ledelsen bidratt til at planen skal fungere som styringsverktøy?")
    assert CAPACITY_QUESTIONS[CapacityComponent.culture] == (
        "Har vi en kultur for å jobbe langsiktig og målrettet etter vedtatt plan?")


def test_components_parse_from_the_nynorsk_names_earlier_versions_showed() -> None:
    assert parse_component("Utviklingsleiing") is CapacityComponent.leadership
    assert parse_component("tidsressursar") is CapacityComponent.time
    assert parse_component("Utviklingsledelse") is CapacityComponent.leadership
    assert parse_component("Tidsressurser") is CapacityComponent.time


def test_components_and_factors_parse_from_code_or_norwegian_name() -> None:
    assert parse_component("Utviklingsøkonomi") is CapacityComponent.economy
    assert parse_component("time") is CapacityComponent.time
    assert parse_success_factor("Forankring") is SuccessFactor.anchoring
    with pytest.raises(DomainError) as err:
        parse_component("humør")
    assert err.value.field == "component"
    with pytest.raises(DomainError) as err:
        parse_success_factor("flaks")
    assert err.value.field == "factor"
    assert set(SUCCESS_FACTOR_LABELS) == set(SuccessFactor)


@pytest.mark.parametrize("score", [0, 6, -1])
def test_entities_refuse_scores_outside_1_to_5(score: int) -> None:
    with pytest.raises(DomainError) as err:
        CapacityScore(component=CapacityComponent.time, score=score)
    assert err.value.field == "score"
    with pytest.raises(DomainError) as err:
        Feedback(overall=score, usefulness=3)
    assert err.value.field == "overall"
