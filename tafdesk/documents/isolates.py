"""English kept apart inside a right-to-left paragraph: its own left-to-right paragraph.

Free text not yet translated is shown in English, marked. Inside an Arabic, Urdu, Pashto or Dari
sentence the bidi algorithm would lay that English out in a right-to-left paragraph: its final
full stop (a neutral character) takes the paragraph's direction and lands at the wrong end, at
the start of the next line. ``free_text`` wraps such English in Unicode's left-to-right isolate
marks (LRI ... PDI); ``script_paragraph`` then hands the text here, and each isolated piece
becomes a left-to-right paragraph of its own, stacked with the right-to-left pieces around it.
In a left-to-right language the marks are simply removed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

LRI, PDI = "\u2066", "\u2069"


def isolate_ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def strip_isolates(text: str) -> str:
    return text.replace(LRI, "").replace(PDI, "")


def pieces(text: str) -> list[tuple[str, bool]]:
    """``(text, is_isolated_ltr)`` in order; empty pieces left out. An unclosed LRI runs to the end."""
    out: list[tuple[str, bool]] = []
    rest = text
    while rest:
        start = rest.find(LRI)
        if start < 0:
            out.append((rest.replace(PDI, ""), False))
            break
        out.append((rest[:start].replace(PDI, ""), False))
        end = rest.find(PDI, start + 1)
        end = len(rest) if end < 0 else end
        out.append((rest[start + 1:end].replace(LRI, ""), True))
        rest = rest[end + 1:]
    merged: list[tuple[str, bool]] = []
    for t, ltr in out:
        if not t.strip():
            continue
        if not ltr and merged and merged[-1][1]:
            # Punctuation right after the English ends the English ("English.", "English;").
            lead = len(t) - len(t.lstrip())
            end = lead
            while end < len(t) and unicodedata.category(t[end]).startswith("P") and t[end] not in "([{":
                end += 1
            if end > lead:
                merged[-1] = (merged[-1][0] + t[lead:end], True)
                t = t[end:]
            if not t.strip():
                continue
        merged.append((t, ltr))
    return [(t.strip("\n "), ltr) for t, ltr in merged]


class Stack(Flowable):
    """Paragraphs one under the other as one flowable (works in a story and in a table cell)."""

    def __init__(self, parts: Sequence[Flowable]) -> None:
        super().__init__()
        self.parts = list(parts)
        self._sizes: list[float] = []
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [f.wrap(availWidth, availHeight)[1] for f in self.parts]
        self.width = availWidth
        self.height = sum(self._sizes)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.parts[0].getSpaceBefore() if self.parts else 0.0

    def getSpaceAfter(self) -> float:
        return self.parts[-1].getSpaceAfter() if self.parts else 0.0

    def getPlainText(self, identify: object = None) -> str:
        return "\n".join(getattr(f, "getPlainText", lambda: "")() for f in self.parts)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        used = 0.0
        for i, (part, h) in enumerate(zip(self.parts, self._sizes, strict=True)):
            if used + h <= availHeight:
                used += h
                continue
            halves = part.split(availWidth, availHeight - used)
            if len(halves) == 2:
                return [Stack([*self.parts[:i], halves[0]]), Stack([halves[1], *self.parts[i + 1:]])]
            if i == 0:
                return []
            return [Stack(self.parts[:i]), Stack(self.parts[i:])]
        return [self]

    def draw(self) -> None:
        y = self.height
        for part, h in zip(self.parts, self._sizes, strict=True):
            y -= h
            part.drawOn(self.canv, 0, y)


def isolated_paragraphs(text: str, style: ParagraphStyle, lang: str | None, bold: bool | None) -> Flowable:
    """``text`` with its isolated English as separate left-to-right paragraphs (right-to-left
    languages), or with the marks removed (left-to-right languages)."""
    from ..i18n.scripts import direction
    from .scripttext import script_paragraph

    if direction(lang) != "rtl":
        return script_paragraph(strip_isolates(text), style, lang, bold=bold)
    parts = [script_paragraph(t, style, "en" if ltr else lang, bold=bold) for t, ltr in pieces(text)]
    if not parts:
        return script_paragraph("", style, lang, bold=bold)
    return parts[0] if len(parts) == 1 else Stack(parts)


__all__ = ["LRI", "PDI", "Stack", "isolate_ltr", "isolated_paragraphs", "pieces", "strip_isolates"]
