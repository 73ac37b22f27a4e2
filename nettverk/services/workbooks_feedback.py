"""Feedback after a gathering, collected from everyone who came: a workbook with one row per
respondent, and the results export of a Microsoft Forms questionnaire; both read back all or
nothing through the ordinary feedback use case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError
from nettverk.domain.network import Gathering
from nettverk.domain.register import Municipality
from nettverk.domain.values import OSLO
from nettverk.exports import workbooks as wb
from nettverk.persistence import audit
from nettverk.persistence.audit import AuditEntry
from nettverk.services import feedback
from nettverk.services.database import Database, one_transaction
from nettverk.services.workbooks import (
    PreviewRow,
    Problem,
    WorkbookFile,
    WorkbookImport,
    checked_score,
    checked_text,
    fingerprint,
    forms_for,
    new_token,
    read_forms,
    reject_if,
    slug,
    store_all,
    unreadable,
)

SHEET = "Tilbakemelding"
INSTRUCTIONS = (
    "Takk for at du var med! Skriv én rad per person: helhetsinntrykket av samlingen og hvor "
    "nyttig den var, hver på en skala fra 1 til 5 (1 svært dårlig, 5 svært god), og gjerne en "
    "kommentar. Navn og kommune (kommunenummer, f.eks. 1853) kan stå tomme.",
    "Fyll ut de gule cellene (bare hele tall 1–5 i tallkolonnene), lagre og send arbeidsboken "
    "tilbake.",
)
COLUMNS = [
    wb.FormColumn("Nr", 5), wb.FormColumn("Navn (valgfritt)", 24, "input"),
    wb.FormColumn("Kommune (valgfritt)", 16, "input"),
    wb.FormColumn("Helhetsinntrykk (1–5)", 14, "score"),
    wb.FormColumn("Nytte (1–5)", 12, "score"), wb.FormColumn("Kommentar", 60, "input"),
]
DEFAULT_ROWS = 30


def _fingerprint(g: Gathering) -> str:
    return fingerprint(g.created_at, g.uid)


def feedback_workbook(db: Database, gathering_id: int, rows: int = DEFAULT_ROWS) -> WorkbookFile:
    """A workbook for a held gathering with `rows` answer rows (one per respondent)."""
    if not 1 <= rows <= wb.MAX_FORM_ROWS:
        raise DomainError("rows", f"må være fra 1 til {wb.MAX_FORM_ROWS}")
    with db.uow() as uow:
        g = feedback._answerable(uow, gathering_id, None)
        title, starts, print_ = g.title, g.starts_at, _fingerprint(g)
    local = starts.astimezone(OSLO) if starts.tzinfo else starts
    info = [f"Samling: {title}", f"Dato: {local.strftime('%d.%m.%Y')}"]
    ident = wb.Identity("feedback", gathering_id, print_, new_token(), "", SHEET,
                        wb.first_answer_row(len(info), len(INSTRUCTIONS)), rows)
    spec = wb.FormSpec(ident, "Tilbakemelding etter samlingen", info, INSTRUCTIONS, COLUMNS,
                       [[str(i)] for i in range(1, rows + 1)])
    return WorkbookFile(f"tilbakemelding-{slug(title)[:40].strip('-')}.xlsx", wb.build(spec), "")


@dataclass(frozen=True)
class _Answer:
    respondent: str | None
    municipality: str | None  # number
    overall: int
    usefulness: int
    comment: str | None


def import_feedback(db: Database, paths: Sequence[Path], dry_run: bool = False,
                    gathering_id: int | None = None) -> WorkbookImport:
    """Read returned feedback workbooks back: check all, then store all or nothing."""
    problems: list[Problem] = []
    forms = read_forms(db, paths, "feedback", len(COLUMNS), problems)
    answers: dict[str, list[_Answer]] = {}
    preview: list[PreviewRow] = []
    with db.uow() as uow:
        for name, form, _g in forms_for(
                forms, problems, gathering_id, lambda id: feedback._answerable(uow, id, None),
                _fingerprint, "samling", "samling",
                refused=lambda id, exc: f"samling {id}: {exc.message}"):
            found = _answers(uow.session, name, form, problems)
            if found is None:
                continue
            answers[name] = found
            preview.extend(PreviewRow(name, a.respondent or "", a.municipality or "", a.overall,
                                      a.usefulness, a.comment, "ny") for a in found)
    reject_if(problems)
    report = WorkbookImport("feedback", dry_run, [n for n, _ in forms], preview)
    if dry_run:
        return report

    def store(whole: Database, name: str, form: wb.FilledForm) -> None:
        for a in answers[name]:
            feedback.add_feedback(whole.uow(), form.identity.session_id, a.overall, a.usefulness,
                                  respondent=a.respondent, municipality=a.municipality,
                                  comment=a.comment)

    store_all(db, forms, store)
    return report


def _municipality(session: Any, text: str | None) -> str | Problem | None:
    if not text:
        return None
    wanted = text.strip()
    m = session.scalar(select(Municipality).where(or_(
        Municipality.number == wanted, func.lower(Municipality.name) == wanted.lower(),
        func.lower(Municipality.sami_name) == wanted.lower())))
    if m is None:
        return Problem("", f"kommunen «{wanted[:40]}» finnes ikke")
    return str(m.number)


def _answers(session: Any, name: str, form: wb.FilledForm,
             problems: list[Problem]) -> list[_Answer] | None:
    sheet = form.identity.sheet
    before = len(problems)
    found = []
    for row in form.rows:
        respondent = checked_text(name, sheet, row[1], "respondent", problems, max_length=200)
        place = checked_text(name, sheet, row[2], "municipality", problems, max_length=200)
        overall = checked_score(name, sheet, row[3], problems)
        usefulness = checked_score(name, sheet, row[4], problems)
        comment = checked_text(name, sheet, row[5], "comment", problems)
        if not any((respondent, place, overall, usefulness, comment)):
            continue
        number = _municipality(session, place)
        if isinstance(number, Problem):
            problems.append(Problem(name, number.message, sheet, row[2].address))
            continue
        missing = [c for c, v in ((row[3], overall), (row[4], usefulness)) if v is None]
        for cell in missing:
            if not any(p.cell == cell.address for p in problems[before:]):
                problems.append(Problem(name, "må fylles ut (1–5) når raden har svar", sheet,
                                        cell.address))
        if overall is None or usefulness is None:
            continue
        found.append(_Answer(respondent, number, overall, usefulness, comment))
    if len(problems) > before:
        return None
    if not found:
        problems.append(Problem(name, "ingen svar er fylt ut", sheet))
        return None
    return found


# --- Microsoft Forms ---------------------------------------------------------------------------


FORMS_TABLE = "forms_response"  # audit_log.table_name of an imported Forms response
MAPPING_TABLE = "forms_mapping"  # audit_log.table_name of a gathering's remembered mapping
_STANDARD = {"id", "starttime", "completiontime", "email", "name", "lastmodifiedtime",
             "starttidspunkt", "fullføringstidspunkt", "epost", "navn", "sistendret",
             "tidspunktforsisteendring", "totalpoengsum", "totalpoints", "quizfeedback"}
_GUESS = {
    "overall": ("helhet", "fornøyd", "totalinntrykk", "inntrykk", "overall", "satisf"),
    "usefulness": ("nytte", "nyttig", "useful", "relevan", "utbytte"),
    "comment": ("kommentar", "innspill", "comment", "merknad", "tilbakemelding", "forbedr"),
    "municipality": ("kommune", "municipality"),
}
_OPTION = {"overall": "--overall", "usefulness": "--usefulness", "comment": "--comment",
           "municipality": "--municipality-question"}


def _norm(text: str) -> str:
    from nettverk.exports.sources import normalise

    return normalise(text.replace("…", "").replace("...", ""))


def _match(question: str, headings: list[str]) -> int:
    """The column whose heading is the given question (exactly, or the one it starts)."""
    wanted = _norm(question)
    exact = [i for i, h in enumerate(headings) if _norm(h) == wanted]
    if len(exact) == 1:
        return exact[0]
    starts = [i for i, h in enumerate(headings) if wanted and _norm(h).startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    shown = "; ".join(f"«{h}»" for h in headings)
    what = "flere spørsmål" if starts else "ingen spørsmål"
    raise DomainError("question", f"«{question}» passer med {what}; spørsmålene er: {shown}")


@dataclass(frozen=True)
class FormsImport:
    """The outcome of a Forms import: the mapping used, new answers, answers skipped."""

    gathering_id: int
    dry_run: bool
    mapping: dict[str, str]
    rows: list[PreviewRow]
    skipped: int  # responses already imported

    @property
    def stored(self) -> int:
        """Answers stored (0 in a dry run)."""
        return 0 if self.dry_run else len(self.rows)


def import_forms(db: Database, gathering_id: int, path: Path, dry_run: bool = False,
                 questions: dict[str, str] | None = None) -> FormsImport:
    """Import a Microsoft Forms results export (xlsx) as feedback on a held gathering.

    The columns are mapped once: by `questions` (role → question title or its start), else the
    mapping remembered for the gathering, else by recognisable words in the titles (helhet /
    fornøyd, nytte, kommentar, kommune); when that is not certain the user is asked to name
    the question. Responses already imported (by their Forms ID) are skipped, so a later export
    with more answers adds only the new ones.
    """
    from nettverk.exports.sources import SourceError, _xlsx_rows

    try:
        raw = _xlsx_rows(path)
    except SourceError as exc:
        raise DomainError("fil", f"{path.name}: {exc}") from None
    except OSError as exc:
        raise DomainError("fil", f"{path.name}: {unreadable(exc)}") from None
    if not raw or not raw[0] or _norm(raw[0][0]) != "id":
        raise DomainError("fil", f"{path.name}: er ikke en resultatfil fra Microsoft Forms "
                                 "(første kolonne skal være «ID»)")
    headings = [str(h).strip() for h in raw[0]]
    questions_at = [i for i, h in enumerate(headings) if h and _norm(h) not in _STANDARD]
    titles = [headings[i] for i in questions_at]
    with db.uow() as uow:
        g = feedback._answerable(uow, gathering_id, None)
        remembered = _remembered(uow.session, g.id)
    mapping = _mapping(questions or {}, remembered, titles)
    column = {role: questions_at[titles.index(title)] for role, title in mapping.items()}
    name_at = next((i for i, h in enumerate(headings) if _norm(h) in {"name", "navn"}), None)
    ids = [str(r[0]).strip() if r else "" for r in raw[1:]]
    with db.uow() as uow:
        done = set(uow.session.scalars(select(AuditEntry.row_id).where(
            AuditEntry.table_name == FORMS_TABLE,
            AuditEntry.row_id.in_([f"{gathering_id}:{i}" for i in ids if i]))))
        problems: list[Problem] = []
        found: list[tuple[str, _Answer]] = []
        skipped = 0
        for line, (response, cells) in enumerate(zip(ids, raw[1:], strict=True), start=2):
            if not any(str(c).strip() for c in cells):
                continue
            if not response:
                problems.append(Problem(path.name, "ID mangler", None, f"A{line}"))
                continue
            if f"{gathering_id}:{response}" in done:
                skipped += 1
                continue
            answer = _forms_answer(uow.session, path.name, line, cells, column, name_at, headings,
                                   problems)
            if answer is not None:
                found.append((response, answer))
    reject_if(problems)
    rows = [PreviewRow(path.name, a.respondent or "", a.municipality or "", a.overall,
                       a.usefulness, a.comment, "ny") for _, a in found]
    report = FormsImport(gathering_id, dry_run, mapping, rows, skipped)
    if dry_run:
        return report
    with one_transaction(db) as whole:
        for response, a in found:
            feedback.add_feedback(whole.uow(), gathering_id, a.overall, a.usefulness,
                                  respondent=a.respondent, municipality=a.municipality,
                                  comment=a.comment)
            with whole.uow() as uow:
                audit.queue(uow.session, {
                    "at": utcnow(), "user": uow.user, "action": "import",
                    "table_name": FORMS_TABLE, "row_id": f"{gathering_id}:{response}"[:100],
                    "changes": {"file": path.name}})
                uow.commit()
        if mapping != remembered:
            with whole.uow() as uow:
                audit.queue(uow.session, {
                    "at": utcnow(), "user": uow.user, "action": "mapping",
                    "table_name": MAPPING_TABLE, "row_id": str(gathering_id),
                    "changes": dict(mapping)})
                uow.commit()
    return report


def _remembered(session: Any, gathering_id: int) -> dict[str, str]:
    entry = session.scalar(select(AuditEntry.changes).where(
        AuditEntry.table_name == MAPPING_TABLE, AuditEntry.row_id == str(gathering_id))
        .order_by(AuditEntry.id.desc()).limit(1))
    return {str(k): str(v) for k, v in (entry or {}).items()}


def _mapping(given: dict[str, str], remembered: dict[str, str],
             titles: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for role in ("overall", "usefulness", "comment", "municipality"):
        if given.get(role):
            mapping[role] = titles[_match(given[role], titles)]
        elif role in remembered and remembered[role] in titles:
            mapping[role] = remembered[role]
        else:
            guesses = [t for t in titles if any(w in t.lower() for w in _GUESS[role])
                       and t not in mapping.values()]
            if len(guesses) == 1:
                mapping[role] = guesses[0]
            elif role in {"overall", "usefulness"}:
                shown = "; ".join(f"«{t}»" for t in titles) or "(ingen)"
                why = "flere spørsmål kan passe" if guesses else "fant ikke spørsmålet"
                raise DomainError(role, f"{why}; oppgi det med {_OPTION[role]} \"spørsmål\" "
                                        f"(spørsmålene er: {shown})")
    if mapping.get("overall") == mapping.get("usefulness"):
        raise DomainError("usefulness", "helhet og nytte kan ikke være samme spørsmål")
    return mapping


def _forms_answer(session: Any, file: str, line: int, cells: list[str], column: dict[str, int],
                  name_at: int | None, headings: list[str],
                  problems: list[Problem]) -> _Answer | None:
    def cell(role: str) -> wb.Cell:
        i = column[role]
        value = cells[i] if i < len(cells) else ""
        return wb.Cell(f"{wb.column_letter(i)}{line}", value)

    before = len(problems)
    scores = {}
    for role in ("overall", "usefulness"):
        c = cell(role)
        value = wb.score_of(c)
        if value is None:
            value = "må fylles ut (1–5)"
        if isinstance(value, str):
            problems.append(Problem(file, f"«{headings[column[role]][:50]}»: {value}", None,
                                    c.address))
        else:
            scores[role] = value
    comment = checked_text(file, "", cell("comment"), "comment", problems) \
        if "comment" in column else None
    number = None
    if "municipality" in column:
        found = _municipality(session, wb.text_of(cell("municipality")))
        if isinstance(found, Problem):
            problems.append(Problem(file, found.message, None, cell("municipality").address))
        else:
            number = found
    respondent = None
    if name_at is not None and name_at < len(cells):
        who = str(cells[name_at]).strip()
        if who and who.lower() not in {"anonymous", "anonym"}:
            respondent = who[:200]
    if len(problems) > before:
        return None
    return _Answer(respondent, number, scores["overall"], scores["usefulness"], comment)
