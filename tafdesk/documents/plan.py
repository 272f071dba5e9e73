"""The family plan as PDF: each outcome with its actions, owners, dates and measures.

Fixed text comes from the catalogue in the family's language (``--lang``), or English and the
family's language paragraph by paragraph (``--bilingual``). Free text written by the
professional (outcomes, actions, measures) is in English until a translator has translated it;
in another language it is visibly marked as not yet translated, never passed off as translated.

There is one family plan, which the family and the whole team work to: every copy is the
family's, leaving out what may not be shared with them (``redaction``).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from ..i18n.catalog import N_, tr
from ..models.schemas.plan import ActionDTO, PlanDTO
from ..models.services.plan import current_plan, plan_dto, versions_of
from ..models.translation import Segments, Where, segments_for
from .base import PageInfo, render_pdf
from .family_text import FamilyText, interleave
from .flowables import RAG_COLOURS, facts, grid, p
from .isolates import PDI
from .redaction import redact_plan, redaction
from .registry import DocumentKind, RenderOptions

WIDTH = 210 * mm - 36 * mm
HEADER = (N_("What will be done"), N_("Who"), N_("When"), N_("How we will know"), N_("Progress"))
WIDTHS = (0.30, 0.19, 0.15, 0.22, 0.14)


def plan_story(plan: PlanDTO, lang: str = "en", segments: Segments | None = None) -> list[Flowable]:
    """The plan in ``lang``; free text from the translator's ``segments``, or marked untranslated."""
    w = FamilyText(lang, segments)
    t = w.t
    story: list[Flowable] = [p(t(N_("Family plan for the {family} family"), family=plan.family_name), "title", lang)]
    agreed = (t(N_("{number}, agreed {date}"), number=plan.number, date=w.day(plan.agreed_on)) if plan.agreed_on
              else t(N_("{number}, draft, not yet agreed"), number=plan.number))
    story.append(facts([
        (t(N_("Version")), agreed),
        (t(N_("Next review")), w.day(plan.review_by)),
        (t(N_("Lead professional")), plan.lead_professional),
        (t(N_("Visits")), w.free(plan.visit_frequency, _plan_field("visit_frequency", "Visits"))),
        (t(N_("Children seen alone")), w.free(plan.child_seen_alone_frequency,
                                              _plan_field("child_seen_alone_frequency", "Children seen alone"))),
        (t(N_("Likely length of support")), w.free(plan.likely_duration,
                                                   _plan_field("likely_duration", "Likely length of support"))),
    ], WIDTH, lang))
    needs = {n.id: n for n in plan.needs}
    for number, o in enumerate(plan.outcomes, start=1):
        outcome = w.free(o.description, Where("outcomes", o.id, "description", f"Outcome {number}"))
        title = (t(N_("{number}. For {name}: {outcome}"), number=number, name=o.for_person, outcome=outcome)
                 if o.for_person else
                 t(N_("{number}. For the whole family: {outcome}"), number=number, outcome=outcome))
        story.append(p(title, "h1", lang))
        answered = [_clause(w.free(needs[i].description, Where("needs", i, "description", "A need this answers")))
                    for i in o.need_ids if i in needs]
        if answered:
            story.append(p(t(N_("This answers: {needs}."), needs="; ".join(answered)), "small", lang))
        if not o.actions:
            story.append(p(t(N_("No actions yet.")), "body", lang))
            continue
        rows, colours = [], []
        for k, a in enumerate(o.actions, start=1):
            at = partial(_action_field, a, f"Outcome {number}, action {k}")
            owner = a.owner + (f"\n{a.owner_role}" if a.owner_role and a.owner_role != "family" else "")
            # The short form of a date: a long month name (e.g. "października") does not fit the column.
            when = (t(N_("{start} to {due}"), start=w.day(a.start_on, "medium"), due=w.day(a.due_on, "medium"))
                    if a.start_on else t(N_("by {due}"), due=w.day(a.due_on, "medium")))
            what = w.free(a.description, at("description", "what will be done")) + (
                "\n" + t(N_("Support: {support}"), support=w.free(a.support, at("support", "support")))
                if a.support else "")
            rows.append([what, owner or t(N_("No owner yet")), when,
                         w.free(a.measure, at("measure", "how we will know")) or t(N_("Not yet agreed")),
                         w.status(a.status, a.rag)])
            colours.append(RAG_COLOURS.get(a.rag or ""))
        story.append(grid([t(h) for h in HEADER], rows, [WIDTH * f for f in WIDTHS], colours, lang))
    uncovered = [n for n in plan.needs if n.uncovered_reason]
    if uncovered:
        story.append(p(t(N_("Needs this plan does not take on, and why")), "h1", lang))
        for n in uncovered:
            story.append(p(f"{w.free(n.description, Where('needs', n.id, 'description', 'A need not taken on'))}: "
                           f"{w.free(n.uncovered_reason, Where('needs', n.id, 'uncovered_reason', 'Why not'))}",
                           "body", lang))
    if plan.team:
        story.append(p(t(N_("The team around the family")), "h1", lang))
        story.append(grid([t(N_("Name")), t(N_("Role"))], [[n, r] for n, r in plan.team],
                          [WIDTH * 0.35, WIDTH * 0.65], lang=lang))
    story.append(Spacer(1, 6 * mm))
    story.append(p(t(N_("Everyone named in this plan has agreed to do their part. If something changes, tell "
                        "{lead} before the next review."),
                     lead=plan.lead_professional or t(N_("the lead professional"))), "small", lang))
    return story


