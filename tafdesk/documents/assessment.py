"""The Early Help Assessment as a PDF: the full record, or the family's copy.

Sections in the order a family and a manager read them: who is in the family, each child's
voice on its own (with the direct work as pictures), the views of each parent or carer and of
the professionals, the sections of the assessment, the needs by outcome area, and the sign-off.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from ..i18n.catalog import N_
from ..i18n.scripts import direction
from .assessment_data import AssessmentData, Picture, Voice, assessment_data
from .base import render_pdf
from .family_text import FamilyText, interleave, once
from .flowables import p
from .registry import DocumentKind, RenderOptions
from .styles import ACCENT, RULE, SHADE

THUMB_MM = 58
FAMILY_COPY_NOTE = N_("This is the family's copy. Some information held by the early help service is not "
                      "included in it.")


class _Page:
    """Paragraphs and tables for one language (mirrored for a right-to-left language)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rtl = direction(lang) == "rtl"
        self.w = FamilyText(lang)
        self.align = "RIGHT" if self.rtl else "LEFT"

    def p(self, text: str, style: str = "body") -> Flowable:
        return p(text, style, self.lang)

    def h1(self, text: str) -> list[Flowable]:
        """A main heading, moved to the next page when too little room is left under it."""
        return [CondPageBreak(45 * mm), self.p(text, "h1")]

    def facts(self, rows: list[tuple[str, str]], widths: tuple[float, float] = (48 * mm, 126 * mm)) -> Table:
        cells = [[self.p(k, "label"), self.p(val or "\u2014", "cell")] for k, val in rows]
        cols = list(widths)
        if self.rtl:
            cells, cols = [r[::-1] for r in cells], cols[::-1]
        t = Table(cells, colWidths=cols, hAlign=self.align)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return t

    def grid(self, head: list[str], rows: list[list[Flowable | str]], widths: list[float],
             spans: tuple[int, ...] = ()) -> Table:
        """A table with a shaded header; rows in ``spans`` are one cell across the table."""
        body = [[self.p(h, "label") for h in head]] + [[c if isinstance(c, Flowable) else self.p(c, "cell") for c in r]
                                                        for r in rows]
        cols = list(widths)
        if self.rtl:  # a spanning row keeps its words in the first cell, which the span shows
            body = [r if i in spans else r[::-1] for i, r in enumerate(body)]
            cols = cols[::-1]
        t = Table(body, colWidths=cols, repeatRows=1, hAlign=self.align)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("GRID", (0, 0), (-1, -1), 0.3, RULE), ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
                              + [cmd for r in spans for cmd in (("SPAN", (0, r), (-1, r)),
                                                               ("BACKGROUND", (0, r), (-1, r), SHADE))]))
        return t


def _day(d: date | None, w: FamilyText) -> str:
    return w.t.day(d) if d else ""


