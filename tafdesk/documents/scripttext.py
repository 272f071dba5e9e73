"""Paragraphs in any script and direction: ``script_paragraph(text, style, lang)``.

reportlab 5.1's ``Paragraph`` shapes text (Bengali, Gurmukhi, joined Arabic letters) but lays out
every line left to right: Arabic, Urdu, Pashto and Dari words come out in the wrong order, and
digits and Latin names inside them land in the wrong place. ``ScriptParagraph`` lays out such
text itself:

1. Fonts per character (``shaping.char_fonts``): the family of the character's script, falling
   back to a family that has the glyph (a Latin name inside Arabic text is drawn in Noto Sans).
2. Embedding levels for the whole paragraph (UAX #9, ``tafdesk.i18n.bidi``), with the paragraph
   direction taken from the language, not guessed from the first letter.
3. Line breaking in logical order at spaces, measuring shaped widths; a word longer than the line
   is broken between characters rather than cut off. No word is lost or repeated.
4. Per line: rule L1/L2 reordering, then runs of one level and one font, each shaped by HarfBuzz
   in its own direction and drawn left to right from the line's start edge (the right edge for a
   right-to-left paragraph). "31" and "Maja Nowak" stay left to right inside Arabic text.

It is an ordinary flowable (wrap, split across frames and pages, draw), so it works in a story and
in table cells. Bold comes from the style's font (``NotoSans-Bold``) or ``bold=True``. Alignment:
``TA_LEFT`` means the start edge (right in a right-to-left paragraph), ``TA_RIGHT`` the end edge,
``TA_CENTER`` centred; justification is not done (Arabic justifies by stretching joins, not
spaces), justified text is set to the start edge.

``script_paragraph`` returns a plain reportlab ``Paragraph`` for left-to-right text where that is
enough (it shapes and justifies), and a ``ScriptParagraph`` otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from tafdesk.i18n.bidi import embedding_levels, line_levels, visual_order
from tafdesk.i18n.scripts import (MIN_LEADING, Direction, Script, direction,
                                  has_rtl, resolved_scripts)

from .fonts import register_script_fonts
from .shaping import char_fonts, shape

_WORD = re.compile(r"[^\s]+")
_NEEDS_SHAPING = frozenset({Script.ARABIC, Script.BENGALI, Script.GURMUKHI, Script.DEVANAGARI,
                            Script.HEBREW})
_FUZZ = 1e-6


def style_weight(style: ParagraphStyle) -> tuple[bool, bool]:
    """(bold, italic) of a style's font, from reportlab's family mappings."""
    from reportlab.lib.fonts import ps2tt

    try:
        _, bold, italic = ps2tt(style.fontName)
        return bool(bold), bool(italic)
    except ValueError:
        name = style.fontName.lower()
        return "bold" in name, "italic" in name or "oblique" in name


def _family_of(font: str) -> str:
    return font.removesuffix("-Bold").split("-")[0]


def leading_for(style: ParagraphStyle, fonts: Sequence[str]) -> float:
    """The style's leading, raised to what the tallest family in use needs."""
    need = max((MIN_LEADING.get(_family_of(f), 1.2) for f in fonts), default=1.2)
    return max(style.leading, need * style.fontSize)


@dataclass(frozen=True)
class _Line:
    start: int  # logical indices into the paragraph text, trailing spaces excluded
    end: int


