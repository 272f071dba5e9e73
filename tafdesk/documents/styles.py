"""Paragraph styles shared by the documents (Noto Sans, readable sizes)."""

from __future__ import annotations

from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from .fonts import SANS, SANS_BOLD, register_fonts

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#1f5f8b")
RULE = HexColor("#b8c4cc")
SHADE = HexColor("#eef3f6")


@cache
def stylesheet(base_size: float = 10.5) -> StyleSheet1:
    """Styles scaled from ``base_size`` (larger for large-print and child-friendly documents)."""
    register_fonts()
    s = StyleSheet1()
    lead = base_size * 1.35
    s.add(ParagraphStyle("body", fontName=SANS, fontSize=base_size, leading=lead, textColor=INK,
                         spaceAfter=base_size * 0.5))
    s.add(ParagraphStyle("small", parent=s["body"], fontSize=base_size * 0.85, leading=lead * 0.85))
    s.add(ParagraphStyle("title", parent=s["body"], fontName=SANS_BOLD, fontSize=base_size * 1.9,
                         leading=base_size * 2.3, textColor=ACCENT, spaceAfter=base_size))
    s.add(ParagraphStyle("h1", parent=s["body"], fontName=SANS_BOLD, fontSize=base_size * 1.4,
                         leading=base_size * 1.8, textColor=ACCENT, spaceBefore=base_size, spaceAfter=base_size * 0.4,
                         keepWithNext=1))
    s.add(ParagraphStyle("h2", parent=s["body"], fontName=SANS_BOLD, fontSize=base_size * 1.15,
                         leading=base_size * 1.5, spaceBefore=base_size * 0.6, spaceAfter=base_size * 0.3,
                         keepWithNext=1))
    s.add(ParagraphStyle("label", parent=s["body"], fontName=SANS_BOLD, spaceAfter=0))
    s.add(ParagraphStyle("cell", parent=s["body"], spaceAfter=0))
    return s
