"""The Early Help Assessment as a PDF: the full record, or the family's copy.

Sections in the order a family and a manager read them: who is in the family, each child's
voice on its own (with the direct work as pictures), the views of each parent or carer and of
the professionals, the sections of the assessment, the needs by outcome area, and the sign-off.
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from .assessment_data import AssessmentData, Picture, Voice, assessment_data
from .base import PageInfo, render_pdf
from .registry import DocumentKind, RenderOptions
from .styles import ACCENT, RULE, SHADE, stylesheet

THUMB_MM = 58
FAMILY_COPY_NOTE = ("This is the family's copy. Some information held by the early help service is not "
                    "included in it.")


def _h1(text: str) -> list[Flowable]:
    """A main heading, moved to the next page when too little room is left under it."""
    return [CondPageBreak(45 * mm), _p(text, "h1")]


def _p(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), stylesheet()[style])


def _day(d: date | None) -> str:
    return d.strftime("%d %B %Y") if d else ""


def _facts(rows: list[tuple[str, str]], widths: tuple[float, float] = (48 * mm, 126 * mm)) -> Table:
    t = Table([[_p(k, "label"), _p(val or "\u2014", "cell")] for k, val in rows], colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                           ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return t


def _grid(head: list[str], rows: list[list[Flowable | str]], widths: list[float]) -> Table:
    body = [[_p(h, "label") for h in head]] + [[c if isinstance(c, Flowable) else _p(c, "cell") for c in r]
                                                for r in rows]
    t = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                           ("GRID", (0, 0), (-1, -1), 0.3, RULE), ("TOPPADDING", (0, 0), (-1, -1), 3),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return t


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


def _pictures(pics: tuple[Picture, ...]) -> list[Flowable]:
    cells = []
    for pic in pics:
        cells.append([thumbnail(pic), _p(pic.caption or pic.filename, "small")])
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    out: list[Flowable] = []
    for row in rows:
        row = row + [""] * (2 - len(row))  # type: ignore[list-item]
        t = Table([row], colWidths=[(THUMB_MM + 26) * mm] * 2, hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(t)
    out[0] = KeepTogether([_p("Direct work", "label"), out[0]])  # the heading never alone at a page foot
    return out


def _voice(voice: Voice) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(60 * mm), _p(f"{voice.child} ({voice.about})", "h2")]
    if voice.words:
        out.append(_p("In their own words", "label"))
        quote = Table([[_p(voice.words)]], colWidths=[170 * mm], hAlign="LEFT")
        quote.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                   ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
        out += [quote, Spacer(1, 4)]
        out.append(_facts([("How it was gathered", voice.how_gathered), ("By whom", voice.gathered_by),
                           ("Language", voice.language), ("Seen alone", voice.seen_alone),
                           ("Date", _day(voice.gathered_on))]))
    else:
        out.append(_p("Why this child's views could not be gathered", "label"))
        out.append(_p(voice.empty_reason or "Not recorded."))
    if voice.pictures:
        out.append(Spacer(1, 4))
        out += _pictures(voice.pictures)
    return out


def story(d: AssessmentData) -> list[Flowable]:
    st = stylesheet()
    s: list[Flowable] = [Paragraph("Early Help Assessment", st["title"])]
    s.append(_p(f"{d.family} \u00b7 {d.reference} \u00b7 {d.version}" + (" \u00b7 family copy" if d.family_copy else "")))
    if d.family_copy:
        s.append(_p(FAMILY_COPY_NOTE, "small"))
    s.append(_facts([("Started", _day(d.started_on)), ("Completed", _day(d.completed_on)),
                     ("Lead professional", d.lead_professional), ("Level of need", d.level_of_need),
                     ("Authorised", f"{d.authorised_by}, {_day(d.authorised_on)}" if d.authorised_on
                      else "Not yet authorised")]))

    s += _h1("Who is in the family")
    s.append(_grid(["Name", "Who they are", "Lives"], [[m.name, m.about, m.lives] for m in d.members],
                   [50 * mm, 60 * mm, 64 * mm]))

    s += _h1("The voice of each child")
    s.append(_p("What each child said, recorded separately from the adults' views.", "small"))
    for voice in d.voices:
        s += _voice(voice)

    s += _h1("Views of the parents and carers")
    for adult in d.adults:
        block: list[Flowable] = [_p(f"{adult.name} ({adult.about})", "h2")]
        if adult.included:
            block.append(_p(adult.views or "No views recorded."))
        else:
            block += [_p("Not included in this assessment", "label"), _p(adult.not_included_reason)]
        s.append(KeepTogether(block))
    if d.professionals:
        s += _h1("Views of the professionals")
        for pro in d.professionals:
            s.append(KeepTogether([_p(f"{pro.name}" + (f", {pro.role}" if pro.role else ""), "h2"), _p(pro.views)]))

    s += _h1("The assessment")
    for key, title, text in d.sections:
        if key in ("family_goals", "analysis"):
            continue
        s.append(KeepTogether([_p(title, "h2"), _p(text or "Nothing recorded.")]))

    s += _h1("Needs by outcome area")
    s += _needs_table(d)
    for key, title, text in d.sections:
        if key in ("family_goals", "analysis"):
            s.append(KeepTogether([_p(title, "h1" if key == "family_goals" else "h2"),
                                   _p(text or "Nothing recorded.")]))
    s.append(KeepTogether([_p("Level of need", "h2"), _p(d.level_of_need)]))
    s += _sign_off(d)
    return s


def _needs_table(d: AssessmentData) -> list[Flowable]:
    if not d.needs:
        return [_p("No needs recorded.")]
    areas: dict[str, list[tuple[int, str, str]]] = {}
    for n in d.needs:
        for area in n.areas or ("No outcome area chosen",):
            areas.setdefault(area, []).append((n.number, n.description, ", ".join(n.people)))
    rows: list[list[Flowable | str]] = []
    spans = []
    for area, needs in areas.items():
        spans.append(len(rows) + 1)
        rows.append([Paragraph(escape(area), stylesheet()["label"]), "", ""])
        rows += [[str(num), text, who] for num, text, who in needs]
    t = _grid(["No.", "Need", "Who it concerns"], rows, [14 * mm, 110 * mm, 50 * mm])
    t.setStyle(TableStyle([cmd for r in spans for cmd in (("SPAN", (0, r), (-1, r)),
                                                          ("BACKGROUND", (0, r), (-1, r), SHADE))]))
    return [t, Spacer(1, 3), _p("A need in more than one outcome area is listed under each.", "small")]


def _sign_off(d: AssessmentData) -> list[Flowable]:
    st = stylesheet()
    rows = [["Completed by the lead professional", d.lead_professional, _day(d.completed_on)],
            ["Authorised by the manager", d.authorised_by or "Not yet authorised", _day(d.authorised_on)],
            ["Copy shared with the family", "", _day(d.shared_with_family_on)]]
    rows += [[f"Parent or carer: {name}", "Signature:", "Date:"] for name in d.signatories]
    t = _grid(["Sign-off", "Name", "Date"], rows, [70 * mm, 64 * mm, 40 * mm])
    t.setStyle(TableStyle([("BOTTOMPADDING", (0, 4), (-1, -1), 14)]))
    head = Paragraph("Sign-off", st["h1"])
    return [KeepTogether([head, t])]


def render_assessment(session: Session, case_id: str, options: RenderOptions) -> bytes:
    today = options.today if isinstance(options.today, date) else None
    d = assessment_data(session, case_id, family_copy=options.family_copy, today=today)
    title = "Early Help Assessment" + (" \u2013 family copy" if d.family_copy else "")
    return render_pdf(PageInfo(title, d.family, d.reference, produced_on=today or date.today()), story(d))


DOCUMENT_KINDS = [
    DocumentKind("assessment", "Early Help Assessment", render_assessment, options=frozenset({"family_copy"}),
                 audience="both"),
]