class ScriptParagraph(Flowable):
    """A paragraph of plain text in any script, laid out right to left or left to right."""

    def __init__(self, text: str, style: ParagraphStyle, lang: str | None = "en", *,
                 bold: bool | None = None, base: Direction | None = None,
                 _levels: Sequence[int] | None = None) -> None:
        super().__init__()
        register_script_fonts()
        self.text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        self.style = style
        self.lang = lang
        weight = style_weight(style)
        self.bold = weight[0] if bold is None else bold
        self.italic = weight[1]
        self.base: Direction = base or direction(lang)
        self.fonts = char_fonts(self.text, lang, self.bold, self.italic)
        self.levels = list(_levels) if _levels is not None else self._paragraph_levels()
        self.leading = leading_for(style, self.fonts)
        self._space_before = style.spaceBefore
        self._lines: list[_Line] = []
        self._laid_width: float | None = None
        self.width = self.height = 0.0

    # --- layout -------------------------------------------------------------------------------

    def _paragraph_levels(self) -> list[int]:
        levels: list[int] = []
        base_level = 1 if self.base == "rtl" else 0
        blocks = self.text.split("\n")
        for i, block in enumerate(blocks):
            levels += embedding_levels(block, self.base)
            if i < len(blocks) - 1:
                levels.append(base_level)
        return levels

    def _runs(self, start: int, end: int) -> list[tuple[int, int, str, bool]]:
        """(start, end, font, rtl) runs of the line text[start:end], in visual order."""
        text = self.text[start:end]
        lv = line_levels(text, self.levels[start:end], self.base)
        runs: list[tuple[int, int, str, bool]] = []
        last_space = False
        for i in visual_order(lv):
            pos, rtl, font = start + i, bool(lv[i] % 2), self.fonts[start + i]
            space = text[i].isspace()  # spaces are runs of their own: advanced over, not drawn
            if runs:
                a, b, f, r = runs[-1]
                if (f == font and r == rtl and space == last_space
                        and (pos == b if not rtl else pos == a - 1)):
                    runs[-1] = (a, b + 1, f, r) if not rtl else (a - 1, b, f, r)
                    continue
            runs.append((pos, pos + 1, font, rtl))
            last_space = space
        return runs

    def _width(self, start: int, end: int) -> float:
        """Shaped width of text[start:end] measured in logical runs of one font."""
        size = self.style.fontSize
        total = 0.0
        i = start
        while i < end:
            j = i + 1
            while j < end and self.fonts[j] == self.fonts[i] and (self.levels[j] % 2) == (self.levels[i] % 2):
                j += 1
            total += shape(self.text[i:j], self.fonts[i], bool(self.levels[i] % 2), self.lang).width(size)
            i = j
        return total

    def _line_width(self, index: int, avail: float) -> float:
        s = self.style
        first = s.firstLineIndent if index == 0 else 0
        return avail - s.leftIndent - s.rightIndent - first

    def _break_long_word(self, start: int, end: int, room: float) -> int:
        """The end of the longest prefix of a too-long word that fits (at least one character)."""
        cut = start + 1
        for k in range(start + 1, end):
            if unicodedata.category(self.text[k])[0] == "M" or self.text[k - 1] in "\u200c\u200d":
                continue  # never separate a mark or joiner from its letter
            if self._width(start, k) > room + _FUZZ:
                break
            cut = k
        while cut < end and unicodedata.category(self.text[cut])[0] == "M":
            cut += 1
        return cut

    def _layout(self, avail: float) -> list[_Line]:
        lines: list[_Line] = []
        offset = 0
        for block in self.text.split("\n"):
            words = [(m.start() + offset, m.end() + offset) for m in _WORD.finditer(block)]
            if not words:
                lines.append(_Line(offset, offset))
            k = 0
            while k < len(words):
                room = self._line_width(len(lines), avail)
                start, end = words[k]
                if self._width(start, end) > room + _FUZZ:  # one word wider than the line
                    cut = self._break_long_word(start, end, room)
                    lines.append(_Line(start, cut))
                    words[k] = (cut, end)
                    continue
                k += 1
                used = self._width(start, end)
                while k < len(words):
                    more = self._width(end, words[k][1])  # the spaces before the word and the word
                    if used + more > room + _FUZZ:
                        break
                    used += more
                    end = words[k][1]
                    k += 1
                lines.append(_Line(start, end))
            offset += len(block) + 1
        return lines

    def lines(self, avail: float) -> list[str]:
        """The text of each line at width ``avail``, in logical order (for tests and checks)."""
        return [self.text[ln.start:ln.end] for ln in self._layout(avail)]

    def notdef_count(self, avail: float) -> int:
        """How many glyphs would be drawn as empty boxes at width ``avail`` (0 when all is well)."""
        return sum(shape(self.text[a:b], font, rtl, self.lang).missing
                   for line in self._layout(avail) for a, b, font, rtl in self._runs(line.start, line.end))

    # --- flowable protocol ----------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._laid_width != availWidth:
            self._lines = self._layout(availWidth)
            self._laid_width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def minWidth(self) -> float:
        s = self.style
        widest = max((self._width(m.start(), m.end()) for m in _WORD.finditer(self.text)), default=0)
        return widest + s.leftIndent + s.rightIndent + max(s.firstLineIndent, 0)

    def getSpaceBefore(self) -> float:
        return self._space_before

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def getPlainText(self, identify: object = None) -> str:
        return self.text

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + _FUZZ) // self.leading)
        total = len(self._lines)
        if fit >= total:
            return [self]
        if fit == 1 and total > 1 and not self.style.allowOrphans:
            fit = 0  # a lone first line at the foot of a page: move the paragraph on
        if total - fit == 1 and fit > 1 and not self.style.allowWidows:
            fit -= 1
        if fit <= 0:
            return []
        cut = self._lines[fit].start
        head = self._part(0, self._lines[fit - 1].end)
        tail = self._part(cut, len(self.text))
        tail._space_before = 0
        return [head, tail]

    def _part(self, start: int, end: int) -> ScriptParagraph:
        return ScriptParagraph(self.text[start:end], self.style, self.lang, bold=self.bold,
                               base=self.base, _levels=self.levels[start:end])

    def draw(self) -> None:
        canv = self.canv
        s = self.style
        size = s.fontSize
        ascent = _ascent_fraction(self.fonts) * self.leading
        canv.saveState()
        canv.setFillColor(s.textColor)
        for index, line in enumerate(self._lines):
            y = self.height - index * self.leading - ascent
            runs = [(a, b, font, rtl, shape(self.text[a:b], font, rtl, self.lang))
                    for a, b, font, rtl in self._runs(line.start, line.end)]
            width = sum(sh.width(size) for *_, sh in runs)
            room = self._line_width(index, self.width)
            first = s.firstLineIndent if index == 0 else 0
            start_edge = s.leftIndent + (first if self.base == "ltr" else 0)
            if s.alignment == TA_CENTER:
                x = start_edge + (room - width) / 2
            elif (s.alignment == TA_RIGHT) == (self.base == "ltr"):
                x = start_edge + room - width  # the right edge
            else:
                x = start_edge
            for a, b, font, _rtl, sh in runs:
                if not self.text[a:b].isspace():
                    canv.setFont(font, size)
                    canv.drawString(x, y, sh.glyphs)
                x += sh.width(size)
        canv.restoreState()

    def __repr__(self) -> str:
        return f"ScriptParagraph({self.text[:40]!r}, lang={self.lang!r}, base={self.base!r})"


