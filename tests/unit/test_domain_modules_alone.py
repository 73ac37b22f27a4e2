"""Each domain module imported alone, as a command that needs only it does: the mapped classes
it brings are configured without a name left to find (a relationship named a class that was
imported only for type checking, and every `invitation` command failed in a fresh process)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import nettverk.domain

MODULES = sorted(m.name for m in pkgutil.iter_modules(nettverk.domain.__path__))


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imported_alone_configures_its_mappers(module: str) -> None:
    code = (f"import nettverk.domain.{module}\n"
            "from sqlalchemy.orm import configure_mappers\n"
            "configure_mappers()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-600:]