def thumbnail(pic: Picture, width_mm: float = THUMB_MM) -> Image:
    """A small copy of a picture for the page (never the full scan: the PDF stays small)."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(pic.data)) as img:
        img = img.convert("RGB")
        img.thumbnail((900, 900))
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=85)
        w, h = img.size
    width = width_mm * mm
    return Image(io.BytesIO(buf.getvalue()), width=width, height=width * h / w)


def _pictures(pics: tuple[Picture, ...], pg: _Page) -> list[Flowable]:
    cells = []
    for pic in pics:
        cells.append([thumbnail(pic), pg.p(pic.caption or pic.filename, "small")])
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    out: list[Flowable] = []
    for row in rows:
        row = row + [""] * (2 - len(row))  # type: ignore[list-item]
        t = Table([row[::-1] if pg.rtl else row], colWidths=[(THUMB_MM + 26) * mm] * 2, hAlign=pg.align)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(once(t))  # a picture is shown once in a bilingual copy
    return out


def _voice(voice: Voice, pg: _Page) -> list[Flowable]:
    w = pg.w
    out: list[Flowable] = [CondPageBreak(60 * mm), pg.p(w(N_("{name} ({about})"), name=voice.child, about=voice.about),
                                                         "h2")]
    if voice.words:
        out.append(pg.p(w(N_("In their own words")), "label"))
        quote = Table([[pg.p(voice.words)]], colWidths=[170 * mm], hAlign=pg.align)
        bar = ("LINEAFTER", (-1, 0), (-1, -1), 2.5, ACCENT) if pg.rtl else ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT)
        quote.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE), bar,
                                   ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                                   ("TOPPADDING", (0, 0), (-1, -1), 6)]))
        out += [quote, Spacer(1, 4)]
        out.append(pg.facts([(w(N_("How it was gathered")), voice.how_gathered), (w(N_("By whom")), voice.gathered_by),
                             (w(N_("Language")), voice.language), (w(N_("Seen alone")), voice.seen_alone),
                             (w(N_("Date")), _day(voice.gathered_on, w))]))
    else:
        out.append(pg.p(w(N_("Why this child's views could not be gathered")), "label"))
        out.append(pg.p(voice.empty_reason or w(N_("Not recorded."))))
    if voice.pictures:
        out.append(Spacer(1, 4))
        label = pg.p(w(N_("Direct work")), "label")
        label.keepWithNext = 1  # type: ignore[attr-defined]  # never alone at the foot of a page
        out.append(label)
        out += _pictures(voice.pictures, pg)
    return out


def story(d: AssessmentData) -> list[Flowable]:
    pg = _Page(d.lang)
    w = pg.w
    s: list[Flowable] = [pg.p(w(N_("Early Help Assessment")), "title")]
    s.append(pg.p(w(N_("{family} \u00b7 {reference} \u00b7 {version} \u00b7 family copy"), family=d.family,
                    reference=d.reference, version=d.version) if d.family_copy else
                  w(N_("{family} \u00b7 {reference} \u00b7 {version}"), family=d.family, reference=d.reference,
                    version=d.version)))
    if d.family_copy:
        s.append(pg.p(w(FAMILY_COPY_NOTE), "small"))
    s.append(pg.facts([(w(N_("Started")), _day(d.started_on, w)), (w(N_("Completed")), _day(d.completed_on, w)),
                       (w(N_("Lead professional")), d.lead_professional), (w(N_("Level of need")), d.level_of_need),
                       (w(N_("Authorised")), w(N_("{name}, {date}"), name=d.authorised_by, date=_day(d.authorised_on, w))
                        if d.authorised_on else w(N_("Not yet authorised")))]))

    s += pg.h1(w(N_("Who is in the family")))
    s.append(pg.grid([w(N_("Name")), w(N_("Who they are")), w(N_("Lives"))],
                     [[m.name, m.about, m.lives] for m in d.members], [50 * mm, 60 * mm, 64 * mm]))

    s += pg.h1(w(N_("The voice of each child")))
    s.append(pg.p(w(N_("What each child said, recorded separately from the adults' views.")), "small"))
    for voice in d.voices:
        s += _voice(voice, pg)

    s += pg.h1(w(N_("Views of the parents and carers")))
    for adult in d.adults:
        block: list[Flowable] = [pg.p(w(N_("{name} ({about})"), name=adult.name, about=adult.about), "h2")]
        if adult.included:
            block.append(pg.p(adult.views or w(N_("No views recorded."))))
        else:
            block += [pg.p(w(N_("Not included in this assessment")), "label"), pg.p(adult.not_included_reason)]
        s.append(KeepTogether(block))
    if d.professionals:
        s += pg.h1(w(N_("Views of the professionals")))
        for pro in d.professionals:
            who = w(N_("{name}, {role}"), name=pro.name, role=pro.role) if pro.role else pro.name
            s.append(KeepTogether([pg.p(who, "h2"), pg.p(pro.views)]))

    s += pg.h1(w(N_("The assessment")))
    for key, title, text in d.sections:
        if key in ("family_goals", "analysis"):
            continue
        s.append(KeepTogether([pg.p(title, "h2"), pg.p(text or w(N_("Nothing recorded.")))]))

    s += pg.h1(w(N_("Needs by outcome area")))
    s += _needs_table(d, pg)
    for key, title, text in d.sections:
        if key in ("family_goals", "analysis"):
            s.append(KeepTogether([pg.p(title, "h1" if key == "family_goals" else "h2"),
                                   pg.p(text or w(N_("Nothing recorded.")))]))
    s.append(KeepTogether([pg.p(w(N_("Level of need")), "h2"), pg.p(d.level_of_need)]))
    s += _sign_off(d, pg)
    return s


def _needs_table(d: AssessmentData, pg: _Page) -> list[Flowable]:
    w = pg.w
    if not d.needs:
        return [pg.p(w(N_("No needs recorded.")))]
    areas: dict[str, list[tuple[int, str, str]]] = {}
    for n in d.needs:
        for area in n.areas or (w(N_("No outcome area chosen")),):
            areas.setdefault(area, []).append((n.number, n.description, w.names(n.people)))
    rows: list[list[Flowable | str]] = []
    spans = []
    for area, needs in areas.items():
        spans.append(len(rows) + 1)
        rows.append([pg.p(area, "label"), "", ""])
        rows += [[str(num), text, who] for num, text, who in needs]
    t = pg.grid([w(N_("No.")), w(N_("Need")), w(N_("Who it concerns"))], rows, [14 * mm, 110 * mm, 50 * mm],
                tuple(spans))
    return [t, Spacer(1, 3), pg.p(w(N_("A need in more than one outcome area is listed under each.")), "small")]


def _sign_off(d: AssessmentData, pg: _Page) -> list[Flowable]:
    w = pg.w
    rows: list[list[Flowable | str]] = [
        [w(N_("Completed by the lead professional")), d.lead_professional, _day(d.completed_on, w)],
        [w(N_("Authorised by the manager")), d.authorised_by or w(N_("Not yet authorised")), _day(d.authorised_on, w)],
        [w(N_("Copy shared with the family")), "", _day(d.shared_with_family_on, w)]]
    rows += [[w(N_("Parent or carer: {name}"), name=name), w(N_("Signature:")), w(N_("Date:"))]
             for name in d.signatories]
    t = pg.grid([w(N_("Sign-off")), w(N_("Name")), w(N_("Date"))], rows, [70 * mm, 64 * mm, 40 * mm])
    t.setStyle(TableStyle([("BOTTOMPADDING", (0, 4), (-1, -1), 14)]))
    return [KeepTogether([pg.p(w(N_("Sign-off")), "h1"), t])]


def render_assessment(session: Session, case_id: str, options: RenderOptions) -> bytes:
    today = options.today if isinstance(options.today, date) else None
    lang = options.language or "en"
    # A copy in the family's language is for the family: never the full record.
    family_copy = options.family_copy or lang != "en" or options.bilingual

    def data(language: str) -> AssessmentData:
        return assessment_data(session, case_id, family_copy=family_copy, today=today, lang=language)

    d = data(lang)
    pages = interleave(lambda language: story(data(language)), lang) if options.bilingual else story(d)
    w = FamilyText(lang)
    title = N_("Early Help Assessment \u2013 family copy") if d.family_copy else N_("Early Help Assessment")
    info = w.page_info(title, "", d.reference, today=today or date.today())
    return render_pdf(replace(info, family=d.family), pages)  # d.family: "Carter-Nowak family" in the language


DOCUMENT_KINDS = [
    DocumentKind("assessment", "Early Help Assessment", render_assessment,
                 options=frozenset({"family_copy", "language", "bilingual"}), audience="both"),
]
