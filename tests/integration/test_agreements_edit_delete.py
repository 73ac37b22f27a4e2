"""Editing and deleting agreements, actions, focus areas, themes and feeds (services, both DBs)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nettverk.domain.agreements import AgreementEvent, AgreementFocusArea
from nettverk.domain.errors import ConflictError, DomainError, NotFoundError
from nettverk.persistence.audit import AuditEntry
from nettverk.services import agreement_actions, agreements, calendar, focus_areas, themes
from nettverk.services.database import Database
from tests.support import snapshot

TODAY = date(2026, 3, 2)


def _agreement(db: Database, number: str) -> agreements.AgreementView:
    return next(a for a in agreements.list_agreements(db.uow()) if a.municipality == number)


def _count(db: Database, column: object, value: int) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).where(column == value)) or 0  # type: ignore[operator]


# --- agreements ----------------------------------------------------------------------------


def test_an_offered_agreement_is_deleted_with_its_history_focus_areas_and_actions(
        demo_db: Database) -> None:
    offered = _agreement(demo_db, "1848")  # Steigen: offered, never signed
    agreements.set_focus_areas(demo_db.uow(), offered.id, ["tillit"])
    action = agreement_actions.add_action(demo_db.uow(), offered.id, "Innbyggermøte", "tillit",
                                   today=TODAY)
    fresh = agreements.get_agreement(demo_db.uow(), offered.id)
    gone = agreements.delete_agreement(demo_db.uow(), offered.id, expected_version=fresh.version)
    assert (gone.kind, gone.id) == ("avtale", offered.id) and "Steigen" in gone.label
    assert "1848" not in {a.municipality for a in agreements.list_agreements(demo_db.uow())}
    assert _count(demo_db, AgreementEvent.agreement_id, offered.id) == 0
    assert _count(demo_db, AgreementFocusArea.agreement_id, offered.id) == 0
    assert action.id not in {x.id for x in agreement_actions.list_actions(demo_db.uow())}
    with demo_db.uow() as uow:
        deleted = set(uow.session.scalars(select(AuditEntry.table_name).where(
            AuditEntry.action == "delete")))
    assert {"partnership_agreement", "agreement_event", "agreement_action"} <= deleted
    # The municipality may be offered a new agreement afterwards.
    again = agreements.add_agreement(demo_db.uow(), "1848", date(2026, 3, 1))
    assert again.status == "offered"


@pytest.mark.parametrize("number", ["1804", "1806"])  # signed; ended (was signed)
def test_a_signed_or_ended_agreement_is_history_and_is_not_deleted(
        demo_db: Database, number: str) -> None:
    a = _agreement(demo_db, number)
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        agreements.delete_agreement(demo_db.uow(), a.id)
    assert refused.value.field == "status" and "historikk" in refused.value.message
    assert snapshot(demo_db.engine) == before


def test_deleting_an_agreement_someone_else_changed_is_refused(demo_db: Database) -> None:
    a = _agreement(demo_db, "1851")
    agreements.update_agreement(demo_db.uow(), a.id, notes="Purret på telefon")
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        agreements.delete_agreement(demo_db.uow(), a.id, expected_version=a.version)
    assert snapshot(demo_db.engine) == before


# --- actions -------------------------------------------------------------------------------


def test_an_action_is_edited_field_by_field(demo_db: Database) -> None:
    bodo = _agreement(demo_db, "1804")  # focus areas tilhorighet, tillit, tilgang
    x = agreement_actions.add_action(demo_db.uow(), bodo.id, "Ungdomsråd", "tillit", owner="Kultur",
                              due=date(2026, 6, 1), today=TODAY)
    changed = agreement_actions.update_action(
        demo_db.uow(), x.id, expected_version=x.version, today=TODAY, title="Ungdomsråd i Bodø",
        focus_area="tilhorighet", owner=None, due=date(2026, 9, 1), status="in_progress")
    assert (changed.title, changed.focus_area, changed.owner, changed.due, changed.status) == (
        "Ungdomsråd i Bodø", "tilhorighet", None, date(2026, 9, 1), "in_progress")
    done = agreement_actions.update_action(demo_db.uow(), x.id, expected_version=changed.version,
                                    status="done", on=date(2026, 8, 20), due=None, today=TODAY)
    assert done.status == "done" and done.done_on == date(2026, 8, 20) and done.due is None
    listed = {a.id: a for a in agreement_actions.list_actions(demo_db.uow(), today=TODAY)}
    assert listed[x.id].title == "Ungdomsråd i Bodø"


def test_bad_action_edits_are_refused_and_write_nothing(demo_db: Database) -> None:
    bodo = _agreement(demo_db, "1804")
    x = agreement_actions.add_action(demo_db.uow(), bodo.id, "Ungdomsråd", today=TODAY)
    before = snapshot(demo_db.engine)
    cases: list[tuple[dict[str, object], str]] = [
        ({"title": "  "}, "title"),
        ({"focus_area": "trygghet"}, "focus_area"),  # not chosen in Bodø's agreement
        ({"focus_area": "finnes-ikke"}, "focus_area"),
        ({"status": "ferdig"}, "status"),
        ({"colour": "blå"}, "colour"),
    ]
    for changes, field in cases:
        with pytest.raises(DomainError) as refused:
            agreement_actions.update_action(demo_db.uow(), x.id, today=TODAY, **changes)
        assert refused.value.field == field, changes
    agreement_actions.update_action(demo_db.uow(), x.id, title="Ungdomsråd 2026")
    with pytest.raises(ConflictError):
        agreement_actions.update_action(demo_db.uow(), x.id, expected_version=x.version, owner="Meg")
    with pytest.raises(NotFoundError):
        agreement_actions.update_action(demo_db.uow(), 999_999, title="x")
    after = snapshot(demo_db.engine)
    kept = ("agreement_action", "audit_log", "audit_chain")  # the one good edit is written
    assert {k: v for k, v in after.items() if k not in kept} == {
        k: v for k, v in before.items() if k not in kept}


def test_deleting_an_action(demo_db: Database) -> None:
    x = agreement_actions.list_actions(demo_db.uow(), today=TODAY)[0]
    gone = agreement_actions.delete_action(demo_db.uow(), x.id, expected_version=x.version)
    assert (gone.kind, gone.id) == ("tiltak", x.id) and x.title in gone.label
    assert x.id not in {a.id for a in agreement_actions.list_actions(demo_db.uow(), today=TODAY)}
    with pytest.raises(NotFoundError):
        agreement_actions.delete_action(demo_db.uow(), x.id)


# --- focus areas ---------------------------------------------------------------------------


def test_a_focus_area_is_renamed_and_recoded_and_agreements_follow(demo_db: Database) -> None:
    area = next(f for f in focus_areas.list_focus_areas(demo_db.uow()) if f.code == "tillit")
    assert area.agreements == 3 and area.actions == 3
    changed = focus_areas.update_focus_area(
        demo_db.uow(), "tillit", expected_version=area.version, new_code="tillit-dialog",
        name="Tillit og dialog", description="")
    assert (changed.code, changed.name, changed.description) == (
        "tillit-dialog", "Tillit og dialog", None)
    assert "tillit-dialog" in _agreement(demo_db, "1804").focus_areas
    before = snapshot(demo_db.engine)
    for kwargs, field in [({"new_code": "trygghet"}, "new_code"), ({"new_code": "Æ Ø"}, "code"),
                          ({"name": ""}, "name")]:
        with pytest.raises(DomainError) as refused:
            focus_areas.update_focus_area(demo_db.uow(), "tillit-dialog", **kwargs)  # type: ignore[arg-type]
        assert refused.value.field == field
    with pytest.raises(ConflictError):
        focus_areas.update_focus_area(demo_db.uow(), "tillit-dialog",
                                     expected_version=area.version, name="Tillit")
    assert snapshot(demo_db.engine) == before


def test_a_focus_area_in_use_is_not_deleted_an_unused_one_is(demo_db: Database) -> None:
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        focus_areas.delete_focus_area(demo_db.uow(), "trygghet")
    assert refused.value.field == "code"
    assert refused.value.message == (
        "Innsatsområdet «Trygghet» kan ikke slettes: brukes av 2 avtaler som har valgt det, "
        "2 tiltak")
    assert snapshot(demo_db.engine) == before
    chosen = focus_areas.add_focus_area(demo_db.uow(), "idrett", "Idrett")
    offered = next(a for a in agreements.list_agreements(demo_db.uow()) if a.status == "offered")
    agreements.update_agreement(demo_db.uow(), offered.id, focus_areas=["idrett"])
    with pytest.raises(DomainError) as once:
        focus_areas.delete_focus_area(demo_db.uow(), "idrett", expected_version=chosen.version)
    assert once.value.message == (
        "Innsatsområdet «Idrett» kan ikke slettes: brukes av 1 avtale som har valgt det")
    added = focus_areas.add_focus_area(demo_db.uow(), "kultur", "Kultur")
    gone = focus_areas.delete_focus_area(demo_db.uow(), "kultur", expected_version=added.version)
    assert gone.kind == "innsatsområde" and gone.label == "kultur (Kultur)"
    assert "kultur" not in {f.code for f in focus_areas.list_focus_areas(demo_db.uow())}


# --- themes and feeds ----------------------------------------------------------------------


def test_deleting_a_theme(demo_db: Database) -> None:
    theme = themes.list_themes(demo_db.uow())[0]
    themes.update_theme(demo_db.uow(), theme.id, title="Matvinn")
    with pytest.raises(ConflictError):
        themes.delete_theme(demo_db.uow(), theme.id, expected_version=theme.version)
    gone = themes.delete_theme(demo_db.uow(), theme.id, expected_version=theme.version + 1)
    assert gone.label == f"{theme.month_name} {theme.year}: Matvinn"
    assert theme.id not in {t.id for t in themes.list_themes(demo_db.uow(), None)}
    with pytest.raises(NotFoundError):
        themes.delete_theme(demo_db.uow(), theme.id)


def test_every_programmes_themes_are_listed_together(demo_db: Database) -> None:
    themes.add_theme(demo_db.uow(), 2026, 5, "Ferie", programme="mindre-kommuner-2020")
    every = themes.list_themes(demo_db.uow(), None)
    assert {t.programme for t in every} == {"det-gode-liv", "mindre-kommuner-2020"}
    assert len(every) == len(themes.list_themes(demo_db.uow())) + 1


def test_a_revoked_feed_stays_listed_and_stops_serving(demo_db: Database) -> None:
    created = calendar.create_feed(demo_db.uow(), programme="det-gode-liv", label="Rådhuset")
    assert calendar.feed_calendar(demo_db.uow(), created.token) is not None
    hint = calendar.feed_url_hint("http://127.0.0.1:8765/", created.feed.token_hint)
    assert hint == f"http://127.0.0.1:8765/feed/{created.token[:4]}….ics"
    revoked = calendar.revoke_feed(demo_db.uow(), created.feed.id,
                                   expected_version=created.feed.version)
    assert revoked.revoked_at is not None
    assert calendar.feed_calendar(demo_db.uow(), created.token) is None
    listed = {f.id: f for f in calendar.list_feeds(demo_db.uow())}
    assert not listed[created.feed.id].active
    with pytest.raises(ConflictError):
        calendar.revoke_feed(demo_db.uow(), created.feed.id, expected_version=created.feed.version)
