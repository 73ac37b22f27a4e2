"""The command line's side of a declared form: argparse options built from a `FormSpec`'s
fields, and the typed text read back as the form's values, checked by the same field kinds, so
a field added to a declaration reaches the TUI form and the command alike."""

from __future__ import annotations

import argparse
from collections.abc import Collection
from typing import Any

from nettverk.domain.errors import DomainError
from nettverk.forms.fields import DATE_HINT, DATETIME_HINT, FormField, FormSpec

METAVARS = {"int": "N", "decimal": "TALL", "date": "DATO", "datetime": "TIDSPUNKT",
            "money": "KR", "bool": "ja|nei", "reference": "NAVN|NR"}


def flag(f: FormField) -> str:
    """The option a field becomes: `starts_at` → `--starts-at`."""
    return "--" + f.name.replace("_", "-")


def help_of(f: FormField) -> str:
    """The field's label and help, as the form shows them."""
    hint = f.hint or {"date": DATE_HINT, "datetime": DATETIME_HINT}.get(f.kind, "")
    return f"{f.label}: {hint}" if hint else f.label


def add_options(parser: argparse.ArgumentParser, spec: FormSpec,
                skip: Collection[str] = ()) -> None:
    """An option per editable field, required where the field is, with its choices and help."""
    for f in spec.fields:
        if f.read_only or f.name in skip:
            continue
        options: dict[str, Any] = {"dest": f.name, "help": help_of(f)}
        if f.kind == "choice":
            options["choices"] = [value for _, value in f.choices]
        elif f.kind in METAVARS:
            options["metavar"] = METAVARS[f.kind]
        if f.kind == "reference" and f.multiple:
            options.update(action="append", default=[])
        if f.required:
            options["required"] = True
        parser.add_argument(flag(f), **options)


def values_of(args: argparse.Namespace, spec: FormSpec) -> dict[str, str]:
    """The options as the form's values (text by field name), every field's kind checked; the
    first wrong one is refused as a DomainError naming the field, before anything is written."""
    values = {k: v for k, v in spec.initial.items() if k.startswith("_")}
    for f in spec.fields:
        given = getattr(args, f.name, None)
        if isinstance(given, list):
            given = ", ".join(given)
        values[f.name] = "" if given is None else str(given)
        problem = f.check(values[f.name])
        if problem:
            raise DomainError(f.name, problem)
    return values
