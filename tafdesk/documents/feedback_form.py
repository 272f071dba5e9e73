""""How was it for you?": a printable, child-friendly feedback form with faces to colour in.

It carries no case details beyond the children's first names (so it is safe to hand over, post or
leave with a child) and no security marking to alarm anyone. The answers are typed into the app
afterwards (services.feedback): 1 = the saddest face, 5 = the happiest.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models.orm import Person
from ..models.services.cases import get_case
from ..models.services.feedback import QUESTIONS
from .base import PageInfo, render_pdf
from .fonts import SANS
from .redaction import redaction
from .registry import DocumentKind, RenderOptions
from .styles import RULE, stylesheet

FACE_WORDS = ("Not at all", "Not really", "A bit", "Mostly", "Yes, a lot")
INK = HexColor("#1a1a1a")


def faces(size: float) -> Drawing:
    """Five faces from sad (1) to happy (5), each with its word and number underneath."""
    gap = size * 0.45
    d = Drawing(5 * size + 4 * gap, size + size * 0.75)
    d.initialFontName = SANS
    r = size / 2 - 2
    for i in range(5):
        cx, cy = i * (size + gap) + size / 2, size * 0.75 + size / 2
        d.add(Circle(cx, cy, r, fillColor=None, strokeColor=INK, strokeWidth=1.5))
        for ex in (-0.32, 0.32):
            d.add(Circle(cx + ex * r, cy + 0.25 * r, r * 0.07, fillColor=INK, strokeColor=INK))
        curve = (i - 2) / 2  # -1 sad ... +1 happy
        pts = []
        for k in range(11):
            t = -1 + k / 5
            pts += [cx + t * r * 0.45, cy - 0.35 * r - curve * r * 0.25 * (math.cos(t * math.pi / 2) - 0.5) * 2]
        d.add(PolyLine(pts, strokeColor=INK, strokeWidth=1.5))
        d.add(String(cx, size * 0.38, FACE_WORDS[i], fontName=SANS, fontSize=size * 0.16, fillColor=INK,
                     textAnchor="middle"))
        d.add(String(cx, size * 0.1, str(i + 1), fontName=SANS, fontSize=size * 0.14, fillColor=INK,
                     textAnchor="middle"))
    return d


def lines_box(width: float, lines: int, spacing: float) -> Drawing:
    d = Drawing(width, lines * spacing + 4)
    d.initialFontName = SANS
    for k in range(lines):
        y = k * spacing + 2
        d.add(Line(0, y, width, y, strokeColor=RULE, strokeWidth=0.8))
    return d


def render_feedback_form(first_names: list[str], *, large_print: bool = False) -> bytes:
    base = 16.0 if large_print else 13.0
    st = stylesheet(base)
    width = 480
    story: list[Flowable] = [Paragraph("How was it for you?", st["title"])]
    who = first_names[0] if len(first_names) == 1 else " and ".join(
        [", ".join(first_names[:-1]), first_names[-1]]) if first_names else ""
    story.append(Paragraph(escape(f"We have been working with your family{' (' + who + ')' if who else ''}. "
                                  "We would like to know what it was like for you. There are no right or wrong "
                                  "answers, and you do not have to fill this in."), st["body"]))
    story.append(Paragraph("Colour in or circle the face that fits best.", st["body"]))
    for n, question in enumerate(QUESTIONS.values(), start=1):
        story.append(KeepTogether([Paragraph(f"{n}. {escape(question)}", st["h1"]),
                                   faces(min(72.0, width / 5.6) * (1.1 if large_print else 1.0))]))
    story.append(KeepTogether([Paragraph("4. Is there anything else you want to tell us?", st["h1"]),
                               Paragraph("You can write, or draw a picture.", st["body"]),
                               lines_box(width, 7, base * 2.2)]))
    name = Table([[Paragraph("My name (if I want to say):", st["body"]), ""],
                  [Paragraph("Date:", st["body"]), ""]], colWidths=[200, 280])
    name.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                              ("LINEBELOW", (1, 0), (1, -1), 0.8, RULE), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    story += [Spacer(1, base), name, Spacer(1, base),
              Paragraph("Thank you. Please give this back to the person who works with your family.", st["body"])]
    return render_pdf(PageInfo("How was it for you?", "", marking=""), story)


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    from ..models.disclosure import FAMILY

    case = get_case(session, case_id)
    red = redaction(session, case_id, FAMILY)
    people = session.scalars(select(Person).where(Person.case_id == case.id, Person.in_household_network,
                                                  Person.kind == "child").order_by(Person.date_of_birth))
    first = [red.text(p.known_as or p.given_name) for p in people
             if (p.known_as or p.given_name) and not red.person(p.id)]
    return render_feedback_form(first, large_print=options.large_print)


DOCUMENT_KINDS = [DocumentKind("feedback-form", "Family feedback form (How was it for you?)", _render,
                               frozenset({"large_print"}), audience="family")]
