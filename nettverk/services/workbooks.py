"""Workbooks participants answer for themselves: made per session, read back many at once.

Making a workbook writes nothing. Reading them back checks every file first (ours, this
session, not read before, every value 1–5, no formulas) and reports every problem with its file,
sheet and cell; only when there is none is everything stored, through the ordinary use cases
(so every domain rule and the audit log apply), in one transaction: all or nothing. Each stored
workbook's random token is recorded in the audit log (table "workbook"), so the same workbook
is refused the next time.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select

from nettverk.domain import rules
from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.exports import workbooks as wb
from nettverk.exports.sources import SourceError
from nettverk.persistence import audit
from nettverk.persistence.audit import AuditEntry
from nettverk.services.database import Database, one_transaction

MAX_REPORTED = 200
OSLO = ZoneInfo("Europe/Oslo")
#: How to read a corrected workbook in again, by kind (feedback rows would be added twice).
AGAIN_HINT = {"capacity": "bruk --again for å lese det inn på nytt (svarene erstattes)",
              "priority": "bruk --again for å lese det inn på nytt (svarene erstattes)",
              "feedback": "lag et nytt skjema for nye svar"}
TOKEN_TABLE = "workbook"  # audit_log.table_name of a recorded (imported) workbook
KIND_NAMES = {"capacity": "kapasitetsdiamanten", "priority": "prioriteringsverktøyet",
              "feedback": "tilbakemelding etter samling"}

# --- views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookFile:
    """A made workbook: a file name to save it under, its bytes, and who it is for."""

    name: str
    content: bytes
    respondent: str


@dataclass(frozen=True)
class PreviewRow:
    """One answer that is (or with a dry run would be) stored."""

    file: str
    respondent: str
    item: str  # component, factor or municipality
    first: int | None  # score / importance / overall
    second: int | None  # influence / usefulness (None for the capacity diamond)
    text: str | None  # reasoning / comment
    action: str  # ny | endret | uendret | ny deltaker …


@dataclass(frozen=True)
class WorkbookImport:
    """The outcome of reading workbooks back (or, with dry_run, what it would be)."""

    kind: str
    dry_run: bool
    files: list[str]
    rows: list[PreviewRow] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Answers stored (0 in a dry run)."""
        return 0 if self.dry_run else len(self.rows)


@dataclass(frozen=True)
class Problem:
    """Why one file (or one cell in it) cannot be read back."""

    file: str
    message: str
    sheet: str | None = None
    cell: str | None = None

    def describe(self) -> str:
        """«vurdering-bodø.xlsx, ark Vurdering, celle C5: 7 er ikke 1-5»."""
        where = self.file
        if self.sheet:
            where += f", ark {self.sheet}"
        if self.cell:
            where += f", celle {self.cell}"
        return f"{where}: {self.message}"


class WorkbooksRejected(DomainError):
    """One or more returned workbooks have problems; nothing was stored."""

    def __init__(self, problems: list[Problem]) -> None:
        shown = "\n".join("  " + p.describe() for p in problems[:MAX_REPORTED])
        if len(problems) > MAX_REPORTED:
            shown += f"\n  … og {len(problems) - MAX_REPORTED} til"
        super().__init__("fil", f"{len(problems)} feil i skjemaene; ingenting er lagret:\n"
                                f"{shown}")
        self.problems = problems


# --- shared helpers --------------------------------------------------------------------------


def new_token() -> str:
    """A random token identifying one made workbook."""
    return secrets.token_urlsafe(18)


def fingerprint(created_at: datetime, *parts: object) -> str:
    """What identifies a session beyond its id: when it was created (to the second, UTC) and
    a few of its fixed facts, so a workbook from another database is recognised."""
    moment = created_at if created_at.tzinfo is None else \
        created_at.astimezone(UTC).replace(tzinfo=None)
    return "/".join([moment.strftime("%Y%m%dT%H%M%S"), *map(str, parts)])


def slug(text: str) -> str:
    """A file-name part: lower case, letters (æøå and Sámi letters too) and digits, dashes."""
    cleaned = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return cleaned[:60] or "skjema"


