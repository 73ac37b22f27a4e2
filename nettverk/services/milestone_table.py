"""Milestones and follow-up next actions as read for a list: the plain rows of both queries,
the names they refer to, and the list's order, kept as columns (`MilestoneTable`), from which
the views (`MilestoneView`) are made for all rows (`list_milestones`) or one at a time (a
100,000-row list in the terminal UI shows 40 of them)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from nettverk.domain.network_rules import (
    MILESTONE_STATUS_LABELS,
    MilestoneStatus,
    milestone_status,
)
from nettverk.persistence.plain import PlainReader
from nettverk.services.network_common import display_name
from nettverk.services.overview_views import MilestoneView

DONE = (MilestoneStatus.done.value, MILESTONE_STATUS_LABELS[MilestoneStatus.done])


class SharedNames:
    """Builds views from plain rows, sharing what repeats (names, dates, labels) between them:
    at national scale 100,000 views hold a few thousand distinct texts and dates. The names of
    programmes, municipalities and persons come from one lookup query each (`look_up`), not
    from joins on every row."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.texts: dict[Any, Any] = {}
        self.statuses: dict[tuple[date, bool], tuple[str, str]] = {}
        self.programmes: dict[int, str] = {}
        self.municipalities: dict[int, tuple[str, str]] = {}
        self.persons: dict[int, str] = {}

    def look_up(self, reader: PlainReader, programmes: set[int | None],
                municipalities: set[int | None], persons: set[int | None]) -> None:
        """Read the names of the ids the rows refer to (three statements, whatever the rows)."""
        self.programmes = dict(_named(reader, "SELECT id, slug FROM programme", programmes))
        self.municipalities = {
            id: (number, display_name(name, sami_name))
            for id, number, name, sami_name in _named(
                reader, "SELECT id, number, name, sami_name FROM municipality", municipalities)}
        self.persons = dict(_named(reader, "SELECT id, name FROM person", persons))

    def status(self, due: date, done_on: date | None) -> tuple[str, str]:
        key = (due, done_on is not None)
        found = self.statuses.get(key)
        if found is None:
            status = milestone_status(due, done_on, self.today)
            found = self.statuses[key] = (status.value, MILESTONE_STATUS_LABELS[status])
        return found

    def milestones(self, rows: Sequence[Any]) -> list[MilestoneView]:
        """What `milestone_view` makes of each ORM object, from its columns."""
        text, status_of = self.texts.setdefault, self.status
        programmes, municipalities, persons = self.programmes, self.municipalities, self.persons
        views = []
        for (id, title, due, done_on, plan_document_id, version, programme_id,
             municipality_id, plan_municipality_id, responsible_id) in rows:
            mun = municipalities.get(municipality_id if municipality_id is not None
                                     else plan_municipality_id)
            status, label = status_of(due, done_on)
            views.append(MilestoneView(
                key=f"milestone:{id}", kind="milestone", id=id, follow_up_id=None,
                title=text(title, title), due=text(due, due),
                done_on=None if done_on is None else text(done_on, done_on), status=status,
                status_label=label,
                programme=None if programme_id is None else programmes[programme_id],
                municipality=mun[0] if mun else None, municipality_name=mun[1] if mun else None,
                plan_document_id=plan_document_id,
                responsible=None if responsible_id is None else persons[responsible_id],
                version=version))
        return views

    def next_actions(self, rows: Sequence[Any]) -> list[MilestoneView]:
        """What `next_action_view` makes of each ORM object, from its columns."""
        text, status_of = self.texts.setdefault, self.status
        programmes, municipalities = self.programmes, self.municipalities
        views = []
        for (id, action, due, done_on, participants, version, programme_id,
             municipality_id) in rows:
            status, label = status_of(due, done_on)
            number, name = municipalities[municipality_id]
            views.append(MilestoneView(
                key=f"follow_up:{id}", kind="next_action", id=None, follow_up_id=id,
                title=text(action or "", action or ""), due=text(due, due),
                done_on=None if done_on is None else text(done_on, done_on), status=status,
                status_label=label,
                programme=None if programme_id is None else programmes[programme_id],
                municipality=number, municipality_name=name, plan_document_id=None,
                responsible=participants, version=version))
        return views


def _named(reader: PlainReader, select: str, ids: set[int | None]) -> list[tuple[Any, ...]]:
    """The rows of `select` (its first column the id) for these ids, in one statement."""
    wanted = sorted(id for id in ids if id is not None)
    if not wanted:
        return []
    return reader.rows(f"{select} WHERE id IN ({', '.join('?' * len(wanted))})", wanted)


def milestone_columns(batches: Iterable[Sequence[Sequence[Any]]]) -> list[list[Any]]:
    """The milestone query's rows (id, title, due, done on, plan document, version, programme,
    municipality, the plan's municipality, responsible), read in batches (`Result.partitions`),
    as ten columns: the rows of a batch are let go before the next is read, so a million rows
    never exist at once. Each distinct title and date is one object; dates may come as ISO
    text (SQLite keeps them so, and the list reads them unconverted: a million conversions are
    a few thousand)."""
    columns: list[list[Any]] = [[] for _ in range(10)]
    titles: dict[str, str] = {}
    days: dict[Any, date | None] = {None: None}
    for batch in batches:
        for i, part in enumerate(zip(*batch, strict=True)):
            if i == 1:
                columns[i] += map(titles.setdefault, part, part)
            elif i in (2, 3):
                days.update({value: value if isinstance(value, date)
                             else date.fromisoformat(value)
                             for value in set(part) if value not in days})
                columns[i] += map(days.__getitem__, part)
            else:
                columns[i] += part
    return columns


