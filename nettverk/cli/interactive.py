"""`nettverk` without a command: the terminal UI, or a printed overview where it cannot run."""

from __future__ import annotations

import os
import sys

from nettverk.cli.context import Context


def open_app(ctx: Context) -> int:
    """Open the terminal UI on the configured database."""
    # A terminal, or the browser (textual-serve runs us with its web driver and a pipe).
    if not (sys.stdout.isatty() or os.environ.get("TEXTUAL_DRIVER")):
        return print_overview(ctx)
    from nettverk.tui.app import run

    # The database opens in a worker after the first frame; an error in opening it (a bad
    # URL, a schema that is behind) is raised by `run` and reported like any command's.
    return run(lambda: ctx.db)


def print_overview(ctx: Context) -> int:
    """Print a short overview of what the database holds."""
    from nettverk.services import programmes

    db = ctx.db
    print(f"nettverk — {db.label}")
    listed = programmes.list_programmes(db.uow())
    if not listed:
        print("Databasen er tom. Kjør `nettverk init --demo` for demodata.")
        return 0
    for p in listed:
        participants = programmes.list_participants(db.uow(), p.slug)
        period = f"{p.starts.year}–{p.ends.year}" if p.ends else f"fra {p.starts.year}"
        print(f"\n{p.name} ({p.slug}, {period})")
        for part in participants:
            name = f"{part.name} – {part.sami_name}" if part.sami_name else part.name
            print(f"  {part.municipality} {name} (fylke {part.county}, {part.status})")
    return 0
