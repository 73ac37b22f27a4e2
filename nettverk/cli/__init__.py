"""The command line: parses, calls the use cases, prints. Heavy imports happen inside commands."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from typing import Any

from nettverk import __version__
from nettverk.cli.parser import NorwegianArgumentParser, UsageError
from nettverk.domain.errors import DomainError


class _Sink:
    """Stands in for the parsers of the commands not being run: absorbs every call."""

    def __getattr__(self, _name: str) -> _Sink:
        return self

    def __call__(self, *_args: object, **_kwargs: object) -> _Sink:
        return self


class _OnlyCommand:
    """The top-level subparsers, building in full only the command being run.

    When the command is not one of them (`--help`, a typo), every command gets a bare parser
    with its help line from `command_index`, so that `--help` lists them all and a typo gets
    argparse's "invalid choice"; when it is, the others are not added at all. No other
    command's options are built and no other command's module imported. Building every
    option of every command, and importing every command module, is most of what
    `nettverk --help` costs.
    """

    def __init__(self, sub: argparse._SubParsersAction[Any], wanted: str) -> None:
        self._sub = sub
        self._wanted = wanted

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser | _Sink:
        if name == self._wanted:
            parser: argparse.ArgumentParser = self._sub.add_parser(name, **kwargs)
            return parser
        return _Sink()


def _command_word(argv: Sequence[str]) -> str:
    """The command in argv (the first word that is not a global option or its value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif not word.startswith("-"):
            return word
    return ""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every command in full, or (`only`) just that command in full."""
    parser = NorwegianArgumentParser(
        prog="nettverk",
        description="Verktøy for å drive kommunale utviklingsnettverk. "
        "Uten kommando åpnes terminalgrensesnittet.",
    )
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy-URL til databasen "
                        "(ellers NETTVERK_DATABASE_URL, ellers en SQLite-fil i datamappen)")
    parser.add_argument("--debug", action="store_true", help="vis Python-sporing ved uventede feil")
    parser.add_argument("--version", action="version", version=f"nettverk {__version__}",
                        help="vis versjonen og avslutt")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=NorwegianArgumentParser)
    if only is None:
        from nettverk.cli import commands

        for module in commands.MODULES:
            module.add_parsers(sub)
        return parser
    import importlib

    from nettverk.cli.command_index import COMMANDS

    target = _OnlyCommand(sub, only)
    known = any(name == only for name, _, _ in COMMANDS)
    for name, help_line, module_name in COMMANDS:
        if name == only:
            importlib.import_module(f"nettverk.cli.{module_name}").add_parsers(target)
        elif not known:  # only for the list of commands (--help, a typo's "invalid choice")
            sub.add_parser(name, help=help_line)
    return parser


def run() -> None:
    """The `nettverk` console script: `main`, then exit.

    A command that only read through the plain DB-API path (`status`, the lists that have one)
    has written all it will write and closed its connection once `main` returns; tearing the
    interpreter down (clearing every module, collecting every object) would then cost about a
    tenth of the command's time for nothing, so such a command leaves with `os._exit` after
    flushing its output. Every other command exits the ordinary way.
    """
    code = main()
    if _quick_exit.ready:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            code = 0
        os._exit(code)
    sys.exit(code)


class _QuickExit:
    """Set by `_run` when the command made plain reads only and has closed them."""

    ready = False


_quick_exit = _QuickExit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a reader that went away shows here rather than at exit
    except BrokenPipeError:
        # `nettverk … | head -1`: the reader has what it wanted; end quietly.
        _discard_stdout()
        return 0
    return code


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (tests)
        pass


def _run(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=_command_word(words))
    try:
        args = parser.parse_args(words)
    except UsageError as exc:
        print(f"nettverk: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    from nettverk.cli.args import check_no_empty_filters, check_no_surrogates

    try:
        check_no_surrogates(args)
        check_no_empty_filters(args)
    except DomainError as exc:
        print(f"nettverk: feil i «{exc.field}»: {exc.message}", file=sys.stderr)
        return 2
    from nettverk.cli.context import Context
    if getattr(args, "format", None) == "csv" and getattr(args, "csv_dialect", "") == "rfc4180":
        from nettverk.cli.output import resolve_format  # (not imported for the rest: its start)

        resolve_format(args)
    ctx = Context.from_args(args)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from nettverk.cli.interactive import open_app

            return open_app(ctx)
        result = handler(ctx, args)
        return int(result or 0)
    except BrokenPipeError:
        raise
    except Exception as exc:
        return ctx.report(exc)
    finally:
        _quick_exit.ready = ctx.close()
