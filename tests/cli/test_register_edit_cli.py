"""The register's edit commands end to end: person show/update/list --include-erased,
organisation show/update/delete, programme update. Bad input: exit 2 naming the field, nothing
written."""

from __future__ import annotations

import pytest

from nettverk.services import organisations, persons
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

SLUG = "mindre-kommuner-2020"


def person_id(db: Database, name: str) -> int:
    return next(p.id for p in persons.list_persons(db.uow()) if p.name == name)


def organisation_id(db: Database, name: str) -> int:
    return next(o.id for o in organisations.list_organisations(db.uow()) if o.name == name)


def test_person_update_show_and_erased_in_the_list(demo_db: Database, db_url: str) -> None:
    kari = str(person_id(demo_db, "Kari Fjellheim"))
    done = run_cli(db_url, "person", "update", kari, "--title", "Fagleder", "--organisation", "",
                   "--municipality", "1853", "--expected-version", "1", "--format", "json")
    assert done.code == 0, done.err
    view = done.json()
    assert (view["title"], view["organisation"], view["municipality"], view["version"]) == (
        "Fagleder", None, "1853", 2)
    shown = run_cli(db_url, "person", "show", kari, "--format", "json").json()
    assert shown == view
    assert "Fagleder" in run_cli(db_url, "person", "show", kari).out
    siri = str(person_id(demo_db, "Siri Lund"))
    assert run_cli(db_url, "person", "erase", siri, "--yes").code == 0
    listed = {p["id"] for p in run_cli(db_url, "person", "list", "--format", "json").json()}
    assert int(siri) not in listed
    everyone = run_cli(db_url, "person", "list", "--include-erased", "--format", "json").json()
    erased = next(p for p in everyone if p["id"] == int(siri))
    assert erased["erased_on"] and erased["email"] is None
    assert "Slettet" in run_cli(db_url, "person", "list", "--include-erased").out


@pytest.mark.parametrize(("args", "field"), [
    (["--email", "ikke-en-adresse"], "email"),
    (["--name", ""], "name"),
    (["--organisation", "Finnes ikke AS"], "organisation"),
    (["--municipality", "9999"], "municipality"),
    (["--expected-version", "7"], "version"),
    (["--expected-version", "sju"], "expected_version"),
])
def test_bad_person_updates_exit_2_and_write_nothing(demo_db: Database, db_url: str,
                                                     args: list[str], field: str) -> None:
    kari = str(person_id(demo_db, "Kari Fjellheim"))
    before = snapshot(demo_db.engine)
    result = run_cli(db_url, "person", "update", kari, "--title", "Fagleder", *args)
    assert result.code == 2
    assert f"«{field}»" in result.err
    assert snapshot(demo_db.engine) == before
    missing = run_cli(db_url, "person", "update", "99999", "--title", "X")
    assert missing.code == 2 and "finnes ikke" in missing.err


def test_organisation_show_update_and_delete(demo_db: Database, db_url: str) -> None:
    added = run_cli(db_url, "organisation", "add", "--name", "Nordområdeinstituttet",
                    "--kind", "research", "--short-name", "NOI", "--format", "json")
    assert added.code == 0, added.err
    new = added.json()
    assert new["version"] == 1 and new["county"] is None
    changed = run_cli(db_url, "organisation", "update", str(new["id"]), "--kind", "other",
                      "--county", "18", "--org-number", "964982953", "--expected-version", "1",
                      "--format", "json")
    assert changed.code == 0, changed.err
    assert (changed.json()["kind"], changed.json()["county"]) == ("other", "18")
    shown = run_cli(db_url, "organisation", "show", str(new["id"]), "--format", "json").json()
    assert shown == changed.json()
    listed = run_cli(db_url, "organisation", "list", "--format", "csv").out
    assert "Nordområdeinstituttet;NOI;annet;964982953;18;" in listed
    stale = run_cli(db_url, "organisation", "delete", str(new["id"]), "--expected-version", "1")
    assert stale.code == 2 and "endret av noen andre" in stale.err
    gone = run_cli(db_url, "organisation", "delete", str(new["id"]), "--expected-version", "2",
                   "--format", "json")
    assert gone.code == 0, gone.err
    assert gone.json() == {"kind": "organisasjon", "id": new["id"],
                           "label": "Nordområdeinstituttet", "deleted": True}
    assert run_cli(db_url, "organisation", "show", str(new["id"])).code == 2


