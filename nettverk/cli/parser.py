"""An argparse parser that speaks Norwegian and never exits on its own for bad usage."""

from __future__ import annotations

import argparse
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


class UsageError(Exception):
    """The command line was used wrongly (exit code 2)."""


class NorwegianArgumentParser(argparse.ArgumentParser):
    """Raises UsageError with a Norwegian message instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}\n(se `{self.prog} --help`)")
