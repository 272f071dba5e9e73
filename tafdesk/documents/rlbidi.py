"""``rlbidi.log2vis`` for reportlab, over python-bidi.

reportlab 5.1 looks for a module named ``rlbidi`` (its own, not published) and, when it imports,
turns on right-to-left support in ``canvas.drawString/drawRightString(..., direction='RTL')``.
This module provides the one function it calls, with the same signature, and ``install()``
makes it importable under that name: ``tafdesk/__init__.py`` calls it, so it is in place before
anything imports reportlab's text object (which checks for ``rlbidi`` once, at import).

Paragraph layout does not rely on it: ``scripttext.ScriptParagraph`` does its own line breaking
and bidi reordering. It serves single lines drawn straight on the canvas (headers, labels).
"""

from __future__ import annotations

import sys
import unicodedata

from tafdesk.i18n.bidi import embedding_levels, line_levels, visual_order
from tafdesk.i18n.scripts import Direction

_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_MARKS = frozenset({"\u200e", "\u200f", "\u061c"})  # LRM, RLM, ALM


def _base(base_direction: str | None, text: str) -> Direction:
    if base_direction and base_direction.upper() in ("RTL", "R"):
        return "rtl"
    if base_direction and base_direction.upper() in ("LTR", "L"):
        return "ltr"
    from bidi import get_base_level

    return "rtl" if text and get_base_level(text) == 1 else "ltr"


def log2vis(text: str, base_direction: str | None = None, clean: bool = True,
            positions_V_to_L: list[int] | None = None, **_: object) -> str:
    """``text`` (logical order) in visual order, brackets mirrored in right-to-left runs.

    ``positions_V_to_L``, when given, is filled with the logical index of each visual character.
    ``clean`` drops the invisible bidi controls and marks from the result.
    """
    from bidi.mirror import MIRRORED

    base = _base(base_direction, text)
    levels = embedding_levels(text, base)
    out: list[str] = []
    v2l: list[int] = []
    start = 0
    for end in [i for i, ch in enumerate(text) if ch == "\n"] + [len(text)]:
        line = text[start:end]
        lv = line_levels(line, levels[start:end], base)
        for i in visual_order(lv):
            ch = line[i]
            if clean and (ch in _MARKS or unicodedata.bidirectional(ch) in _CONTROLS):
                continue
            out.append(MIRRORED.get(ch, ch) if lv[i] % 2 else ch)
            v2l.append(start + i)
        if end < len(text):
            out.append("\n")
            v2l.append(end)
        start = end + 1
    if positions_V_to_L is not None:
        positions_V_to_L[:] = v2l
    return "".join(out)


def install() -> None:
    """Make this module importable as ``rlbidi`` (unless a real ``rlbidi`` is installed)."""
    if "rlbidi" in sys.modules:
        return
    from importlib.util import find_spec

    if find_spec("rlbidi") is None:
        sys.modules["rlbidi"] = sys.modules[__name__]


def reportlab_has_rtl() -> bool:
    """True when reportlab's text object found an ``rlbidi`` when it was imported."""
    from reportlab.pdfgen import textobject

    return bool(textobject.rtlSupport)