def test_an_organisation_in_use_is_not_deleted(demo_db: Database, db_url: str) -> None:
    nfk = str(organisation_id(demo_db, "Nordland fylkeskommune"))
    before = snapshot(demo_db.engine)
    refused = run_cli(db_url, "organisation", "delete", nfk)
    assert refused.code == 2
    assert "Nordland fylkeskommune kan ikke slettes: brukes av" in refused.err
    assert snapshot(demo_db.engine) == before


@pytest.mark.parametrize(("args", "field"), [
    (["--short-name", "NFK"], "short_name"),
    (["--org-number", "123456789"], "org_number"),
    (["--county", "99"], "county"),
    (["--municipality", "12"], "municipality"),
    (["--name", ""], "name"),
])
def test_bad_organisation_updates_exit_2_and_write_nothing(demo_db: Database, db_url: str,
                                                           args: list[str], field: str) -> None:
    ds = str(organisation_id(demo_db, "Distriktssenteret"))
    before = snapshot(demo_db.engine)
    result = run_cli(db_url, "organisation", "update", ds, *args)
    assert result.code == 2
    assert f"«{field}»" in result.err
    assert snapshot(demo_db.engine) == before


def test_programme_update(demo_db: Database, db_url: str) -> None:
    result = run_cli(db_url, "programme", "update", SLUG, "--name", "Læringsnettverket",
                     "--ends", "31.12.2024", "--max-population", "3000", "--owner", "TRFK",
                     "--gatherings-per-year-max", "4", "--physical-per-year", "",
                     "--expected-version", "1", "--format", "json")
    assert result.code == 0, result.err
    view = result.json()
    assert (view["slug"], view["name"], view["ends"], view["max_population"], view["owner"],
            view["gatherings_per_year_max"], view["physical_per_year"], view["version"]) == (
        SLUG, "Læringsnettverket", "2024-12-31", 3000, "Trøndelag fylkeskommune", 4, None, 2)
    shown = run_cli(db_url, "programme", "show", SLUG, "--format", "json").json()
    assert shown == view
    listed = run_cli(db_url, "programme", "list", "--format", "json").json()
    assert {"slug", "name", "kind", "starts", "ends"} <= set(listed[0])  # the contract's keys


@pytest.mark.parametrize(("args", "field"), [
    (["--ends", "2019-12-31"], "ends"),
    (["--ends", "31.02.2024"], "ends"),
    (["--starts", ""], "starts"),
    (["--min-per-county", "5"], "max_per_county"),
    (["--gatherings-per-year-min", "9"], "gatherings_per_year_max"),
    (["--max-population", "-5"], "max_population"),
    (["--max-population", "mange"], "max_population"),
    (["--owner", "Finnes ikke AS"], "owner"),
    (["--expected-version", "9"], "version"),
])
def test_bad_programme_updates_exit_2_and_write_nothing(demo_db: Database, db_url: str,
                                                        args: list[str], field: str) -> None:
    before = snapshot(demo_db.engine)
    result = run_cli(db_url, "programme", "update", SLUG, *args)
    assert result.code == 2
    assert f"«{field}»" in result.err
    assert snapshot(demo_db.engine) == before
    assert run_cli(db_url, "programme", "update", "finnes-ikke", "--name", "X").code == 2


def test_participant_delete(demo_db: Database, db_url: str) -> None:
    assert run_cli(db_url, "participant", "add", "--programme", SLUG, "--municipality", "1804").code == 0
    before = snapshot(demo_db.engine)
    refused = run_cli(db_url, "participant", "delete", "--programme", SLUG, "--municipality", "1853")
    assert refused.code == 2 and "kan ikke slettes" in refused.err and "«municipality»" in refused.err
    stale = run_cli(db_url, "participant", "delete", "--programme", SLUG, "--municipality", "1804",
                    "--expected-version", "2")
    assert stale.code == 2 and "endret av noen andre" in stale.err
    assert snapshot(demo_db.engine) == before
    gone = run_cli(db_url, "participant", "delete", "--programme", SLUG, "--municipality", "1804",
                   "--expected-version", "1", "--format", "json")
    assert gone.code == 0, gone.err
    assert gone.json()["label"] == f"Bodø i {SLUG}"
    listed = run_cli(db_url, "participant", "list", "--programme", SLUG, "--format", "json").json()
    assert "1804" not in {p["municipality"] for p in listed}
