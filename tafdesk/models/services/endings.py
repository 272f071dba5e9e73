"""Closure, step up to children's social care, ending after consent is withdrawn; step-down intake.

Ending a case records the ending (with the ending meeting when one was held), changes the
case's status and is audited. A step-down from social care starts a new case whose plan begins
from the social worker's plan, with no new assessment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from .. import vocab as v
from ..errors import TafdeskError, ValidationFailed
from ..orm import Case, CaseEnding, ChronologyEvent, Meeting, Request
from ..schemas.forms import Form, Name, Problem, _not_future
from ..schemas.types import CleanText
from .audit import record_event
from .cases import create_case, validate

ENDING_STATUS = {v.EndingKind.CLOSURE: v.CaseStatus.CLOSED, v.EndingKind.STEP_UP: v.CaseStatus.STEPPED_UP,
                 v.EndingKind.CONSENT_WITHDRAWN: v.CaseStatus.CLOSED}


class EndingForm(Form):
    kind: v.EndingKind
    decided_on: date
    reason: CleanText = ""  # why the case ends; for a step up, why early help is not enough
    summary: CleanText = ""  # closure summary; for a step up, what was tried
    continuing_service: Name = ""  # who carries on in a universal service
    referral_reference: Annotated[str, Field(max_length=100)] = ""
    manager: Name = ""
    ending_meeting_on: date | None = None
    ending_meeting_venue: Annotated[str, Field(max_length=300)] = ""

    @field_validator("decided_on", "ending_meeting_on")
    @classmethod
    def _past(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _not_future(value, info, S_("This date cannot be in the future."))

    @model_validator(mode="after")
    def _whole(self) -> EndingForm:
        if self.kind == v.EndingKind.STEP_DOWN_IN:
            raise Problem(S_("A step-down is recorded when the case arrives, not as an ending."), "kind")
        if not self.reason:
            raise Problem({
                v.EndingKind.CLOSURE: S_("Say why the case is closing (e.g. the plan's outcomes are met)."),
                v.EndingKind.STEP_UP: S_("Say why early help is not enough: the risk or what has got worse."),
                v.EndingKind.CONSENT_WITHDRAWN: S_("Record what the family said when they withdrew consent."),
            }[self.kind], "reason")
        if self.kind in (v.EndingKind.STEP_UP, v.EndingKind.CONSENT_WITHDRAWN) and not self.manager:
            raise Problem(S_("Name the manager who agreed this decision."), "manager")
        if self.kind == v.EndingKind.STEP_UP and not self.summary:
            raise Problem(S_("Say what was tried, so that social care can see it."), "summary")
        if self.ending_meeting_on and self.ending_meeting_on > self.decided_on:
            raise Problem(S_("The ending meeting cannot be after the decision."), "ending_meeting_on")
        return self


def end_case(session: Session, case_id: str, data: dict[str, Any], *, user: str,
             today: date | None = None) -> CaseEnding:
    form: EndingForm = validate(EndingForm, data, today=today)
    case = session.get(Case, case_id)
    if case is None:
        raise TafdeskError("That case is no longer in this database.")
    if case.status not in (v.CaseStatus.OPEN, v.CaseStatus.REQUESTED):
        raise TafdeskError("This case has already ended; re-open it before recording another ending.")
    if form.ending_meeting_on:
        session.add(Meeting(case_id=case_id, kind=v.MeetingKind.ENDING, status=v.MeetingStatus.HELD,
                            starts_at=datetime.combine(form.ending_meeting_on, time(12), tzinfo=UTC),
                            venue=form.ending_meeting_venue, outcome=form.reason))
    ending = CaseEnding(case_id=case_id, **form.model_dump(exclude={"ending_meeting_on", "ending_meeting_venue"}))
    session.add(ending)
    case.status = ENDING_STATUS[form.kind]
    case.closed_on = form.decided_on
    session.flush()
    record_event(session, user=user, action=f"end_{form.kind}", case_id=case_id, entity="case_endings",
                 entity_id=ending.id)
    return ending


def ending_of(session: Session, case_id: str) -> CaseEnding | None:
    """The latest ending of the case (not its step-down arrival)."""
    return session.scalar(select(CaseEnding).where(CaseEnding.case_id == case_id, CaseEnding.kind != "step_down_in")
                          .order_by(CaseEnding.decided_on.desc()).limit(1))


def step_down_of(session: Session, case_id: str) -> CaseEnding | None:
    return session.scalar(select(CaseEnding).where(CaseEnding.case_id == case_id, CaseEnding.kind == "step_down_in")
                          .limit(1))


class StepDownForm(Form):
    family_name: Name
    received_on: date
    social_worker: Name
    referral_reference: Annotated[str, Field(max_length=100)] = ""
    level_of_need: v.LevelOfNeed | None = None
    plan_summary: CleanText = ""  # the social worker's plan, as they wrote it
    outcomes: CleanText = ""  # one outcome of the social worker's plan per line

    @field_validator("received_on")
    @classmethod
    def _past(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("The day the step-down arrived cannot be in the future."))  # type: ignore[return-value]

    @model_validator(mode="after")
    def _whole(self) -> StepDownForm:
        if not self.family_name:
            raise Problem(S_("Give the family's name."), "family_name")
        if not self.social_worker:
            raise Problem(S_("Name the social worker stepping the family down."), "social_worker")
        if not self.outcomes.strip():
            raise Problem(S_("Copy the outcomes of the social worker's plan, one per line."), "outcomes")
        return self


def step_down_intake(session: Session, data: dict[str, Any], *, user: str, today: date | None = None) -> Case:
    """A family stepped down from social care: a new case, its plan started from the social
    worker's plan (a draft version 1 with those outcomes), with no new assessment."""
    from .plan import add_outcome, start_plan

    form: StepDownForm = validate(StepDownForm, data, today=today)
    case = create_case(session, {"family_name": form.family_name, "level_of_need": form.level_of_need},
                       user=user, received_on=form.received_on)
    at = datetime.combine(form.received_on, time(12), tzinfo=UTC)
    session.add(Request(case_id=case.id, received_at=at, source=v.RequestSource.SOCIAL_CARE,
                        source_name=form.social_worker, reasons=form.plan_summary, decided_at=at,
                        decided_by=form.social_worker, outcome=v.RequestOutcome.OPEN,
                        level_of_need=form.level_of_need))
    session.add(CaseEnding(case_id=case.id, kind=v.EndingKind.STEP_DOWN_IN, decided_on=form.received_on,
                           summary=form.plan_summary, referral_reference=form.referral_reference,
                           reason=f"Stepped down by {form.social_worker}."))
    case.status = v.CaseStatus.OPEN
    case.opened_on = form.received_on
    session.flush()
    plan = start_plan(session, case.id, user=user)
    lines = [ln.strip(" -•\t") for ln in form.outcomes.splitlines()]
    for line in (ln for ln in lines if ln):
        try:
            add_outcome(session, plan.id, {"description": line}, user=user)
        except ValidationFailed as exc:
            raise ValidationFailed({"outcomes": S_("“{outcome}”: {problem}", outcome=line[:40],
                                                   problem=next(iter(exc.problems.values())))}) from None
    record_event(session, user=user, action="step_down_in", case_id=case.id, entity="cases", entity_id=case.id)
    return case


def reopen_case(session: Session, case_id: str, *, user: str, reason: str) -> Case:
    """Take back an ending recorded by mistake (or re-open a case that needs help again soon
    after): the ending is removed, the case is open again, and the audit trail says why."""
    case = session.get(Case, case_id)
    if case is None:
        raise TafdeskError("That case is no longer in this database.")
    ending = ending_of(session, case_id)
    if ending is None:
        raise TafdeskError("This case has not ended, so there is nothing to re-open.")
    if not reason.strip():
        raise ValidationFailed({"reason": S_("Say why the case is re-opened.")})
    session.delete(ending)
    case.status = v.CaseStatus.OPEN
    case.closed_on = None
    # Why is case content: kept in the case's chronology, not in the audit trail (which every
    # user of a shared database can read).
    session.add(ChronologyEvent(case_id=case_id, occurred_on=date.today(), source=user,
                                what=f"Case re-opened: {reason.strip()}"))
    session.flush()
    record_event(session, user=user, action="reopen", case_id=case_id, entity="case_endings",
                 entity_id=ending.id, detail="re-opened")
    return case
