"""Priority-tool workbooks: each participant scores the session's factors (importance and local
influence 1–5) in a sheet with the importance × influence chart; read back many at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nettverk.domain import rules
from nettverk.domain.errors import DomainError
from nettverk.domain.evaluation import PrioritySession
from nettverk.exports import workbooks as wb
from nettverk.services import priority
from nettverk.services.database import Database
from nettverk.services.workbooks import (
    PreviewRow,
    Problem,
    WorkbookFile,
    WorkbookImport,
    checked_score,
    fingerprint,
    forms_for,
    new_token,
    one_per_respondent,
    read_forms,
    reject_if,
    slug,
    store_all,
    unique_names,
)

SHEET = "Prioritering"
INSTRUCTIONS = (
    "Prioriteringsverktøyet: sorter faktorene etter hvor viktige de er for samfunnsutviklingen, "
    "og om det er mulig å påvirke dem lokalt og regionalt.",
    "Gi hver faktor en score fra 1 til 5 for viktighet (1 lite viktig, 5 svært viktig) og for "
    "lokal påvirkning (1 lite påvirkbar, 5 svært påvirkbar). Gjør det først hver for deg; "
    "diskuter så i grupper og forsøk å bli enige om plasseringen.",
    "Diagrammet viser plasseringen: øverst til høyre er det som er viktig og samtidig mulig å "
    "påvirke (prioriter). Fyll ut de gule cellene (bare hele tall 1–5), lagre og send "
    "arbeidsboken tilbake.",
)
COLUMNS = [
    wb.FormColumn("Faktor", 34), wb.FormColumn("Viktighet (1–5)", 13, "score"),
    wb.FormColumn("Lokal påvirkning (1–5)", 13, "score"),
]


def _fingerprint(p: PrioritySession) -> str:
    return fingerprint(p.created_at, p.held_on.isoformat())


def priority_workbooks(db: Database, session_id: int,
                       participants: Sequence[str] = ()) -> list[WorkbookFile]:
    """One workbook per participant of a priority session (the named ones, or everyone who
    has scored a factor already)."""
    with db.uow() as uow:
        p = priority._load(uow.session, session_id, "session")
        names = [rules.required_text("participant", n, max_length=200) for n in participants]
        if not names:
            seen: dict[str, str] = {}
            for f in sorted(p.factors, key=lambda f: f.id):
                for x in sorted(f.scores, key=lambda x: x.id):
                    seen.setdefault(x.participant.lower(), x.participant)
            names = list(seen.values())
        if not names:
            raise DomainError("participant", "økten har ingen deltakere ennå; oppgi navnene med "
                                             "--participant")
        if len({n.lower() for n in names}) != len(names):
            raise DomainError("participant", "et navn står mer enn én gang")
        factors = [f.name for f in sorted(p.factors, key=lambda f: f.id)]
        if not factors:
            raise DomainError("session", "økten har ingen faktorer; legg dem til først")
        if len(factors) > wb.MAX_FORM_ROWS:
            raise DomainError("session", f"økten har for mange faktorer (høyst "
                                         f"{wb.MAX_FORM_ROWS})")
        title, held_on, print_ = p.title, p.held_on, _fingerprint(p)
        place = p.municipality.name if p.municipality else None
    info = [f"Økt: {title}", f"Dato: {held_on.strftime('%d.%m.%Y')}"]
    if place:
        info.append(f"Kommune: {place}")
    files = []
    for name in names:
        lines = [*info, f"Deltaker: {name}"]
        ident = wb.Identity("priority", session_id, print_, new_token(), name, SHEET,
                            wb.first_answer_row(len(lines), len(INSTRUCTIONS)), len(factors))
        spec = wb.FormSpec(ident, "Prioriteringsverktøy for samfunnsutvikling", lines,
                           INSTRUCTIONS, COLUMNS, [[f] for f in factors], chart=True)
        short = slug(title)[:30].strip("-")
        files.append(WorkbookFile(f"prioritering-{short}-{slug(name)}.xlsx", wb.build(spec),
                                  name))
    return unique_names(files)


@dataclass(frozen=True)
class _Answer:
    factor: str
    importance: int
    influence: int


def import_priority(db: Database, paths: Sequence[Path], dry_run: bool = False,
                    session_id: int | None = None, again: bool = False) -> WorkbookImport:
    """Read returned priority workbooks back: check all, then store all or nothing (`again`:
    a workbook read before is read again, its answers replacing the earlier)."""
    problems: list[Problem] = []
    forms = read_forms(db, paths, "priority", len(COLUMNS), problems, again)
    one_per_respondent(forms, problems)
    answers: dict[str, list[_Answer]] = {}
    preview: list[PreviewRow] = []
    with db.uow() as uow:
        for name, form, p in forms_for(
                forms, problems, session_id, lambda id: priority._load(uow.session, id),
                _fingerprint, "prioriteringsøkt", "økt"):
            ident = form.identity
            found = _answers(p, name, form, problems)
            if found is None:
                continue
            answers[name] = found
            for a in found:
                f = next(f for f in p.factors if f.name == a.factor)
                old = next((x for x in f.scores
                            if x.participant.lower() == ident.respondent.lower()), None)
                if old is None:
                    action = "ny"
                elif (old.importance, old.influence) == (a.importance, a.influence):
                    action = "uendret"
                else:
                    action = f"endret (var {old.importance}/{old.influence})"
                preview.append(PreviewRow(name, ident.respondent, a.factor, a.importance,
                                          a.influence, None, action))
    reject_if(problems)
    report = WorkbookImport("priority", dry_run, [n for n, _ in forms], preview)
    if dry_run:
        return report

    def store(whole: Database, name: str, form: wb.FilledForm) -> None:
        for a in answers[name]:
            priority.add_score(whole.uow(), form.identity.session_id, a.factor,
                               form.identity.respondent, a.importance, a.influence)

    store_all(db, forms, store, again)
    return report


def _answers(p: PrioritySession, name: str, form: wb.FilledForm,
             problems: list[Problem]) -> list[_Answer] | None:
    sheet = form.identity.sheet
    factors = {f.name for f in p.factors}
    before = len(problems)
    found = []
    for row in form.rows:
        factor = wb.text_of(row[0])
        importance = checked_score(name, sheet, row[1], problems)
        influence = checked_score(name, sheet, row[2], problems)
        if factor not in factors:
            if importance is not None or influence is not None or row[0].formula:
                problems.append(Problem(name, f"faktoren «{factor or ''}» finnes ikke (lenger) "
                                              "i økten", sheet, row[0].address))
            continue
        if importance is None and influence is None:
            continue
        if importance is None or influence is None:
            missing = row[1] if importance is None else row[2]
            if not any(p.cell == missing.address for p in problems[before:]):
                problems.append(Problem(name, "fyll ut både viktighet og påvirkning (eller "
                                              "ingen av dem)", sheet, missing.address))
            continue
        found.append(_Answer(factor or "", importance, influence))
    if len(problems) > before:
        return None
    if not found:
        problems.append(Problem(name, "ingen faktorer er vurdert", sheet))
        return None
    return found
