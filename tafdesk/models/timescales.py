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

from ..i18n.catalog import N_, S_, Sentence
from .journey import Journey
from .settings import Limit, Settings, Timescales
from .workdays import WorkingCalendar, add_months, local_day

DONE_STEPS = ("decision", "allocation", "first_visit", "assessment", "initial_taf", "family_copy")
RECURRING_STEPS = ("visit", "review", "supervision")
STEP_TITLES = {
    "decision": N_("Decision on the request"),
    "allocation": N_("Allocation to a lead professional"),
    "first_visit": N_("Introductory visit"),
    "assessment": N_("Assessment completed and authorised"),
    "initial_taf": N_("Initial TAF meeting"),
    "family_copy": N_("Family has a copy of the assessment and plan"),
    "visit": N_("Next visit"),
    "review": N_("Next review TAF meeting"),
    "supervision": N_("Next supervision"),
    "length": N_("Length of intervention"),
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
    reason: str  # why it is due on that day, in words (a Sentence: translated where shown)
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

    local = _local(f.received_at)
    received_words = {"day": local.date(), "time": local.strftime("%H:%M")}
    add("decision", rules.due(L.decision, f.received_at), _day(f.decided_at) if f.decided_at else None,
        S_("{limit} from the request, received {day} at {time}.", limit=L.decision.words(), **received_words))
    if f.request_outcome in NOT_OPENED:
        return out
    add("allocation", rules.due(L.allocation, f.received_at), _day(f.allocated_at) if f.allocated_at else None,
        S_("{limit} from the request, received {day} at {time}.", limit=L.allocation.words(), **received_words))

    allocated = _day(f.allocated_at) if f.allocated_at else None
    if allocated:
        add("first_visit", rules.due(L.first_visit, allocated), f.first_visit_on,
            S_("{limit} from allocation on {day}.", limit=L.first_visit.words(), day=allocated))
    else:
        add("first_visit", rules.due(L.first_visit, received), f.first_visit_on,
            S_("{limit} from the request on {day}.", limit=L.first_visit.words(), day=received))

    if f.stepped_down_on is None:
        due_on = rules.due(L.assessment, received)
        reason: Sentence = S_("{limit} from the request on {day}.", limit=L.assessment.words(), day=received)
        if f.first_visit_on and L.assessment_after_visit is not None:
            by_visit = rules.due(L.assessment_after_visit, f.first_visit_on)
            if by_visit < due_on:
                due_on = by_visit
                reason = S_("{limit} from the first visit on {day}.", limit=L.assessment_after_visit.words(),
                            day=f.first_visit_on)
        add("assessment", due_on, f.assessment_authorised_on, reason)

    due_on = rules.due(L.initial_taf_from_request, received)
    reason = S_("{limit} from the request on {day}.", limit=L.initial_taf_from_request.words(), day=received)
    completed = f.assessment_completed_on or f.assessment_authorised_on
    if completed and f.stepped_down_on is None:
        by_assessment = rules.due(L.initial_taf, completed)
        if by_assessment < due_on:
            due_on = by_assessment
            reason = S_("{limit} from the assessment's completion on {day}.", limit=L.initial_taf.words(),
                        day=completed)
    if f.stepped_down_on is not None:
        reason = S_("{limit} from the request on {day}; stepped down with the social worker's plan, so no "
                    "new assessment.", limit=L.initial_taf_from_request.words(), day=received)
    add("initial_taf", due_on, f.initial_taf_on, reason)

    if f.initial_taf_on:
        shared = f.shared_with_family_on
        done = shared if shared and shared >= f.initial_taf_on else None
        add("family_copy", rules.due(L.family_copy, f.initial_taf_on), done,
            S_("{limit} from the initial TAF meeting on {day}.", limit=L.family_copy.words(),
               day=f.initial_taf_on))

    if ended:
        return out
    if f.last_visit_on:
        add("visit", rules.due(L.visits, f.last_visit_on), None,
            S_("At least every {limit}; last visit {day}.", limit=L.visits.words(), day=f.last_visit_on))
    if f.last_taf_on:
        due_on = rules.due(L.review, f.last_taf_on)
        reason = S_("Within {limit} of the TAF meeting on {day}.", limit=L.review.words(), day=f.last_taf_on)
        if f.next_review_on and f.next_review_on < due_on:
            due_on, reason = f.next_review_on, S_("Review date set at the TAF meeting on {day}.",
                                                  day=f.last_taf_on)
        elif f.next_review_on and f.next_review_on > due_on:
            reason = S_("Within {limit} of the TAF meeting on {day}; the date set ({set_on}) is later than that.",
                        limit=L.review.words(), day=f.last_taf_on, set_on=f.next_review_on)
        add("review", due_on, None, reason)
    sup_from = f.last_supervision_on or allocated
    if sup_from:
        add("supervision", rules.due(L.supervision, sup_from), None,
            S_("At least every {limit}; last supervision {day}.", limit=L.supervision.words(), day=sup_from)
            if f.last_supervision_on else
            S_("At least every {limit}; allocated {day}.", limit=L.supervision.words(), day=sup_from))
    opened = f.opened_on or received
    add("length", rules.due(L.length, opened), None,
        S_("Open since {day}; usually 3 to 6 months. Consider closing or stepping up.", day=opened))
    return out


def _local(moment: datetime) -> datetime:
    """A stored moment as UK local time."""
    if moment.tzinfo is not None:
        try:
            from zoneinfo import ZoneInfo

            moment = moment.astimezone(ZoneInfo("Europe/London"))
        except Exception:  # no time-zone data: UTC is at most an hour out
            pass
    return moment


def describe(dl: Deadline, today: date) -> str:
    """The state of a deadline in a few words, for a list or a journey step (a Sentence)."""
    if dl.state is DueState.DONE:
        return S_("Done {done} (due {due})", done=dl.done_on, due=dl.due_on) if dl.done_on else S_("Done")
    if dl.state is DueState.DONE_LATE:
        if not dl.done_on:
            return S_("Done late")
        return (S_("Done {done}, 1 working day late (due {due})", done=dl.done_on, due=dl.due_on)
                if dl.late_by == 1 else
                S_("Done {done}, {days} working days late (due {due})", done=dl.done_on, days=dl.late_by,
                   due=dl.due_on))
    if dl.state is DueState.OVERDUE:
        return (S_("Late: due {due}, 1 working day ago", due=dl.due_on) if dl.late_by == 1 else
                S_("Late: due {due}, {days} working days ago", due=dl.due_on, days=dl.late_by))
    if dl.due_on == today:
        return S_("Due today, {due}", due=dl.due_on)
    return S_("Due {due}", due=dl.due_on)


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


BUCKET_TITLES = {Bucket.OVERDUE: N_("Overdue"), Bucket.THIS_WEEK: N_("Due this week"),
                 Bucket.NEXT_WEEK: N_("Due next week"), Bucket.LATER: N_("Later")}


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
        text = S_("{step}: {state}", step=S_(dl.title), state=describe(dl, today))
        steps.append(replace(step, due=text, late=dl.state is DueState.OVERDUE))
    return Journey(steps, ended=j.ended)


def overdue_count(items: list[Deadline]) -> int:
    return sum(1 for dl in items if dl.state is DueState.OVERDUE)
