"""Closure letter to the family, closure summary, and the step-up pack for children's social care.

The letter is the family's: its words are whole sentences with named placeholders (``LETTER``),
written in the family's language (``--lang``) or in English and that language paragraph by
paragraph (``--bilingual``). The closure summary and the step-up pack are for professionals and
stay in English.
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

from ..i18n.catalog import N_
from ..models.translation import Segments, Where, segments_for
from .base import PageInfo, render_pdf
from .ending_data import EndingPackDTO, ending_pack
from .family_text import FamilyText, interleave, once
from .flowables import grid, p
from .fonts import SANS
from .redaction import audience_of, redaction
from .registry import DocumentKind, RenderOptions
from .scaling import scaling_story
from .styles import RULE, SHADE, stylesheet

LETTER = {
    "greeting": N_("Dear {names},"),
    "greeting_family": N_("Dear {family} family,"),
    "ending": N_("Thank you for working with us. At our meeting we agreed that the help from the team around "
                 "your family can now come to an end."),
    "ending_on": N_("Early help for your family ended on {day}."),
    "why": N_("This is what we agreed: {reason}"),
    "continuing": N_("{service} will keep in touch with you. You can talk to them at any time."),
    "again": N_("If things get harder, or you would like help again, please ask. You are always welcome to "
                "come back to us."),
    "plan": N_("Your family plan, as it was at the end, is below, so that you can see what everyone did."),
    "feedback": N_("We would like to know how it was for you and your children. There is a short form with this "
                   "letter. You do not have to fill it in, but it helps us to do better."),
    "sign_off": N_("With best wishes,"),
    "role": N_("Lead professional"),
}
STATUS_WORDS = {"done": N_("Done"), "in_progress": N_("Still going"), "not_started": N_("Not started"),
                "stopped": N_("Stopped")}
WIDTH = 480.0


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


def plan_story(dto: EndingPackDTO, base: float, *, family: bool, lang: str = "en",
               segments: Segments | None = None) -> list[Flowable]:
    """The final plan: each outcome and its actions, who did them and how far they got; free text
    from the translator's ``segments`` in the family's language, or marked not yet translated."""
    w = FamilyText(lang, segments)
    t = w.t
    if dto.plan is None:
        return [p(t(N_("There is no family plan.")), "body", lang, base)]
    out: list[Flowable] = []
    head = [t(N_("What we did")) if family else t(N_("Action")), t(N_("Who")), t(N_("How far it got"))]
    for n, o in enumerate(dto.plan.outcomes, start=1):
        outcome = w.free(o.description, Where("outcomes", o.id, "description", f"Final plan, outcome {n}"))
        title = t(N_("{outcome} ({name})"), outcome=outcome, name=o.for_person) if o.for_person else outcome
        rows = [[w.free(a.description, Where("actions", a.id, "description",
                                             f"Final plan, outcome {n}, action {m}: what was done")),
                 a.owner, w.label(STATUS_WORDS, a.status)] for m, a in enumerate(o.actions, start=1)]
        block: list[Flowable] = [p(title, "h2", lang, base)]
        block.append(grid(head, rows, [WIDTH * 0.56, WIDTH * 0.25, WIDTH * 0.19], lang=lang, base=base) if rows
                     else p(t(N_("No actions.")), "body", lang, base))
        out += [KeepTogether(block), Spacer(1, base * 0.6)]
    return out


def letter_story(dto: EndingPackDTO, today: date, base: float, lang: str = "en",
                 segments: Segments | None = None) -> list[Flowable]:
    w = FamilyText(lang, segments)
    t = w.t
    e = dto.ending
    assert e is not None

    def para(text: str, style: str = "body") -> Flowable:
        return p(text, style, lang, base)

    story: list[Flowable] = [para(w.day(today)), Spacer(1, base)]
    story.append(para(t(LETTER["greeting"], names=w.names(dto.addressees)) if dto.addressees
                      else t(LETTER["greeting_family"], family=dto.family_name)))
    story.append(para(t(LETTER["ending"])))
    story.append(para(t(LETTER["ending_on"], day=w.day(e.decided_on))))
    if e.reason:
        story.append(para(t(LETTER["why"], reason=w.free(e.reason, Where(
            "case_endings", e.id, "reason", "Closure letter: why early help ended")))))
    if e.continuing_service:
        story.append(para(t(LETTER["continuing"], service=w.free(e.continuing_service, Where(
            "case_endings", e.id, "continuing_service", "Closure letter: the service that keeps in touch")))))
    story += [para(t(LETTER["again"])), para(t(LETTER["feedback"])), Spacer(1, base * 0.5),
              para(t(LETTER["sign_off"])), Spacer(1, base * 1.5),
              once(para(dto.lead_professional, "label")), para(t(LETTER["role"])), PageBreak(),
              para(t(N_("Your family plan at the end")), "h1"), para(t(LETTER["plan"]))]
    return story + plan_story(dto, base * 0.9, family=True, lang=lang, segments=segments)


def render_closure_letter(dto: EndingPackDTO, *, today: date, large_print: bool = False, lang: str = "en",
                          bilingual: bool = False, segments: Segments | None = None) -> bytes:
    """The letter; ``segments`` (``segments_for``) holds the translator's translations of its free
    text (``dto`` is already scrubbed of what is withheld from the family)."""
    base = 14.0 if large_print else 12.0
    story = (interleave(lambda language: letter_story(dto, today, base, language, segments), lang) if bilingual
             else letter_story(dto, today, base, lang, segments))
    # A letter for the family: no security marking to alarm them, but still no stranger's business.
    return render_pdf(FamilyText(lang).page_info(N_("Letter"), dto.family_name, marking=""), story)


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
    for person in dto.people:
        rows.append([_p(person.name, st["cell"]), _p(_day(person.born), st["cell"]),
                     _p(person.relationship, st["cell"]), _p(person.school_or_setting, st["cell"])])
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
    lang = o.language or "en"
    return render_closure_letter(_pack(s, case_id, o, "closure", "family"), today=_today(o), large_print=o.large_print,
                                 lang=lang, bilingual=o.bilingual, segments=segments_for(s, case_id, lang))


def _summary(s: Session, case_id: str, o: RenderOptions) -> bytes:
    return render_closure_summary(_pack(s, case_id, o, "closure", "professional"), today=_today(o))


def _step_up(s: Session, case_id: str, o: RenderOptions) -> bytes:
    return render_step_up_pack(_pack(s, case_id, o, "step_up", "professional"), today=_today(o))


DOCUMENT_KINDS = [
    DocumentKind("closure-letter", "Closure letter to the family", _letter,
                 frozenset({"large_print", "language", "bilingual"}),
                 audience="family"),
    DocumentKind("closure-summary", "Closure summary", _summary, frozenset({"agency_id"}), audience="professional"),
    DocumentKind("step-up-pack", "Step-up pack for children's social care", _step_up, frozenset({"agency_id"}),
                 audience="professional"),
]
