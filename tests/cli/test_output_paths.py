"""A mistyped `-o` path (a folder that does not exist, or a folder instead of a file) is bad
input: exit 2 naming «output», a Norwegian message, nothing written; not an unexpected error."""

from __future__ import annotations

from pathlib import Path

import pytest

from nettverk.services.database import Database
from tests.support import run_cli

PROG = "mindre-kommuner-2020"
COMMANDS = [
    ("export", "xlsx", "--programme", PROG),
    ("export", "ics", "--programme", PROG),
    ("report", "status", "--programme", PROG, "--date", "2023-12-01"),
]
#: The file name each suggests when given a folder: one of its own kind.
EXAMPLES = {"xlsx": "regneark.xlsx", "ics": "kalender.ics", "status": "rapport.pdf"}


@pytest.mark.parametrize("command", COMMANDS)
def test_output_in_a_missing_folder_is_refused(demo_db: Database, db_url: str,
                                               tmp_path: Path, command: tuple[str, ...]) -> None:
    work = tmp_path / "arbeid"  # the test database lives in tmp_path itself
    work.mkdir()
    result = run_cli(db_url, *command, "-o", str(work / "finnes-ikke" / "ut.fil"))
    assert result.code == 2, result.err
    assert "«output»" in result.err and "finnes ikke" in result.err
    assert "uventet" not in result.err
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_output_that_is_a_folder_is_refused(demo_db: Database, db_url: str, tmp_path: Path,
                                            command: tuple[str, ...]) -> None:
    work = tmp_path / "arbeid"  # the test database lives in tmp_path itself
    folder = work / "rapporter"
    folder.mkdir(parents=True)
    result = run_cli(db_url, *command, "-o", str(folder))
    assert result.code == 2, result.err
    assert "«output»" in result.err and "er en mappe" in result.err
    assert f"f.eks. {folder / EXAMPLES[command[1]]}" in result.err
    assert sorted(p.name for p in work.iterdir()) == ["rapporter"]
    assert list(folder.iterdir()) == []