def unique_names(files: list[WorkbookFile]) -> list[WorkbookFile]:
    """The files with a number added where two would get the same name."""
    seen: dict[str, int] = {}
    result = []
    for f in files:
        n = seen.get(f.name.lower(), 0)
        seen[f.name.lower()] = n + 1
        name = f.name if n == 0 else f.name.replace(".xlsx", f"-{n + 1}.xlsx")
        result.append(WorkbookFile(name, f.content, f.respondent))
    return result


def recorded_tokens(db: Database, tokens: Sequence[str]) -> dict[str, AuditEntry]:
    """The tokens already recorded as imported, with their audit entries."""
    if not tokens:
        return {}
    with db.uow() as uow:
        found = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == TOKEN_TABLE, AuditEntry.row_id.in_(list(tokens))))
        return {e.row_id: e for e in found}


def record_token(db: Database, form: wb.FilledForm, file: str, again: bool = False) -> None:
    """Remember that a workbook was imported (in the caller's transaction)."""
    ident = form.identity
    with db.uow() as uow:
        if not again and uow.session.scalar(select(AuditEntry.id).where(
                AuditEntry.table_name == TOKEN_TABLE, AuditEntry.row_id == ident.token)):
            # read in by someone else after this import checked it
            raise DomainError("fil", f"{file}: er allerede lest inn; ingenting er lagret")
        audit.queue(uow.session, {  # chained into the audit log at commit, like every entry
            "at": utcnow(), "user": uow.user, "action": "import", "table_name": TOKEN_TABLE,
            "row_id": ident.token,
            "changes": {"kind": ident.kind, "session": ident.session_id, "file": file,
                        "respondent": ident.respondent}})
        uow.commit()




def read_forms(db: Database, paths: Sequence[Path], kind: str, columns: int,
               problems: list[Problem], again: bool = False) -> list[tuple[str, wb.FilledForm]]:
    """The readable workbooks of the right kind, not imported before (unless `again`) and not
    given twice; a problem for every other file."""
    if not paths:
        raise DomainError("fil", "oppgi minst én fil")
    forms: list[tuple[str, wb.FilledForm]] = []
    for path in paths:
        name = path.name
        try:
            form = wb.read_form(path, columns)
        except SourceError as exc:
            message = str(exc)
            if kind == "feedback" and message.startswith("er ikke et skjema"):
                message += ("; resultater fra Microsoft Forms leses inn med "
                            "«feedback import-forms»")
            problems.append(Problem(name, message))
            continue
        except OSError as exc:
            problems.append(Problem(name, unreadable(exc)))
            continue
        if form.identity.kind != kind:
            problems.append(Problem(name, f"er et skjema for "
                                          f"{KIND_NAMES.get(form.identity.kind, 'noe annet')}, "
                                          f"ikke {KIND_NAMES[kind]}"))
            continue
        forms.append((name, form))
    seen: dict[str, str] = {}
    kept: list[tuple[str, wb.FilledForm]] = []
    for name, form in forms:
        other = seen.get(form.identity.token)
        if other is not None:
            problems.append(Problem(name, f"er det samme skjemaet som {other} (to kopier av én "
                                          "arbeidsbok)"))
            continue
        seen[form.identity.token] = name
        kept.append((name, form))
    done = {} if again else recorded_tokens(db, list(seen))
    result = []
    for name, form in kept:
        entry = done.get(form.identity.token)
        if entry is not None:
            when = _local(entry.at).strftime("%d.%m.%Y %H:%M")
            problems.append(Problem(name, f"er allerede lest inn ({when}, av {entry.user}); "
                                          f"{AGAIN_HINT.get(kind, '')}"))
            continue
        result.append((name, form))
    return result


