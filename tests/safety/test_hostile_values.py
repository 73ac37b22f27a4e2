"""Hostile values on the command line: bytes that are not UTF-8, years no calendar converts,
amounts no decimal holds, invisible names, control characters, endless gatherings and id 0.

Each is refused with exit code 2, a message naming the field, and nothing written.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nettverk.cli import build_parser
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = "mindre-kommuner-2020"


def _leaf_parsers() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            if parser.get_default("handler") is not None:
                found.append((path, parser))
            return
        for name, child in subs[0].choices.items():
            walk(child, (*path, name))

    walk(build_parser(), ())
    return found


def _cases() -> list[tuple[tuple[str, ...], str, list[str]]]:
    """Every command once per option (and positional), that value a lone surrogate."""
    cases = []
    for path, parser in _leaf_parsers():
        if path[0] == "serve":
            continue
        for action in parser._actions:
            if action.nargs == 0 or action.dest in {"help"} or action.choices:
                continue
            argv: list[str] = [*path]
            for other in parser._actions:  # in order, so positionals keep their places
                if other is action:
                    value = "Eve\udcffnes"
                elif other.nargs != 0 and (other.required or not other.option_strings):
                    value = sorted(other.choices)[0] if other.choices else "1"
                else:
                    continue
                argv += [other.option_strings[-1], value] if other.option_strings else [value]
            for group in parser._mutually_exclusive_groups:
                if group.required and action not in group._group_actions:
                    first = group._group_actions[0]
                    argv += [first.option_strings[-1]] if first.nargs == 0 else \
                        [first.option_strings[-1], "1"]
            cases.append((path, action.dest, argv))
    return cases


CASES = _cases()


def test_there_are_many_options_to_try() -> None:
    assert len(CASES) > 100


@pytest.mark.parametrize(("path", "dest", "argv"), CASES,
                         ids=[f"{' '.join(p)}:{d}" for p, d, _ in CASES])
def test_a_lone_surrogate_in_any_option_is_refused_naming_it(
        path: tuple[str, ...], dest: str, argv: list[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tom.db'}"
    result = run_cli(url, *argv)
    assert result.code == 2, (argv, result.code, result.err)
    assert f"«{dest}»" in result.err and "UTF-8" in result.err, result.err


def test_invalid_utf8_bytes_from_a_real_shell_are_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bytes.db'}"
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    argv: list[str | bytes] = [
        sys.executable, "-m", "nettverk", "--db", url, "municipality", "add",
        "--number", "1899", "--name", b"Even\xe1\xb3i", "--county", "18", "--population", "3"]
    done = subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "«name»" in done.stderr.decode("utf-8", "replace")
    listed = subprocess.run([sys.executable, "-m", "nettverk", "--db", url, "programme", "show",
                             os.fsdecode(b"\xff\xfe")], capture_output=True, env=env, cwd=ROOT,
                            timeout=60)
    assert listed.returncode == 2, listed.stderr
    assert "Traceback" not in listed.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize(("argv", "field"), [
    (["gathering", "add", "--programme", PROGRAMME, "--title", "Samling",
      "--start", "0001-01-01 00:00", "--end", "0001-01-01 01:00", "--mode", "video"], "start"),
    (["gathering", "add", "--programme", PROGRAMME, "--title", "Samling",
      "--start", "9999-12-31 23:00", "--end", "9999-12-31 23:30", "--mode", "video"], "start"),
    (["milestone", "add", "--programme", PROGRAMME, "--title", "Frist", "--due", "0001-01-01"],
     "due"),
    (["attendance", "set", "--gathering", "1", "--municipality", "1853",
      "--travel-cost", "1e30"], "travel_cost"),
    (["attendance", "set", "--gathering", "1", "--municipality", "1853",
      "--accommodation-cost", "9" * 39], "accommodation_cost"),
    (["gathering", "add", "--programme", PROGRAMME, "--title", "\u200b\u200b\u2060",
      "--start", "2022-03-10 09:00", "--end", "2022-03-10 15:00", "--mode", "video"], "title"),
    (["person", "add", "--name", "\u200b \ufeff\u200d"], "name"),
    (["feed", "create", "--programme", PROGRAMME, "--label", "til\x1b[31mKari"], "label"),
    (["feed", "create", "--programme", PROGRAMME, "--label", "x" * 100_000], "label"),
    (["gathering", "add", "--programme", PROGRAMME, "--title", "Evig",
      "--start", "2022-03-10 09:00", "--end", "2200-03-10 15:00", "--mode", "video"], "end"),
    (["gathering", "add", "--programme", PROGRAMME, "--title", "Tre uker",
      "--start", "2022-03-01 09:00", "--end", "2022-03-16 09:01", "--mode", "video"], "end"),
    (["milestone", "add", "--programme", PROGRAMME, "--title", "Frist", "--due", "2022-05-01",
      "--responsible", "0"], "responsible"),
    (["milestone", "done", "0"], "id"),
    (["milestone", "done", "-3"], "id"),
    (["person", "export", "0"], "id"),
    (["feed", "revoke", "0"], "id"),
    (["participant", "add", "--programme", "det-gode-liv", "--municipality", "1853",
      "--contact-person", "0"], "contact_person"),
])
def test_hostile_value_is_refused_naming_the_field(demo_db: Database, db_url: str,
                                                   argv: list[str], field: str) -> None:
    before = snapshot(demo_db.engine)
    result = run_cli(db_url, *argv)
    assert result.code == 2, (result.code, result.err)
    assert f"«{field}»" in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(demo_db.engine) == before


def test_a_two_week_gathering_is_still_allowed(demo_db: Database, db_url: str) -> None:
    result = run_cli(db_url, "gathering", "add", "--programme", PROGRAMME, "--title", "Studietur",
                     "--start", "2022-03-01 09:00", "--end", "2022-03-15 09:00", "--mode",
                     "physical", "--location", "Bodø", "--format", "json")
    assert result.code == 0, result.err
    assert result.json()["title"] == "Studietur"


def test_a_visible_name_with_a_zero_width_joiner_is_kept(demo_db: Database, db_url: str) -> None:
    result = run_cli(db_url, "person", "add", "--name", "Ánne\u200dMárjá", "--format", "json")
    assert result.code == 0, result.err
    assert result.json()["name"] == "Ánne\u200dMárjá"


def test_every_text_column_is_capped_in_the_model_even_without_a_field_rule(
        demo_db: Database) -> None:
    from sqlalchemy import select

    from nettverk.domain.errors import DomainError
    from nettverk.domain.limits import STRING_MAX
    from nettverk.domain.register import ProgrammePartner

    before = snapshot(demo_db.engine)
    with demo_db.uow() as uow:
        partner = uow.session.scalars(select(ProgrammePartner)).first()
        assert partner is not None
        partner.role = "x" * (STRING_MAX + 1)
        with pytest.raises(DomainError) as err:
            uow.flush()
        assert err.value.field == "role" and str(STRING_MAX) in err.value.message
    assert snapshot(demo_db.engine) == before
