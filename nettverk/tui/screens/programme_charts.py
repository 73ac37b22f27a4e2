"""The programme's charts in its detail: attendance and feedback per gathering across the years
and the planstrategi across the network, read through the same service as the evaluation
report's charts (`services.report_figures`), as of the app's today."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from nettverk.services.database import Database
from nettverk.tui.widgets.network_charts import GatheringsChart, PlanProgressChart


def programme_charts(db: Database, programme: str, at: date) -> list[RenderableType]:
    """The charts of one programme as of `at` (runs in the detail's worker thread)."""
    from nettverk.services import report_figures

    gatherings = report_figures.gathering_figures(db.uow(), programme, at)
    progress = report_figures.plan_progress(db.uow(), programme, at)
    return [Text(""), GatheringsChart(gatherings, at), Text(""), PlanProgressChart(progress, at)]
