"""Every use case's input, declared once: fields with kinds, labels, references and help, the
service call that saves it and how its values are read. The TUI shows a declaration as a form
(`nettverk.tui.screens.form.FormScreen`); the command line can build its options from the same
declaration (`nettverk.forms.options`). Nothing here imports Textual."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from nettverk.forms.fields import DECLARED, Example, FormSpec


def every_form() -> dict[str, tuple[Callable[..., FormSpec], Example]]:
    """Every declared form, by "module.function", with an example of its arguments."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(DECLARED)
