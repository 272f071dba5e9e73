"""Charts for the PDFs (reportlab graphics): spider, distance travelled, bars.

The same visual language as the app's charts: the first round grey and dashed, the latest
solid; every chart is accompanied in the document by its numbers in a table or in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import SANS, register_fonts
from .styles import print_scale

FIRST, MIDDLE, LATEST = HexColor("#8a8f94"), HexColor("#1f5f8b"), HexColor("#c75b12")
GRID = HexColor("#c9d1d6")
INK = HexColor("#1a1a1a")
WORSE = HexColor("#b3261e")
Series = tuple[str, Sequence[float | None]]


def _drawing(width: float, height: float) -> Drawing:
    """A drawing that starts in the embedded font (reportlab would otherwise start in Helvetica)."""
    d = Drawing(width, height)
    d.initialFontName = SANS
    d.initialFontSize = 8
    return d


def _styles(n: int) -> list[tuple[Color, tuple[float, ...] | None]]:
    if n == 1:
        return [(LATEST, None)]
    if n == 2:
        return [(FIRST, (4, 3)), (LATEST, None)]
    return [(FIRST, (4, 3)), (MIDDLE, (1, 2)), (LATEST, None)]


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and stringWidth(trial, SANS, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def spider_drawing(labels: Sequence[str], series: Sequence[Series], width: float = 440,
                   height: float = 330, size: float = 8) -> Drawing:
    """Scores 1-10 per area on spokes; up to three rounds, with a legend above."""
    register_fonts()
    size *= print_scale()  # large print: larger words (the chart keeps its size; its rings shrink a little)
    d = _drawing(width, height)
    series = list(series)[-3:]
    n = len(labels)
    legend_h = size * 3.4
    cx, cy = width / 2, (height - legend_h) / 2
    label_w = size * 10
    r = max(20.0, min(width / 2 - label_w - 4, (height - legend_h) / 2 - size * 3.2))

    def pt(i: int, v: float) -> tuple[float, float]:
        a = math.pi / 2 - 2 * math.pi * i / n
        return cx + r * v / 10 * math.cos(a), cy + r * v / 10 * math.sin(a)

    for ring in (2, 4, 6, 8, 10):
        d.add(Polygon([c for i in range(n) for c in pt(i, ring)], strokeColor=GRID, fillColor=None,
                      strokeWidth=0.5))
    for i in range(n):
        d.add(Line(cx, cy, *pt(i, 10), strokeColor=GRID, strokeWidth=0.5))
    for ring in (5, 10):
        x, y = pt(0, ring)
        d.add(String(x + 2, y - size * 0.9, str(ring), fontName=SANS, fontSize=size * 0.8, fillColor=INK))
    for i, text in enumerate(labels):
        x, y = pt(i, 11.3)
        lines = _wrap(text, label_w, size)
        anchor = "middle" if abs(x - cx) < r * 0.15 else ("start" if x > cx else "end")
        top = y + (len(lines) - 1) * size * 1.15 / 2 - size * 0.35
        if abs(x - cx) < r * 0.15:
            top = y + (len(lines) - 1) * size * 1.15 if y > cy else y - size
        for k, line in enumerate(lines):
            d.add(String(x, top - k * size * 1.15, line, fontName=SANS, fontSize=size, fillColor=INK,
                         textAnchor=anchor))
    for (name, values), (colour, dash) in zip(series, _styles(len(series)), strict=True):
        pts = [pt(i, v) for i, v in enumerate(values) if v is not None]
        if len(pts) >= 2:
            fill = Color(colour.red, colour.green, colour.blue, alpha=0.12)
            d.add(Polygon([c for p in pts for c in p], strokeColor=colour, fillColor=fill, strokeWidth=1.6,
                          strokeDashArray=dash))
        for x, y in pts:
            d.add(Circle(x, y, 2, fillColor=colour, strokeColor=colour))
    x = 0.0
    for (name, _v), (colour, dash) in zip(series, _styles(len(series)), strict=True):
        y = height - size
        d.add(Line(x, y + size * 0.3, x + size * 2.2, y + size * 0.3, strokeColor=colour, strokeWidth=1.6,
                   strokeDashArray=dash))
        d.add(String(x + size * 2.6, y, name, fontName=SANS, fontSize=size, fillColor=INK))
        x += size * 3.6 + stringWidth(name, SANS, size)
    return d


def distance_drawing(rows: Sequence[tuple[str, int, int]], width: float = 440, size: float = 8) -> Drawing:
    """For each area: first score (open circle), latest (filled) and the change, on a 1-10 axis."""
    register_fonts()
    size *= print_scale()
    row_h = size * 2.1
    height = row_h * len(rows) + size * 2.6
    d = _drawing(width, height)
    label_w = min(width * 0.42, size * 22)
    x0, x1 = label_w + 8, width - size * 3.5

    def xs(v: float) -> float:
        return x0 + (x1 - x0) * (v - 1) / 9

    axis_y = size * 1.6
    for v in range(1, 11):
        d.add(Line(xs(v), axis_y, xs(v), height, strokeColor=GRID, strokeWidth=0.5))
        d.add(String(xs(v), axis_y - size * 1.2, str(v), fontName=SANS, fontSize=size * 0.9, fillColor=INK,
                     textAnchor="middle"))
    for i, (label, a, b) in enumerate(rows):
        y = height - row_h * (i + 0.5)
        text = label
        while stringWidth(text, SANS, size) > label_w and len(text) > 4:
            text = text[:-2].rstrip() + "…"
        d.add(String(label_w, y - size * 0.35, text, fontName=SANS, fontSize=size, fillColor=INK, textAnchor="end"))
        d.add(Line(xs(a), y, xs(b), y, strokeColor=LATEST if b >= a else WORSE, strokeWidth=2))
        d.add(Circle(xs(a), y, size * 0.32, fillColor=HexColor("#ffffff"), strokeColor=FIRST, strokeWidth=1.2))
        d.add(Circle(xs(b), y, size * 0.32, fillColor=LATEST, strokeColor=LATEST))
        d.add(String(x1 + size * 0.8, y - size * 0.35, f"{b - a:+d}", fontName=SANS, fontSize=size, fillColor=INK))
    return d


def bar_drawing(items: Sequence[tuple[str, float]], width: float = 440, size: float = 8,
                unit: str = "", highlight_over: float | None = None) -> Drawing:
    """Horizontal bars with their values written at the end (a distribution, counts per source)."""
    register_fonts()
    size *= print_scale()
    row_h = size * 1.9
    height = max(row_h, row_h * len(items)) + size * 0.5
    d = _drawing(width, height)
    label_w = min(width * 0.38, max([stringWidth(lab, SANS, size) for lab, _ in items] + [size * 4]) + 6)
    most = max([v for _, v in items] + [1e-9])
    x0, x1 = label_w + 6, width - size * 6
    for i, (label, value) in enumerate(items):
        y = height - row_h * (i + 1) + size * 0.4
        d.add(String(label_w, y + size * 0.3, label, fontName=SANS, fontSize=size, fillColor=INK, textAnchor="end"))
        w = (x1 - x0) * value / most
        colour = WORSE if highlight_over is not None and value > highlight_over else MIDDLE
        if w > 0:
            d.add(Rect(x0, y, w, row_h * 0.62, fillColor=colour, strokeColor=None))
        shown = f"{value:g}{unit}"
        d.add(String(x0 + w + 4, y + size * 0.3, shown, fontName=SANS, fontSize=size, fillColor=INK))
    return d


def line_drawing(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], width: float = 440,
                 height: float = 160, size: float = 8) -> Drawing:
    """Counts over time (opened and closed per month): one line per series, values at the points."""
    register_fonts()
    size, height = size * print_scale(), height * print_scale()
    d = _drawing(width, height)
    left, bottom, top = size * 3, size * 2.4, height - size * 2.2
    most = max([v for _, vs in series for v in vs] + [1])
    n = max(1, len(labels) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + (width - left - size) * i / n, bottom + (top - bottom) * v / most

    d.add(Line(left, bottom, width - size, bottom, strokeColor=GRID))
    for i, lab in enumerate(labels):
        x, _ = xy(i, 0)
        d.add(String(x, bottom - size * 1.3, lab, fontName=SANS, fontSize=size * 0.8, fillColor=INK,
                     textAnchor="middle"))
    styles = [(LATEST, None), (MIDDLE, (4, 3)), (FIRST, (1, 2))]
    x = left
    for (name, values), (colour, dash) in zip(series, styles, strict=False):
        pts = [xy(i, v) for i, v in enumerate(values)]
        if len(pts) > 1:
            d.add(PolyLine([c for p in pts for c in p], strokeColor=colour, strokeWidth=1.5, strokeDashArray=dash))
        for (px, py), v in zip(pts, values, strict=True):
            d.add(Circle(px, py, 1.8, fillColor=colour, strokeColor=colour))
            d.add(String(px, py + size * 0.5, f"{v:g}", fontName=SANS, fontSize=size * 0.75, fillColor=INK,
                         textAnchor="middle"))
        d.add(Line(x, height - size * 0.7, x + size * 2, height - size * 0.7, strokeColor=colour, strokeWidth=1.5,
                   strokeDashArray=dash))
        d.add(String(x + size * 2.4, height - size, name, fontName=SANS, fontSize=size, fillColor=INK))
        x += size * 4 + stringWidth(name, SANS, size)
    return d
