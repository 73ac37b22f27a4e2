"""Commands for this area (filled in as the area lands)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this area's commands."""
