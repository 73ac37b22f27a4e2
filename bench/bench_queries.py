"""The overview use case and the main list queries at national scale (one page of 50 rows)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, text

from bench.dataset import Dataset, today
from bench.harness import Result, measure, skipped

LIST_BUDGET = 0.050
OVERVIEW_BUDGET = 0.100


def _target(module: str, function: str) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(f"nettverk.services.{module}")
    except ImportError:
        return None
    fn = getattr(mod, function, None)
    return fn if callable(fn) else None


def cases(busiest: str, municipality: str) -> list[tuple[str, str, str, dict[str, Any], float]]:
    """(label, module, function, arguments, budget) of every query measured."""
    t = today()
    page = {"limit": 50}
    return [
        ("overview", "overview", "overview", {"today": t}, OVERVIEW_BUDGET),
        ("municipality list", "register", "list_municipalities", page, LIST_BUDGET),
        ("municipality search", "register", "list_municipalities", {"search": "vik", **page},
         LIST_BUDGET),
        ("gathering list", "gatherings", "list_gatherings", page, LIST_BUDGET),
        ("gathering list, page 100", "gatherings", "list_gatherings",
         {"offset": 5000, **page}, LIST_BUDGET),
        ("gathering list, programme", "gatherings", "list_gatherings",
         {"programme": busiest, **page}, LIST_BUDGET),
        ("gathering list, municipality", "gatherings", "list_gatherings",
         {"municipality": municipality, **page}, LIST_BUDGET),
        ("gathering list, year", "gatherings", "list_gatherings", {"year": t.year, **page},
         LIST_BUDGET),
        ("milestone list", "milestones", "list_milestones", {"today": t, **page}, LIST_BUDGET),
        ("milestone list, overdue", "milestones", "list_milestones",
         {"today": t, "overdue": True, **page}, LIST_BUDGET),
        ("milestone list, programme", "milestones", "list_milestones",
         {"today": t, "programme": busiest, **page}, LIST_BUDGET),
        ("milestone list, municipality", "milestones", "list_milestones",
         {"today": t, "municipality": municipality, **page}, LIST_BUDGET),
        ("follow-up list", "followups", "list_follow_ups", {"today": t, **page}, LIST_BUDGET),
        ("follow-up list, municipality", "followups", "list_follow_ups",
         {"municipality": municipality, "today": t, **page}, LIST_BUDGET),
        ("plan document list, municipality", "plans", "list_plan_documents",
         {"municipality": municipality, "today": t, **page}, LIST_BUDGET),
        ("agreement action list, municipality", "agreements", "list_actions",
         {"municipality": municipality, "today": t, **page}, LIST_BUDGET),
        ("capacity assessment list, municipality", "capacity", "list_assessments",
         {"municipality": municipality, **page}, LIST_BUDGET),
        ("plan document list", "plans", "list_plan_documents", {"today": t, **page}, LIST_BUDGET),
        ("plan document list, overdue", "plans", "list_plan_documents",
         {"today": t, "overdue": True, **page}, LIST_BUDGET),
        ("application list", "applications", "list_applications", page, LIST_BUDGET),
        ("agreement list", "agreements", "list_agreements", page, LIST_BUDGET),
        ("agreement action list, overdue", "agreements", "list_actions",
         {"today": t, "overdue": True, **page}, LIST_BUDGET),
        ("capacity assessment list", "capacity", "list_assessments", page, LIST_BUDGET),
        ("feedback list", "feedback", "list_feedback", page, LIST_BUDGET),
    ]


def busiest_programme(db: Any) -> str:
    """The programme with the most gatherings (the largest filtered list)."""
    with db.engine.connect() as conn:
        return str(conn.execute(text(
            "SELECT p.slug FROM programme p JOIN gathering g ON g.programme_id = p.id "
            "GROUP BY p.slug ORDER BY count(*) DESC LIMIT 1")).scalar_one())


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Time every case on the data set; each records its SQL statements per call."""
    from nettverk.services.database import connect

    db = connect(dataset.url, "bench")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    # The overview reads in plain SQL on the session's DB-API connection (services.
    # plain_overview), which SQLAlchemy's events do not see: count those statements too.
    from nettverk.persistence.plain import PlainReader

    plain_rows = PlainReader.rows

    def rows(reader: PlainReader, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        statements.append(sql)
        return plain_rows(reader, sql, params)

    PlainReader.rows = rows  # type: ignore[method-assign]
    results = []
    try:
        busiest = busiest_programme(db)
        for label, module, function, kwargs, budget in cases(busiest, "1804"):
            fn = _target(module, function)
            if fn is None:
                results.append(skipped(label, f"not available yet: {module}.{function}"))
                continue
            try:
                statements.clear()
                rows = fn(db.uow(), **kwargs)
                per_call = len(statements)
                samples = measure(lambda fn=fn, kwargs=kwargs: fn(db.uow(), **kwargs), repeat)
            except Exception as exc:  # a target that is half-built must not stop the suite
                results.append(skipped(label, f"failed: {type(exc).__name__}: {exc}"[:120]))
                continue
            size = len(rows) if isinstance(rows, list) else None
            results.append(Result(
                name=label, budget=budget, samples=samples,
                p95_budget=budget if label == "overview" else None,
                note=f"{per_call} SQL statements per call; {size if size is not None else '–'} rows",
                extra={"statements": per_call, "rows": size, "kwargs": {
                    k: str(v) for k, v in kwargs.items()}}))
    finally:
        PlainReader.rows = plain_rows  # type: ignore[method-assign]
        event.remove(db.engine, "before_cursor_execute", count)
        db.close()
    return results
