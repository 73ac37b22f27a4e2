"""A form field checks typed text by its kind alone, so every such error is shown at once."""

from __future__ import annotations

import pytest

from nettverk.forms.fields import FormField


@pytest.mark.parametrize(("kind", "good", "bad"), [
    ("int", "12", "tolv"),
    ("decimal", "2,5", "nan"),
    ("date", "15.03.2026", "31.02.2026"),
    ("datetime", "15.03.2026 09:30", "15.03.2026 25:00"),
    ("money", "1250,50", "mye"),
    ("bool", "ja", "kanskje"),
])
def test_each_kind_accepts_its_form_and_names_what_is_wrong(kind: str, good: str, bad: str) -> None:
    field = FormField("x", "X", kind=kind)  # type: ignore[arg-type]
    assert field.check(good) is None
    assert field.check(bad)  # a Norwegian message, never an exception
    assert field.check("") is None


def test_a_required_field_must_be_filled_unless_it_is_read_only() -> None:
    assert FormField("x", "X", required=True).check("  ") == "må fylles ut"
    assert FormField("x", "X", required=True, read_only=True).check("") is None
