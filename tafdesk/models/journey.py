"""The family's journey through early help, worked out from the record.

``journey`` is a pure function of ``CaseFacts``; ``case_facts`` reads those facts from the
database. The GUI shows the steps and the next thing to do; ``timescales.with_deadlines`` adds each
step's due date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n.catalog import N_, S_, Sentence
from .vocab import ENDING_LABELS, REQUEST_OUTCOME_LABELS
from .orm import (
    Allocation,
    Assessment,
    Case,
    CaseEnding,
    Consent,
    Meeting,
    Person,
    PlanVersion,
    Request,
)


class StepState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    TO_DO = "to_do"
    ATTENTION = "attention"  # something needs the lead professional's attention
    NOT_NEEDED = "not_needed"


@dataclass(frozen=True)
class CaseFacts:
    status: str
    request_received: date | None = None
    request_outcome: str | None = None
    adults: tuple[str, ...] = ()  # display names of adults in the household network
    adults_consented: tuple[str, ...] = ()
    consents_withdrawn: int = 0
    lead_professional: str = ""
    allocated_on: date | None = None
    assessment_status: str | None = None
    assessment_authorised_on: date | None = None
    plan_version: int | None = None
    plan_agreed_on: date | None = None
    meetings_held: int = 0
    last_meeting_on: date | None = None
    next_review_on: date | None = None
    ending_kind: str | None = None
    ending_on: date | None = None
    stepped_down: bool = False  # arrived from social care with the social worker's plan


@dataclass(frozen=True)
class JourneyStep:
    key: str
    title: str
    state: StepState
    detail: str
    next_action: str = ""
    due: str = ""  # when it is (or was) due, from the timescales ("" when nothing is timed)
    late: bool = False  # overdue now


@dataclass(frozen=True)
class Journey:
    steps: list[JourneyStep] = field(default_factory=list)
    ended: bool = False

    @property
    def next_step(self) -> JourneyStep | None:
        if self.ended:  # a closed or stepped-up case asks nothing more of the lead professional
            return None
        for step in self.steps:
            if step.state in (StepState.ATTENTION, StepState.IN_PROGRESS, StepState.TO_DO):
                return step
        return None


# The steps' titles (English; the UI shows them through ``_``). Code compares steps by ``key``.
REQUEST = N_("Request for early help")
CONSENT = N_("Consent")
ALLOCATION = N_("Allocation")
ASSESSMENT = N_("Early Help Assessment")
PLAN = N_("Family plan")
MEETINGS = N_("TAF meetings and reviews")
ENDING = N_("Closure, step up or step down")
NOT_OPENED = N_("Request not opened.")


def _label(labels: dict, code: str) -> str:  # type: ignore[type-arg]
    """The words for a stored code (a sentence the UI translates); an unknown code (from a newer
    version) is shown as it is."""
    text = next((text for key, text in labels.items() if key == code), None)
    return S_(text) if text is not None else code.replace("_", " ")


def _day(day: date | None) -> date | str:
    return day if day is not None else ""


def _names(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names)


def journey(f: CaseFacts) -> Journey:
    steps: list[JourneyStep] = []
    ended = f.ending_kind is not None
    redirected = f.request_outcome in ("redirect_social_care", "advice_signpost")

    if f.request_received is None:
        steps.append(JourneyStep("request", REQUEST, StepState.TO_DO,
                                 S_("No request recorded."), S_("Record the request: when, from whom, why.")))
    elif f.request_outcome is None:
        steps.append(JourneyStep("request", REQUEST, StepState.IN_PROGRESS,
                                 S_("Received {day}; no decision yet.", day=f.request_received),
                                 S_("Record the decision on the request.")))
    else:
        outcome = _label(REQUEST_OUTCOME_LABELS, f.request_outcome)
        steps.append(JourneyStep("request", REQUEST, StepState.DONE,
                                 S_("Received {day}; outcome: {outcome}.", day=f.request_received,
                                    outcome=outcome)))

    missing = [a for a in f.adults if a not in f.adults_consented]
    if redirected:
        steps.append(JourneyStep("consent", CONSENT, StepState.NOT_NEEDED, S_(NOT_OPENED)))
    elif f.consents_withdrawn and not f.adults_consented:
        steps.append(JourneyStep("consent", CONSENT, StepState.ATTENTION,
                                 S_("Consent has been withdrawn."),
                                 S_("Discuss the withdrawal with a manager and record the decision.")))
    elif not f.adults_consented:
        steps.append(JourneyStep("consent", CONSENT, StepState.TO_DO, S_("No consent recorded."),
                                 S_("Record each parent's or carer's consent and what may be shared.")))
    elif missing:
        steps.append(JourneyStep("consent", CONSENT, StepState.IN_PROGRESS,
                                 S_("Given by {names}.", names=_names(f.adults_consented)),
                                 S_("Ask {names} for consent, or record why not.", names=_names(missing))))
    else:
        steps.append(JourneyStep("consent", CONSENT, StepState.DONE,
                                 S_("Given by {names}.", names=_names(f.adults_consented))))

    if redirected:
        steps.append(JourneyStep("allocation", ALLOCATION, StepState.NOT_NEEDED, S_(NOT_OPENED)))
    elif f.lead_professional:
        lead: Sentence = (S_("Lead professional: {name}, since {day}.", name=f.lead_professional,
                             day=f.allocated_on) if f.allocated_on
                          else S_("Lead professional: {name}.", name=f.lead_professional))
        steps.append(JourneyStep("allocation", ALLOCATION, StepState.DONE, lead))
    else:
        steps.append(JourneyStep("allocation", ALLOCATION, StepState.TO_DO,
                                 S_("No lead professional yet."),
                                 S_("Allocate a lead professional, with the family's say in who.")))

    a = f.assessment_status
    if redirected:
        steps.append(JourneyStep("assessment", ASSESSMENT, StepState.NOT_NEEDED, S_(NOT_OPENED)))
    elif a is None and f.stepped_down:
        steps.append(JourneyStep("assessment", ASSESSMENT, StepState.NOT_NEEDED,
                                 S_("Stepped down from children's social care: the social worker's plan "
                                    "is used, with no new assessment.")))
    elif a is None:
        steps.append(JourneyStep("assessment", ASSESSMENT, StepState.TO_DO,
                                 S_("Not started."), S_("Start the assessment with the family.")))
    elif a == "authorised":
        steps.append(JourneyStep("assessment", ASSESSMENT, StepState.DONE,
                                 S_("Authorised {day}.", day=_day(f.assessment_authorised_on))))
    elif a == "complete":
        steps.append(JourneyStep("assessment", ASSESSMENT, StepState.IN_PROGRESS,
                                 S_("Complete; waiting for a manager's authorisation."),
                                 S_("Ask a manager to authorise the assessment.")))
    else:
        steps.append(JourneyStep("assessment", ASSESSMENT, StepState.IN_PROGRESS,
                                 S_("Started, not yet complete."),
                                 S_("Finish the assessment, with every child's voice.")))

    if redirected:
        steps.append(JourneyStep("plan", PLAN, StepState.NOT_NEEDED, S_(NOT_OPENED)))
    elif f.plan_version is None:
        steps.append(JourneyStep("plan", PLAN, StepState.TO_DO, S_("No plan yet."),
                                 S_("Agree the family plan at the initial TAF meeting.")))
    else:
        version = (S_("Version {number} agreed {day}.", number=f.plan_version, day=f.plan_agreed_on)
                   if f.plan_agreed_on else S_("Version {number} (draft).", number=f.plan_version))
        steps.append(JourneyStep("plan", PLAN, StepState.DONE, version))

    if redirected:
        steps.append(JourneyStep("meetings", MEETINGS, StepState.NOT_NEEDED, S_(NOT_OPENED)))
    elif f.meetings_held == 0:
        steps.append(JourneyStep("meetings", MEETINGS, StepState.TO_DO,
                                 S_("No meeting held yet."), S_("Arrange the initial TAF meeting with the family.")))
    else:
        detail = (S_("{count} held, last on {day}. Next review {review}.", count=f.meetings_held,
                     day=_day(f.last_meeting_on), review=f.next_review_on) if f.next_review_on
                  else S_("{count} held, last on {day}.", count=f.meetings_held, day=_day(f.last_meeting_on)))
        state = StepState.DONE if ended else StepState.IN_PROGRESS
        nxt = "" if ended else (S_("Hold the next review.") if f.next_review_on
                                else S_("Set the next review date (within 6 weeks)."))
        steps.append(JourneyStep("meetings", MEETINGS, state, detail, nxt))

    if ended:
        label = _label(ENDING_LABELS, f.ending_kind or "")
        steps.append(JourneyStep("ending", ENDING, StepState.DONE,
                                 S_("{label} on {day}.", label=label, day=_day(f.ending_on))))
    else:
        steps.append(JourneyStep("ending", ENDING, StepState.TO_DO, S_("Open."),
                                 S_("Close, step up or step down when the plan's outcomes are met.")))
    return Journey(steps, ended=ended)


def case_facts(session: Session, case_id: str) -> CaseFacts:
    case = session.get(Case, case_id)
    if case is None:
        raise LookupError(case_id)
    req = session.scalar(select(Request).where(Request.case_id == case_id).order_by(Request.received_at.desc()).limit(1))
    adults = session.scalars(
        select(Person).where(Person.case_id == case_id, Person.kind == "adult", Person.in_household_network)
    ).all()
    active = session.scalars(
        select(Consent.person_id).where(Consent.case_id == case_id, Consent.withdrawn_on.is_(None))
    ).all()
    withdrawn = session.scalar(
        select(func.count()).select_from(Consent).where(Consent.case_id == case_id, Consent.withdrawn_on.is_not(None))
    ) or 0
    alloc = session.scalar(
        select(Allocation).where(Allocation.case_id == case_id, Allocation.ended_at.is_(None))
        .order_by(Allocation.allocated_at.desc()).limit(1)
    )
    assess = session.scalar(
        select(Assessment).where(Assessment.case_id == case_id).order_by(Assessment.number.desc()).limit(1)
    )
    plan = session.scalar(
        select(PlanVersion).where(PlanVersion.case_id == case_id).order_by(PlanVersion.number.desc()).limit(1)
    )
    held = session.scalars(
        select(Meeting).where(Meeting.case_id == case_id, Meeting.status == "held").order_by(Meeting.starts_at)
    ).all()
    ending = session.scalar(
        select(CaseEnding).where(CaseEnding.case_id == case_id, CaseEnding.kind != "step_down_in")
        .order_by(CaseEnding.decided_on.desc()).limit(1)
    )
    stepped_down = session.scalar(
        select(func.count()).select_from(CaseEnding)
        .where(CaseEnding.case_id == case_id, CaseEnding.kind == "step_down_in")
    ) or 0
    consented = {p.id for p in adults} & set(active)
    return CaseFacts(
        status=case.status,
        request_received=req.received_at.date() if req else None,
        request_outcome=req.outcome if req else None,
        adults=tuple(p.display_name for p in adults),
        adults_consented=tuple(p.display_name for p in adults if p.id in consented),
        consents_withdrawn=withdrawn,
        lead_professional=case.lead_professional.name if case.lead_professional else "",
        allocated_on=alloc.allocated_at.date() if alloc else None,
        assessment_status=assess.status if assess else None,
        assessment_authorised_on=assess.authorised_on if assess else None,
        plan_version=plan.number if plan else None,
        plan_agreed_on=plan.agreed_on if plan else None,
        meetings_held=len(held),
        last_meeting_on=held[-1].starts_at.date() if held else None,
        next_review_on=held[-1].next_review_on if held else None,
        ending_kind=ending.kind if ending else None,
        ending_on=ending.decided_on if ending else None,
        stepped_down=stepped_down > 0,
    )
