"""The command line built from a declared form (nettverk.forms): `focus-area add` takes its
options from the same declaration as the TUI's «Nytt innsatsområde», and a field's kind is
checked the same way in both."""

from __future__ import annotations

import argparse

import pytest

from nettverk.domain.errors import DomainError
from nettverk.forms.fields import FormField, FormSpec
from nettverk.forms.focus_areas import new_focus_area
from nettverk.forms.options import add_options, flag, values_of
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import run_cli


@pytest.fixture
def url(db: Database, db_url: str) -> str:
    base_register(db)
    return db_url


def test_every_field_of_the_declaration_is_an_option_of_the_command(url: str) -> None:
    shown = run_cli(url, "focus-area", "add", "--help")
    for f in new_focus_area().fields:
        assert flag(f) in shown.out and f.label in shown.out


def test_the_command_adds_through_the_declaration_and_refuses_a_missing_required_field(
    url: str,
) -> None:
    added = run_cli(url, "focus-area", "add", "--code", "tilgang", "--name", "Tilgang",
                    "--description", "Utdanning og arbeid", "--format", "json")
    assert added.code == 0, added.err
    assert added.json()["description"] == "Utdanning og arbeid"
    missing = run_cli(url, "focus-area", "add", "--code", "kultur")
    assert missing.code == 2 and "--name" in missing.err


def test_options_are_typed_and_checked_like_the_form() -> None:
    spec = FormSpec("Prøve", [FormField("title", "Tittel", required=True),
                              FormField("due", "Frist", kind="date"),
                              FormField("persons", "Antall", kind="int"),
                              FormField("kind", "Type", kind="choice", choices=(("Møte", "meeting"),))],
                    save=lambda db, values: values)
    parser = argparse.ArgumentParser()
    add_options(parser, spec)
    args = parser.parse_args(["--title", "Samling", "--due", "15.03.2026", "--kind", "meeting"])
    assert values_of(args, spec) == {"title": "Samling", "due": "15.03.2026", "persons": "",
                                     "kind": "meeting"}
    with pytest.raises(DomainError) as wrong:
        values_of(parser.parse_args(["--title", "X", "--persons", "mange"]), spec)
    assert wrong.value.field == "persons"
    with pytest.raises(SystemExit):
        parser.parse_args(["--due", "15.03.2026"])  # --title is required, as in the form
