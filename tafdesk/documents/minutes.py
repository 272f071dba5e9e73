"""Minutes of a TAF meeting as PDF: who came, what was said under each agenda heading, the
review of each action, new actions and the next review date.

The family's copy can be made in the family's language (``--lang``), or in English and the
family's language paragraph by paragraph (``--bilingual``); a translated copy is always the
family's copy. What was said is free text and stays as written until a translator has
translated it (``family_text.free_text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from ..i18n.catalog import N_
from ..models import vocab as v
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
from ..models.translation import Segments, Where, segments_for
from .base import render_pdf
from .family_text import FamilyText, interleave
from .flowables import RAG_COLOURS, facts, grid, p
from .redaction import FULL, redact_plan, redaction
from .registry import DocumentKind, RenderOptions

WIDTH = 210 * mm - 36 * mm
TITLES = {"initial": N_("Initial TAF meeting: minutes"), "review": N_("TAF review meeting: minutes"),
          "ending": N_("TAF ending meeting: minutes")}


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


def minutes_story(m: MinutesDTO, lang: str = "en", segments: Segments | None = None) -> list[Flowable]:
    w = FamilyText(lang, segments)
    t = w.t
    story: list[Flowable] = [p(t(TITLES.get(m.kind, N_("TAF meeting: minutes"))), "title", lang)]
    story.append(facts([
        (t(N_("Family")), t(N_("{family} family ({reference})"), family=m.family_name, reference=m.case_reference)),
        (t(N_("Date and time")), t(N_("{day} at {time}"), day=w.day(m.starts_at.date(), "full"),
                                   time=w.time(m.starts_at))),
        (t(N_("Venue")), m.venue), (t(N_("Chair")), m.chair),
        (t(N_("Meeting")), t(N_("Number {number} for this family"), number=m.number))], WIDTH, lang))
    story.append(p(t(N_("Who was invited")), "h1", lang))
    story.append(grid([t(N_("Name")), t(N_("Role")), t(N_("Attendance"))],
                      [[n, t(N_("Family")) if r == "family" else r, w.label(v.ATTENDANCE_LABELS, s)]
                       for n, r, s in m.attendance],
                      [WIDTH * 0.3, WIDTH * 0.45, WIDTH * 0.25], lang=lang))
    by_heading: dict[str, list[str]] = {}
    for heading, text in m.items:
        by_heading.setdefault(heading, []).append(text)
    extra = {"child_views": m.child_views, "family_views": m.family_views}
    said = f"Minutes of meeting {m.number}"
    for key, heading, _prompt in AGENDA:
        # Each text once, named by where it was written: the meeting's own field or a minute item.
        found = dict.fromkeys([extra[key]] if extra.get(key) else [], ("meetings", key))
        for x in by_heading.get(key, []):
            found.setdefault(x, ("minute_items", "text"))
        texts = [w.free(x, Where(entity, "", column, f"{said}, under “{heading}”"))
                 for x, (entity, column) in found.items()]
        if key == "action_review" and m.plan is not None:
            story.append(p(t(heading), "h1", lang))
            rows, colours = [], []
            for o in m.plan.outcomes:
                for a in o.actions:
                    if a.id in m.new_action_ids:
                        continue
                    what = w.free(a.description, Where("actions", a.id, "description",
                                                       f"{said}, reviewing the plan: an action"))
                    rows.append([what, a.owner, t.day(a.due_on, "medium"), w.status(a.status, a.rag)])
                    colours.append(RAG_COLOURS.get(a.rag or ""))
            story.append(grid([t(N_("Action")), t(N_("Who")), t(N_("Due")), t(N_("Where it stands"))], rows,
                              [WIDTH * 0.45, WIDTH * 0.2, WIDTH * 0.15, WIDTH * 0.2], colours, lang))
            story.extend(p(text, "body", lang) for text in texts)
            continue
        if key == "next_steps":
            story.append(p(t(heading), "h1", lang))
            story.append(p(t(N_("The next review meeting: {date}."), date=w.day(m.next_review_on, "full"))
                           if m.next_review_on else t(N_("The next review meeting is not yet set.")), "body", lang))
            story.extend(p(text, "body", lang) for text in texts)
            if m.outcome:
                story.append(p(t(N_("Outcome of this meeting: {outcome}"), outcome=w.free(
                    m.outcome, Where("meetings", "", "outcome", f"{said}: the outcome of the meeting"))), "body", lang))
            continue
        if texts:
            story.append(p(t(heading), "h1", lang))
            story.extend(p(text, "body", lang) for text in texts)
    story.append(p(t(N_("These minutes are shared with everyone invited. Please tell the chair of anything that "
                        "is not right within 5 working days.")), "small", lang))
    return story


def render_minutes(m: MinutesDTO, *, today: date | None = None, lang: str = "en", bilingual: bool = False,
                   segments: Segments | None = None) -> bytes:
    info = FamilyText(lang).page_info(N_("TAF meeting minutes"), m.family_name, m.case_reference, today=today)
    story = (interleave(lambda language: minutes_story(m, language, segments), lang) if bilingual
             else minutes_story(m, lang, segments))
    return render_pdf(info, story)


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    lang = options.language or "en"
    # A copy in the family's language is for the family: never the full record.
    family_copy = options.family_copy or lang != "en" or options.bilingual
    dto = minutes_dto(session, case_id, options.meeting_number, family_copy=family_copy)
    return render_minutes(dto, today=options.today, lang=lang, bilingual=options.bilingual,  # type: ignore[arg-type]
                          segments=segments_for(session, case_id, lang))


DOCUMENT_KINDS = [DocumentKind("minutes", "TAF meeting minutes", _render,
                               frozenset({"meeting_number", "family_copy", "language", "bilingual"}), audience="both")]
