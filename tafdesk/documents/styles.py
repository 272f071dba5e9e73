"""Paragraph styles shared by the documents (Noto Sans, readable sizes)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from .fonts import SANS, SANS_BOLD, register_fonts

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#1f5f8b")
RULE = HexColor("#b8c4cc")
SHADE = HexColor("#eef3f6")


# Large print: body text of at least 16 pt (the usual large-print minimum) instead of 10.5 pt.
LARGE_PRINT_SCALE = 16 / 10.5
_scale: ContextVar[float] = ContextVar("print_scale", default=1.0)


@contextmanager
def large_print(on: bool = True) -> Iterator[None]:
    """Within this block every ``stylesheet`` (and ``print_scale``) is scaled up for large print,
    so a renderer that knows nothing of large print still produces it."""
    token = _scale.set(LARGE_PRINT_SCALE if on else 1.0)
    try:
        yield
    finally:
        _scale.reset(token)


def print_scale() -> float:
    """1.0, or how much larger text is drawn in a large-print document."""
    return _scale.get()


def stylesheet(base_size: float = 10.5) -> StyleSheet1:
    """Styles scaled from ``base_size`` (larger for large-print and child-friendly documents)."""
    return _stylesheet(round(base_size * _scale.get(), 2))


@cache
def _stylesheet(base_size: float) -> StyleSheet1:
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
