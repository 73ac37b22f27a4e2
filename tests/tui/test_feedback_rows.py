"""Tilbakemeldinger's rows kept as columns and made only when shown (issue 17: 378,000 responses
at ten times national scale): the list shows, filters, sorts and quick-filters exactly as it did
with a row made for every response."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import feedback, gatherings
from nettverk.services.database import Database
from nettverk.tui.screens.feedback import FeedbackArea, FeedbackRows, feedback_rows
from nettverk.tui.widgets.row_source import HasTag, Rows

PROG = "mindre-kommuner-2020"


def _expected_quick_filters(rows: Rows) -> list[tuple[str, str]]:
    """The quick filters as they were made from every row: (label, tag)."""
    programmes = sorted({r.data.programme for r in rows})
    gatherings: dict[int, object] = {}
    for r in rows:
        gatherings.setdefault(r.data.gathering_id, r.data)
    newest = sorted(gatherings.items(), key=lambda item: item[1].starts_at,  # type: ignore[attr-defined]
                    reverse=True)
    return ([(f"Program: {p}", f"programme:{p}") for p in programmes]
            + [(f"{f.starts_at.astimezone(OSLO):%d.%m.%Y} {f.gathering}",  # type: ignore[attr-defined]
                f"gathering:{gid}") for gid, f in newest[:60]])


@pytest.mark.parametrize("only", [{}, {"programme": PROG}, {"limit": 7}, {"year": 2099}])
def test_the_columns_give_what_every_made_row_gives(tui_db: Database, only: dict) -> None:
    made = feedback_rows(feedback.list_feedback(tui_db.uow(), **only))
    lazy = FeedbackRows(feedback.feedback_table(tui_db.uow(), **only))
    plain = Rows(made)
    assert len(lazy) == len(made)
    if "year" in only:
        assert not made and lazy.quick_filters() == []
        return
    assert len(made) > 5
    assert list(lazy) == made  # key, cells, sort values, style, tags, search
    assert [row.data for row in lazy] == [row.data for row in made]
    assert lazy.keys() == plain.keys()
    assert lazy.haystacks() == plain.haystacks()
    columns = len(FeedbackArea.COLUMNS)
    assert lazy.widths(columns) == plain.widths(columns)
    for column in range(columns):
        assert lazy.sort_keys(column) == plain.sort_keys(column)
    filters = lazy.quick_filters()
    assert [(label, test.tag) for label, test in filters  # type: ignore[attr-defined]
            ] == _expected_quick_filters(plain)
    assert all(isinstance(test, HasTag) for _label, test in filters)
    for _label, test in filters:
        assert lazy.passing(test) == plain.passing(test)
        assert any(lazy.passing(test))


def test_texts_that_differ_only_in_case_accents_or_lines_keep_their_own_cells(
        tui_db: Database) -> None:
    """Every distinct comment and respondent is worked on once: «Bra» and «bra», «Å» and «A», a
    comment over two lines, an anonymous response and one without comment each keep theirs."""
    first = feedback.list_feedback(tui_db.uow())[0]
    gathering = first.gathering_id
    for respondent, comment in [("Åse", "Bra"), ("Ase", "bra"), (None, "to\nlinjer"),
                                ("ÅSE", None), (None, None)]:
        feedback.add_feedback(tui_db.uow(), gathering, 4, 3, respondent=respondent,
                              comment=comment, now=first.starts_at + timedelta(days=1))
    made = feedback_rows(feedback.list_feedback(tui_db.uow(), gathering_id=gathering))
    lazy = FeedbackRows(feedback.feedback_table(tui_db.uow(), gathering_id=gathering))
    plain = Rows(made)
    assert list(lazy) == made
    assert lazy.haystacks() == plain.haystacks()
    for column in range(len(FeedbackArea.COLUMNS)):
        assert lazy.sort_keys(column) == plain.sort_keys(column)
    cells = {row.cells[2:] for row in lazy}
    assert ("Åse", "4", "3", "Bra") in cells and ("Ase", "4", "3", "bra") in cells
    assert ("anonym", "4", "3", "to linjer") in cells and ("ÅSE", "4", "3", "") in cells


@pytest.mark.parametrize("only", [{}, {"programme": PROG}, {"year": 2023}, {"year": 2099}])
def test_the_yearly_averages_from_the_table_are_those_of_the_database(
        tui_db: Database, only: dict) -> None:
    """Tilbakemeldinger's yearly averages come from the rows it has read, not from a second
    pass over the database: the same years, counts and means (every response weighs the same;
    the year in Norwegian time) as `averages`."""
    first = feedback.list_feedback(tui_db.uow())[0]
    new_year = datetime(2023, 12, 31, 23, 30, tzinfo=OSLO)  # 22:30 UTC: still 2023 here
    g = gatherings.add_gathering(tui_db.uow(), PROG, "Nyttårsaften", new_year,
                                 new_year + timedelta(hours=2), "video",
                                 video_url="https://m.no/n")
    for overall, usefulness in [(5, 4), (2, 1), (3, 3)]:
        feedback.add_feedback(tui_db.uow(), g.id, overall, usefulness,
                              now=new_year + timedelta(days=1))
    assert first.starts_at < new_year
    years = feedback.averages(tui_db.uow(), **only).years
    assert feedback.year_averages(feedback.feedback_table(tui_db.uow(), **only)) == years
    assert bool(years) is ("year" not in only or only["year"] == 2023)


def test_the_widths_come_from_the_distinct_values_anonymous_and_named_alike(
        tui_db: Database) -> None:
    """The column widths are worked out from the distinct values, not from every row's cells:
    the same as the made rows give, for a gathering answered only anonymously («anonym») and
    for one with a name, a respondent, or both («Bodø · Åse»)."""
    start = datetime(2024, 3, 4, 10, tzinfo=OSLO)
    anonymous = gatherings.add_gathering(tui_db.uow(), PROG, "Bare anonyme svar", start,
                                         start + timedelta(hours=2), "video",
                                         video_url="https://m.no/a")
    named = gatherings.add_gathering(tui_db.uow(), PROG, "Navngitte svar", start,
                                     start + timedelta(hours=3), "video",
                                     video_url="https://m.no/b")
    for _ in range(2):
        feedback.add_feedback(tui_db.uow(), anonymous.id, 4, 4, now=start + timedelta(days=1))
    for respondent, municipality in [("Åse Kris", None), (None, "1804"), ("Åse", "1804")]:
        feedback.add_feedback(tui_db.uow(), named.id, 5, 4, respondent=respondent,
                              municipality=municipality, now=start + timedelta(days=1))
    columns = len(FeedbackArea.COLUMNS)
    for g, who in [(anonymous, "anonym"), (named, "Bodø · Åse")]:
        lazy = FeedbackRows(feedback.feedback_table(tui_db.uow(), gathering_id=g.id))
        made = Rows(feedback_rows(feedback.list_feedback(tui_db.uow(), gathering_id=g.id)))
        assert lazy.widths(columns) == made.widths(columns)
        assert lazy.widths(columns)[2] == len(who)
