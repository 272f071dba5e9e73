"""The family plan as PDF: each outcome with its actions, owners, dates and measures."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from ..models.schemas.plan import PlanDTO
from ..models.services.plan import current_plan, plan_dto, versions_of
from .base import PageInfo, render_pdf
from .flowables import RAG_COLOURS, facts, grid, p, status_text
from .registry import DocumentKind, RenderOptions

WIDTH = 210 * mm - 36 * mm


def _d(day: date | None) -> str:
    return day.strftime("%d %b %Y") if day else "not set"


def plan_story(plan: PlanDTO) -> list[Flowable]:
    story: list[Flowable] = [p(f"Family plan for the {plan.family_name} family", "title")]
    agreed = f"agreed {_d(plan.agreed_on)}" if plan.agreed_on else "draft, not yet agreed"
    story.append(facts([
        ("Version", f"{plan.number}, {agreed}"),
        ("Next review", _d(plan.review_by)),
        ("Lead professional", plan.lead_professional),
        ("Visits", plan.visit_frequency),
        ("Children seen alone", plan.child_seen_alone_frequency),
        ("Likely length of support", plan.likely_duration),
    ], WIDTH))
    needs = {n.id: n for n in plan.needs}
    for number, o in enumerate(plan.outcomes, start=1):
        who = f"For {o.for_person}: " if o.for_person else "For the whole family: "
        story.append(p(f"{number}. {who}{o.description}", "h1"))
        answered = [needs[i].description.rstrip(". ") for i in o.need_ids if i in needs]
        if answered:
            story.append(p("This answers: " + "; ".join(answered) + ".", "small"))
        if not o.actions:
            story.append(p("No actions yet."))
            continue
        rows, colours = [], []
        for a in o.actions:
            owner = a.owner + (f"\n{a.owner_role}" if a.owner_role and a.owner_role != "family" else "")
            when = f"{_d(a.start_on)} to {_d(a.due_on)}" if a.start_on else f"by {_d(a.due_on)}"
            what = a.description + (f"\nSupport: {a.support}" if a.support else "")
            rows.append([what, owner or "No owner yet", when, a.measure or "Not yet agreed",
                         status_text(a.status, a.rag)])
            colours.append(RAG_COLOURS.get(a.rag or ""))
        story.append(grid(["What will be done", "Who", "When", "How we will know", "Progress"], rows,
                          [WIDTH * 0.30, WIDTH * 0.19, WIDTH * 0.15, WIDTH * 0.22, WIDTH * 0.14], colours))
    uncovered = [n for n in plan.needs if n.uncovered_reason]
    if uncovered:
        story.append(p("Needs this plan does not take on, and why", "h1"))
        for n in uncovered:
            story.append(p(f"{n.description}: {n.uncovered_reason}"))
    if plan.team:
        story.append(p("The team around the family", "h1"))
        story.append(grid(["Name", "Role"], [[n, r] for n, r in plan.team], [WIDTH * 0.35, WIDTH * 0.65]))
    story.append(Spacer(1, 6 * mm))
    story.append(p("Everyone named in this plan has agreed to do their part. If something changes, tell "
                   f"{plan.lead_professional or 'the lead professional'} before the next review.", "small"))
    return story


def render_plan(plan: PlanDTO, *, today: date | None = None) -> bytes:
    info = PageInfo("Family plan", f"{plan.family_name} family", plan.case_reference, produced_on=today)
    return render_pdf(info, plan_story(plan))


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    from ..models.errors import NotFound
    from .. models.services.meetings import meeting_by_number

    if options.meeting_number is not None:
        meeting = meeting_by_number(session, case_id, options.meeting_number)
        version = next((v for v in versions_of(session, case_id) if v.meeting_id == meeting.id), None)
        if version is None:
            raise NotFound(f"Meeting {options.meeting_number} did not agree a version of the plan.")
    else:
        version = current_plan(session, case_id)
        if version is None:
            raise NotFound("This case has no plan yet.")
    return render_plan(plan_dto(session, version.id), today=options.today)  # type: ignore[arg-type]


DOCUMENT_KINDS = [DocumentKind("plan", "Family plan", _render, frozenset({"meeting_number"}))]
