"""A child process for the crash tests: writes or migrates until it is killed.

Prints one line per committed transaction ("committed <key>") and flushes, so the parent knows
exactly what was reported committed before the SIGKILL.
"""

from __future__ import annotations

import sys


def writes(url: str, start: int) -> None:
    from nettverk.services import persons, register
    from nettverk.services.database import connect

    db = connect(url, "krasjtest")
    n = start
    while True:
        name = f"Person {n}"
        persons.add_person(db.uow(), name=name, email=f"p{n}@example.no",
                            municipality="1853" if n % 2 else None)
        register.update_municipality(db.uow(), "1853", population=n)
        print(f"committed {n}", flush=True)
        n += 1


def imports(url: str, start: int, workdir: str) -> None:
    """Each import adds a batch of 20 municipalities (all or nothing); key = the batch number."""
    from pathlib import Path

    from nettverk.services import imports as imports_service
    from nettverk.services.database import connect

    db = connect(url, "krasjtest")
    batch = start
    while True:
        numbers = [f"18{(batch * 20 + i) % 100:02d}" for i in range(20)]  # cycles every 5
        path = Path(workdir) / f"batch-{batch}.csv"
        lines = ["number,name,sami_name,county,population,year"]
        lines += [f"{n},Importkommune {batch}-{i},,18,{batch},2024" for i, n in enumerate(numbers)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        imports_service.import_municipalities(db.uow(), path)
        print(f"committed {batch}", flush=True)
        batch += 1


def migrations(url: str) -> None:
    from nettverk.persistence import schema
    from nettverk.persistence.engine import make_engine

    engine = make_engine(url)
    while True:
        schema.upgrade(engine)
        print("committed head", flush=True)
        schema.downgrade(engine, "base")
        print("committed base", flush=True)


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "writes":
        writes(url, int(sys.argv[3]))
    elif mode == "imports":
        imports(url, int(sys.argv[3]), sys.argv[4])
    else:
        migrations(url)
