"""Timescales: when each step of a family's journey is due, and whether it is late.

``deadlines(facts, settings, calendar, today)`` is a pure function of ``TimescaleFacts`` (read
by ``services.deadlines``) and the local authority's ``Timescales``. Every deadline carries the
reason for its date in words, so that a lead professional can check it by hand.

Counting: "within 5 working days of Tuesday 22 December 2026" means the 5th working day after
that day (bank holidays and weekends skipped), Thursday 31 December 2026 in England.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from .journey import Journey
from .settings import Limit, Settings, Timescales
from .workdays import WorkingCalendar, add_months, local_day

DONE_STEPS = ("decision", "allocation", "first_visit", "assessment", "initial_taf", "family_copy")
RECURRING_STEPS = ("visit", "review", "supervision")
STEP_TITLES = {
    "decision": "Decision on the request",
    "allocation": "Allocation to a lead professional",
    "first_visit": "Introductory visit",
    "assessment": "Assessment completed and authorised",
    "initial_taf": "Initial TAF meeting",
    "family_copy": "Family has a copy of the assessment and plan",
    "visit": "Next visit",
    "review": "Next review TAF meeting",
    "supervision": "Next supervision",
    "length": "Length of intervention",
}
# Where in the case each step is dealt with (a key of the journey shown in the workspace).
JOURNEY_KEY = {
    "decision": "request", "allocation": "allocation", "first_visit": "assessment",
    "assessment": "assessment", "initial_taf": "meetings", "family_copy": "plan", "visit": "plan",
    "review": "meetings", "supervision": "allocation", "length": "ending",
}
# Where in the case a step is dealt with, when that is not its journey step (Case work entries).
SECTION_KEY = {"first_visit": "visits", "visit": "visits", "supervision": "supervision"}
NOT_OPENED = ("redirect_social_care", "advice_signpost")


class DueState(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"  # not done, not yet late
    DONE = "done"  # done on time
    DONE_LATE = "done_late"


@dataclass(frozen=True)
class TimescaleFacts:
    """What the timescales depend on, for one case."""

    case_id: str = ""
    reference: str = ""
    family_name: str = ""
    status: str = "open"
    lead_professional_id: str | None = None
    lead_professional: str = ""
    received_at: datetime | None = None
    decided_at: datetime | None = None
    request_outcome: str | None = None
    allocated_at: datetime | None = None
    first_visit_on: date | None = None
    last_visit_on: date | None = None
    assessment_completed_on: date | None = None
    assessment_authorised_on: date | None = None
    shared_with_family_on: date | None = None
    stepped_down_on: date | None = None  # arrived from social care with the social worker's plan
    initial_taf_on: date | None = None
    last_taf_on: date | None = None
    next_review_on: date | None = None  # set at the last TAF meeting
    last_supervision_on: date | None = None
    opened_on: date | None = None
    ended_on: date | None = None  # closed, stepped up, or ended when consent was withdrawn


@dataclass(frozen=True)
class Deadline:
    step: str
    due_on: date
    state: DueState
    reason: str  # why it is due on that day, in words
    done_on: date | None = None
    late_by: int = 0  # working days late (done late, or overdue as of today)

    @property
    def title(self) -> str:
        return STEP_TITLES[self.step]

    @property
    def journey_key(self) -> str:
        return JOURNEY_KEY[self.step]

    @property
    def section_key(self) -> str:
        """The part of the case where the user deals with this step (a visit: the visits)."""
        return SECTION_KEY.get(self.step, JOURNEY_KEY[self.step])

    @property
    def is_open(self) -> bool:
        return self.state in (DueState.DUE, DueState.OVERDUE)


def _d(day: date) -> str:
    return day.strftime("%d %b %Y")


def _days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


class Rules:
    """The limits of one local authority, applied with its calendar."""

    def __init__(self, settings: Settings | None = None, calendar: WorkingCalendar | None = None) -> None:
        self.settings = settings or Settings()
        self.limits: Timescales = self.settings.timescales
        self.calendar = calendar or WorkingCalendar(self.settings.bank_holidays,
                                                    self.settings.extra_closed_days)

    def due(self, limit: Limit, start: date | datetime) -> date:
        """The last day on which something limited by ``limit`` from ``start`` is on time."""
        if limit.unit == "hours":
            moment = start if isinstance(start, datetime) else datetime(start.year, start.month, start.day)
            later = moment + timedelta(hours=limit.amount)
            return local_day(later) if later.tzinfo else later.date()
        day = _day(start)
        if limit.unit == "working_days":
            return self.calendar.add(day, limit.amount)
        if limit.unit == "calendar_days":
            return day + timedelta(days=limit.amount)
        if limit.unit == "weeks":
            return day + timedelta(weeks=limit.amount)
        return add_months(day, limit.amount)

    def late_by(self, due_on: date, day: date) -> int:
        """Working days ``day`` is after ``due_on`` (at least 1 when it is after it at all)."""
        if day <= due_on:
            return 0
        return max(1, self.calendar.between(due_on, day))


def _day(moment: date | datetime) -> date:
    return local_day(moment) if isinstance(moment, datetime) and moment.tzinfo else (
        moment.date() if isinstance(moment, datetime) else moment)


def _judge(rules: Rules, step: str, due_on: date, done_on: date | None, reason: str,
           today: date) -> Deadline:
    if done_on is not None:
        late = rules.late_by(due_on, done_on)
        return Deadline(step, due_on, DueState.DONE_LATE if late else DueState.DONE, reason, done_on, late)
    late = rules.late_by(due_on, today)
    return Deadline(step, due_on, DueState.OVERDUE if late else DueState.DUE, reason, None, late)


def deadlines(f: TimescaleFacts, rules: Rules, today: date) -> list[Deadline]:
    """Every timed step of one case: done ones (on time or late) and open ones (due or overdue).

    Recurring steps (visits, reviews, supervision) give only the next one; a case that has ended
    asks for nothing more, so only its milestones are listed."""
    if f.received_at is None:
        return []
    L = rules.limits
    received = _day(f.received_at)
    ended = f.ended_on is not None or f.status in ("closed", "stepped_up", "redirected")
    out: list[Deadline] = []

    def add(step: str, due_on: date, done: date | None, reason: str) -> None:
        if done is None and ended:
            return  # a step never reached before the case ended is not late, it is not needed
        out.append(_judge(rules, step, due_on, done, reason, today))

    rec = f"received {_when(f.received_at)}"
    add("decision", rules.due(L.decision, f.received_at),
        _day(f.decided_at) if f.decided_at else None, f"{L.decision.words()} from the request, {rec}.")
    if f.request_outcome in NOT_OPENED:
        return out
    add("allocation", rules.due(L.allocation, f.received_at),
        _day(f.allocated_at) if f.allocated_at else None, f"{L.allocation.words()} from the request, {rec}.")

    allocated = _day(f.allocated_at) if f.allocated_at else None
    if allocated:
        anchor, what = allocated, f"allocation on {_d(allocated)}"
    else:
        anchor, what = received, f"the request on {_d(received)}"
    add("first_visit", rules.due(L.first_visit, anchor), f.first_visit_on,
        f"{L.first_visit.words()} from {what}.")

    if f.stepped_down_on is None:
        due_on = rules.due(L.assessment, received)
        reason = f"{L.assessment.words()} from the request on {_d(received)}"
        if f.first_visit_on and L.assessment_after_visit is not None:
            by_visit = rules.due(L.assessment_after_visit, f.first_visit_on)
            if by_visit < due_on:
                due_on = by_visit
                reason = f"{L.assessment_after_visit.words()} from the first visit on {_d(f.first_visit_on)}"
        add("assessment", due_on, f.assessment_authorised_on, reason + ".")

    due_on = rules.due(L.initial_taf_from_request, received)
    reason = f"{L.initial_taf_from_request.words()} from the request on {_d(received)}"
    completed = f.assessment_completed_on or f.assessment_authorised_on
    if completed and f.stepped_down_on is None:
        by_assessment = rules.due(L.initial_taf, completed)
        if by_assessment < due_on:
            due_on = by_assessment
            reason = f"{L.initial_taf.words()} from the assessment's completion on {_d(completed)}"
    if f.stepped_down_on is not None:
        reason += "; stepped down with the social worker's plan, so no new assessment"
    add("initial_taf", due_on, f.initial_taf_on, reason + ".")

    if f.initial_taf_on:
        shared = f.shared_with_family_on
        done = shared if shared and shared >= f.initial_taf_on else None
        add("family_copy", rules.due(L.family_copy, f.initial_taf_on), done,
            f"{L.family_copy.words()} from the initial TAF meeting on {_d(f.initial_taf_on)}.")

    if ended:
        return out
    if f.last_visit_on:
        add("visit", rules.due(L.visits, f.last_visit_on), None,
            f"At least every {L.visits.words()}; last visit {_d(f.last_visit_on)}.")
    if f.last_taf_on:
        due_on = rules.due(L.review, f.last_taf_on)
        reason = f"Within {L.review.words()} of the TAF meeting on {_d(f.last_taf_on)}"
        if f.next_review_on and f.next_review_on < due_on:
            due_on, reason = f.next_review_on, f"Review date set at the TAF meeting on {_d(f.last_taf_on)}"
        elif f.next_review_on and f.next_review_on > due_on:
            reason += f"; the date set ({_d(f.next_review_on)}) is later than that"
        add("review", due_on, None, reason + ".")
    sup_from = f.last_supervision_on or allocated
    if sup_from:
        what = f"last supervision {_d(sup_from)}" if f.last_supervision_on else f"allocated {_d(sup_from)}"
        add("supervision", rules.due(L.supervision, sup_from), None,
            f"At least every {L.supervision.words()}; {what}.")
    opened = f.opened_on or received
    add("length", rules.due(L.length, opened), None,
        f"Open since {_d(opened)}; usually 3 to 6 months. Consider closing or stepping up.")
    return out


def _when(moment: datetime) -> str:
    """A stored moment as UK local time, e.g. "22 Dec 2026 at 10:15"."""
    if moment.tzinfo is not None:
        try:
            from zoneinfo import ZoneInfo

            moment = moment.astimezone(ZoneInfo("Europe/London"))
        except Exception:  # no time-zone data: UTC is at most an hour out
            pass
    return moment.strftime("%d %b %Y at %H:%M")


def describe(dl: Deadline, today: date) -> str:
    """The state of a deadline in a few words, for a list or a journey step."""
    if dl.state is DueState.DONE:
        return f"Done {_d(dl.done_on)} (due {_d(dl.due_on)})" if dl.done_on else "Done"
    if dl.state is DueState.DONE_LATE:
        return f"Done {_d(dl.done_on)}, {_days(dl.late_by)} late (due {_d(dl.due_on)})" if dl.done_on else "Done late"
    if dl.state is DueState.OVERDUE:
        return f"Late: due {_d(dl.due_on)}, {_days(dl.late_by)} ago"
    if dl.due_on == today:
        return f"Due today, {_d(dl.due_on)}"
    return f"Due {_d(dl.due_on)}"


def most_pressing(items: list[Deadline]) -> dict[str, Deadline]:
    """Per journey step, the deadline to show there: the earliest open one, else the last done."""
    out: dict[str, Deadline] = {}
    for dl in items:
        key = dl.journey_key
        have = out.get(key)
        if have is None:
            out[key] = dl
        elif dl.is_open and (not have.is_open or dl.due_on < have.due_on):
            out[key] = dl
        elif not dl.is_open and not have.is_open and (dl.done_on or dl.due_on) > (have.done_on or have.due_on):
            out[key] = dl
    return out


class Bucket(StrEnum):
    OVERDUE = "overdue"
    THIS_WEEK = "this_week"
    NEXT_WEEK = "next_week"
    LATER = "later"


BUCKET_TITLES = {Bucket.OVERDUE: "Overdue", Bucket.THIS_WEEK: "Due this week",
                 Bucket.NEXT_WEEK: "Due next week", Bucket.LATER: "Later"}


def bucket(dl: Deadline, today: date) -> Bucket:
    """Overdue, due this week (to Sunday), next week, or later."""
    if dl.state is DueState.OVERDUE:
        return Bucket.OVERDUE
    end_of_week = today + timedelta(days=6 - today.weekday())
    if dl.due_on <= end_of_week:
        return Bucket.THIS_WEEK
    if dl.due_on <= end_of_week + timedelta(days=7):
        return Bucket.NEXT_WEEK
    return Bucket.LATER


def with_deadlines(j: Journey, items: list[Deadline], today: date) -> Journey:
    """The journey with each step's due date and whether it is late, from ``deadlines``."""
    shown = most_pressing(items)
    steps = []
    for step in j.steps:
        dl = shown.get(step.key)
        if dl is None or (j.ended and dl.is_open):
            steps.append(step)
            continue
        text = f"{dl.title}: {describe(dl, today)}"
        steps.append(replace(step, due=text, late=dl.state is DueState.OVERDUE))
    return Journey(steps, ended=j.ended)


def overdue_count(items: list[Deadline]) -> int:
    return sum(1 for dl in items if dl.state is DueState.OVERDUE)
