"""Minutes of a TAF meeting as PDF: who came, what was said under each agenda heading, the
review of each action, new actions and the next review date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from ..models.disclosure import FAMILY
from ..models.orm import Person, Professional
from ..models.schemas.plan import PlanDTO
from ..models.services.cases import get_case
from ..models.services.meetings import (
    AGENDA,
    LOCAL,
    attendance_of,
    meeting_by_number,
    meetings_of,
    minutes_of,
)
from ..models.services.plan import plan_dto, versions_of
from .base import PageInfo, render_pdf
from .flowables import RAG_COLOURS, facts, grid, p, status_text
from .redaction import FULL, redact_plan, redaction
from .registry import DocumentKind, RenderOptions

WIDTH = 210 * mm - 36 * mm
KIND_TITLES = {"initial": "Initial TAF meeting", "review": "TAF review meeting", "ending": "TAF ending meeting"}
ATTENDANCE_WORDS = {"present": "Present", "apologies": "Apologies", "report_sent": "Apologies, report sent",
                    "did_not_attend": "Did not attend", "invited": "Invited (not recorded)"}


@dataclass(frozen=True)
class MinutesDTO:
    case_reference: str
    family_name: str
    kind: str
    number: int
    starts_at: datetime  # local time
    venue: str
    chair: str
    attendance: list[tuple[str, str, str]]  # (name, role, status)
    items: list[tuple[str, str]]  # (heading key, text), shareable ones only in a family copy
    child_views: str = ""
    family_views: str = ""
    outcome: str = ""
    next_review_on: date | None = None
    plan: PlanDTO | None = None  # the version this meeting agreed
    new_action_ids: set[str] = field(default_factory=set)


def minutes_dto(session: Session, case_id: str, number: int | None, *, family_copy: bool) -> MinutesDTO:
    meeting = meeting_by_number(session, case_id, number)
    number = [m.id for m in meetings_of(session, case_id)].index(meeting.id) + 1
    case = get_case(session, case_id)
    r = redaction(session, case_id, FAMILY) if family_copy else FULL
    rows = []
    for a in attendance_of(session, meeting.id):
        if r.person(a.person_id) or r.hide.record("meeting_attendance", a.id):
            continue
        if a.person_id:
            person = session.get(Person, a.person_id)
            rows.append((person.display_name if person else "?", "family", a.status))
        else:
            prof = session.get(Professional, a.professional_id)
            role = ", ".join(x for x in (prof.role, prof.agency.name if prof and prof.agency else "") if x) if prof else ""
            rows.append((prof.name if prof else "?", role, a.status))
    chair = session.get(Professional, meeting.chair_professional_id) if meeting.chair_professional_id else None
    version = next((v for v in versions_of(session, case_id) if v.meeting_id == meeting.id), None)
    items = [(m.heading, r.hide.value("minute_items", m.id, "text", m.text)) for m in minutes_of(session, meeting.id)
             if (m.shareable or not family_copy) and not r.hide.record("minute_items", m.id)]
    items = [(heading, text) for heading, text in items if text]
    field = lambda name: r.hide.value("meetings", meeting.id, name, getattr(meeting, name))
    new_ids = {m.action_id for m in minutes_of(session, meeting.id) if m.heading == "new_actions" and m.action_id}
    plan = redact_plan(plan_dto(session, version.id), r) if version else None
    return r.scrub(MinutesDTO(
        case_reference=case.reference, family_name=case.family_name, kind=meeting.kind, number=number,
        starts_at=meeting.starts_at.astimezone(LOCAL), venue=field("venue"), chair=chair.name if chair else "",
        attendance=sorted(rows, key=lambda x: (x[1] != "family", x[2] != "present", x[0])), items=items,
        child_views=field("child_views"), family_views=field("family_views"), outcome=field("outcome"),
        next_review_on=meeting.next_review_on, plan=plan, new_action_ids=new_ids,
    ))


def minutes_story(m: MinutesDTO) -> list[Flowable]:
    title = KIND_TITLES.get(m.kind, "TAF meeting")
    story: list[Flowable] = [p(f"{title}: minutes", "title")]
    story.append(facts([("Family", f"{m.family_name} family ({m.case_reference})"),
                        ("Date and time", m.starts_at.strftime("%A %d %B %Y, %H:%M")),
                        ("Venue", m.venue), ("Chair", m.chair), ("Meeting", f"Number {m.number} for this family")],
                       WIDTH))
    story.append(p("Who was invited", "h1"))
    story.append(grid(["Name", "Role", "Attendance"],
                      [[n, "Family" if r == "family" else r, ATTENDANCE_WORDS.get(s, s)] for n, r, s in m.attendance],
                      [WIDTH * 0.3, WIDTH * 0.45, WIDTH * 0.25]))
    by_heading: dict[str, list[str]] = {}
    for heading, text in m.items:
        by_heading.setdefault(heading, []).append(text)
    extra = {"child_views": m.child_views, "family_views": m.family_views}
    for key, heading, _prompt in AGENDA:
        texts = list(dict.fromkeys(([extra[key]] if extra.get(key) else []) + by_heading.get(key, [])))
        if key == "action_review" and m.plan is not None:
            story.append(p(heading, "h1"))
            rows, colours = [], []
            for o in m.plan.outcomes:
                for a in o.actions:
                    if a.id in m.new_action_ids:
                        continue
                    rows.append([a.description, a.owner, a.due_on.strftime("%d %b %Y") if a.due_on else "",
                                 status_text(a.status, a.rag)])
                    colours.append(RAG_COLOURS.get(a.rag or ""))
            story.append(grid(["Action", "Who", "Due", "Where it stands"], rows,
                              [WIDTH * 0.47, WIDTH * 0.2, WIDTH * 0.13, WIDTH * 0.2], colours))
            for text in texts:
                story.append(p(text, "body"))
            continue
        if key == "next_steps":
            story.append(p(heading, "h1"))
            review = m.next_review_on.strftime("%A %d %B %Y") if m.next_review_on else "not yet set"
            story.append(p(f"The next review meeting: {review}.", "body"))
            story.extend(p(t, "body") for t in texts)
            if m.outcome:
                story.append(p(f"Outcome of this meeting: {m.outcome}", "body"))
            continue
        if texts:
            story.append(p(heading, "h1"))
            story.extend(p(t, "body") for t in texts)
    story.append(p("These minutes are shared with everyone invited. Please tell the chair of anything that "
                   "is not right within 5 working days.", "small"))
    return story


def render_minutes(m: MinutesDTO, *, today: date | None = None) -> bytes:
    info = PageInfo("TAF meeting minutes", f"{m.family_name} family", m.case_reference, produced_on=today)
    return render_pdf(info, minutes_story(m))


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    dto = minutes_dto(session, case_id, options.meeting_number, family_copy=options.family_copy)
    return render_minutes(dto, today=options.today)  # type: ignore[arg-type]


DOCUMENT_KINDS = [DocumentKind("minutes", "TAF meeting minutes", _render,
                               frozenset({"meeting_number", "family_copy"}), audience="both")]