def _local(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(OSLO)


def unreadable(exc: OSError) -> str:
    """Why a file cannot be opened, in Norwegian."""
    if isinstance(exc, FileNotFoundError):
        return "finnes ikke"
    if isinstance(exc, PermissionError):
        return "mangler tilgang til å lese filen"
    if isinstance(exc, IsADirectoryError):
        return "er en mappe, ikke en fil"
    return "kan ikke leses"


def one_per_respondent(forms: list[tuple[str, wb.FilledForm]], problems: list[Problem]) -> None:
    """Two workbooks for the same participant in one import would overwrite each other."""
    seen: dict[tuple[int, str], str] = {}
    for name, form in forms:
        key = (form.identity.session_id, form.identity.respondent.lower())
        if key in seen:
            problems.append(Problem(name, f"{form.identity.respondent} har også skjemaet "
                                          f"{seen[key]} i denne innlesingen; ta med bare ett"))
        else:
            seen[key] = name


T = TypeVar("T")


def forms_for(forms: Sequence[tuple[str, wb.FilledForm]], problems: list[Problem],
              wanted: int | None, load: Callable[[int], T], fingerprint_of: Callable[[T], str],
              this: str, kind: str, refused: Callable[[int, DomainError], str] | None = None,
              ) -> Iterator[tuple[str, wb.FilledForm, T]]:
    """Each form with what it was made for (`load(id)`), when that is the one asked for
    (`wanted`), is in this database and is still what the workbook was made from (its
    fingerprint); otherwise a problem naming the file. `this` names it («vurdering»), `kind` in
    «ikke …» and «en annen …» («vurdering», «økt»); `refused` words any DomainError of `load`
    (by default only a missing one is a problem)."""
    for name, form in forms:
        target = form.identity.session_id
        if wanted is not None and target != wanted:
            problems.append(Problem(name, f"gjelder {this} {target}, ikke {kind} {wanted}"))
            continue
        try:
            found = load(target)
        except DomainError as exc:
            if refused is not None:
                problems.append(Problem(name, refused(target, exc)))
            elif isinstance(exc, NotFoundError):
                problems.append(Problem(name, f"gjelder {this} {target}, som ikke finnes i "
                                              "denne databasen"))
            else:
                raise
            continue
        if fingerprint_of(found) != form.identity.fingerprint:
            problems.append(Problem(name, f"er laget for en annen {kind} enn {this} {target} i "
                                          "denne databasen"))
            continue
        yield name, form, found


def checked_text(name: str, sheet: str, cell: wb.Cell, field_name: str,
                 problems: list[Problem], max_length: int = 10_000) -> str | None:
    """A free-text cell as the domain will store it, or a problem naming the cell."""
    if cell.formula:
        problems.append(Problem(name, wb.formula_problem(cell), sheet, cell.address))
        return None
    text = wb.text_of(cell)
    try:
        return rules.clean_text(field_name, text, max_length=max_length)
    except DomainError as exc:
        problems.append(Problem(name, exc.message, sheet, cell.address))
        return None


def checked_score(name: str, sheet: str, cell: wb.Cell, problems: list[Problem]) -> int | None:
    """A score cell's 1–5, None when empty; a problem naming the cell when it is not."""
    value = wb.score_of(cell)
    if isinstance(value, str):
        problems.append(Problem(name, value, sheet, cell.address))
        return None
    return value


def store_all(db: Database, forms: Sequence[tuple[str, wb.FilledForm]],
              store: Callable[[Database, str, wb.FilledForm], None], again: bool = False) -> None:
    """Store every form and record its token, in one transaction."""
    with one_transaction(db) as whole:
        for name, form in forms:
            store(whole, name, form)
            record_token(whole, form, name, again)


def reject_if(problems: list[Problem]) -> None:
    """Raise WorkbooksRejected when there is any problem."""
    if problems:
        raise WorkbooksRejected(problems)


def write_files(files: Sequence[WorkbookFile], directory: Path) -> list[Path]:
    """Save made workbooks in a directory (created if missing); refuses to overwrite."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError("output", f"kan ikke lage mappen {directory}: "
                                    f"{exc.strerror or exc}") from None
    if not directory.is_dir():
        raise DomainError("output", f"{directory} er ikke en mappe")
    taken = [f.name for f in files if (directory / f.name).exists()]
    if taken:
        raise DomainError("output", f"finnes allerede i {directory}: {', '.join(taken)}; "
                                    "velg en annen mappe")
    written = []
    for f in files:
        target = directory / f.name
        try:
            with target.open("xb") as handle:
                handle.write(f.content)
        except OSError as exc:
            raise DomainError("output", f"kan ikke skrive {target}: "
                                        f"{exc.strerror or exc}") from None
        written.append(target)
    return written

