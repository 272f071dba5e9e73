"""Small building blocks shared by the documents: key-value blocks and tables that wrap."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from .styles import RULE, SHADE, stylesheet

RAG_COLOURS = {"red": HexColor("#c62828"), "amber": HexColor("#ef8f00"), "green": HexColor("#2e7d32")}


def p(text: str, style: str = "cell", lang: str = "en", base: float = 10.5) -> Flowable:
    """A paragraph of plain text (escaped; line breaks kept), laid out for ``lang``'s script
    and direction (right-to-left, shaped, with per-run font fallback) when it is not English;
    ``base`` is the body text size the styles scale from (larger for large print)."""
    if lang != "en" or not text.isascii():
        from .scripttext import script_paragraph

        return script_paragraph(text, stylesheet(base)[style], lang)
    return Paragraph(escape(text).replace("\n", "<br/>"), stylesheet(base)[style])


def _rtl(lang: str) -> bool:
    from ..i18n.scripts import direction

    return direction(lang) == "rtl"


def facts(rows: Sequence[tuple[str, str]], width: float, lang: str = "en", base: float = 10.5) -> Table:
    """Label / value pairs, e.g. date, venue, chair (mirrored for right-to-left languages)."""
    cells = [[p(k, "label", lang, base), p(v, "cell", lang, base)] for k, v in rows if v]
    widths = [width * 0.28, width * 0.72]
    if _rtl(lang):
        cells, widths = [row[::-1] for row in cells], widths[::-1]
    t = Table(cells, colWidths=widths)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                           ("TOPPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def grid(header: Sequence[str], rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float],
         row_colours: Sequence[Color | None] | None = None, lang: str = "en", base: float = 10.5) -> Table:
    """A table with a shaded header that repeats on each page; cells wrap. For a right-to-left
    language the columns run from the right."""
    body = [[p(h, "label", lang, base) for h in header]]
    body += [[c if isinstance(c, Flowable) else p(str(c), "cell", lang, base) for c in row] for row in rows]
    widths = list(widths)
    rtl = _rtl(lang)
    if rtl:
        body, widths = [row[::-1] for row in body], widths[::-1]
    t = Table(body, colWidths=widths, repeatRows=1)
    style = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    for i, colour in enumerate(row_colours or (), start=1):
        if colour is not None:  # a coloured bar at the start edge of the row (RAG)
            style.append(("LINEAFTER", (-1, i), (-1, i), 4, colour) if rtl else ("LINEBEFORE", (0, i), (0, i), 4, colour))
    t.setStyle(TableStyle(style))
    return t

