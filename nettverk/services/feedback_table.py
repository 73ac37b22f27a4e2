"""The feedback list as columns (`FeedbackTable`): the rows of `services.feedback`'s list query
with the gatherings and municipalities they refer to, from which a view (`FeedbackView`) is made
for every row (`list_feedback`) or for one at a time (the TUI's Tilbakemeldinger shows 40 of
378,000 at ten times national scale)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class FeedbackView:
    """One respondent's feedback."""

    id: int
    gathering_id: int
    gathering: str
    starts_at: datetime
    municipality: str | None
    respondent: str | None
    overall: int
    usefulness: int
    comment: str | None
    programme: str = ""
    municipality_name: str | None = None
    version: int = 0


class FeedbackTable:
    """Responses in the list's order as one column per field read, and what they refer to:
    `gatherings` (id → title, start, programme's slug) and `municipalities` (id, or None →
    number and name; None → (None, None)). No object is made per row."""

    def __init__(self, rows: Sequence[Any],
                 gatherings: Mapping[int, tuple[str, datetime, str]],
                 municipalities: Mapping[int | None, tuple[str | None, str | None]]) -> None:
        columns = list(zip(*rows, strict=True)) or [()] * 8
        (self.id, self.gathering_id, self.municipality_id, self.respondent, self.overall,
         self.usefulness, self.comment, self.version) = (list(c) for c in columns)
        self.gatherings = gatherings
        self.municipalities = municipalities

    def __len__(self) -> int:
        return len(self.id)

    def view(self, index: int) -> FeedbackView:
        """Row `index`'s view (what `list_feedback` returns at that position)."""
        gid = self.gathering_id[index]
        title, starts, slug = self.gatherings[gid]
        number, name = self.municipalities[self.municipality_id[index]]
        return FeedbackView(self.id[index], gid, title, starts, number, self.respondent[index],
                            self.overall[index], self.usefulness[index], self.comment[index],
                            programme=slug, municipality_name=name,
                            version=self.version[index])

    def gathering_sums(self) -> list[tuple[datetime, int, int, int]]:
        """Each gathering's start, responses, and sums of overall and usefulness scores."""
        sums: dict[int, list[int]] = {}
        for gid, overall, usefulness in zip(self.gathering_id, self.overall, self.usefulness,
                                            strict=True):
            acc = sums.get(gid)
            if acc is None:
                acc = sums[gid] = [0, 0, 0]
            acc[0] += 1
            acc[1] += overall
            acc[2] += usefulness
        return [(self.gatherings[gid][1], n, o, u) for gid, (n, o, u) in sums.items()]

    def views(self) -> list[FeedbackView]:
        """Every row's view, in order (as `view` of each, its lookups made once per row)."""
        gatherings, municipalities = self.gatherings, self.municipalities
        views = []
        for id, gid, mid, respondent, overall, usefulness, comment, version in zip(
                self.id, self.gathering_id, self.municipality_id, self.respondent,
                self.overall, self.usefulness, self.comment, self.version, strict=True):
            title, starts, slug = gatherings[gid]
            number, name = municipalities[mid]
            views.append(FeedbackView(id, gid, title, starts, number, respondent, overall,
                                      usefulness, comment, slug, name, version))
        return views
