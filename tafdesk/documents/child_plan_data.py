"""One child's own plan as plain data, built from the record and redacted for the family."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models.child_wording import Helper
from ..models.disclosure import FAMILY
from ..models.errors import NotFound, TafdeskError
from ..models.orm import Case, ChildVoice, Person, Professional
from ..models.readability import age_band
from ..models.services import child_plan as C
from ..models.services.plan import current_plan, plan_assessment
from .redaction import Redaction, redaction

FIRST_PERSON = re.compile(r"\b(i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|me|my|mine|myself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Step:
    text: str  # the child-friendly wording (the action's own words when none was written)
    picture: str  # chosen topic, "" = suggested from topic_words and areas
    topic_words: str
    areas: tuple[str, ...]
    helper: Helper | None
    due_on: date | None
    action_id: str = ""  # where the words come from, named to a translator
    field: str = "child_friendly"  # or "description" when no child-friendly wording was written


@dataclass(frozen=True)
class ChildPlanData:
    case_reference: str
    child_name: str  # the name the child goes by
    age: int
    band: str
    said: str = ""  # the child's words from the assessment
    said_in_own_words: bool = True  # False when it is an observation ("Ruby chatted happily...")
    steps: tuple[Step, ...] = ()
    helpers: tuple[Helper, ...] = ()  # everyone doing a step, once each, in order of first step
    review_by: date | None = None
    lead: Helper | None = None


def _voice(session: Session, case_id: str, child_id: str, r: Redaction) -> str:
    assessment = plan_assessment(session, case_id)
    if assessment is None:
        return ""
    voice = session.scalar(select(ChildVoice).where(ChildVoice.assessment_id == assessment.id,
                                                    ChildVoice.child_id == child_id))
    if voice is None or r.hide.record("child_voices", voice.id) or r.hide.field("child_voices", voice.id, "words"):
        return ""
    return voice.words.strip()


def _step(session: Session, ca: C.ChildAction, child: Person, r: Redaction) -> Step | None:
    a = ca.action
    if r.hide.record("actions", a.id) or r.hide.record("outcomes", ca.outcome.id):
        return None
    if ca.outcome.for_person_id and r.person(ca.outcome.for_person_id):
        return None
    friendly = "" if r.hide.field("actions", a.id, "child_friendly") else a.child_friendly.strip()
    own = "" if r.hide.field("actions", a.id, "description") else a.description.strip()
    text = friendly or own
    if not text:
        return None
    owner = C.helper(session, a, child)
    if a.owner_person_id and r.person(a.owner_person_id):
        owner = None
    return Step(text=text, picture=a.picture, topic_words=f"{a.description} {a.child_friendly}",
                areas=ca.outcome_areas, helper=owner, due_on=a.due_on, action_id=a.id,
                field="child_friendly" if friendly else "description")


def child_plan_data(session: Session, case_id: str, child_ref: str, today: date) -> ChildPlanData:
    """The plan for the child ``child_ref`` (id or name), as the family may see it on ``today``."""
    child = C.find_child(session, case_id, child_ref)
    r = redaction(session, case_id, FAMILY)
    if r.person(child.id):
        raise TafdeskError("This child's details are not shared with the family, so there is no plan to "
                           "give them.")
    case = session.get(Case, case_id)
    assert case is not None
    plan = current_plan(session, case_id)
    if plan is None:
        raise NotFound("This case has no plan yet.")
    age = C.age_on(child, today)
    if age is None:
        raise TafdeskError(f"{child.display_name} has no date of birth, which the plan needs to be written "
                           "for their age.")
    steps = [s for ca in C.actions_for_child(session, plan.id, child.id)
             if (s := _step(session, ca, child, r)) is not None]
    helpers: list[Helper] = []
    for s in steps:
        if s.helper is not None and not s.helper.is_child and s.helper not in helpers:
            helpers.append(s.helper)
    said = _voice(session, case_id, child.id, r)
    lead = None
    if case.lead_professional_id:
        prof = session.get(Professional, case.lead_professional_id)
        if prof is not None:
            lead = Helper(name=prof.name, role=prof.role, agency=prof.agency.name if prof.agency else "")
    data = ChildPlanData(
        case_reference=case.reference, child_name=child.known_as or child.given_name, age=age, band=age_band(age),
        said=said, said_in_own_words=not said or bool(FIRST_PERSON.search(said)), steps=tuple(steps),
        helpers=tuple(helpers), review_by=plan.review_by, lead=lead)
    return r.scrub(data)


def children_for_menu(session: Session, case_id: str) -> list[tuple[str, str]]:
    """(id, name) of the children a plan can be made for (those the family may see)."""
    r = redaction(session, case_id, FAMILY)
    return [(p.id, p.display_name) for p in C.children_of(session, case_id) if not r.person(p.id)]
