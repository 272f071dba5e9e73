"""The SMART checker: explained findings on a family plan, never blocking.

A pure function over plain data, so the plan editor can show findings inline as the user types
and the tests can try good and bad plans directly. Each finding says what is wrong and why it
matters, in a sentence a lead professional can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..i18n.catalog import S_

MAX_ACTIONS_PER_OUTCOME = 5

# Verbs that on their own describe an intention, not something anyone can see happen.
VAGUE = {
    "support", "supports", "supporting", "monitor", "monitors", "monitoring", "engage", "engages",
    "engaging", "encourage", "encourages", "encouraging", "help", "helps", "helping", "continue",
    "continues", "continuing", "liaise", "liaising", "consider", "considering", "explore",
    "exploring", "promote", "promoting", "address", "addressing", "improve", "improving",
    "work", "working", "try", "trying", "aim", "assist", "assisting", "offer", "offering",
}
# Words that make an action observable: a count, a frequency, a concrete deed.
MEASURABLE = {
    "daily", "weekly", "fortnightly", "monthly", "every", "each", "times", "sessions", "session",
    "attend", "attends", "attended", "book", "booked", "complete", "completed", "submit",
    "submitted", "refer", "referred", "visit", "visits", "apply", "applied", "register",
    "registered", "call", "phone", "meet", "meets", "take", "takes", "bring", "brings", "check",
    "checks", "write", "sign", "signed", "collect", "arrange", "arranged", "deliver", "send",
    "enrol", "enrolled", "join", "record", "share", "agree", "agreed", "set", "use", "uses",
    "by", "before", "until", "per", "once", "twice", "first", "start", "starts",
}
WORD = re.compile(r"[a-zA-Z']+")


class Severity(StrEnum):
    PROBLEM = "problem"  # the plan is not SMART here
    ADVICE = "advice"  # worth a second look


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str  # a Sentence: English as a string, translated where it is shown
    outcome_id: str | None = None
    action_id: str | None = None
    need_id: str | None = None


@dataclass(frozen=True)
class ActionFacts:
    id: str
    description: str
    owner: str = ""  # the owner's name, "" when none
    start_on: date | None = None
    due_on: date | None = None
    measure: str = ""
    status: str = "not_started"


@dataclass(frozen=True)
class OutcomeFacts:
    id: str
    description: str
    for_child: bool  # the outcome is for a child (not an adult)
    need_ids: tuple[str, ...] = ()
    actions: tuple[ActionFacts, ...] = ()


@dataclass(frozen=True)
class NeedFacts:
    id: str
    description: str
    concerns_child: bool
    concerns_adult: bool
    uncovered_reason: str = ""  # why the plan does not answer it, when it does not


@dataclass(frozen=True)
class PlanFacts:
    outcomes: tuple[OutcomeFacts, ...]
    needs: tuple[NeedFacts, ...] = ()
    review_by: date | None = None
    today: date = field(default_factory=date.today)


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def is_vague(description: str) -> bool:
    """True when the wording names only an intention ("support", "monitor", "engage")
    with nothing anyone could see or count."""
    words = [w.lower() for w in WORD.findall(description)]
    if not words:
        return True
    has_number = bool(re.search(r"\d", description))
    return any(w in VAGUE for w in words) and not has_number and not any(w in MEASURABLE for w in words)


def check_action(a: ActionFacts, *, today: date, review_by: date | None) -> list[Finding]:
    found: list[Finding] = []
    what = _short(a.description)

    def add(code: str, sev: Severity, msg: str) -> None:
        found.append(Finding(code, sev, msg, action_id=a.id))

    if not a.description.strip():
        add("no_description", Severity.PROBLEM, S_("An action has no description: say what will be done."))
        return found
    if not a.owner:
        add("no_owner", Severity.PROBLEM,
            S_("“{action}” has no owner. Name the one person (family member or professional) who will do it.",
               action=what))
    if a.due_on is None:
        add("no_date", Severity.PROBLEM, S_("“{action}” has no date. Say by when it will be done.", action=what))
    if not a.measure.strip():
        add("no_measure", Severity.PROBLEM,
            S_("“{action}” has no measure. Say how everyone will know it has worked (“how we will know”).",
               action=what))
    if is_vague(a.description):
        add("vague", Severity.PROBLEM,
            S_("“{action}” says what people intend, not what they will do. Name something that can be "
               "seen or counted: how often, how many, by when.", action=what))
    open_action = a.status not in ("done", "stopped")
    if a.due_on and open_action and a.due_on < today:
        add("overdue", Severity.PROBLEM,
            S_("“{action}” was due on {day} and is not done. Update its status or agree a new date.",
               action=what, day=a.due_on))
    if a.start_on and a.due_on and a.start_on > a.due_on:
        add("start_after_due", Severity.PROBLEM, S_("“{action}” starts after it is due.", action=what))
    if a.due_on and review_by and a.due_on > review_by and open_action:
        add("beyond_review", Severity.ADVICE,
            S_("“{action}” is due after the plan's review on {day}. Add a step that can be "
               "checked at the review.", action=what, day=review_by))
    return found


def check_plan(plan: PlanFacts) -> list[Finding]:
    """Every finding on the plan, outcome by outcome, then the needs it leaves out."""
    found: list[Finding] = []
    covered: set[str] = set()
    for o in plan.outcomes:
        covered.update(o.need_ids)
        title = _short(o.description)
        if not o.actions:
            found.append(Finding("outcome_without_actions", Severity.PROBLEM,
                                 S_("The outcome “{outcome}” has no actions: who will do what to get there?",
                                    outcome=title), outcome_id=o.id))
        if len(o.actions) > MAX_ACTIONS_PER_OUTCOME:
            found.append(Finding("too_many_actions", Severity.ADVICE,
                                 S_("The outcome “{outcome}” has {count} actions. More than {most} is "
                                    "hard for a family to hold in mind: split the outcome or drop some.",
                                    outcome=title, count=len(o.actions), most=MAX_ACTIONS_PER_OUTCOME),
                                 outcome_id=o.id))
        if not o.need_ids and plan.needs:
            found.append(Finding("outcome_without_need", Severity.ADVICE,
                                 S_("The outcome “{outcome}” answers no need from the assessment. Link it to "
                                    "the need it meets.", outcome=title),
                                 outcome_id=o.id))
        for a in o.actions:
            found.extend(check_action(a, today=plan.today, review_by=plan.review_by))
    uncovered = [n for n in plan.needs if n.id not in covered]
    for n in uncovered:
        if not n.uncovered_reason.strip():
            found.append(Finding("need_uncovered", Severity.PROBLEM,
                                 S_("The need “{need}” is not answered by any outcome. Add one, "
                                    "or record why the plan leaves it out.", need=_short(n.description)),
                                 need_id=n.id))
    child_gap = [n for n in uncovered if n.concerns_child and not n.uncovered_reason.strip()]
    adults_met = any(n.concerns_adult and not n.concerns_child and n.id in covered for n in plan.needs)
    if child_gap and adults_met:
        found.append(Finding("children_before_adults", Severity.PROBLEM,
                             S_("{count} of the children's needs are not in the plan while adults' needs "
                                "are. Children's concerns come first.", count=len(child_gap))))
    return found
