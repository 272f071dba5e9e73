"""Fonts for the PDFs: shipped Noto Sans, registered with reportlab once per process."""

from __future__ import annotations

from functools import cache

from tafdesk.resources import resource_path

SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"
SANS_BOLD_ITALIC = "NotoSans-BoldItalic"


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
    return SANS
