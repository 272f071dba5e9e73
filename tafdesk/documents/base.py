"""The page template every tafdesk PDF shares: A4, the security marking, "Page x of y".

A document is a subclass (or an instance) of ``CaseDocument`` given a story of flowables; it
returns PDF bytes. Renderers take plain data (pydantic models or dataclasses), never ORM
objects, and never import Qt.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .fonts import SANS, SANS_BOLD, register_fonts

MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class PageInfo:
    """What the header and footer of every page say."""

    title: str  # e.g. "Early Help Assessment"
    family: str  # e.g. "Carter-Nowak family"
    reference: str = ""  # case reference
    marking: str = MARKING  # "" for a document meant for a child, where the marking would frighten
    produced_on: date | None = None
    landscape: bool = False
    lang: str = "en"  # the language the title and family name are written in
    produced_text: str = ""  # "Produced ..." in the document's language (default English)
    page_text: str = "Page {page} of {pages}"  # in the document's language


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so that each can say "Page x of y"."""

    def __init__(self, *args: Any, info: PageInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = info
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        info = self._info
        width, height = self._pagesize
        self.saveState()
        self.setFont(SANS_BOLD, 9)
        if info.marking:
            self.drawCentredString(width / 2, height - 10 * mm, info.marking)
            self.drawCentredString(width / 2, 8 * mm, info.marking)
        self.setFont(SANS, 8.5)
        right = " · ".join(x for x in (info.family, info.reference) if x)
        page = info.page_text.format(page=self._pageNumber, pages=total)
        produced = info.produced_text or (
            f"Produced {info.produced_on.strftime('%d %B %Y')}" if info.produced_on else "")
        if info.lang == "en" and all(_latin(t) for t in (info.title, right, page, produced)):
            self.drawString(18 * mm, height - 15 * mm, info.title)
            self.drawRightString(width - 18 * mm, height - 15 * mm, right)
            self.drawRightString(width - 18 * mm, 13 * mm, page)
            if produced:
                self.drawString(18 * mm, 13 * mm, produced)
        else:  # another script or direction: lay the words out properly (shaped, bidi, fallback fonts)
            half = (width - 36 * mm) / 2
            # The title and "Produced" at the start edge, the family and page number at the end
            # edge: mirrored for a right-to-left language (title on the right).
            start, end = ((18 * mm + half, 18 * mm) if _rtl(info.lang) else (18 * mm, 18 * mm + half))
            rule = height - 17 * mm
            self._text(info.title, start, rule + 1.2 * mm, half, "start", info.lang)
            self._text(right, end, rule + 1.2 * mm, half, "end", info.lang)
            self._text(page, end, 10 * mm, half, "end", info.lang)
            if produced:
                self._text(produced, start, 10 * mm, half, "start", info.lang)
        self.setLineWidth(0.4)
        self.line(18 * mm, height - 17 * mm, width - 18 * mm, height - 17 * mm)
        self.restoreState()

    def _text(self, text: str, x: float, bottom: float, width: float, align: str, lang: str) -> None:
        """One line of running text whose lowest point sits at ``bottom`` (scripts such as
        Nastaliq need far more height than Latin, so it is placed by its box, not a baseline),
        against the ``align`` ("start" or "end") edge of its box in the language's direction."""
        from reportlab.lib.enums import TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        from .scripttext import script_paragraph

        style = ParagraphStyle("running", fontName=SANS, fontSize=8.5, leading=10,
                               alignment=TA_RIGHT if align == "end" else TA_LEFT)
        para = script_paragraph(text, style, lang)
        para.wrapOn(self, width, 60)
        para.drawOn(self, x, bottom)


def _latin(text: str) -> bool:
    return all(ord(c) < 0x2FF or 0x2000 <= ord(c) < 0x2070 for c in text)


def _rtl(lang: str) -> bool:
    from ..i18n.scripts import direction

    return direction(lang) == "rtl"


def render_pdf(info: PageInfo, story: Sequence[Flowable], *, author: str = "tafdesk") -> bytes:
    """Lay out ``story`` on the shared page template and return the PDF bytes."""
    register_fonts()
    buf = io.BytesIO()
    size = landscape(A4) if info.landscape else A4
    doc = BaseDocTemplate(
        buf, pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=22 * mm,
        bottomMargin=20 * mm, title=f"{info.title} - {info.family}", author=author,
        subject=info.marking, creator="tafdesk",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.initialFontName = SANS  # reportlab starts each page in Helvetica, which is not embedded
    from .fit import fit_tables

    doc.build(fit_tables(story), canvasmaker=lambda *a, **k: _NumberedCanvas(*a, info=info, **k))
    return buf.getvalue()
