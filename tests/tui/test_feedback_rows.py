"""Tilbakemeldinger's rows kept as columns and made only when shown (issue 17: 378,000 responses
at ten times national scale): the list shows, filters, sorts and quick-filters exactly as it did
with a row made for every response."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import feedback
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