def _merged(column: list[Any], cuts: Sequence[int], inserted: Sequence[Any]) -> list[Any]:
    """The column with each inserted value put before position `cuts[k]` of it."""
    if not cuts:
        return column
    merged: list[Any] = []
    start = 0
    for at, value in zip(cuts, inserted, strict=True):
        merged += column[start:at]
        merged.append(value)
        start = at
    merged += column[start:]
    return merged


class MilestoneTable:
    """Milestones and next actions in the list's order (by deadline; on the same day the
    milestones first; then by key as text), as one column per field of `MilestoneView`: no
    object is made per row (the plain rows read are let go once their columns are made, so a
    list of 100,000 rows is a few lists and the texts and dates they share). `view(i)` makes
    row i's view when it is needed, `views()` all of them (as `list_milestones` returns them).

    `milestones` are the milestone query's columns (`milestone_columns`) and `f_rows` the plain
    rows of the follow-ups' next actions, each already in the list's order (by deadline, then
    by key as text), as the queries sort them; `names` has looked up the names they refer
    to."""

    def __init__(self, milestones: list[list[Any]], f_rows: Sequence[Any], names: SharedNames,
                 offset: int = 0, window: int | None = None) -> None:
        # The next actions (a few) go after the milestones due the same day or earlier, in
        # the milestones' shape: id, title, due, done_on, plan document, version, programme,
        # municipality, the plan's municipality, responsible (a person's id; a next action's
        # participants as text).
        due_column = milestones[2]
        cuts: list[int] = []
        start = 0
        for row in f_rows:
            start = bisect_right(due_column, row[2], start)
            cuts.append(start)
        actions = list(zip(*((id, action or "", due, done_on, None, version, programme, mun,
                              None, participants)
                             for id, action, due, done_on, participants, version, programme, mun
                             in f_rows), strict=True)) or [()] * 10
        columns = [_merged(column, cuts, added)
                   for column, added in zip(milestones, actions, strict=True)]
        follows = _merged([False] * len(due_column), cuts, [True] * len(cuts))
        if offset or window is not None:
            columns = [column[offset:window] for column in columns]
            follows = follows[offset:window]
        ids, title, due, done_on, plan_doc, version, programme, mun, plan_mun, responsible = \
            columns
        self.keys: list[str] = [("follow_up:%d" if f else "milestone:%d") % i
                                for i, f in zip(ids, follows, strict=True)]
        self.kind: list[str] = ["next_action" if f else "milestone" for f in follows]
        self.id: list[int | None] = [None if f else i for i, f in zip(ids, follows, strict=True)]
        self.follow_up_id: list[int | None] = [i if f else None
                                               for i, f in zip(ids, follows, strict=True)]
        self.title: list[str] = title
        self.due: list[date] = due
        self.done_on: list[date | None] = done_on
        by_due = {day: names.status(day, None) for day in set(self.due)}
        status, label = zip(*[DONE if on is not None else by_due[day]
                              for day, on in zip(self.due, self.done_on, strict=True)],
                            strict=True) if ids else ((), ())
        self.status: list[str] = list(status)
        self.status_label: list[str] = list(label)
        programmes: dict[Any, str | None] = {None: None, **names.programmes}
        self.programme: list[str | None] = list(map(programmes.__getitem__, programme))
        municipalities = names.municipalities
        number, name = zip(*[municipalities.get(via if own is None else own, (None, None))
                             for own, via in zip(mun, plan_mun, strict=True)],
                           strict=True) if ids else ((), ())
        self.municipality: list[str | None] = list(number)
        self.municipality_name: list[str | None] = list(name)
        self.plan_document_id: list[int | None] = list(plan_doc)
        persons: dict[Any, str | None] = {None: None, **names.persons}
        self.responsible: list[str | None] = [
            who if f else persons[who] for who, f in zip(responsible, follows, strict=True)]
        self.version: list[int] = list(version)

    def __len__(self) -> int:
        return len(self.keys)

    def _fields(self) -> tuple[list[Any], ...]:
        """The columns in `MilestoneView`'s order of fields."""
        return (self.keys, self.kind, self.id, self.follow_up_id, self.title, self.due,
                self.done_on, self.status, self.status_label, self.programme,
                self.municipality, self.municipality_name, self.plan_document_id,
                self.responsible, self.version)

    def view(self, index: int) -> MilestoneView:
        """Row `index`'s view (what `list_milestones` returns at that position)."""
        return MilestoneView(*(column[index] for column in self._fields()))

    def views(self) -> list[MilestoneView]:
        """Every row's view, in order."""
        return list(map(MilestoneView, *self._fields()))
