"""An argparse parser that speaks Norwegian and never exits on its own for bad usage."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

# argparse looks its messages up through gettext; these are the ones a user meets.
_NORWEGIAN = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "show program's version number and exit": "vis versjonen og avslutt",
    "the following arguments are required: %s": "mangler påkrevd argument: %s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "expected one argument": "trenger en verdi",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ugyldig verdi: %(value)r (velg blant %(choices)s)",
    "not allowed with argument %s": "kan ikke brukes sammen med %s",
    "one of the arguments %s is required": "ett av argumentene %s er påkrevd",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig valg: %(option)s kan bety %(matches)s",
}


def _translate(message: str) -> str:
    return _NORWEGIAN.get(message, message)


argparse._ = _translate  # type: ignore[attr-defined]


def _help_width() -> int:
    """The width argparse would use: shutil.get_terminal_size's columns (COLUMNS, else the
    terminal of stdout, else 80), less 2."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class UsageError(Exception):
    """The command line was used wrongly (exit code 2)."""


class NorwegianArgumentParser(argparse.ArgumentParser):
    """Raises UsageError with a Norwegian message instead of printing and exiting."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        """As argparse's, with the width worked out here: argparse makes a formatter for every
        argument it adds, and its own width lookup imports shutil (with bz2 and lzma), a
        noticeable part of a command's start."""
        return self.formatter_class(prog=self.prog, width=_help_width())  # type: ignore[call-arg]

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}\n(se `{self.prog} --help`)")
