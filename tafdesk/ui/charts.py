"""Scaling charts drawn with QPainter: a spider chart and a "distance travelled" chart.

Sizes come from the widget's font, so the charts follow the system font size. Each series has
its own colour *and* line style, and every chart describes its numbers in words for screen
readers (accessible description), so nothing depends on seeing colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n.ui import _

SERIES_COLOURS = ("#8a8f94", "#1f5f8b", "#c75b12")  # first (grey), middle, latest
SERIES_STYLES = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.SolidLine)
Series = tuple[str, Sequence[float | None]]  # (name, one score per area; None = not scored)


def _styles(n: int) -> list[tuple[QColor, Qt.PenStyle]]:
    """The latest series is always solid and strongest; the first always grey and dashed."""
    if n == 1:
        return [(QColor(SERIES_COLOURS[2]), SERIES_STYLES[2])]
    if n == 2:
        return [(QColor(SERIES_COLOURS[0]), SERIES_STYLES[0]), (QColor(SERIES_COLOURS[2]), SERIES_STYLES[2])]
    return [(QColor(c), s) for c, s in zip(SERIES_COLOURS, SERIES_STYLES, strict=True)]


class SpiderChart(QWidget):
    """Scores 1-10 on each area as spokes of a web; up to three rounds overlaid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.setAccessibleName(_("Spider chart of the scaling scores"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader user can reach the description

    def set_data(self, labels: Sequence[str], series: Sequence[Series]) -> None:
        self.labels = list(labels)
        self.series = list(series)[-3:]
        lines = []
        for name, values in self.series:
            parts = [_("{area} {score}", area=lab, score=int(v))
                     for lab, v in zip(self.labels, values, strict=False) if v is not None]
            lines.append(_("{round}: {scores}.", round=name, scores=", ".join(parts)) if parts
                         else _("{round}: no scores.", round=name))
        self.setAccessibleDescription(" ".join(lines) or _("No scores yet."))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        h = self.fontMetrics().height()
        return QSize(h * 30, h * 24)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        h = self.fontMetrics().height()
        return QSize(h * 16, h * 14)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        text_colour = self.palette().color(self.foregroundRole())
        if not self.labels or not self.series:
            p.setPen(text_colour)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       _("No scores yet. Scores recorded at assessment, reviews and closure appear here."))
            return
        legend_h = fm.height() * 1.6
        area = QRectF(self.rect()).adjusted(0, legend_h, 0, 0)
        label_w = fm.horizontalAdvance("m") * 11
        radius = max(10.0, min(area.width() / 2 - label_w, area.height() / 2 - fm.height() * 2.2))
        c = area.center()
        n = len(self.labels)

        def point(i: int, value: float) -> QPointF:
            angle = -math.pi / 2 + 2 * math.pi * i / n
            return QPointF(c.x() + radius * value / 10 * math.cos(angle),
                           c.y() + radius * value / 10 * math.sin(angle))

        grid = QColor(text_colour)
        grid.setAlpha(60)
        p.setPen(QPen(grid, 1))
        for ring in (2, 4, 6, 8, 10):
            p.drawPolygon(QPolygonF([point(i, ring) for i in range(n)]))
        for i in range(n):
            p.drawLine(c, point(i, 10))
        p.setPen(text_colour)
        small = self.font()
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.85)
        p.setFont(small)
        sfm = p.fontMetrics()
        for ring in (5, 10):
            p.drawText(point(0, ring) + QPointF(3, sfm.ascent() / 2), str(ring))
        for i, text in enumerate(self.labels):
            pt = point(i, 11.2)
            box = QRectF(0, 0, label_w, sfm.height() * 3)
            align = Qt.AlignmentFlag.AlignVCenter
            dx = pt.x() - c.x()
            if abs(dx) < radius * 0.15:
                box.moveCenter(pt)
                align |= Qt.AlignmentFlag.AlignHCenter
            elif dx > 0:
                box.moveTopLeft(QPointF(pt.x(), pt.y() - box.height() / 2))
                align |= Qt.AlignmentFlag.AlignLeft
            else:
                box.moveTopRight(QPointF(pt.x(), pt.y() - box.height() / 2))
                align |= Qt.AlignmentFlag.AlignRight
            p.drawText(box, align | Qt.TextFlag.TextWordWrap, text)
        for (name, values), (colour, style) in zip(self.series, _styles(len(self.series)), strict=True):
            pts = [point(i, v) for i, v in enumerate(values) if v is not None]
            fill = QColor(colour)
            fill.setAlpha(40)
            p.setPen(QPen(colour, max(2.0, fm.height() / 8), style))
            p.setBrush(fill)
            p.drawPolygon(QPolygonF(pts))
            p.setBrush(colour)
            for pt in pts:
                p.drawEllipse(pt, 3, 3)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setFont(self.font())
        x = 4.0
        for (name, _v), (colour, style) in zip(self.series, _styles(len(self.series)), strict=True):
            p.setPen(QPen(colour, max(2.0, fm.height() / 8), style))
            y = fm.height() * 0.8
            p.drawLine(QPointF(x, y), QPointF(x + fm.height() * 2, y))
            p.setPen(text_colour)
            p.drawText(QPointF(x + fm.height() * 2.4, y + fm.ascent() / 2 - 1), name)
            x += fm.height() * 3 + fm.horizontalAdvance(name)