def _ascent_fraction(fonts: Sequence[str]) -> float:
    """Where the baseline sits in a line box (from its top), for the tallest family in use."""
    from reportlab.pdfbase import pdfmetrics

    tallest = max(fonts, key=lambda f: MIN_LEADING.get(_family_of(f), 1.2), default=None)
    if tallest is None:
        return 0.78
    face = pdfmetrics.getFont(tallest).face
    return face.ascent / (face.ascent - face.descent)


def script_paragraph(text: str, style: ParagraphStyle, lang: str | None = "en", *,
                     bold: bool | None = None) -> Flowable:
    """The right flowable for ``text`` in ``lang``: a shaped ``Paragraph`` for left-to-right
    text whose words each need a single font, else a ``ScriptParagraph``.
    """
    if "\u2066" in text or "\u2069" in text:  # English isolated inside the text (isolates.py)
        from .isolates import isolated_paragraphs

        return isolated_paragraphs(text, style, lang, bold)
    register_script_fonts()
    weight = style_weight(style)
    is_bold = weight[0] if bold is None else bold
    if direction(lang) == "rtl" or has_rtl(text):
        return ScriptParagraph(text, style, lang, bold=is_bold)
    fonts = char_fonts(text, lang, is_bold, weight[1])
    for m in _WORD.finditer(text):
        if len(set(fonts[m.start():m.end()])) > 1:  # reportlab shapes a word with one font only
            return ScriptParagraph(text, style, lang, bold=is_bold)
    scripts = set(resolved_scripts(text))
    shaping = bool(scripts & _NEEDS_SHAPING) or any(unicodedata.combining(ch) for ch in text)
    markup: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or fonts[i] != fonts[start]:
            piece = escape(text[start:i]).replace("\n", "<br/>")
            markup.append(f'<font name="{fonts[start]}">{piece}</font>')
            start = i
    derived = ParagraphStyle(f"{style.name}-{lang}", parent=style,
                             fontName=fonts[0] if fonts else style.fontName,
                             leading=leading_for(style, fonts), shaping=1 if shaping else 0)
    return Paragraph("".join(markup), derived)


__all__ = ["ScriptParagraph", "leading_for", "script_paragraph", "style_weight"]
