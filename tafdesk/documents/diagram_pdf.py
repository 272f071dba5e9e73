"""Painting a display list (``models/genogram/drawing.Prim``) on PDF pages, vector, with reportlab.

A diagram goes on one landscape page, A4 when it fits legibly and A3 otherwise; when even A3
would shrink the writing below ``MIN_TEXT`` points, the first page shows the whole diagram
scaled to fit with the key, and the following pages show it in overlapping parts at full size,
each saying which part of how many it is.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..models.genogram.drawing import Prim
from .base import PageInfo, _NumberedCanvas
from .fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from .styles import print_scale

MIN_TEXT = 5.6  # smallest readable writing on paper, in points
LABEL_TEXT = 7.0
LARGE_TEXT = 14.0
SIDE, TOP, BOTTOM = 18 * mm, 22 * mm, 20 * mm
OVERLAP = 40.0
Box = tuple[float, float, float, float]


def bounds(prims: Sequence[Prim]) -> Box:
    xs, ys = [], []
    for p in prims:
        for x, y in p.points:
            xs.append(x)
            ys.append(y)
        if p.kind == "text" and p.points:
            w = len(p.text) * p.size * 0.6
            xs += [p.points[0][0] - w / 2, p.points[0][0] + w / 2]
    if not xs:
        return (0.0, 0.0, 1.0, 1.0)
    return (min(xs), min(ys) - 8, max(xs), max(ys) + 4)


def paint(c: Canvas, prims: Sequence[Prim], box: Box, ox: float, oy: float, s: float) -> None:
    """Draw ``prims`` so that diagram point (box[0], box[1]) lands at page point (ox, oy) (top left)."""
    bx, by = box[0], box[1]

    def tx(pt: tuple[float, float]) -> tuple[float, float]:
        return ox + (pt[0] - bx) * s, oy - (pt[1] - by) * s

    for p in prims:
        c.saveState()
        if p.stroke:
            c.setStrokeColor(HexColor(p.stroke))
        c.setLineWidth(max(p.width * s, 0.25))
        c.setDash([d * s for d in p.dash] if p.dash else [])
        c.setLineJoin(1)
        if p.fill:
            c.setFillColor(HexColor(p.fill))
        if p.kind in ("line", "poly"):
            path = c.beginPath()
            x, y = tx(p.points[0])
            path.moveTo(x, y)
            for pt in p.points[1:]:
                path.lineTo(*tx(pt))
            if p.kind == "poly":
                path.close()
            c.drawPath(path, stroke=1 if p.stroke else 0, fill=1 if p.fill else 0)
        elif p.kind == "ellipse":
            (x0, y0), (x1, y1) = tx(p.points[0]), tx(p.points[1])
            c.ellipse(x0, y0, x1, y1, stroke=1 if p.stroke else 0, fill=1 if p.fill else 0)
        elif p.kind == "text":
            font = SANS_BOLD if p.bold else SANS_ITALIC if p.italic else SANS
            c.setFont(font, p.size * s)
            if p.fill:
                c.setFillColor(HexColor(p.fill))
            x, y = tx(p.points[0])
            {"start": c.drawString, "end": c.drawRightString}.get(p.anchor, c.drawCentredString)(x, y, p.text)
        c.restoreState()


def diagram_pdf(info: PageInfo, prims: Sequence[Prim], legend: Sequence[Prim], legend_h: float,
                caption: str) -> bytes:
    """One or more landscape pages showing the diagram, its caption and its key."""
    register_fonts()
    box = bounds(prims)
    w, h = box[2] - box[0], box[3] - box[1]
    head = 16.0
    # Large print: names of at least LARGE_TEXT points (ordinary print draws them at up to 11).
    min_text = MIN_TEXT if print_scale() == 1 else LARGE_TEXT
    # (In large print A3 is not tried: printed on A4 it would shrink the names again; parts follow instead.)
    for size in (landscape(A4), landscape(A3)) if print_scale() == 1 else (landscape(A4),):
        aw, ah = size[0] - 2 * SIDE, size[1] - TOP - BOTTOM - head - legend_h - 8
        s = min(aw / w, ah / h, max(1.6, min_text / LABEL_TEXT))
        if LABEL_TEXT * s >= min_text:
            break
    buf = io.BytesIO()
    c = _NumberedCanvas(buf, pagesize=size, info=info, initialFontName=SANS, initialFontSize=9)
    c.setTitle(f"{info.title} - {info.family}")
    c.setAuthor("tafdesk")
    c.setSubject(info.marking)
    c.setCreator("tafdesk")
    pw, ph = size
    top = ph - TOP

    def caption_line(text: str) -> None:
        c.setFont(SANS_BOLD, 10)
        c.drawString(SIDE, top - 11, text)

    if LABEL_TEXT * s >= min_text:
        caption_line(caption)
        paint(c, prims, box, SIDE + (aw - w * s) / 2, top - head, s)
        paint(c, legend, (0, 0, 1, 1), SIDE, top - head - h * s - 8, 1.0)
        c.showPage()
        return _finish(c, buf)
    # Too big for one legible page: the whole at a glance, then parts at full size.
    aw = pw - 2 * SIDE
    ah = ph - TOP - BOTTOM - head - legend_h - 8
    s = min(aw / w, ah / h)
    scale = min(max(1.4, min_text / LABEL_TEXT), (ph - TOP - BOTTOM - head - 14) / h)
    strip = aw / scale
    parts = max(1, math.ceil((w - OVERLAP) / (strip - OVERLAP)))
    caption_line(f"{caption} \u2013 the whole diagram (parts 1 to {parts} follow at a readable size)")
    paint(c, prims, box, SIDE + (aw - w * s) / 2, top - head, s)
    for k in range(parts):
        x0 = box[0] + k * (strip - OVERLAP)
        c.saveState()
        c.setStrokeColor(HexColor("#9e9e9e"))
        c.setLineWidth(0.4)
        c.setDash([2, 2])
        c.rect(SIDE + (aw - w * s) / 2 + (x0 - box[0]) * s, top - head - h * s, min(strip, box[2] - x0) * s, h * s)
        c.setFont(SANS, 7)
        c.drawString(SIDE + (aw - w * s) / 2 + (x0 - box[0]) * s + 2, top - head - h * s - 8, f"Part {k + 1}")
        c.restoreState()
    paint(c, legend, (0, 0, 1, 1), SIDE, top - head - h * s - 16, 1.0)
    c.showPage()
    for k in range(parts):
        x0 = box[0] + k * (strip - OVERLAP)
        caption_line(f"{caption} \u2013 part {k + 1} of {parts}"
                     + (" (continues on the next page)" if k + 1 < parts else ""))
        c.saveState()
        clip = c.beginPath()
        clip.rect(SIDE, top - head - h * scale - 2, aw, h * scale + 4)
        c.clipPath(clip, stroke=0, fill=0)
        part = (x0, box[1], x0 + strip, box[3])
        visible = [p for p in prims if _meets(p, part)]
        paint(c, visible, box, SIDE - (x0 - box[0]) * scale, top - head, scale)
        c.restoreState()
        c.showPage()
    return _finish(c, buf)


def _meets(p: Prim, part: Box) -> bool:
    xs = [x for x, _y in p.points]
    pad = 60 if p.kind == "text" else 2
    return min(xs) - pad <= part[2] and max(xs) + pad >= part[0]


def _finish(c: Canvas, buf: io.BytesIO) -> bytes:
    c.save()
    return buf.getvalue()
