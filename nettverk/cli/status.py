"""`nettverk status`: what needs attention now, as of a day."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any, TypeAlias

from nettverk.cli.args import opt_date
from nettverk.cli.context import Context

Sub: TypeAlias = "argparse._SubParsersAction[Any]"


def add_parsers(sub: Sub) -> None:
    """Add `nettverk status`."""
    _status(sub)


def _status(sub: Sub) -> None:
    p = sub.add_parser("status", help="det som trenger oppmerksomhet nå")
    p.add_argument("--date", metavar="DATO", help="vis status per denne dagen (standard: i dag)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="utdataformat (standard: text)")
    p.set_defaults(handler=_status_show)


def _status_show(ctx: Context, args: argparse.Namespace) -> None:
    today = opt_date("date", args.date)
    reader = ctx.plain_reader()
    if reader is not None:  # plain SQL: no SQLAlchemy to import (services.plain_overview)
        from nettverk.services import plain_overview

        view: Any = plain_overview.overview(reader, today=today)
    else:
        from nettverk.services import overview

        view = overview.overview(ctx.db.uow(), today=today)
    if args.format == "json":
        import json  # only here: the text is what a person asks for, and starts faster

        from nettverk.cli.output import plain

        json.dump(plain(view), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    sys.stdout.write(render_status(view))


def _d(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def _days(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dager"


def render_status(view: Any) -> str:
    """The overview as Norwegian text."""
    from nettverk.services.network_common import fmt_period

    out: list[str] = [f"Status per {_d(view.today)}", ""]

    def section(title: str, lines: list[str], total: int | None = None) -> None:
        out.append(f"{title} ({len(lines) if total is None else total})")
        if lines:
            out.extend(f"  • {line}" for line in lines)
        else:
            out.append("  (ingen)")
        out.append("")

    section(f"Samlinger de neste {view.horizon_days} dagene", [
        f"{fmt_period(g.start, g.end)}  {g.title} ({g.mode_label}"
        f"{', ' + g.location if g.location else ''}) – {g.programme}"
        f"{' – ' + g.municipality_name if g.municipality_name else ''}"
        f" – {'i dag' if g.days_until == 0 else 'om ' + _days(g.days_until)} [samling {g.id}]"
        for g in view.upcoming_gatherings
    ])
    if view.unconfirmed_total:
        section("Samlinger som ikke er bekreftet holdt", [
            f"{g.start:%d.%m.%Y %H:%M}  {g.title} – {g.programme} – {g.prompt.lower()}"
            f" (`nettverk gathering held {g.id}`) [samling {g.id}]"
            for g in view.unconfirmed_gatherings
        ], view.unconfirmed_total)

    def item(v: Any, suffix: str) -> str:
        what = "milepæl" if v.kind == "milestone" else "neste steg"
        ref = f"milepæl {v.id}" if v.kind == "milestone" else f"oppfølging {v.follow_up_id}"
        where = " – ".join(x for x in (v.municipality_name, v.programme) if x)
        return (f"{_d(v.due)}  {v.title} ({what}{', ' + where if where else ''}) – {suffix}"
                f" [{ref}]")

    def more(shown: int, total: int) -> list[str]:
        return [f"… og {total - shown} til (`nettverk milestone list` viser alle)"] \
            if total > shown else []

    section("Forfalte milepæler og neste steg", [
        item(v, f"{_days((view.today - v.due).days)} over fristen") for v in view.overdue
    ] + more(len(view.overdue), view.overdue_total), view.overdue_total)
    section("Frist innen 14 dager", [
        item(v, "i dag" if v.due == view.today else f"om {_days((v.due - view.today).days)}")
        for v in view.due_soon
    ] + more(len(view.due_soon), view.due_soon_total), view.due_soon_total)
    section("Søknader som venter på avgjørelse", [
        f"{a.display_name} ({a.municipality}) til {a.programme}: mottatt {_d(a.received)}, "
        f"{a.status_label}{', for sen' if a.late else ''}"
        f"{'' if a.eligible else ', oppfyller ikke reglene: ' + ' '.join(a.eligibility_notes)}"
        f" [søknad {a.id}]"
        for a in view.pending_applications
    ])
    section("Planstrategier over fristen", [
        f"{p.display_name} ({p.municipality}): planstrategi"
        f"{f' {p.period_start}–{p.period_end}' if p.period_start else ''}, frist "
        f"{_d(p.deadline)}, {_days(p.days_overdue)} over fristen, står på «{p.stage_label}»"
        f" [plandokument {p.id}]"
        for p in view.overdue_plan_strategies
    ])
    if view.overdue_handlingsdel:
        section("Handlingsdelen ikke revidert i tide (PBL § 11-1)", [
            f"{r.display_name} ({r.municipality}): handlingsdelen for {r.year}, frist "
            f"{_d(r.due)}, {r.state_label}"
            + (f" [plandokument {r.plan_document_id}]" if r.plan_document_id else "")
            for r in view.overdue_handlingsdel
        ])
    out.append("Per program")
    headings = ["Program", "Deltakere", "Søknader", "Holdt", "Ikke bekr.", "Planlagt",
                "Neste 60 d.", "Forfalt", "Snart", "Planstr. over frist"]
    rows = [[p.slug, p.participants, p.applications_pending, p.gatherings_held,
             p.gatherings_unconfirmed, p.gatherings_planned, p.gatherings_upcoming, p.overdue,
             p.due_soon, p.plan_strategies_overdue] for p in view.programmes]
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(h)
              for i, h in enumerate(headings)]
    out.append("  " + "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)))
    for r in rows:
        out.append("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    if not view.needs_attention:
        out.append("")
        out.append("Ingenting trenger oppmerksomhet nå.")
    return "\n".join(line.rstrip() for line in out) + "\n"
