"""Allow `python -m nettverk`."""

from nettverk.cli import main

raise SystemExit(main())
