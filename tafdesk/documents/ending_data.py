"""What the closure letter, closure summary and step-up pack need, read once into plain data."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models.errors import TafdeskError
from ..models.orm import (
    Assessment,
    ChildRelationship,
    ChronologyEvent,
    Consent,
    FamilyFeedback,
    Need,
    Person,
)
from ..models.schemas.plan import PlanDTO
from ..models.services.cases import get_case
from ..models.services.deadlines import case_deadlines
from ..models.services.endings import ending_of
from ..models.services.plan import current_plan, plan_dto
from ..models.settings import Settings, load_settings
from ..models.timescales import Rules, describe
from .redaction import FULL, Redaction, redact_plan
from .scaling import ScalingDTO, scaling_dto


class PersonDTO(BaseModel):
    name: str
    kind: str
    born: date | None = None
    relationship: str = ""  # to the children, e.g. "mother of Maja, Leo and Ruby"
    school_or_setting: str = ""


class AssessmentDTO(BaseModel):
    completed_on: date | None = None
    authorised_on: date | None = None
    authorised_by: str = ""
    strengths: str = ""
    worries: str = ""
    history: str = ""
    previous_help: str = ""
    family_goals: str = ""
    analysis: str = ""
    needs: list[str] = []


class EndingDTO(BaseModel):
    id: str = ""  # the case_endings record, named to a translator
    kind: str
    decided_on: date
    reason: str = ""
    summary: str = ""
    continuing_service: str = ""
    referral_reference: str = ""
    manager: str = ""


class EndingPackDTO(BaseModel):
    family_name: str
    reference: str
    opened_on: date | None = None
    lead_professional: str = ""
    addressees: list[str] = []  # adults at home who agreed to early help: whom a letter is for
    people: list[PersonDTO] = []
    ending: EndingDTO | None = None
    assessment: AssessmentDTO | None = None
    plan: PlanDTO | None = None
    chronology: list[tuple[date, str, str, str]] = []  # (day, what, source, significance)
    timescales: list[tuple[str, str]] = []  # (step, how it went)
    feedback: list[tuple[date, int | None, int | None, int | None, str]] = []
    scaling: ScalingDTO


def ending_pack(session: Session, case_id: str, *, today: date, settings: Settings | None = None,
                need: str | None = None, red: Redaction = FULL) -> EndingPackDTO:
    """Everything about the case's ending; ``need`` is an ending kind that must be recorded.
    ``red`` leaves out what the reader may not see."""
    settings = settings or load_settings()
    case = get_case(session, case_id)
    end = ending_of(session, case_id)
    if need and (end is None or end.kind != need):
        words = {"closure": "closure", "step_up": "step up to children's social care"}[need]
        raise TafdeskError(f"No {words} is recorded for {case.reference}; record it first (why, and what was tried).")
    hide = red.hide
    people = [p for p in session.scalars(select(Person).where(Person.case_id == case_id, Person.in_household_network)
                                         .order_by(Person.kind.desc(), Person.date_of_birth)) if not red.person(p.id)]
    names = {p.id: p.display_name for p in people}
    rels = list(session.scalars(select(ChildRelationship).where(ChildRelationship.case_id == case_id)))
    consented = set(session.scalars(select(Consent.person_id).where(Consent.case_id == case_id,
                                                                    Consent.withdrawn_on.is_(None))))
    at_home = {r.person_id for r in rels if r.lives_with_child}
    addressees = [p.display_name.split()[0] if p.known_as or p.given_name else p.display_name
                  for p in people if p.kind == "adult" and p.id in consented and p.id in at_home]
    person_dtos = []
    for p in people:
        mine = [r for r in rels if r.person_id == p.id and r.child_id in names]
        by_label: dict[str, list[str]] = {}
        for r in mine:
            by_label.setdefault(r.relationship_label, []).append(names[r.child_id].split()[0])
        rel = "; ".join(f"{label} of {_and(kids)}" for label, kids in by_label.items())
        born = None if hide.field("people", p.id, "date_of_birth") else p.date_of_birth
        person_dtos.append(PersonDTO(name=p.display_name, kind=p.kind, born=born, relationship=rel,
                                     school_or_setting=hide.value("people", p.id, "school_or_setting",
                                                                  p.school_or_setting)))
    a = session.scalar(select(Assessment).where(Assessment.case_id == case_id).order_by(Assessment.number.desc())
                       .limit(1))
    assessment = None
    if a is not None:
        needs = [hide.value("needs", n.id, "description", n.description)
                 for n in session.scalars(select(Need).where(Need.assessment_id == a.id).order_by(Need.position))
                 if not hide.record("needs", n.id)]
        text = lambda name: hide.value("assessments", a.id, name, getattr(a, name))
        assessment = AssessmentDTO(completed_on=a.completed_on, authorised_on=a.authorised_on,
                                   authorised_by=a.authorised_by, strengths=text("strengths"), worries=text("worries"),
                                   history=text("history"), previous_help=text("previous_help"),
                                   family_goals=text("family_goals"), analysis=text("analysis"),
                                   needs=[n for n in needs if n])
    plan = current_plan(session, case_id)
    chronology = [(e.occurred_on, e.what, e.source, e.significance) for e in session.scalars(
        select(ChronologyEvent).where(ChronologyEvent.case_id == case_id).order_by(ChronologyEvent.occurred_on))
        if not hide.record("chronology_events", e.id)]
    timescales = [(d.title, describe(d, today)) for d in case_deadlines(session, case_id, Rules(settings), today)
                  if not d.is_open]
    feedback = [(f.given_on, f.respected, f.listened_to, f.helped, f.comments) for f in session.scalars(
        select(FamilyFeedback).where(FamilyFeedback.case_id == case_id).order_by(FamilyFeedback.given_on))
        if not hide.record("family_feedback", f.id)]
    return red.scrub(EndingPackDTO(
        family_name=case.family_name, reference=case.reference, opened_on=case.opened_on,
        lead_professional=case.lead_professional.name if case.lead_professional else "",
        addressees=addressees, people=person_dtos,
        ending=EndingDTO.model_validate(end, from_attributes=True) if end else None,
        assessment=assessment, plan=redact_plan(plan_dto(session, plan.id), red) if plan else None,
        chronology=chronology, timescales=timescales, feedback=feedback,
        scaling=scaling_dto(session, case_id, settings, red=red)))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
