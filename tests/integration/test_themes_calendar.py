"""The Det gode liv theme calendar through the use cases, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from nettverk.domain.errors import DomainError
from nettverk.services import themes
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import snapshot


@pytest.fixture
def reg(db: Database) -> Database:
    base_register(db)
    return db


def test_a_theme_per_month_with_un_goals_and_links(reg: Database) -> None:
    themes.add_theme(reg.uow(), 2024, 2, "Låne, fikse og dele", goals=[12, 11])
    t = themes.add_theme(reg.uow(), 2024, 1, "Gjør matsvinn til matvinn",
                         "Planlegg innkjøp", goals=[12, 2], links=["https://example.no/mat"])
    themes.add_theme(reg.uow(), 2025, 1, "Matvinn igjen")
    assert (t.month_name, t.goals, t.links) == ("januar", [2, 12], ["https://example.no/mat"])
    assert [(x.year, x.month) for x in themes.list_themes(reg.uow())] == [
        (2024, 1), (2024, 2), (2025, 1)]
    assert [x.title for x in themes.list_themes(reg.uow(), year=2025)] == ["Matvinn igjen"]
    changed = themes.update_theme(reg.uow(), t.id, goals=[2, 12, 13], title="Matvinn")
    assert changed.goals == [2, 12, 13] and changed.version == t.version + 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"month": 13}, "month"),
        ({"month": 0}, "month"),
        ({"goals": [18]}, "goals"),
        ({"goals": [0, 3]}, "goals"),
        ({"links": ["material.pdf"]}, "links"),
        ({"title": ""}, "title"),
        ({"month": 1}, "month"),  # January 2024 is taken
    ],
)
def test_bad_themes_are_refused_and_nothing_written(
    reg: Database, kwargs: dict[str, object], field: str
) -> None:
    themes.add_theme(reg.uow(), 2024, 1, "Matvinn")
    before = snapshot(reg.engine)
    args: dict[str, object] = {"year": 2024, "month": 3, "title": "Gjenbruk", **kwargs}
    with pytest.raises(DomainError) as err:
        themes.add_theme(reg.uow(), **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert snapshot(reg.engine) == before


def test_moving_a_theme_onto_a_taken_month_is_refused(reg: Database) -> None:
    themes.add_theme(reg.uow(), 2024, 1, "Matvinn")
    other = themes.add_theme(reg.uow(), 2024, 2, "Gjenbruk")
    before = snapshot(reg.engine)
    with pytest.raises(DomainError) as err:
        themes.update_theme(reg.uow(), other.id, month=1)
    assert err.value.field == "month"
    with pytest.raises(DomainError) as err:
        themes.update_theme(reg.uow(), other.id, colour="grønn")
    assert err.value.field == "colour"
    assert snapshot(reg.engine) == before
