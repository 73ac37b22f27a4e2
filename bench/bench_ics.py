"""Placeholder (filled below)."""
from __future__ import annotations

from bench.dataset import Dataset
from bench.harness import Result, skipped


def run(dataset: Dataset, repeat: int) -> list[Result]:
    return [skipped("ics", "not available yet")]
