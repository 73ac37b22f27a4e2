"""Allow `python -m nettverk`."""

from nettverk.cli import run

run()
