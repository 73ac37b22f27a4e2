"""A list command's filter given as empty text (`--programme "$PROG"` with PROG unset) is refused
with exit 2, naming the option; it must not quietly list everything."""

from __future__ import annotations

import pytest

from nettverk.services.database import Database
from tests.support import run_cli

CASES = [
    ("milestone", "list", "--programme"),
    ("gathering", "list", "--municipality"),
    ("application", "list", "--programme"),
    ("municipality", "list", "--county"),
    ("agreement", "list", "--county"),
    ("feedback", "list", "--programme"),
    ("audit", "list", "--user"),
]


@pytest.mark.parametrize(("noun", "verb", "option"), CASES)
@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_filter_is_refused(demo_db: Database, noun: str, verb: str, option: str,
                                    empty: str) -> None:
    result = run_cli(demo_db.url, noun, verb, option, empty, "--format", "json")
    assert result.code == 2, (result.out, result.err)
    field = option.removeprefix("--").replace("-", "_")
    assert f"«{field}»" in result.err and "kan ikke være tom" in result.err
    assert result.out == ""


def test_a_filter_left_out_still_lists_everything(demo_db: Database) -> None:
    result = run_cli(demo_db.url, "milestone", "list", "--format", "json")
    assert result.code == 0 and result.json()
