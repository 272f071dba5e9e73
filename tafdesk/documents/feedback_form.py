""""How was it for you?": a printable, child-friendly feedback form with faces to colour in.

It carries no case details beyond the children's first names (so it is safe to hand over, post or
leave with a child) and no security marking to alarm anyone. The answers are typed into the app
afterwards (services.feedback): 1 = the saddest face, 5 = the happiest.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n.catalog import N_
from ..i18n.scripts import direction
from ..models.orm import Person
from ..models.services.cases import get_case
from ..models.services.feedback import QUESTIONS
from .base import render_pdf
from .family_text import FamilyText, interleave, once
from .flowables import p
from .fonts import SANS
from .redaction import redaction
from .registry import DocumentKind, RenderOptions
from .scripttext import script_paragraph
from .styles import RULE, stylesheet

FACE_WORDS = (N_("Not at all"), N_("Not really"), N_("A bit"), N_("Mostly"), N_("Yes, a lot"))
INK = HexColor("#1a1a1a")
WIDTH = 480.0


def face(i: int, size: float) -> Drawing:
    """Face ``i`` of five, from sad (0) to happy (4), with its number (1 to 5) underneath."""
    d = Drawing(size, size * 1.3)
    d.initialFontName = SANS
    r = size / 2 - 2
    cx, cy = size / 2, size * 0.3 + size / 2
    d.add(Circle(cx, cy, r, fillColor=None, strokeColor=INK, strokeWidth=1.5))
    for ex in (-0.32, 0.32):
        d.add(Circle(cx + ex * r, cy + 0.25 * r, r * 0.07, fillColor=INK, strokeColor=INK))
    curve = (i - 2) / 2  # -1 sad ... +1 happy
    pts = []
    for k in range(11):
        t = -1 + k / 5
        pts += [cx + t * r * 0.45, cy - 0.35 * r - curve * r * 0.25 * (math.cos(t * math.pi / 2) - 0.5) * 2]
    d.add(PolyLine(pts, strokeColor=INK, strokeWidth=1.5))
    d.add(String(cx, size * 0.05, str(i + 1), fontName=SANS, fontSize=size * 0.16, fillColor=INK,
                 textAnchor="middle"))
    return d


def faces(size: float, lang: str = "en", base: float = 13.0, *, with_english: bool = False) -> Table:
    """Five faces from sad (1) to happy (5), each with its words underneath (in English too when
    ``with_english``); the scale runs from the start edge (the right for a right-to-left language)."""
    style = ParagraphStyle(f"face-{base}", parent=stylesheet(base)["small"], alignment=TA_CENTER)
    tw = FamilyText(lang)
    words = [(f"{w}\n" if with_english else "") + tw(w) for w in FACE_WORDS]
    cells = [[face(i, size) for i in range(5)], [script_paragraph(w, style, lang) for w in words]]
    if direction(lang) == "rtl":
        cells = [row[::-1] for row in cells]
    t = Table(cells, colWidths=[WIDTH / 5] * 5, hAlign="LEFT" if direction(lang) == "ltr" else "RIGHT")
    t.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def lines_box(width: float, lines: int, spacing: float) -> Drawing:
    d = Drawing(width, lines * spacing + 4)
    d.initialFontName = SANS
    for k in range(lines):
        y = k * spacing + 2
        d.add(Line(0, y, width, y, strokeColor=RULE, strokeWidth=0.8))
    return d


def form_story(first_names: list[str], lang: str = "en", *, large_print: bool = False,
               with_english: bool = False) -> list[Flowable]:
    """The form in one language; ``with_english`` puts the English words beside the family's on the
    parts shown once in a bilingual form (the faces, the name and date lines)."""
    base = 16.0 if large_print else 13.0
    w = FamilyText(lang)
    t = w.t

    def para(text: str, style: str = "body") -> Flowable:
        return p(text, style, lang, base)

    def both(message: str) -> str:
        return f"{message}\n{t(message)}" if with_english else t(message)

    story: list[Flowable] = [para(t(N_("How was it for you?")), "title")]
    intro = (t(N_("We have been working with your family ({names}). We would like to know what it was like for "
                  "you. There are no right or wrong answers, and you do not have to fill this in."),
               names=w.names(first_names)) if first_names else
             t(N_("We have been working with your family. We would like to know what it was like for you. There "
                  "are no right or wrong answers, and you do not have to fill this in.")))
    story += [para(intro), para(t(N_("Colour in or circle the face that fits best.")))]
    size = 64.0 if large_print else 58.0
    for n, question in enumerate(QUESTIONS.values(), start=1):
        story.append(para(t(N_("{number}. {question}"), number=n, question=t(question)), "h1"))
        story.append(once(faces(size, lang, base, with_english=with_english)))
    story.append(para(t(N_("{number}. {question}"), number=len(QUESTIONS) + 1,
                        question=t(N_("Is there anything else you want to tell us?"))), "h1"))
    hint = para(t(N_("You can write, or draw a picture.")))
    hint.keepWithNext = 1  # type: ignore[attr-defined]  # the question and its lines on one page
    story.append(hint)
    story.append(once(lines_box(WIDTH, 7, base * 2.2)))
    cells = [[p(both(N_("My name (if I want to say):")), "body", lang, base), ""],
             [p(both(N_("Date:")), "body", lang, base), ""]]
    widths, line = [200.0, 280.0], 1
    if direction(lang) == "rtl":
        cells, widths, line = [row[::-1] for row in cells], widths[::-1], 0
    name = Table(cells, colWidths=widths)
    name.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                              ("LINEBELOW", (line, 0), (line, -1), 0.8, RULE), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    story += [Spacer(1, base), once(name), Spacer(1, base),
              para(t(N_("Thank you. Please give this back to the person who works with your family.")))]
    return story


def render_feedback_form(first_names: list[str], *, large_print: bool = False, lang: str = "en",
                         bilingual: bool = False) -> bytes:
    if bilingual and lang != "en":
        story = interleave(lambda language: form_story(first_names, language, large_print=large_print,
                                                       with_english=language != "en"), lang)
    else:
        story = form_story(first_names, lang, large_print=large_print)
    # No family name and no security marking: the form is safe to hand over, post or leave with a child.
    return render_pdf(FamilyText(lang).page_info(N_("How was it for you?"), "", marking=""), story)


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    from ..models.disclosure import FAMILY

    case = get_case(session, case_id)
    red = redaction(session, case_id, FAMILY)
    people = session.scalars(select(Person).where(Person.case_id == case.id, Person.in_household_network,
                                                  Person.kind == "child").order_by(Person.date_of_birth))
    first = [red.text(p.known_as or p.given_name) for p in people
             if (p.known_as or p.given_name) and not red.person(p.id)]
    return render_feedback_form(first, large_print=options.large_print, lang=options.language or "en",
                                bilingual=options.bilingual)


DOCUMENT_KINDS = [DocumentKind("feedback-form", "Family feedback form (How was it for you?)", _render,
                               frozenset({"large_print", "language", "bilingual"}), audience="family")]
