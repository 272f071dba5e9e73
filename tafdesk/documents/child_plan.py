""""My plan": one child's own plan, in Easy Read, from the family plan and the child's own words.

Easy Read: a picture on the left and short words on the right (mirrored for right-to-left
languages), at least 14 pt, larger for younger children. Three age bands change the tone and the
layout (``readability.age_band``): under 8 is read with a grown-up (big pictures, one short line
per step, no dates), 8 to 12 adds when each step should be done and where helpers come from,
13 and over reads as an agreement and names helpers' roles.

It holds the child's words from the assessment ("what I said"), the actions that concern the
child in the words the professional wrote for the child (``services.child_plan``), who is
helping, named as the child knows them ("Mum", "Gran", a worker's first name), and when the plan
will be checked. It is the family's copy: what is withheld from the family is left out. Like the
feedback form it carries no security marking, which would only frighten a child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from ..i18n.catalog import N_, Translator, tr
from ..i18n.scripts import direction
from ..models.child_wording import Helper, known_name
from ..models.errors import TafdeskError
from ..models.pictures import chosen_or_suggested
from ..models.readability import AGE_8_12, AGE_13_UP, UNDER_8
from ..models.translation import Segments, Where, segments_for
from .base import PageInfo, render_pdf
from .child_plan_data import ChildPlanData, child_plan_data, children_for_menu
from .family_text import free_text
from .fonts import SANS, SANS_BOLD, register_fonts
from .pictures import Picture
from .registry import DocumentKind, RenderOptions
from .styles import ACCENT, INK, SHADE

WIDTH = 210 * mm - 36 * mm
# Per band: text size (pt), picture size (pt), and how many lines a step may take.
BASE_SIZE = {UNDER_8: 20.0, AGE_8_12: 16.0, AGE_13_UP: 14.0}
PICTURE = {UNDER_8: 62.0, AGE_8_12: 50.0, AGE_13_UP: 40.0}
LARGE_PRINT_STEP = 4.0  # large print adds this to the text size of every band

INTRO = {
    UNDER_8: N_("This is my plan. A grown-up can read it with me."),
    AGE_8_12: N_("This is my plan. It says what will happen to help me, and who will help."),
    AGE_13_UP: N_("This is my plan. It says what we agreed, who is doing what, and when we will check how "
                  "it is going."),
}
STEPS_HEADING = {UNDER_8: N_("What will happen"), AGE_8_12: N_("What will happen"),
                 AGE_13_UP: N_("What we agreed")}
NOTHING_YET = N_("There is nothing in my plan yet. We will talk about it together.")
SAID_OWN = N_("What I said")
SAID_HEARD = N_("What people saw and heard")
HELPING = N_("Who is helping me")
CHECK = N_("When we will check")


def free(text: str, lang: str, segments: Segments | None = None, where: Where | None = None) -> str:
    """Words the professional wrote (child-friendly wording, the child's own words), as the
    family's copy in ``lang`` shows them: the translator's translation from ``segments``, or the
    English marked as not yet translated. The one place free text is put into this document."""
    return free_text(lang, text, segments, where)


@dataclass(frozen=True)
class Look:
    """Sizes and styles for one age band."""

    band: str
    lang: str
    size: float
    picture: float

    def style(self, kind: str) -> ParagraphStyle:
        register_fonts()
        rtl = direction(self.lang) == "rtl"
        s = self.size
        base = {"fontName": SANS, "fontSize": s, "leading": s * 1.4, "textColor": INK,
                    "alignment": TA_RIGHT if rtl else TA_LEFT, "spaceAfter": s * 0.35}
        if kind == "title":
            base.update(fontName=SANS_BOLD, fontSize=s * 1.7, leading=s * 2.1, textColor=ACCENT)
        elif kind == "heading":
            base.update(fontName=SANS_BOLD, fontSize=s * 1.25, leading=s * 1.6, textColor=ACCENT, spaceAfter=s * 0.2)
        elif kind == "strong":
            base.update(fontName=SANS_BOLD)
        elif kind == "said":
            base.update(fontName=SANS_BOLD, textColor=ACCENT)
        return ParagraphStyle(f"child-{self.band}-{kind}", **base)  # type: ignore[arg-type]

    def para(self, text: str, kind: str = "body") -> Flowable:
        style = self.style(kind)
        if self.lang != "en" or not text.isascii():
            from .scripttext import script_paragraph

            return script_paragraph(text, style, self.lang)
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def row(self, topic: str, cells: list[Flowable], shade: bool = False) -> Table:
        """Easy Read: the picture at the start of the line, the words after it."""
        pic = Picture(topic, self.picture) if topic else ""  # no picture: the words line up with the rest
        gap = self.size * 0.9
        widths = [self.picture + gap, WIDTH - self.picture - gap]
        row: list[object] = [pic, cells]
        if direction(self.lang) == "rtl":
            row, widths = row[::-1], widths[::-1]
        t = Table([row], colWidths=widths)
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                 ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), self.size * 0.35),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), self.size * 0.35)]
        if shade:
            style += [("BACKGROUND", (0, 0), (-1, -1), SHADE), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 6)]
        if direction(self.lang) == "rtl":  # the picture sits at the right edge, the gap between it and the words
            style += [("LEFTPADDING", (1, 0), (1, 0), gap)]
        t.setStyle(TableStyle(style))
        return t


def helper_line(h: Helper, look: Look, t: Translator) -> str:
    """A helper as the child knows them, with what they do for the older bands."""
    name = known_name(h, t)
    if h.relation or h.is_child or look.band == UNDER_8:
        return name
    if look.band == AGE_8_12:
        return t(N_("{name} from {place}"), name=name, place=h.agency) if h.agency else name
    what = ", ".join(x for x in (h.role, h.agency) if x)
    return t(N_("{name}: {what}"), name=name, what=what) if what else name


def child_plan_story(data: ChildPlanData, lang: str = "en", *, large_print: bool = False,
                     segments: Segments | None = None) -> list[Flowable]:
    t = tr(lang)
    band = data.band
    look = Look(band, lang, BASE_SIZE[band] + (LARGE_PRINT_STEP if large_print else 0), PICTURE[band])
    story: list[Flowable] = [
        look.row("me", [look.para(t(N_("My plan")), "title"),
                        look.para(t(N_("I am {name}."), name=data.child_name), "strong"),
                        look.para(t(INTRO[band]))])]
    if data.said:
        heading = SAID_OWN if data.said_in_own_words else SAID_HEARD
        said = free(data.said, lang, segments,
                    Where("child_voices", "", "words", f"My plan for {data.child_name}: what the child said"))
        story += [Spacer(1, look.size * 0.6),
                  look.row("said", [look.para(t(heading), "heading"), look.para(said, "said")], shade=True)]
    story += [Spacer(1, look.size * 0.6), look.row("", [look.para(t(STEPS_HEADING[band]), "heading")])]
    if not data.steps:
        story.append(look.row("help", [look.para(t(NOTHING_YET))]))
    for n, step in enumerate(data.steps, start=1):
        where = Where("actions", step.action_id, step.field, f"My plan for {data.child_name}, step {n}: "
                      + ("in words for the child" if step.field == "child_friendly" else "what will be done"))
        cells = [look.para(free(step.text, lang, segments, where), "strong")]
        if step.helper is not None and step.helper.is_child:
            cells.append(look.para(t(N_("I will do this."))))
        elif step.helper is not None:
            who = helper_line(step.helper, look, t)
            cells.append(look.para(t(N_("{who} will help."), who=who) if band == UNDER_8
                                   else t(N_("Who: {who}"), who=who)))
        if step.due_on and band != UNDER_8:
            cells.append(look.para(t(N_("By {date}"), date=t.day(step.due_on))))
        story.append(KeepTogether(look.row(chosen_or_suggested(step.picture, step.topic_words, step.areas), cells)))
    if data.helpers:
        lines = [look.para(t(HELPING), "heading")]
        lines += [look.para("• " + helper_line(h, look, t)) for h in data.helpers]
        story += [Spacer(1, look.size * 0.6), KeepTogether(look.row("helpers", lines))]
    check = [look.para(t(CHECK), "heading")]
    if data.review_by:
        check.append(look.para(t(N_("We will look at my plan again on {date}."), date=t.day(data.review_by))))
    else:
        check.append(look.para(t(N_("We will look at my plan again soon. The date is not set yet."))))
    if data.lead:
        check.append(look.para(t(N_("If I want to talk about my plan, I can ask {name}."), name=known_name(data.lead, t))))
    story += [Spacer(1, look.size * 0.6), KeepTogether(look.row("check", check))]
    return story


def render_child_plan(data: ChildPlanData | list[ChildPlanData], *, lang: str = "en", large_print: bool = False,
                      today: date | None = None, family: str = "", segments: Segments | None = None) -> bytes:
    """One child's plan, or several (each starting on a new page) in one PDF; ``segments``
    (``segments_for``) holds the translator's translations of the free text."""
    plans = data if isinstance(data, list) else [data]
    if not plans:
        raise TafdeskError("There are no children whose plan can be given to the family.")
    t = tr(lang)
    who = plans[0].child_name if len(plans) == 1 else t(N_("{family} family"), family=family)
    info = PageInfo(t(N_("My plan")), who, plans[0].case_reference, marking="", produced_on=today, lang=lang,
                    produced_text=t(N_("Produced {date}"), date=t.day(today)) if today else "",
                    page_text=t(N_("Page {page} of {pages}")))
    story: list[Flowable] = []
    for n, one in enumerate(plans):
        story += ([PageBreak()] if n else []) + child_plan_story(one, lang, large_print=large_print, segments=segments)
    return render_pdf(info, story)


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    """The plan of ``options.child_id`` (an id or a name), or of every child the family may see."""
    from ..models.services.cases import get_case

    today = options.today if isinstance(options.today, date) else date.today()
    if options.child_id:
        plans = [child_plan_data(session, case_id, options.child_id, today)]
    else:
        plans = [child_plan_data(session, case_id, cid, today) for cid, _name in children_for_menu(session, case_id)]
    return render_child_plan(plans, lang=options.language, large_print=options.large_print,
                             today=options.today if isinstance(options.today, date) else None,
                             family=get_case(session, case_id).family_name,
                             segments=segments_for(session, case_id, options.language))


DOCUMENT_KINDS = [DocumentKind("child-plan", "My plan (a child's own plan)", _render,
                               frozenset({"child_id", "language", "large_print"}), audience="family")]
