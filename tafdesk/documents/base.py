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
        self.drawString(18 * mm, height - 15 * mm, info.title)
        right = " · ".join(x for x in (info.family, info.reference) if x)
        self.drawRightString(width - 18 * mm, height - 15 * mm, right)
        self.setLineWidth(0.4)
        self.line(18 * mm, height - 17 * mm, width - 18 * mm, height - 17 * mm)
        self.drawRightString(width - 18 * mm, 13 * mm, f"Page {self._pageNumber} of {total}")
        if info.produced_on:
            self.drawString(18 * mm, 13 * mm, f"Produced {info.produced_on.strftime('%d %B %Y')}")
        self.restoreState()


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
    doc.build(list(story), canvasmaker=lambda *a, **k: _NumberedCanvas(*a, info=info, **k))
    return buf.getvalue()
