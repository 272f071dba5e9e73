"""Small building blocks shared by the documents: key-value blocks and tables that wrap."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Paragraph, Table, TableStyle

from .styles import RULE, SHADE, stylesheet

RAG_COLOURS = {"red": HexColor("#c62828"), "amber": HexColor("#ef8f00"), "green": HexColor("#2e7d32")}
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done", "stopped": "Stopped"}


def p(text: str, style: str = "cell") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), stylesheet()[style])


def facts(rows: Sequence[tuple[str, str]], width: float) -> Table:
    """Label / value pairs, e.g. date, venue, chair."""
    t = Table([[p(k, "label"), p(v)] for k, v in rows if v], colWidths=[width * 0.28, width * 0.72])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                           ("TOPPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def grid(header: Sequence[str], rows: Sequence[Sequence[Paragraph | str]], widths: Sequence[float],
         row_colours: Sequence[Color | None] | None = None) -> Table:
    """A table with a shaded header that repeats on each page; cells wrap."""
    body = [[p(h, "label") for h in header]]
    body += [[c if isinstance(c, Paragraph) else p(str(c)) for c in row] for row in rows]
    t = Table(body, colWidths=list(widths), repeatRows=1)
    style = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    for i, colour in enumerate(row_colours or (), start=1):
        if colour is not None:  # a coloured bar on the left edge of the row (RAG)
            style.append(("LINEBEFORE", (0, i), (0, i), 4, colour))
    t.setStyle(TableStyle(style))
    return t


def status_text(status: str, rag: str | None) -> str:
    words = STATUS_WORDS.get(status, status)
    return f"{words} ({rag.capitalize()})" if rag else words
