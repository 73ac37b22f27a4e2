"""The reports' charts, for what people would rather look than read: attendance and feedback
per gathering across the years, plan progress across the network, each municipality's capacity
diamond over its years against the network average, and the priority tool's importance ×
influence per session. Plain data in (the dataclasses below), ReportLab drawings out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from nettverk.exports.figure_data import (  # re-exported: the charts' data
    EvaluationFigures,
    FeedbackComment,
    GatheringFigure,
    PriorityFigure,
)
from nettverk.exports.pdf.common import ACCENT, FONT, FONT_BOLD, GRID, register_fonts

SECOND = colors.HexColor("#C0504D")
THIRD = colors.HexColor("#9BBB59")
#: the colours of successive years in a municipality's diamond (oldest first), then the average
YEAR_COLOURS = [colors.HexColor(c) for c in ("#A6BDD7", "#6A8FB8", "#3B6A9A", "#1F4E79",
                                              "#0B2A4A")]
AVERAGE = colors.HexColor("#E46C0A")
__all__ = ["EvaluationFigures", "FeedbackComment", "GatheringFigure", "PriorityFigure"]


def _label(text: str, width: int = 22) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def gatherings_chart(gatherings: Sequence[GatheringFigure], width: float) -> Drawing:
    """Attendance (bars, %) and feedback (lines, 1–5) per gathering, oldest first."""
    register_fonts()
    height = 190.0
    drawing = Drawing(width, height)
    plot_x, plot_w, plot_y, plot_h = 36.0, width - 72.0, 48.0, height - 78.0
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = plot_x, plot_y, plot_w, plot_h
    bars.data = [[g.attendance_percent or 0 for g in gatherings] or [0]]
    bars.bars[0].fillColor = colors.HexColor("#C9D7E6")
    bars.bars[0].strokeColor = None
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, 100, 25
    bars.valueAxis.labels.fontName, bars.valueAxis.labels.fontSize = FONT, 6.5
    bars.valueAxis.labelTextFormat = "%d %%"
    bars.categoryAxis.categoryNames = [g.on.strftime("%m.%y") for g in gatherings] or [""]
    bars.categoryAxis.labels.fontName, bars.categoryAxis.labels.fontSize = FONT, 6
    bars.categoryAxis.labels.angle = 45 if len(gatherings) > 12 else 0
    bars.categoryAxis.labels.boxAnchor = "ne" if len(gatherings) > 12 else "n"
    bars.valueAxis.gridStrokeColor, bars.valueAxis.visibleGrid = GRID, 1
    drawing.add(bars)
    n = max(len(gatherings), 1)
    step = plot_w / n
    lines = LinePlot()
    lines.x, lines.y, lines.width, lines.height = plot_x, plot_y, plot_w, plot_h
    series = []
    for attr in ("overall", "usefulness"):
        points = [(i + 0.5, getattr(g, attr)) for i, g in enumerate(gatherings)
                  if getattr(g, attr) is not None]
        series.append(points or [(0.5, 0)])
    lines.data = series
    lines.xValueAxis.valueMin, lines.xValueAxis.valueMax = 0, n
    lines.xValueAxis.visible = 0
    lines.yValueAxis.valueMin, lines.yValueAxis.valueMax, lines.yValueAxis.valueStep = 0, 5, 1
    lines.yValueAxis.joinAxisMode = "right"
    lines.yValueAxis.labels.fontName, lines.yValueAxis.labels.fontSize = FONT, 6.5
    for i, colour in enumerate((ACCENT, SECOND)):
        lines.lines[i].strokeColor = colour
        lines.lines[i].strokeWidth = 1.4
        lines.lines[i].symbol = makeMarker("FilledCircle", size=3, fillColor=colour,
                                           strokeColor=colour)
    drawing.add(lines)
    del step
    legend = Legend()
    legend.x, legend.y = plot_x, height - 8
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment, legend.columnMaximum, legend.deltax = "right", 1, 150
    legend.colorNamePairs = [(colors.HexColor("#C9D7E6"), "Oppmøte (% av inviterte, venstre akse)"),
                             (ACCENT, "Helhetsinntrykk (1–5, høyre akse)"),
                             (SECOND, "Nytte (1–5)")]
    drawing.add(legend)
    return drawing


def plan_progress_chart(progress: Sequence[tuple[str, int]], width: float) -> Drawing:
    """How many municipalities have their planstrategi at each stage."""
    register_fonts()
    rows = list(progress) or [("ingen", 0)]
    height = 26.0 + 16.0 * len(rows)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 110, 14, width - 140, height - 20
    chart.data = [[count for _, count in rows]]
    chart.bars[0].fillColor, chart.bars[0].strokeColor = ACCENT, None
    chart.categoryAxis.categoryNames = [_label(name) for name, _ in rows]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7.5
    chart.categoryAxis.reverseDirection = 1
    top = max((count for _, count in rows), default=1)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, max(top, 1)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


def priority_chart(session: PriorityFigure, width: float) -> Drawing:
    """The factors on the importance (x) × influence (y) grid, with the midlines at 3; each
    factor is a numbered dot, named in the table beside the chart."""
    register_fonts()
    side = min(width * 0.55, 230.0)
    drawing = Drawing(side + 20, side + 24)
    x0, y0 = 22.0, 20.0

    def at(value: float) -> float:
        return (value - 1) / 4 * side

    for tick in range(1, 6):
        pos = at(tick)
        mid = tick == 3
        colour, width_ = (colors.HexColor("#888888"), 1.0) if mid else (GRID, 0.4)
        drawing.add(Line(x0 + pos, y0, x0 + pos, y0 + side, strokeColor=colour,
                         strokeWidth=width_, strokeDashArray=[2, 2] if mid else None))
        drawing.add(Line(x0, y0 + pos, x0 + side, y0 + pos, strokeColor=colour,
                         strokeWidth=width_, strokeDashArray=[2, 2] if mid else None))
        drawing.add(String(x0 + pos, y0 - 9, str(tick), fontName=FONT, fontSize=6.5,
                           textAnchor="middle"))
        drawing.add(String(x0 - 6, y0 + pos - 2, str(tick), fontName=FONT, fontSize=6.5,
                           textAnchor="end"))
    drawing.add(String(x0 + side / 2, y0 - 18, "Viktighet", fontName=FONT_BOLD, fontSize=7,
                       textAnchor="middle"))
    label = String(0, 0, "Påvirkning", fontName=FONT_BOLD, fontSize=7, textAnchor="middle")
    label.x, label.y = x0 - 16, y0 + side / 2
    drawing.add(label)
    drawing.add(String(x0 + side - 2, y0 + side - 8, "Prioriter", fontName=FONT, fontSize=6.5,
                       textAnchor="end", fillColor=colors.HexColor("#888888")))
    for number, (_, importance, influence, _) in enumerate(session.factors, start=1):
        cx, cy = x0 + at(importance), y0 + at(influence)
        drawing.add(Circle(cx, cy, 5.5, fillColor=ACCENT, strokeColor=colors.white,
                           strokeWidth=0.5))
        drawing.add(String(cx, cy - 2.2, str(number), fontName=FONT_BOLD, fontSize=6,
                           fillColor=colors.white, textAnchor="middle"))
    return drawing


def history_series(history: Sequence[tuple[date, Sequence[int | None]]],
                   average: Sequence[float | None]) -> list[tuple[str, Sequence[float | None],
                                                                   colors.Color, bool]]:
    """A municipality's diamond per session (the first, then each year's; oldest lightest) and
    the network's average (dashed)."""
    recent = list(history)
    if len(recent) > len(YEAR_COLOURS):  # the baseline and the latest years
        recent = [recent[0], *recent[-(len(YEAR_COLOURS) - 1):]]
    palette = YEAR_COLOURS[-len(recent):] if recent else []
    out: list[tuple[str, Sequence[float | None], colors.Color, bool]] = []
    for i, ((held_on, scores), colour) in enumerate(zip(recent, palette, strict=True)):
        when = held_on.strftime("%d.%m.%Y")
        name = f"Første vurdering ({when})" if i == 0 else f"Konsensus {held_on.year} ({when})"
        out.append((name, [float(s) if s is not None else None for s in scores], colour, False))
    if any(a is not None for a in average):
        out.append(("Snitt i nettverket", list(average), AVERAGE, True))
    return out
