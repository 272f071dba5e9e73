"""Closure letter to the family, closure summary, and the step-up pack for children's social care.

The letter's words are whole sentences with named placeholders (``LETTER``), so that they can be
translated as they stand once the translation catalogue exists.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

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

from .base import PageInfo, render_pdf
from .ending_data import EndingPackDTO, ending_pack
from .fonts import SANS
from .redaction import audience_of, redaction
from .registry import DocumentKind, RenderOptions
from .scaling import scaling_story
from .styles import RULE, SHADE, stylesheet

LETTER = {
    "greeting": "Dear {names},",
    "greeting_family": "Dear {family} family,",
    "ending": "Thank you for working with us. At our meeting we agreed that the help from the team around "
              "your family can now come to an end.",
    "ending_on": "Early help for your family ended on {day}.",
    "why": "This is what we agreed: {reason}",
    "continuing": "{service} will keep in touch with you. You can talk to them at any time.",
    "again": "If things get harder, or you would like help again, please ask. You are always welcome to "
             "come back to us.",
    "plan": "Your family plan, as it was at the end, is below, so that you can see what everyone did.",
    "feedback": "We would like to know how it was for you and your children. There is a short form with this "
                "letter. You do not have to fill it in, but it helps us to do better.",
    "sign_off": "With best wishes,",
    "role": "Lead professional",
}
STATUS_WORDS = {"done": "Done", "in_progress": "Still going", "not_started": "Not started", "stopped": "Stopped"}


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text), style)


def _day(d: date | None) -> str:
    return d.strftime("%d %B %Y").lstrip("0") if d else ""


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _table(rows: list[list[Flowable]], widths: list[float]) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                           ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def plan_story(dto: EndingPackDTO, base: float, *, family: bool) -> list[Flowable]:
    """The final plan: each outcome and its actions, who did them and how far they got."""
    st = stylesheet(base)
    if dto.plan is None:
        return [_p("There is no family plan.", st["body"])]
    out: list[Flowable] = []
    for o in dto.plan.outcomes:
        who = f" ({o.for_person})" if o.for_person else ""
        rows: list[list[Flowable]] = [[_p("What we did" if family else "Action", st["label"]),
                                       _p("Who", st["label"]), _p("How far it got", st["label"])]]
        for a in o.actions:
            rows.append([_p(a.description, st["cell"]), _p(a.owner, st["cell"]),
                         _p(STATUS_WORDS.get(a.status, a.status), st["cell"])])
        block: list[Flowable] = [_p(o.description + who, st["h2"])]
        block.append(_table(rows, [270, 120, 90]) if len(rows) > 1 else _p("No actions.", st["body"]))
        out += [KeepTogether(block), Spacer(1, base * 0.6)]
    return out


def render_closure_letter(dto: EndingPackDTO, *, today: date, large_print: bool = False) -> bytes:
    base = 14.0 if large_print else 12.0
    st = stylesheet(base)
    e = dto.ending
    assert e is not None
    story: list[Flowable] = [_p(_day(today), st["body"]), Spacer(1, base)]
    greeting = (LETTER["greeting"].format(names=_names(dto.addressees)) if dto.addressees
                else LETTER["greeting_family"].format(family=dto.family_name))
    story.append(_p(greeting, st["body"]))
    story.append(_p(LETTER["ending"], st["body"]))
    story.append(_p(LETTER["ending_on"].format(day=_day(e.decided_on)), st["body"]))
    if e.reason:
        story.append(_p(LETTER["why"].format(reason=e.reason), st["body"]))
    if e.continuing_service:
        story.append(_p(LETTER["continuing"].format(service=e.continuing_service), st["body"]))
    story += [_p(LETTER["again"], st["body"]), _p(LETTER["feedback"], st["body"]), Spacer(1, base * 0.5),
              _p(LETTER["sign_off"], st["body"]), Spacer(1, base * 1.5),
              _p(dto.lead_professional, st["label"]), _p(LETTER["role"], st["body"]), PageBreak(),
              _p("Your family plan at the end", st["h1"]), _p(LETTER["plan"], st["body"])]
    story += plan_story(dto, base * 0.9, family=True)
    # A letter for the family: no security marking to alarm them, but still no stranger's business.
    info = PageInfo("Letter", f"{dto.family_name} family", "", marking="", produced_on=None)
    return render_pdf(info, story)


def _facts(rows: list[tuple[str, str]], base: float) -> Table:
    st = stylesheet(base)
    t = Table([[_p(k, st["label"]), _p(v, st["cell"])] for k, v in rows if v], colWidths=[150, 330])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                           ("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def _feedback(dto: EndingPackDTO, base: float) -> list[Flowable]:
    st = stylesheet(base)
    if not dto.feedback:
        return [_p("No feedback from the family has been recorded.", st["body"])]
    rows: list[list[Flowable]] = [[_p(h, st["label"]) for h in ("Given", "Respected", "Listened to", "Helped",
                                                               "In their words")]]
    for day, r, li, h, words in dto.feedback:
        rows.append([_p(_day(day), st["cell"])] + [_p(f"{x} of 5" if x else "–", st["cell"]) for x in (r, li, h)]
                    + [_p(words, st["cell"])])
    return [_table(rows, [75, 60, 60, 55, 230])]


def render_closure_summary(dto: EndingPackDTO, *, today: date) -> bytes:
    st = stylesheet()
    e = dto.ending
    assert e is not None
    story: list[Flowable] = [_p("Closure summary", st["title"]), _facts([
        ("Family", f"{dto.family_name} family ({dto.reference})"), ("Lead professional", dto.lead_professional),
        ("Opened", _day(dto.opened_on)), ("Closed", _day(e.decided_on)), ("Why", e.reason),
        ("Continuing with", e.continuing_service or "No universal service named"), ("Manager", e.manager)], 10.5)]
    story += [_p("Summary", st["h1"]), _p(e.summary or "No summary written.", st["body"])]
    story += [_p("The plan at closure", st["h1"]), *plan_story(dto, 10.0, family=False)]
    story += [_p("Timescales", st["h1"])]
    story.append(_table([[_p("Step", st["label"]), _p("How it went", st["label"])]]
                        + [[_p(a, st["cell"]), _p(b, st["cell"])] for a, b in dto.timescales], [200, 280])
                 if dto.timescales else _p("No timed steps were recorded.", st["body"]))
    story += [_p("Scaling and distance travelled", st["h1"]), *scaling_story(dto.scaling, 10.0)]
    story += [_p("What the family said about the help", st["h1"]), *_feedback(dto, 10.0)]
    return render_pdf(PageInfo("Closure summary", f"{dto.family_name} family", dto.reference, produced_on=today),
                      story)


def render_step_up_pack(dto: EndingPackDTO, *, today: date) -> bytes:
    st = stylesheet()
    e = dto.ending
    assert e is not None
    story: list[Flowable] = [_p("Step up to children's social care", st["title"]), _facts([
        ("Family", f"{dto.family_name} family ({dto.reference})"), ("Referral reference", e.referral_reference),
        ("Decided", _day(e.decided_on)), ("Agreed by", e.manager), ("Lead professional", dto.lead_professional),
        ("Early help since", _day(dto.opened_on))], 10.5)]
    story += [_p("Why early help is not enough", st["h1"]), _p(e.reason, st["body"]),
              _p("What was tried", st["h1"]), _p(e.summary, st["body"])]
    story += [_p("The family", st["h1"])]
    rows: list[list[Flowable]] = [[_p(h, st["label"]) for h in ("Name", "Born", "Relationship", "School or setting")]]
    for p in dto.people:
        rows.append([_p(p.name, st["cell"]), _p(_day(p.born), st["cell"]), _p(p.relationship, st["cell"]),
                     _p(p.school_or_setting, st["cell"])])
    story.append(_table(rows, [110, 80, 170, 120]))
    story.append(_p("Assessment summary", st["h1"]))
    a = dto.assessment
    if a is None:
        story.append(_p("No Early Help Assessment was made.", st["body"]))
    else:
        story.append(_facts([("Completed", _day(a.completed_on)),
                             ("Authorised", f"{_day(a.authorised_on)} by {a.authorised_by}" if a.authorised_on else ""),
                             ("Strengths", a.strengths), ("Worries", a.worries), ("History", a.history),
                             ("Help before", a.previous_help), ("The family's goals", a.family_goals),
                             ("Analysis", a.analysis),
                             ("Needs", "; ".join(n.rstrip(". ") for n in a.needs) + "." if a.needs else "")], 10.0))
    story += [_p("The family plan and how far each action got", st["h1"]), *plan_story(dto, 10.0, family=False)]
    story.append(_p("Chronology", st["h1"]))
    if dto.chronology:
        rows = [[_p(h, st["label"]) for h in ("Date", "What happened", "Source", "Significance")]]
        for day, what, source, sig in dto.chronology:
            rows.append([_p(_day(day), st["cell"]), _p(what, st["cell"]), _p(source, st["cell"]),
                         _p(sig.capitalize(), st["cell"])])
        story.append(_table(rows, [75, 255, 90, 60]))
    else:
        story.append(_p("No chronology has been kept.", st["body"]))
    story += [_p("Scaling history", st["h1"]), *scaling_story(dto.scaling, 10.0)]
    return render_pdf(PageInfo("Step-up pack", f"{dto.family_name} family", dto.reference, produced_on=today),
                      story)


def _today(options: RenderOptions) -> date:
    return options.today if isinstance(options.today, date) else date.today()


def _pack(s: Session, case_id: str, o: RenderOptions, need: str, audience: str) -> EndingPackDTO:
    red = redaction(s, case_id, audience_of(audience, o))
    return ending_pack(s, case_id, today=_today(o), need=need, red=red)


def _letter(s: Session, case_id: str, o: RenderOptions) -> bytes:
    return render_closure_letter(_pack(s, case_id, o, "closure", "family"), today=_today(o), large_print=o.large_print)


def _summary(s: Session, case_id: str, o: RenderOptions) -> bytes:
    return render_closure_summary(_pack(s, case_id, o, "closure", "professional"), today=_today(o))


def _step_up(s: Session, case_id: str, o: RenderOptions) -> bytes:
    return render_step_up_pack(_pack(s, case_id, o, "step_up", "professional"), today=_today(o))


DOCUMENT_KINDS = [
    DocumentKind("closure-letter", "Closure letter to the family", _letter, frozenset({"large_print"}),
                 audience="family"),
    DocumentKind("closure-summary", "Closure summary", _summary, frozenset({"agency_id"}), audience="professional"),
    DocumentKind("step-up-pack", "Step-up pack for children's social care", _step_up, frozenset({"agency_id"}),
                 audience="professional"),
]
