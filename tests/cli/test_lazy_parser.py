"""`nettverk` builds only the parser of the command being run; what a user sees is the same."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from nettverk.cli import _command_word, build_parser

FULL = build_parser()
COMMANDS = sorted(next(a for a in FULL._actions
                       if isinstance(a, argparse._SubParsersAction)).choices)


def help_text(parser: argparse.ArgumentParser, *argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args([*argv, "--help"])
    return out.getvalue()


def test_top_level_help_lists_every_command_as_before() -> None:
    assert help_text(build_parser(only="")) == help_text(FULL)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_parses_and_helps_as_in_the_full_parser(command: str) -> None:
    lazy = build_parser(only=command)
    assert help_text(lazy, command) == help_text(FULL, command)
    sub = next(a for a in FULL._actions if isinstance(a, argparse._SubParsersAction))
    actions = [a for a in sub.choices[command]._actions
               if isinstance(a, argparse._SubParsersAction)]
    for action in actions[:1]:
        for name in action.choices:
            assert help_text(lazy, command, name) == help_text(FULL, command, name)


@pytest.mark.parametrize(("argv", "word"), [
    (["--db", "sqlite:///x.db", "milestone", "list"], "milestone"),
    (["--db=sqlite:///x.db", "--debug", "status"], "status"),
    (["--help"], ""),
    ([], ""),
])
def test_the_command_word_skips_global_options(argv: list[str], word: str) -> None:
    assert _command_word(argv) == word
