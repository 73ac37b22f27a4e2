"""Letters from the network's records: decisions to applicants, the call, partnership agreements.

Each letter is a template in the user's template directory (the data directory's `brevmaler/`,
filled with the defaults on first use) filled with the record's values, written as DOCX or PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk import config, paths
from nettverk.domain.agreements import (
    AGREEMENT_STATUS_LABELS,
    AgreementFocusArea,
    PartnershipAgreement,
)
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import Application, ApplicationRound, ApplicationStatus
from nettverk.domain.register import Participation, Programme
from nettverk.exports import letters
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.network_common import fmt_date, municipality_label, today_or

TEMPLATES = {
    "accepted": "vedtak-innvilget.txt",
    "rejected": "vedtak-avslag.txt",
    "call": "utlysning.txt",
    "agreement": "avtale.txt",
}


def template_dir() -> Path:
    """Where the user's letter templates are (created with the defaults when missing)."""
    return letters.ensure_templates(paths.data_dir() / "brevmaler")


def _sender(uow: UnitOfWork, programme: Programme) -> dict[str, str]:
    smtp = config.load_smtp()
    owner = programme.owner.name if programme.owner is not None else "Fylkeskommunen"
    return {"avsender": owner, "saksbehandler": smtp.sender_name or uow.user,
            "saksbehandler_epost": smtp.sender or "", "program": programme.name}


def _render(kind: str, values: Mapping[str, str], templates: Path | None) -> letters.Letter:
    directory = letters.ensure_templates(templates) if templates else template_dir()
    return letters.render(directory / TEMPLATES[kind], values, author=values.get("avsender", ""))


def decision_letter(uow: UnitOfWork, application_id: int, on: date | None = None,
                    reference: str | None = None, templates: Path | None = None) -> letters.Letter:
    """The decision letter to an applicant: accepted or not, with the reason."""
    with uow:
        a = uow.session.scalar(
            select(Application).options(
                joinedload(Application.programme).joinedload(Programme.owner),
                joinedload(Application.municipality))
            .where(Application.id == application_id))
        if a is None:
            raise NotFoundError("application", f"søknad {application_id} finnes ikke")
        if a.status not in (ApplicationStatus.accepted, ApplicationStatus.rejected):
            raise DomainError("application", "søknaden er ikke avgjort ennå (innvilg eller avslå "
                              "den først med `application decide`)")
        m = a.municipality
        contact = uow.session.scalar(
            select(Participation).options(joinedload(Participation.contact_person))
            .where(Participation.programme_id == a.programme_id,
                   Participation.municipality_id == m.id))
        person = contact.contact_person if contact is not None else None
        values = {
            **_sender(uow, a.programme), "kommune": municipality_label(m),
            "kommunenummer": m.number,
            "mottaker": person.name if person and person.erased_at is None else "Postmottak",
            "dato": fmt_date(today_or(on)),
            "referanse": reference or f"{a.programme.slug}/{a.id}",
            "mottatt": fmt_date(a.received),
            "avgjort": fmt_date(a.decided_on) if a.decided_on else fmt_date(today_or(on)),
            "begrunnelse": a.decision_reason or "Se saksframlegget.",
        }
        kind = "accepted" if a.status is ApplicationStatus.accepted else "rejected"
    return _render(kind, values, templates)


def call_letter(uow: UnitOfWork, round_id: int, on: date | None = None,
                reference: str | None = None, recipient: str | None = None,
                templates: Path | None = None) -> letters.Letter:
    """The invitation to apply: the call with its questions and deadline."""
    with uow:
        r = uow.session.scalar(
            select(ApplicationRound).options(
                joinedload(ApplicationRound.programme).joinedload(Programme.owner))
            .where(ApplicationRound.id == round_id))
        if r is None:
            raise NotFoundError("round", f"utlysning {round_id} finnes ikke")
        p = r.programme
        per_county = "–".join(str(n) for n in dict.fromkeys(
            x for x in (p.min_per_county, p.max_per_county) if x is not None)) or "noen"
        values = {
            **_sender(uow, p), "mottaker": recipient or "Kommunene",
            "utlysning": r.title, "beskrivelse": r.description or "",
            "åpner": fmt_date(r.opens), "frist": fmt_date(r.deadline),
            "dato": fmt_date(today_or(on)), "referanse": reference or f"{p.slug}/utlysning-{r.id}",
            "maks_innbyggere": f"{p.max_population:,}".replace(",", " ")
            if p.max_population else "–",
            "per_fylke": per_county,
            "periode": f"{p.starts.year}–{p.ends.year}" if p.ends else f"fra {p.starts.year}",
        }
    return _render("call", values, templates)


def agreement_letter(uow: UnitOfWork, agreement_id: int, on: date | None = None,
                     reference: str | None = None, templates: Path | None = None
                     ) -> letters.Letter:
    """The partnership agreement document for one municipality."""
    with uow:
        a = uow.session.scalar(
            select(PartnershipAgreement).options(
                joinedload(PartnershipAgreement.programme).joinedload(Programme.owner),
                joinedload(PartnershipAgreement.municipality),
                joinedload(PartnershipAgreement.county_contact),
                joinedload(PartnershipAgreement.municipality_contact))
            .where(PartnershipAgreement.id == agreement_id))
        if a is None:
            raise NotFoundError("agreement", f"avtale {agreement_id} finnes ikke")
        areas = uow.session.scalars(
            select(AgreementFocusArea).options(joinedload(AgreementFocusArea.focus_area))
            .where(AgreementFocusArea.agreement_id == a.id)
            .order_by(AgreementFocusArea.id)).all()
        actions = sorted(a.actions, key=lambda x: (x.due or date.max, x.id))
        m = a.municipality

        def name(person: object) -> str:
            n = getattr(person, "name", None)
            return str(n) if n and getattr(person, "erased_at", None) is None else "–"

        values = {
            **_sender(uow, a.programme), "kommune": municipality_label(m),
            "kommunenummer": m.number, "mottaker": name(a.municipality_contact)
            if a.municipality_contact else "Postmottak",
            "dato": fmt_date(today_or(on)),
            "referanse": reference or a.archive_ref or f"{a.programme.slug}/{m.number}",
            "start": fmt_date(a.starts) if a.starts else "–",
            "slutt": fmt_date(a.ends) if a.ends else "–",
            "signert": fmt_date(a.signed_on) if a.signed_on else "ikke signert",
            "status": AGREEMENT_STATUS_LABELS[a.status],
            "innsatsområder": "\n".join(f"- {x.focus_area.name}" for x in areas)
            or "- (ingen valgt ennå)",
            "tiltak": "\n".join(
                f"- {x.title}" + (f" (frist {fmt_date(x.due)})" if x.due else "")
                + (f", ansvarlig: {x.owner}" if x.owner else "") for x in actions)
            or "- (ingen tiltak ennå)",
            "kontakt_fylke": name(a.county_contact), "kontakt_kommune": name(a.municipality_contact),
        }
    return _render("agreement", values, templates)


def write(letter: letters.Letter, path: Path) -> Path:
    """Write the letter as DOCX or PDF (by the file name's ending)."""
    return letters.write(letter, path)
