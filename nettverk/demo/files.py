"""Reading the human-readable seed files (CSV with # comments, TOML)."""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parents[1] / "seed_data"


def read_csv(name: str, seed_dir: Path = SEED_DIR) -> Iterator[dict[str, str]]:
    """Rows of a seed CSV file; lines starting with # are comments; empty cells become ''."""
    with open(seed_dir / name, encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        for row in csv.DictReader(lines):
            yield {k: (v or "").strip() for k, v in row.items()}


def read_toml(name: str, seed_dir: Path = SEED_DIR) -> dict[str, Any]:
    """A seed TOML file."""
    with open(seed_dir / name, "rb") as f:
        return tomllib.load(f)


def text_or_none(value: str) -> str | None:
    """'' as None."""
    return value or None


def yes(value: str) -> bool:
    """'yes' as True."""
    return value.strip().lower() in {"yes", "ja", "true", "1"}
