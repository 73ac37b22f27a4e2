"""A child process for the stress test: conflicting edits of one municipality."""

from __future__ import annotations

import json
import sys

from nettverk.domain.errors import ConflictError
from nettverk.services import register
from nettverk.services.database import connect


def main(url: str, worker: int, edits: int) -> None:
    db = connect(url, f"arbeider-{worker}")
    landed: list[int] = []
    conflicts = 0
    for i in range(edits):
        value = worker * 100_000 + i
        seen = register.get_municipality(db.uow(), "1853")
        try:
            register.update_municipality(db.uow(), "1853", expected_version=seen.version,
                                         population=value)
        except ConflictError:
            conflicts += 1
        else:
            landed.append(value)
    db.close()
    print(json.dumps({"landed": landed, "conflicts": conflicts}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
