"""Editing the register: persons, organisations and programmes (update, delete, erase), both DBs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nettverk.domain.errors import ConflictError, DomainError, NotFoundError
from nettverk.persistence.audit import AuditEntry
from nettverk.services import organisations, persons, privacy, programmes
from nettverk.services.database import Database
from tests.support import snapshot

SLUG = "mindre-kommuner-2020"


def person(db: Database, name: str) -> persons.PersonView:
    return next(p for p in persons.list_persons(db.uow(), include_erased=True) if p.name == name)


def organisation(db: Database, name: str) -> organisations.OrganisationView:
    return next(o for o in organisations.list_organisations(db.uow()) if o.name == name)


def audit(db: Database, table: str, row_id: int, action: str) -> list[AuditEntry]:
    with db.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == table, AuditEntry.row_id == str(row_id),
            AuditEntry.action == action)))


# --- persons -----------------------------------------------------------------------------


def test_update_a_person_moves_them_and_records_the_change(demo_db: Database) -> None:
    kari = person(demo_db, "Kari Fjellheim")
    changed = persons.update_person(
        demo_db.uow(), kari.id, expected_version=kari.version, title="Fagleder",
        email="kari@example.no", organisation="", municipality="1853",
    )
    assert (changed.title, changed.email, changed.organisation, changed.municipality) == (
        "Fagleder", "kari@example.no", None, "1853")
    assert changed.municipality_name == "Evenes – Evenášši"
    assert changed.version == kari.version + 1  # one edit, one new version
    assert persons.get_person(demo_db.uow(), kari.id) == changed
    updates = audit(demo_db, "person", kari.id, "update")
    assert updates and updates[-1].changes["title"] == ["Prosjektleder", "Fagleder"]
    by_short_name = persons.update_person(demo_db.uow(), kari.id, organisation="NFK")
    assert by_short_name.organisation == "Nordland fylkeskommune"


@pytest.mark.parametrize(("changes", "field"), [
    ({"email": "kari(at)example.no"}, "email"),
    ({"name": "   "}, "name"),
    ({"organisation": "Finnes ikke AS"}, "organisation"),
    ({"municipality": "9999"}, "municipality"),
    ({"phone": "x" * 201}, "phone"),
    ({"erased_at": "2026-01-01"}, "erased_at"),
])
def test_bad_person_changes_are_refused_naming_the_field(
    demo_db: Database, changes: dict[str, str], field: str
) -> None:
    kari = person(demo_db, "Kari Fjellheim")
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        persons.update_person(demo_db.uow(), kari.id, **changes)
    assert refused.value.field == field
    assert snapshot(demo_db.engine) == before


def test_a_stale_person_edit_is_refused(demo_db: Database) -> None:
    kari = person(demo_db, "Kari Fjellheim")
    persons.update_person(demo_db.uow(), kari.id, phone="+47 400 00 001")
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError) as refused:
        persons.update_person(demo_db.uow(), kari.id, expected_version=kari.version,
                               title="Fagleder")
    assert "endret av noen andre" in refused.value.message
    assert snapshot(demo_db.engine) == before


def test_erased_persons_are_listed_only_when_asked_and_cannot_be_edited(demo_db: Database) -> None:
    siri = person(demo_db, "Siri Lund")
    privacy.erase_person(demo_db.uow(), siri.id, today=date(2026, 11, 22))
    assert siri.id not in {p.id for p in persons.list_persons(demo_db.uow())}
    erased = next(p for p in persons.list_persons(demo_db.uow(), include_erased=True)
                  if p.id == siri.id)
    assert erased.erased_on == date(2026, 11, 22) and erased.email is None
    assert erased.name == f"Slettet person {siri.id}"
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError, match="slettet"):
        persons.update_person(demo_db.uow(), siri.id, name="Siri Lund")
    assert snapshot(demo_db.engine) == before
    with pytest.raises(NotFoundError):
        persons.get_person(demo_db.uow(), 99999)


def test_person_links_say_what_a_person_is_linked_to(demo_db: Database) -> None:
    anne = person(demo_db, "Ánne Márjá Sara")
    assert persons.person_links(demo_db.uow(), anne.id) == [
        "kontaktperson for Evenes i mindre-kommuner-2020", "ansvarlig for 2 milepæler",
        "kontakt i 1 partnerskapsavtale"]
    assert persons.person_links(demo_db.uow(), person(demo_db, "Ingrid Moe").id) == []


# --- organisations -----------------------------------------------------------------------


def test_update_an_organisation(demo_db: Database) -> None:
    ds = organisation(demo_db, "Distriktssenteret")
    changed = organisations.update_organisation(
        demo_db.uow(), ds.id, expected_version=ds.version, name="Distriktssenteret – KDD",
        kind="other", org_number="964 982 953", county="18", municipality="1853",
    )
    assert (changed.name, changed.kind, changed.org_number, changed.county,
            changed.municipality) == ("Distriktssenteret – KDD", "other", "964982953", "18", "1853")
    assert organisations.get_organisation(demo_db.uow(), ds.id) == changed
    # people and programmes follow the renamed organisation (they point at its id)
    assert person(demo_db, "Ingrid Moe").organisation == "Distriktssenteret – KDD"
    assert "Distriktssenteret – KDD" in programmes.get_programme(demo_db.uow(), SLUG).partners
    cleared = organisations.update_organisation(demo_db.uow(), ds.id, county="", municipality=None,
                                           short_name="")
    assert (cleared.county, cleared.municipality, cleared.short_name) == (None, None, None)


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": "Nordland fylkeskommune"}, "name"),
    ({"short_name": "NFK"}, "short_name"),
    ({"name": "NF"}, "name"),
    ({"kind": "bank"}, "kind"),
    ({"org_number": "123456789"}, "org_number"),
    ({"county": "99"}, "county"),
    ({"municipality": "1"}, "municipality"),
    ({"name": ""}, "name"),
    ({"id": "7"}, "id"),
])
def test_bad_organisation_changes_are_refused_naming_the_field(
    demo_db: Database, changes: dict[str, str], field: str
) -> None:
    ds = organisation(demo_db, "Distriktssenteret")
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        organisations.update_organisation(demo_db.uow(), ds.id, **changes)
    assert refused.value.field == field
    assert snapshot(demo_db.engine) == before


def test_a_new_organisation_may_not_take_a_name_in_use(demo_db: Database) -> None:
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        organisations.add_organisation(demo_db.uow(), "Nordlandsbanken", "other", short_name="NF")
    assert refused.value.field == "short_name" and "Nordlandsforskning" in refused.value.message
    assert snapshot(demo_db.engine) == before


def test_delete_an_unused_organisation_and_the_audit_log_keeps_it(demo_db: Database) -> None:
    new = organisations.add_organisation(demo_db.uow(), "Nordområdeinstituttet", "research",
                                    short_name="NOI", county="18")
    gone = organisations.delete_organisation(demo_db.uow(), new.id, expected_version=new.version)
    assert (gone.kind, gone.id, gone.label) == ("organisasjon", new.id, "Nordområdeinstituttet")
    assert new.id not in {o.id for o in organisations.list_organisations(demo_db.uow())}
    deleted = audit(demo_db, "organisation", new.id, "delete")
    assert deleted and deleted[0].changes["name"][0] == "Nordområdeinstituttet"
    with pytest.raises(NotFoundError):
        organisations.delete_organisation(demo_db.uow(), new.id)


def test_an_organisation_in_use_is_not_deleted(demo_db: Database) -> None:
    nfk = organisation(demo_db, "Nordland fylkeskommune")
    ds = organisation(demo_db, "Distriktssenteret")
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as owner:
        organisations.delete_organisation(demo_db.uow(), nfk.id, expected_version=nfk.version)
    assert owner.value.message == ("Organisasjonen Nordland fylkeskommune kan ikke slettes: "
                                   "brukes av 1 kontaktperson, 3 program som eier")
    with pytest.raises(DomainError) as partner:
        organisations.delete_organisation(demo_db.uow(), ds.id)
    assert "program som partner" in partner.value.message
    assert snapshot(demo_db.engine) == before


def test_a_stale_organisation_edit_or_delete_is_refused(demo_db: Database) -> None:
    new = organisations.add_organisation(demo_db.uow(), "Nordområdeinstituttet", "research")
    organisations.update_organisation(demo_db.uow(), new.id, short_name="NOI")
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        organisations.update_organisation(demo_db.uow(), new.id, expected_version=new.version,
                                     kind="other")
    with pytest.raises(ConflictError):
        organisations.delete_organisation(demo_db.uow(), new.id, expected_version=new.version)
    assert snapshot(demo_db.engine) == before


# --- programmes --------------------------------------------------------------------------


def test_update_a_programme(demo_db: Database) -> None:
    old = programmes.get_programme(demo_db.uow(), SLUG)
    changed = programmes.update_programme(
        demo_db.uow(), SLUG, expected_version=old.version, name="Læringsnettverket 2020–2024",
        ends=date(2024, 12, 31), owner="TRFK", max_population=3000, min_per_county=1,
        max_per_county=4, gatherings_per_year_min=3, gatherings_per_year_max=4,
        physical_per_year=2, description="  Ny beskrivelse.  ",
    )
    assert (changed.slug, changed.kind, changed.starts) == (SLUG, old.kind, old.starts)
    assert (changed.name, changed.ends, changed.owner, changed.description) == (
        "Læringsnettverket 2020–2024", date(2024, 12, 31), "Trøndelag fylkeskommune",
        "Ny beskrivelse.")
    assert (changed.max_population, changed.min_per_county, changed.max_per_county,
            changed.gatherings_per_year_min, changed.gatherings_per_year_max,
            changed.physical_per_year) == (3000, 1, 4, 3, 4, 2)
    assert programmes.get_programme(demo_db.uow(), SLUG) == changed
    open_ended = programmes.update_programme(demo_db.uow(), SLUG, ends=None, owner=None,
                                           max_population=None)
    assert (open_ended.ends, open_ended.owner, open_ended.max_population) == (None, None, None)


@pytest.mark.parametrize(("changes", "field"), [
    ({"ends": date(2019, 12, 31)}, "ends"),
    ({"starts": date(2024, 1, 1)}, "ends"),  # the demo programme ends in 2023
    ({"starts": None}, "starts"),
    ({"starts": "2020-01-01"}, "starts"),
    ({"min_per_county": 4}, "max_per_county"),
    ({"gatherings_per_year_min": 4}, "gatherings_per_year_max"),
    ({"max_population": -1}, "max_population"),
    ({"physical_per_year": "to"}, "physical_per_year"),
    ({"owner": "Finnes ikke AS"}, "owner"),
    ({"name": ""}, "name"),
    ({"description": "\x00"}, "description"),
    ({"partners": ["NF"]}, "partners"),
    ({"kind": "pilot"}, "kind"),
])
def test_bad_programme_changes_are_refused_naming_the_field(
    demo_db: Database, changes: dict[str, object], field: str
) -> None:
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        programmes.update_programme(demo_db.uow(), SLUG, **changes)
    assert refused.value.field == field
    assert snapshot(demo_db.engine) == before


def test_a_stale_programme_edit_is_refused(demo_db: Database) -> None:
    old = programmes.get_programme(demo_db.uow(), SLUG)
    programmes.update_programme(demo_db.uow(), SLUG, description="Endret av en kollega.")
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError) as refused:
        programmes.update_programme(demo_db.uow(), SLUG, expected_version=old.version, name="X")
    assert "endret av noen andre" in refused.value.message
    assert snapshot(demo_db.engine) == before
    with pytest.raises(NotFoundError) as missing:
        programmes.update_programme(demo_db.uow(), "finnes-ikke", name="X")
    assert missing.value.field == "slug"


# --- participations ----------------------------------------------------------------------


def test_a_participation_registered_by_mistake_can_be_deleted(demo_db: Database) -> None:
    added = programmes.add_participant(demo_db.uow(), SLUG, "1804")
    gone = programmes.delete_participation(demo_db.uow(), SLUG, "1804",
                                         expected_version=added.version)
    assert (gone.kind, gone.label) == ("deltakelse", f"Bodø i {SLUG}")
    assert "1804" not in {p.municipality for p in programmes.list_participants(demo_db.uow(), SLUG)}
    assert audit(demo_db, "participation", gone.id, "delete")
    with pytest.raises(NotFoundError):
        programmes.delete_participation(demo_db.uow(), SLUG, "1804")


def test_a_participation_with_anything_recorded_on_it_is_not_deleted(demo_db: Database) -> None:
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        programmes.delete_participation(demo_db.uow(), SLUG, "1853")
    assert refused.value.message == (
        f"deltakelsen til Evenes i {SLUG} kan ikke slettes: 1 søknad, 2 milepæler, "
        "1 oppfølging, 2 kapasitetsvurderinger, 12 oppmøteregistreringer, 12 tilbakemeldinger, "
        "32 suksessfaktorer er registrert på den. Endre status til fullført eller trukket i "
        "stedet.")
    with pytest.raises(DomainError) as one:  # Osen has one milestone and one priority session
        programmes.delete_participation(demo_db.uow(), SLUG, "5020")
    assert ": 1 søknad, 1 milepæl, 2 kapasitetsvurderinger, 1 prioriteringsøkt, " in (
        one.value.message)
    assert snapshot(demo_db.engine) == before


def test_a_participation_with_an_attendance_is_not_deleted(demo_db: Database) -> None:
    from nettverk.services import attendance, gatherings

    added = programmes.add_participant(demo_db.uow(), SLUG, "1804")
    meeting = gatherings.list_gatherings(demo_db.uow(), SLUG)[0]
    attendance.set_attendance(demo_db.uow(), meeting.id, "1804", attended=True, persons=2)
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError, match="1 oppmøteregistrering"):
        programmes.delete_participation(demo_db.uow(), SLUG, "1804", expected_version=added.version)
    assert snapshot(demo_db.engine) == before


def test_deleting_a_participation_someone_changed_is_refused(demo_db: Database) -> None:
    added = programmes.add_participant(demo_db.uow(), SLUG, "1804")
    programmes.set_participation_status(demo_db.uow(), SLUG, "1804", "withdrawn")
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        programmes.delete_participation(demo_db.uow(), SLUG, "1804", expected_version=added.version)
    assert snapshot(demo_db.engine) == before
