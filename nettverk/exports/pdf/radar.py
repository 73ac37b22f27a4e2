"""The capacity diamond as a radar chart: this year's consensus against the first assessment."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from nettverk.exports.pdf.common import ACCENT, FONT, register_fonts

SCALE_MAX = 5
LATER = ACCENT
EARLIER = colors.HexColor("#C0504D")
LATER_FILL = colors.Color(0.12, 0.31, 0.47, alpha=0.18)
GRID_LINE = colors.HexColor("#D0D7DE")
RING_NUMBER = colors.HexColor("#888888")
DASH = [3, 2]


def _point(cx: float, cy: float, radius: float, index: int, count: int,
           value: float) -> tuple[float, float]:
    angle = math.pi / 2 - 2 * math.pi * index / count  # first axis straight up, clockwise
    r = radius * value / SCALE_MAX
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


class Radar(Flowable):  # type: ignore[misc]
    """A radar chart over the axes in `labels`, scores 1–5; a missing score is drawn at 0.

    The background (rings, axes, axis labels) is the same in every chart of a report, so it is
    drawn once into a PDF form (XObject) that each chart reuses; only the scores and the
    legend are drawn per chart.
    """

    def __init__(self, labels: Sequence[str], later: Sequence[int | None] | None,
                 earlier: Sequence[int | None] | None, later_label: str, earlier_label: str,
                 size: float = 210) -> None:
        super().__init__()
        register_fonts()
        self.labels = list(labels)
        self.later, self.earlier = later, earlier
        self.later_label, self.earlier_label = later_label, earlier_label
        self.size = size
        self.width, self.height = size * 1.7, size
        self.cx, self.cy, self.radius = self.width / 2, self.height / 2 + 4, size * 0.33
        key = "\x1f".join([*self.labels, str(size)]).encode("utf-8")
        self.form = "radar-" + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:12]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _points(self, scores: Sequence[int | None]) -> list[tuple[float, float]]:
        n = len(self.labels)
        return [_point(self.cx, self.cy, self.radius, i, n, score or 0)
                for i, score in enumerate(scores)]

    def _polygon(self, points: Sequence[tuple[float, float]], fill: bool) -> None:
        path = self.canv.beginPath()
        path.moveTo(*points[0])
        for x, y in points[1:]:
            path.lineTo(x, y)
        path.close()
        self.canv.drawPath(path, stroke=1, fill=1 if fill else 0)

    def _background(self) -> None:
        canvas, n = self.canv, len(self.labels)
        cx, cy, radius = self.cx, self.cy, self.radius
        canvas.setLineWidth(0.5)
        for ring in range(1, SCALE_MAX + 1):
            canvas.setStrokeColor(GRID_LINE)
            self._polygon([_point(cx, cy, radius, i, n, ring) for i in range(n)], fill=False)
            canvas.setFont(FONT, 6)
            canvas.setFillColor(RING_NUMBER)
            canvas.drawString(cx + 2, cy + radius * ring / SCALE_MAX + 1, str(ring))
        canvas.setFillColor(colors.black)
        for i, label in enumerate(self.labels):
            x, y = _point(cx, cy, radius, i, n, SCALE_MAX)
            canvas.setStrokeColor(GRID_LINE)
            canvas.line(cx, cy, x, y)
            lx, ly = _point(cx, cy, radius + 14, i, n, SCALE_MAX)
            canvas.setFont(FONT, 7.5)
            if abs(lx - cx) < 5:
                canvas.drawCentredString(lx, ly - 3, label)
            elif lx > cx:
                canvas.drawString(lx, ly - 3, label)
            else:
                canvas.drawRightString(lx, ly - 3, label)

    def _dot(self, colour: colors.Color) -> str:
        """The PDF form of a score's dot in `colour` (made once; a circle is a dozen curves)."""
        canvas = self.canv
        name = f"radar-dot-{colour.hexval()[2:]}"
        if not canvas.hasForm(name):
            canvas.beginForm(name, lowerx=-4, lowery=-4, upperx=4, uppery=4)
            canvas.setLineWidth(1)
            canvas.setStrokeColor(colour)
            canvas.setFillColor(colour)
            canvas.circle(0, 0, 1.8, stroke=1, fill=1)
            canvas.endForm()
        return name

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form):
            # Room around the chart for the axis labels, which may reach past its box.
            canvas.beginForm(self.form, lowerx=-self.width, lowery=-self.height,
                             upperx=2 * self.width, uppery=2 * self.height)
            self._background()
            canvas.endForm()
        canvas.doForm(self.form)
        canvas.setLineWidth(1.6)
        for scores, colour, fill in ((self.earlier, EARLIER, None), (self.later, LATER, LATER_FILL)):
            if not scores:
                continue
            points = self._points(scores)
            canvas.setStrokeColor(colour)
            canvas.setDash(DASH if colour is EARLIER else [])
            if fill is not None:
                canvas.setFillColor(fill)
            self._polygon(points, fill=fill is not None)
            canvas.setDash([])
            canvas.setFillColor(colour)
            dot = self._dot(colour)
            for x, y in points:
                canvas.saveState()
                canvas.translate(x, y)
                canvas.doForm(dot)
                canvas.restoreState()
        y = 6.0
        for name, colour, present in ((self.later_label, LATER, self.later),
                                      (self.earlier_label, EARLIER, self.earlier)):
            if not present:
                continue
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(1.6)
            canvas.setDash(DASH if colour is EARLIER else [])
            canvas.line(4, y + 3, 20, y + 3)
            canvas.setDash([])
            canvas.setFont(FONT, 7)
            canvas.setFillColor(colors.black)
            canvas.drawString(24, y, name)
            y += 11


def radar(labels: Sequence[str], later: Sequence[int | None] | None,
          earlier: Sequence[int | None] | None, later_label: str, earlier_label: str,
          size: float = 210) -> Radar:
    """A radar chart over the axes in `labels`, scores 1–5; a missing score is drawn at 0."""
    return Radar(labels, later, earlier, later_label, earlier_label, size)


class SeriesRadar(Radar):
    """The same radar with any number of series: a municipality's diamond year by year and the
    network's average, each in its own colour (dashed for the average)."""

    def __init__(self, labels: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float | None], colors.Color, bool]],
                 size: float = 210) -> None:
        super().__init__(labels, None, None, "", "", size)
        self.series = list(series)

    def _points(self, scores: Sequence[float | None]) -> list[tuple[float, float]]:
        n = len(self.labels)
        return [_point(self.cx, self.cy, self.radius, i, n, score or 0)
                for i, score in enumerate(scores)]

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form):
            canvas.beginForm(self.form, lowerx=-self.width, lowery=-self.height,
                             upperx=2 * self.width, uppery=2 * self.height)
            self._background()
            canvas.endForm()
        canvas.doForm(self.form)
        for _, scores, colour, dashed in self.series:
            canvas.setLineWidth(1.2 if dashed else 1.6)
            canvas.setStrokeColor(colour)
            canvas.setDash(DASH if dashed else [])
            self._polygon(self._points(scores), fill=False)
        canvas.setDash([])
        y = 6.0
        for name, _, colour, dashed in reversed(self.series):
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(1.6)
            canvas.setDash(DASH if dashed else [])
            canvas.line(4, y + 3, 20, y + 3)
            canvas.setDash([])
            canvas.setFont(FONT, 7)
            canvas.setFillColor(colors.black)
            canvas.drawString(24, y, name)
            y += 11
