"""The capacity diamond as a radar chart: this year's consensus against the first assessment."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors

from nettverk.exports.pdf.common import ACCENT, FONT, register_fonts

SCALE_MAX = 5
LATER = ACCENT
EARLIER = colors.HexColor("#C0504D")


def _point(cx: float, cy: float, radius: float, index: int, count: int,
           value: float) -> tuple[float, float]:
    angle = math.pi / 2 - 2 * math.pi * index / count  # first axis straight up, clockwise
    r = radius * value / SCALE_MAX
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def radar(labels: Sequence[str], later: Sequence[int | None] | None,
          earlier: Sequence[int | None] | None, later_label: str, earlier_label: str,
          size: float = 210) -> Drawing:
    """A radar chart over the axes in `labels`, scores 1–5; a missing score is drawn at 0."""
    register_fonts()
    width, height = size * 1.7, size
    d = Drawing(width, height)
    cx, cy, radius = width / 2, height / 2 + 4, size * 0.33
    n = len(labels)
    for ring in range(1, SCALE_MAX + 1):
        pts: list[float] = []
        for i in range(n):
            pts.extend(_point(cx, cy, radius, i, n, ring))
        d.add(Polygon(pts, strokeColor=colors.HexColor("#D0D7DE"), strokeWidth=0.5,
                      fillColor=None))
        d.add(String(cx + 2, cy + radius * ring / SCALE_MAX + 1, str(ring), fontName=FONT,
                     fontSize=6, fillColor=colors.HexColor("#888888")))
    for i, label in enumerate(labels):
        x, y = _point(cx, cy, radius, i, n, SCALE_MAX)
        d.add(Line(cx, cy, x, y, strokeColor=colors.HexColor("#D0D7DE"), strokeWidth=0.5))
        lx, ly = _point(cx, cy, radius + 14, i, n, SCALE_MAX)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        d.add(String(lx, ly - 3, label, fontName=FONT, fontSize=7.5, textAnchor=anchor))
    for scores, colour, fill in ((earlier, EARLIER, None),
                                 (later, LATER, colors.Color(0.12, 0.31, 0.47, alpha=0.18))):
        if not scores:
            continue
        pts = []
        for i, score in enumerate(scores):
            pts.extend(_point(cx, cy, radius, i, n, score or 0))
        d.add(Polygon(pts, strokeColor=colour, strokeWidth=1.6, fillColor=fill,
                      strokeDashArray=[3, 2] if colour is EARLIER else None))
        for j in range(0, len(pts), 2):
            d.add(Circle(pts[j], pts[j + 1], 1.8, fillColor=colour, strokeColor=colour))
    y = 6
    for name, colour, present in ((later_label, LATER, later), (earlier_label, EARLIER, earlier)):
        if not present:
            continue
        d.add(Line(4, y + 3, 20, y + 3, strokeColor=colour, strokeWidth=1.6,
                   strokeDashArray=[3, 2] if colour is EARLIER else None))
        d.add(String(24, y, name, fontName=FONT, fontSize=7))
        y += 11
    return d
