"""Font runs and HarfBuzz shaping for reportlab: the pieces ``scripttext`` lays out and draws.

* ``font_runs`` gives each character a registered font: the family of its script (see
  ``tafdesk.i18n.scripts``), or, when that font has no glyph for it (a Latin name or a "@" in
  Arabic text), the first shipped family that has one. Nothing is drawn as an empty box unless
  no shipped font has the character at all.
* ``shape`` runs HarfBuzz over one run with an explicit direction and language (reportlab's own
  ``shapeStr`` guesses the direction per word, which leaves a bracket or a digit-only run in a
  right-to-left line unmirrored) and returns a reportlab ``ShapedStr``: glyphs in visual order
  with their offsets, which ``canvas.drawString`` positions exactly (marks, cursive attachment,
  Nastaliq's sloping words).

Shaping is done at 1000 units per em and cached, so widths scale with the font size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tafdesk.i18n.scripts import (FALLBACK_FAMILIES, SANS_FAMILY, font_family, language_script,
                                  normalise_lang, resolved_scripts)

from .fonts import covers, face, register_script_fonts


@dataclass(frozen=True)
class FontRun:
    start: int
    end: int
    font: str  # registered reportlab font name


def char_fonts(text: str, lang: str | None, bold: bool = False, italic: bool = False) -> list[str]:
    """The registered font for each character of ``text``."""
    register_script_fonts()
    scripts = resolved_scripts(text, language_script(lang))
    out: list[str] = []
    for ch, script in zip(text, scripts, strict=True):
        # European digits are drawn in Noto Sans whatever the script around them: the Naskh and
        # Nastaliq fonts have their own, heavier and unlike the digits of a Latin name nearby
        family = SANS_FAMILY if "0" <= ch <= "9" else font_family(script, lang)
        own = face(family, bold, italic)
        if ch.isspace() and out:
            out.append(out[-1])  # a space belongs to the run it is in (every font has one)
        elif covers(own, ch) or ch in "\u200c\u200d":
            out.append(own)
        else:
            out.append(next((f for f in (face(fam, bold, italic) for fam in FALLBACK_FAMILIES)
                             if covers(f, ch)), own))
    return out


def font_runs(text: str, lang: str | None, bold: bool = False, italic: bool = False) -> list[FontRun]:
    """Maximal runs of characters drawn with one font, in logical order."""
    fonts = char_fonts(text, lang, bold, italic)
    runs: list[FontRun] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or fonts[i] != fonts[start]:
            runs.append(FontRun(start, i, fonts[start]))
            start = i
    return runs


@dataclass(frozen=True)
class Shaped:
    glyphs: str  # a reportlab ShapedStr (glyph characters in visual order, with positions)
    advance: float  # width at 1000 units per em: width in points = advance * size / 1000
    missing: int  # glyphs the font does not have (drawn as .notdef boxes)

    def width(self, size: float) -> float:
        return self.advance * size / 1000


def _hb_language(lang: str | None) -> str:
    code = normalise_lang(lang).lower()
    return {"fa-af": "fa", "prs": "fa"}.get(code, code.split("-")[0])


@lru_cache(maxsize=8192)
def shape(text: str, font: str, rtl: bool, lang: str | None = None) -> Shaped:
    """Shape ``text`` (logical order, one font, one direction) with HarfBuzz."""
    import uharfbuzz as hb
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    ttf = pdfmetrics.getFont(font)
    hb_font = _hb_font(font)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.language = _hb_language(lang)
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    chars: list[str] = []
    data: list[ShapeData] = []
    advance = 0.0
    missing = 0
    glyph_to_char = ttf.face.glyphToChar
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid = info.codepoint
        if gid == 0:
            missing += 1
        try:
            code = glyph_to_char[gid][0]
        except (KeyError, IndexError):  # a contextual form or ligature with no code point
            code = ttf.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)
        x_advance = ttf.pdfScale(pos.x_advance)
        data.append(ShapeData(info.cluster, x_advance, ttf.pdfScale(pos.y_advance),
                              ttf.pdfScale(pos.x_offset), ttf.pdfScale(pos.y_offset),
                              ttf.face.charWidths[code]))
        chars.append(chr(code))
        advance += x_advance
    return Shaped(ShapedStr("".join(chars), shapeData=data), advance, missing)


@lru_cache(maxsize=64)
def _hb_font(font: str) -> object:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font).hbFont(1000)  # positions come in font units at any size


def missing_glyphs(text: str, lang: str | None, bold: bool = False) -> list[str]:
    """Characters of ``text`` that no shipped font draws (they would show as boxes)."""
    fonts = char_fonts(text, lang, bold)
    return [ch for ch, f in zip(text, fonts, strict=True)
            if not ch.isspace() and ch not in "\u200c\u200d" and not covers(f, ch)]
