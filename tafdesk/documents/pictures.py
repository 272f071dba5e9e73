"""A topic picture in a PDF: the glyph of the shared icon font (``models.pictures``) on a soft tile."""

from __future__ import annotations

from functools import cache

from reportlab.platypus import Flowable

from tafdesk.resources import resource_path

from ..models.pictures import FONT_FILE, glyph
from .styles import ACCENT, SHADE

ICONS = "TafdeskIcons"


@cache
def register_icon_font() -> str:
    """Register the icon font with reportlab once (embedded as a subset, like the text fonts)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(ICONS, str(resource_path("fonts", FONT_FILE))))
    return ICONS


class Picture(Flowable):
    """A square tile ``size`` points wide with the picture of ``key`` in the middle."""

    def __init__(self, key: str, size: float) -> None:
        super().__init__()
        self.key = key
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        register_icon_font()
        c.saveState()
        c.setFillColor(SHADE)
        c.setStrokeColor(ACCENT)
        c.setLineWidth(max(1.0, self.size / 40))
        c.roundRect(0, 0, self.size, self.size, self.size * 0.18, stroke=1, fill=1)
        c.setFillColor(ACCENT)
        glyph_size = self.size * 0.58
        c.setFont(ICONS, glyph_size)
        c.drawCentredString(self.size / 2, self.size / 2 - glyph_size * 0.36, glyph(self.key))
        c.restoreState()
