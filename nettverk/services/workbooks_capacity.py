"""Capacity-diamond workbooks: one per participant, the five components scored 1–5 with their
reasoning, the method's instructions; read back many at once, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nettverk.domain import rules
from nettverk.domain.errors import DomainError
from nettverk.domain.evaluation import (
    CAPACITY_LABELS,
    CAPACITY_QUESTIONS,
    CapacityAssessment,
    CapacityComponent,
    capacity_label_matches,
)
from nettverk.exports import workbooks as wb
from nettverk.services import capacity
from nettverk.services.database import Database
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
    one_per_respondent,
    read_forms,
    reject_if,
    slug,
    store_all,
    unique_names,
)

CAPACITY_SHEET = "Vurdering"
CAPACITY_INSTRUCTIONS = (
    "Kapasitetsdiamanten er et verktøy for egenvurdering av utviklingskapasitet. "
    "Kapasitet til å drive lokal samfunnsutvikling er summen av utviklingsledelse, "
    "utviklingskompetanse, utviklingskultur, utviklingsøkonomi og tidsressurser.",
    "1. Gjør først en individuell vurdering av hvordan du oppfatter nåsituasjonen, og sett "
    "karakter på en skala fra 1 til 5 (1 svært dårlig og 5 svært god) for alle de fem "
    "komponentene. Skriv kort hvorfor du setter den karakteren.",
    "2. Basert på hver enkelts vurdering gjennomfører gruppen en runde med felles refleksjon "
    "over den enkeltes karaktersetting og begrunnelse. Dette danner grunnlag for en "
    "felleskarakter som alle kan enes om for hver av de fem komponentene.",
    "Fyll ut de gule cellene (bare hele tall fra 1 til 5 i karakterkolonnen), lagre og send "
    "arbeidsboken tilbake. Ikke endre resten av arket.",
)


_CAPACITY_COLUMNS = [
    wb.FormColumn("Komponent", 22), wb.FormColumn("Spørsmål", 48),
    wb.FormColumn("Karakter (1–5)", 12, "score"), wb.FormColumn("Begrunnelse", 60, "input"),
]


def _capacity_fingerprint(a: CapacityAssessment) -> str:
    return fingerprint(a.created_at, a.municipality.number, a.held_on.isoformat())


def _display(a: CapacityAssessment) -> str:
    m = a.municipality
    return f"{m.name} – {m.sami_name}" if m.sami_name else m.name


def capacity_workbooks(db: Database, assessment_id: int,
                       participants: Sequence[str] = ()) -> list[WorkbookFile]:
    """One workbook per participant of a capacity-diamond session (the named ones, or every
    participant already registered). A name not yet in the session is added when the
    workbook is read back."""
    with db.uow() as uow:
        a = capacity._load(uow.session, assessment_id, "assessment")
        names = [rules.required_text("participant", n, max_length=200) for n in participants]
        if not names:
            names = [p.name for p in sorted(a.participants, key=lambda p: p.id)]
        if not names:
            raise DomainError("participant", "vurderingen har ingen deltakere; oppgi navnene med "
                                             "--participant")
        lowered = [n.lower() for n in names]
        twice = sorted({n for n in names if lowered.count(n.lower()) > 1})
        if twice:
            raise DomainError("participant", f"{', '.join(twice)} står mer enn én gang")
        known = {p.name.lower(): p.name for p in a.participants}
        names = [known.get(n.lower(), n) for n in names]
        display, held_on, print_ = _display(a), a.held_on, _capacity_fingerprint(a)
    info = [f"Kommune: {display}", f"Dato: {held_on.strftime('%d.%m.%Y')}"]
    rows = [[CAPACITY_LABELS[c], CAPACITY_QUESTIONS[c]] for c in CapacityComponent]
    files = []
    for name in names:
        lines = [*info, f"Deltaker: {name}"]
        ident = wb.Identity(
            "capacity", assessment_id, print_, new_token(), name, CAPACITY_SHEET,
            wb.first_answer_row(len(lines), len(CAPACITY_INSTRUCTIONS)), len(rows))
        spec = wb.FormSpec(ident, "Kapasitetsdiamanten – egenvurdering av utviklingskapasitet",
                           lines, CAPACITY_INSTRUCTIONS, _CAPACITY_COLUMNS, rows)
        files.append(WorkbookFile(f"vurdering-{slug(display.split(' – ')[0])}-{slug(name)}.xlsx",
                                  wb.build(spec), name))
    return unique_names(files)


@dataclass(frozen=True)
class _CapacityAnswer:
    component: CapacityComponent
    score: int
    reasoning: str | None


def import_capacity(db: Database, paths: Sequence[Path], dry_run: bool = False,
                    assessment_id: int | None = None, again: bool = False) -> WorkbookImport:
    """Read returned capacity-diamond workbooks back: check all, then store all or nothing.

    With `assessment_id`, workbooks made for another session are refused; with `again`, a
    workbook read before is read again (a corrected copy: its answers replace the earlier).
    """
    problems: list[Problem] = []
    forms = read_forms(db, paths, "capacity", len(_CAPACITY_COLUMNS), problems, again)
    one_per_respondent(forms, problems)
    answers: dict[str, list[_CapacityAnswer]] = {}
    preview: list[PreviewRow] = []
    with db.uow() as uow:
        for name, form, a in forms_for(
                forms, problems, assessment_id, lambda id: capacity._load(uow.session, id),
                _capacity_fingerprint, "vurdering", "vurdering"):
            ident = form.identity
            found = _capacity_answers(name, form, problems)
            if found is None:
                continue
            answers[name] = found
            preview.extend(_capacity_preview(a, name, ident.respondent, found))
    reject_if(problems)
    report = WorkbookImport("capacity", dry_run, [n for n, _ in forms], preview)
    if dry_run:
        return report

    def store(whole: Database, name: str, form: wb.FilledForm) -> None:
        ident = form.identity
        detail = capacity.get_assessment(whole.uow(), ident.session_id)
        if not any(p.name.lower() == ident.respondent.lower() for p in detail.participants):
            capacity.add_participant(whole.uow(), ident.session_id, ident.respondent)
        for answer in answers[name]:
            capacity.add_score(whole.uow(), ident.session_id, ident.respondent,
                               answer.component, answer.score, answer.reasoning)

    store_all(db, forms, store, again)
    return report


def _capacity_answers(name: str, form: wb.FilledForm,
                      problems: list[Problem]) -> list[_CapacityAnswer] | None:
    sheet = form.identity.sheet
    components = list(CapacityComponent)
    if len(form.rows) != len(components):
        problems.append(Problem(name, "skjemaet har ikke de fem komponentene", sheet))
        return None
    before = len(problems)
    found = []
    for comp, row in zip(components, form.rows, strict=True):
        label = wb.text_of(row[0])
        if not capacity_label_matches(comp, label):  # workbooks made before say Utviklingsleiing
            problems.append(Problem(name, f"ventet «{CAPACITY_LABELS[comp]}», fant "
                                          f"«{label or ''}»; arket er endret", sheet,
                                    row[0].address))
            continue
        score = checked_score(name, sheet, row[2], problems)
        reasoning = checked_text(name, sheet, row[3], "reasoning", problems)
        if score is None:
            if reasoning and len(problems) == before:
                problems.append(Problem(name, "karakteren mangler (begrunnelsen er fylt ut)",
                                        sheet, row[2].address))
            continue
        found.append(_CapacityAnswer(comp, score, reasoning))
    if len(problems) > before:
        return None
    if not found:
        problems.append(Problem(name, "ingen karakterer er fylt ut", sheet))
        return None
    return found


def _capacity_preview(a: CapacityAssessment, name: str, respondent: str,
                      answers: list[_CapacityAnswer]) -> list[PreviewRow]:
    person = next((p for p in a.participants if p.name.lower() == respondent.lower()), None)
    rows = []
    for answer in answers:
        old = None if person is None else next(
            (x for x in a.scores if x.participant_id == person.id
             and x.component is answer.component), None)
        if person is None:
            action = "ny deltaker"
        elif old is None:
            action = "ny"
        elif old.score == answer.score and (old.reasoning or None) == answer.reasoning:
            action = "uendret"
        elif old.score == answer.score:
            action = "ny begrunnelse"
        else:
            action = f"endret (var {old.score})"
        rows.append(PreviewRow(name, person.name if person else respondent,
                               CAPACITY_LABELS[answer.component], answer.score, None,
                               answer.reasoning, action))
    return rows
