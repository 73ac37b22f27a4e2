"""A gathering's warnings counted without writing them (`GatheringWarnings.count`, issue 17: the
TUI's Samlinger marks, sorts and filters 100,000 gatherings by their warnings and writes them
only for the one whose detail is open) agree with the warnings written, at every edge: a
gathering ending at midnight before a holiday, one across the change to summer time on Easter
Day, a New Year's Eve evening, the first and last day of the programme's period, the same start
as another, a cancelled one, and a year with more gatherings than the programme allows. On both
databases."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import gatherings, programmes
from nettverk.services.database import Database

SLUG = "mindre-kommuner-2020"


def _at(text: str) -> datetime:
    return datetime.strptime(text, "%d.%m.%Y %H:%M").replace(tzinfo=OSLO)


EDGES = [  # title, start, end, mode, place, video
    ("Før 17. mai", "16.05.2024 20:00", "17.05.2024 00:00", "physical", "Bodø", None),
    ("Inn i 17. mai", "16.05.2024 23:00", "17.05.2024 01:00", "physical", "Bodø", None),
    ("Påskenatt", "30.03.2024 22:00", "31.03.2024 04:00", "video", None, "https://m.no/1"),
    ("Romjul", "24.12.2024 09:00", "27.12.2024 15:00", "hybrid", "Mo", None),
    ("Nyttårsaften", "31.12.2024 22:30", "01.01.2025 01:30", "video", None, None),
    ("Samme start A", "03.09.2024 09:00", "03.09.2024 15:00", "physical", "Mo", None),
    ("Samme start B", "03.09.2024 09:00", "03.09.2024 10:00", "physical", None, None),
    ("Inni A", "03.09.2024 11:00", "03.09.2024 12:00", "video", None, "https://m.no/2"),
    ("Rett etter A", "03.09.2024 15:00", "03.09.2024 16:00", "video", None, "https://m.no/3"),
    ("Avlyst over A", "03.09.2024 08:00", "03.09.2024 18:00", "physical", "Mo", None),
]


@pytest.fixture
def edged(demo_db: Database) -> Database:
    prog = programmes.get_programme(demo_db.uow(), SLUG)
    ends = prog.ends or prog.starts.replace(year=prog.starts.year + 4)
    edges = [*EDGES,
             ("Kvelden før perioden", f"{prog.starts - timedelta(days=1):%d.%m.%Y} 23:00", "",
              "video", None, "https://m.no/4"),
             ("Siste dag", f"{ends:%d.%m.%Y} 23:00", "", "video", None, "https://m.no/5")]
    for title, start, end, mode, place, video in edges:
        starts_at = _at(start)
        ends_at = _at(end) if end else starts_at.replace(minute=59)
        g = gatherings.add_gathering(demo_db.uow(), SLUG, title, starts_at, ends_at, mode,
                                     location=place, video_url=video)
        if title.startswith("Avlyst"):
            gatherings.cancel_gathering(demo_db.uow(), g.id)
    return demo_db


@pytest.mark.parametrize("only", [{}, {"programme": SLUG}, {"year": 2024},
                                  {"status": "planned"}, {"limit": 5, "offset": 3}])
def test_counted_warnings_agree_with_the_written_ones(edged: Database, only: dict) -> None:
    table = gatherings.gathering_table(edged.uow(), **only)
    views = table.views()
    assert views == gatherings.list_gatherings(edged.uow(), **only)
    assert table.warning_counts() == [len(v.warnings) for v in views]
    if not only:
        by_title = {v.title: v.warnings for v in views}
        assert not any("helligdag" in w for w in by_title["Før 17. mai"])
        assert any("17.05.2024" in w for w in by_title["Inn i 17. mai"])
        assert any("31.03.2024" in w for w in by_title["Påskenatt"])
        assert sum("helligdag" in w for w in by_title["Romjul"]) == 2
        assert "Videomøte uten lenke." in by_title["Nyttårsaften"]
        assert sum("Overlapper" in w for w in by_title["Samme start A"]) == 2  # B, Inni A
        assert not any("Avlyst" in w for w in by_title["Samme start A"])
        assert by_title["Avlyst over A"] == []
        assert not any("programperioden" in w for w in by_title["Siste dag"])
        assert any("programperioden" in w for w in by_title["Kvelden før perioden"])


def test_a_year_over_the_programmes_maximum_is_counted(demo_db: Database) -> None:
    for day in range(1, 9):
        gatherings.add_gathering(demo_db.uow(), SLUG, f"Ekstra {day}",
                                 _at(f"{day:02d}.10.2023 10:00"), _at(f"{day:02d}.10.2023 12:00"),
                                 "video", video_url="https://m.no/e")
    table = gatherings.gathering_table(demo_db.uow(), programme=SLUG, year=2023)
    views = table.views()
    assert any("høyst" in w for v in views for w in v.warnings)
    assert table.warning_counts() == [len(v.warnings) for v in views]
