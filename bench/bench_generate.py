"""The generator: the national data set into a new SQLite file in ≤ 20 s."""

from __future__ import annotations

import time
from pathlib import Path

from bench.dataset import SEED, TODAY, Dataset
from bench.harness import RESULTS, Result

BUDGET = 20.0


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Generate into fresh files `repeat` times (the full set is heavy: keep repeat small)."""
    from nettverk.demo import generate
    from nettverk.persistence.engine import make_engine
    from nettverk.persistence.schema import upgrade

    samples: list[float] = []
    if dataset.generated_in is not None:
        samples.append(dataset.generated_in)
    path = RESULTS / "generate-bench.db"
    rows = dataset.rows
    build: list[float] = []
    while len(samples) < repeat:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade(engine)  # the schema is not part of the figure
            start = time.perf_counter()
            result = generate.generate(engine, generate.Scale(**dataset.scale), seed=SEED,
                                       today=TODAY)
            samples.append(time.perf_counter() - start)
            build.append(result.build_seconds)
            rows = result.total_rows
        finally:
            engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    scale = ", ".join(f"{k} {v}" for k, v in dataset.scale.items())
    return [Result(name="generate national data set (SQLite)", budget=BUDGET, samples=samples,
                   note=f"{rows} rows ({scale}); rows built in memory in "
                        f"{min(build):.1f} s" if build else f"{rows} rows ({scale})",
                   extra={"rows": rows, "build_seconds": build})]