class DistanceChart(QWidget):
    """For each area: the first score (open circle), the latest (filled) and the change between."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, int, int]] = []
        self.caption = ""
        self.setAccessibleName(_("Distance travelled: first and latest scores"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_data(self, rows: Sequence[tuple[str, int, int]], caption: str = "") -> None:
        self.rows = list(rows)
        self.caption = caption
        words = [_("{area}: from {first} to {latest} ({change})", area=lab, first=a, latest=b,
                   change=f"{b - a:+d}") for lab, a, b in self.rows]
        said = (_("{changes}.", changes="; ".join(words)) if words
                else _("Two rounds of scores are needed to show a change."))
        self.setAccessibleDescription(_("{caption} {description}", caption=caption, description=said)
                                      if caption else said)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        h = self.fontMetrics().height()
        return QSize(h * 34, int(h * (1.8 * max(3, len(self.rows)) + 4)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint().boundedTo(QSize(self.fontMetrics().height() * 20, 10_000))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        text_colour = self.palette().color(self.foregroundRole())
        p.setPen(text_colour)
        if not self.rows:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       _("Two rounds of scores are needed to show the distance travelled."))
            return
        row_h = fm.height() * 1.8
        top = fm.height() * 1.8 if self.caption else fm.height() * 0.5
        if self.caption:
            p.drawText(QPointF(4, fm.ascent() + 2), self.caption)
        label_w = min(self.width() * 0.42, fm.horizontalAdvance("m") * 22)
        change_w = fm.horizontalAdvance("+10 ") + 8
        x0, x1 = label_w + 12, self.width() - change_w - 8

        def x_of(score: float) -> float:
            return x0 + (x1 - x0) * (score - 1) / 9

        grid = QColor(text_colour)
        grid.setAlpha(50)
        axis_y = top + row_h * len(self.rows) + fm.height() * 0.2
        for s in range(1, 11):
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(x_of(s), top), QPointF(x_of(s), axis_y))
            p.setPen(text_colour)
            label = str(s)
            p.drawText(QPointF(x_of(s) - fm.horizontalAdvance(label) / 2, axis_y + fm.ascent() + 2), label)
        first_c, latest_c = QColor(SERIES_COLOURS[0]), QColor(SERIES_COLOURS[2])
        r = fm.height() * 0.28
        for i, (label, a, b) in enumerate(self.rows):
            y = top + row_h * (i + 0.5)
            p.setPen(text_colour)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w))
            p.drawText(QRectF(4, y - row_h / 2, label_w, row_h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided)
            p.setPen(QPen(latest_c if b >= a else QColor("#b3261e"), max(2.0, fm.height() / 7)))
            p.drawLine(QPointF(x_of(a), y), QPointF(x_of(b), y))
            p.setPen(QPen(first_c, 2))
            p.setBrush(self.palette().color(self.backgroundRole()))
            p.drawEllipse(QPointF(x_of(a), y), r, r)
            p.setPen(QPen(latest_c, 2))
            p.setBrush(latest_c)
            p.drawEllipse(QPointF(x_of(b), y), r, r)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(text_colour)
            p.drawText(QPointF(x1 + 10, y + fm.ascent() / 2 - 1), f"{b - a:+d}")