def _action_field(action: ActionDTO, where: str, field: str, words: str) -> Where:
    return Where("actions", action.id, field, f"{where}: {words}")


def _plan_field(field: str, words: str) -> Where:
    return Where("plan_versions", "", field, words)


def _clause(text: str) -> str:
    """A sentence as part of a list: without its final full stop (also inside isolated English)."""
    end = PDI if text.endswith(PDI) else ""
    return text.removesuffix(end).rstrip(". ") + end


def bilingual_story(plan: PlanDTO, lang: str, segments: Segments | None = None) -> list[Flowable]:
    """English and the family's language, paragraph by paragraph: both read the same page."""
    return interleave(lambda language: plan_story(plan, language, segments), lang)


def render_plan(plan: PlanDTO, *, today: date | None = None, lang: str = "en", bilingual: bool = False,
                segments: Segments | None = None) -> bytes:
    t = tr(lang)
    info = PageInfo(t(N_("Family plan")), t(N_("{family} family"), family=plan.family_name), plan.case_reference,
                    produced_on=today, lang=lang,
                    produced_text=t(N_("Produced {date}"), date=t.day(today)) if today else "",
                    page_text=t(N_("Page {page} of {pages}")))
    story = (bilingual_story(plan, lang, segments) if bilingual and lang != "en"
             else plan_story(plan, lang, segments))
    return render_pdf(info, story)


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    from ..models.disclosure import FAMILY
    from ..models.errors import NotFound
    from ..models.services.meetings import meeting_by_number

    if options.meeting_number is not None:
        meeting = meeting_by_number(session, case_id, options.meeting_number)
        version = next((v for v in versions_of(session, case_id) if v.meeting_id == meeting.id), None)
        if version is None:
            raise NotFound(f"Meeting {options.meeting_number} did not agree a version of the plan.")
    else:
        version = current_plan(session, case_id)
        if version is None:
            raise NotFound("This case has no plan yet.")
    plan = redact_plan(plan_dto(session, version.id), redaction(session, case_id, FAMILY))
    return render_plan(plan, today=options.today, lang=options.language,  # type: ignore[arg-type]
                       bilingual=options.bilingual, segments=segments_for(session, case_id, options.language))


DOCUMENT_KINDS = [DocumentKind("plan", "Family plan", _render, frozenset({"meeting_number", "language", "bilingual"}),
                               audience="family")]
