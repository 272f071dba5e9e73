"""Fonts for the PDFs: shipped Noto fonts, registered with reportlab once per process.

``register_fonts()`` registers Noto Sans (Latin, Cyrillic, Greek), which every document uses.
``register_script_fonts()`` adds, on first need, the families for the other scripts families
in England read (see ``tafdesk.i18n.scripts`` for which family draws which script), registered
``shapable`` so that HarfBuzz joins Arabic letters and reorders Indic vowel signs. All are
embedded as subsets, so a PDF looks the same on every machine.
"""

from __future__ import annotations

from functools import cache

from tafdesk.i18n.scripts import (BENGALI_FAMILY, GURMUKHI_FAMILY, NASKH_FAMILY, SANS_FAMILY,
                                  URDU_FAMILY)
from tafdesk.resources import resource_path

SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"
SANS_BOLD_ITALIC = "NotoSans-BoldItalic"

#: Script families with a regular and a bold face (no italics: these scripts do not use them).
SCRIPT_FAMILIES = (NASKH_FAMILY, URDU_FAMILY, BENGALI_FAMILY, GURMUKHI_FAMILY)


@cache
def register_fonts() -> str:
    """Register the shipped fonts (embedded, subset) and return the regular family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((SANS, "NotoSans-Regular.ttf"), (SANS_BOLD, "NotoSans-Bold.ttf"),
                       (SANS_ITALIC, "NotoSans-Italic.ttf"), (SANS_BOLD_ITALIC, "NotoSans-BoldItalic.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD_ITALIC)
    # Table cells default to Helvetica, which is never embedded: every table uses ours instead.
    from reportlab.platypus.tables import CellStyle

    CellStyle.fontname = SANS
    return SANS


@cache
def register_script_fonts() -> tuple[str, ...]:
    """Register Noto Sans and every script family (shapable); return the family names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    register_fonts()
    for family in SCRIPT_FAMILIES:
        for bold, suffix in ((0, "Regular"), (1, "Bold")):
            name = face(family, bold=bool(bold))
            path = resource_path("fonts", f"{family}-{suffix}.ttf")
            pdfmetrics.registerFont(TTFont(name, str(path), shapable=True))
            addMapping(family, bold, 0, name)
            addMapping(family, bold, 1, name)  # no italic in these scripts: upright
    return (SANS_FAMILY, *SCRIPT_FAMILIES)


def face(family: str, bold: bool = False, italic: bool = False) -> str:
    """The registered font name of a family's face (``NotoNaskhArabic-Bold``...)."""
    if family == SANS_FAMILY:
        return {(False, False): SANS, (True, False): SANS_BOLD, (False, True): SANS_ITALIC,
                (True, True): SANS_BOLD_ITALIC}[(bold, italic)]
    return f"{family}-Bold" if bold else family


def covers(font_name: str, ch: str) -> bool:
    """True when the registered font has a glyph for ``ch``."""
    from reportlab.pdfbase import pdfmetrics

    return ord(ch) in _cmap(pdfmetrics.getFont(font_name).face)


def _cmap(face: object) -> dict[int, int]:
    return face.charToGlyph  # type: ignore[attr-defined, no-any-return]
