"""`cli.output.plain`: what `--format json` writes for each kind of value a view holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from nettverk.cli.output import plain
from nettverk.domain.values import OSLO


class Item(NamedTuple):
    title: str
    due: date


class Record(NamedTuple):
    name: str
    items: list[Item]
    pair: tuple[int, int]
    start: datetime


@dataclass(frozen=True)
class Old:
    name: str
    record: Record


def test_a_named_tuple_is_written_as_an_object_with_its_field_names() -> None:
    record = Record("Gáivuotna – Kåfjord", [Item("Frist", date(2027, 3, 31))], (1, 2),
                    datetime(2026, 6, 1, 7, 30, tzinfo=OSLO))
    assert plain(Old("x", record)) == {"name": "x", "record": {
        "name": "Gáivuotna – Kåfjord", "items": [{"title": "Frist", "due": "2027-03-31"}],
        "pair": [1, 2], "start": "2026-06-01T07:30:00+02:00"}}
    assert json.loads(json.dumps(plain([record])))[0]["items"][0]["title"] == "Frist"
