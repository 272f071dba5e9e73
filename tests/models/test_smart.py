"""The SMART checker, with good and bad plans."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.smart import (
    ActionFacts,
    NeedFacts,
    OutcomeFacts,
    PlanFacts,
    Severity,
    check_action,
    check_plan,
    is_vague,
)

TODAY = date(2026, 11, 23)
REVIEW = date(2027, 1, 4)


def good_action(**kw: object) -> ActionFacts:
    base = dict(id="a1", description="Take Maja to drama club every Thursday.", owner="Barbara Nowak",
                start_on=date(2026, 11, 26), due_on=date(2026, 12, 17), measure="Maja attends 4 of 4 sessions.")
    base.update(kw)
    return ActionFacts(**base)  # type: ignore[arg-type]


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in findings]


@pytest.mark.parametrize("text", [
    "Support Maja.", "Monitor attendance.", "Engage with services", "Mum to engage", "Continue to support the family",
    "Help Leo with his behaviour", "Encourage Dean to work with the school",
])
def test_vague_wording_is_found(text: str) -> None:
    assert is_vague(text)
    assert "vague" in codes(check_action(good_action(description=text), today=TODAY, review_by=REVIEW))


@pytest.mark.parametrize("text", [
    "Take Maja to drama club every Thursday.", "Book a GP review of medication.",
    "Support Maja to attend school 5 days a week.", "Refer Leo to the ADHD pathway.",
    "Weekly home visits to set up morning routines.", "Submit the housing application by 27 November.",
])
def test_specific_wording_passes(text: str) -> None:
    assert not is_vague(text)


def test_a_good_action_has_no_findings() -> None:
    assert check_action(good_action(), today=TODAY, review_by=REVIEW) == []


def test_missing_owner_date_and_measure_are_explained() -> None:
    f = check_action(good_action(owner="", due_on=None, measure=" "), today=TODAY, review_by=REVIEW)
    assert codes(f) == ["no_owner", "no_date", "no_measure"]
    assert all(x.severity is Severity.PROBLEM and x.action_id == "a1" for x in f)
    assert "Name the one person" in f[0].message and "drama club" in f[0].message


def test_dates_past_inverted_and_beyond_the_review() -> None:
    assert codes(check_action(good_action(due_on=date(2026, 11, 1), start_on=None), today=TODAY,
                              review_by=REVIEW)) == ["overdue"]
    assert check_action(good_action(due_on=date(2026, 11, 1), start_on=None, status="done"), today=TODAY,
                        review_by=REVIEW) == []
    assert "start_after_due" in codes(check_action(good_action(start_on=date(2026, 12, 20)), today=TODAY,
                                                   review_by=REVIEW))
    late = check_action(good_action(due_on=date(2027, 3, 1)), today=TODAY, review_by=REVIEW)
    assert codes(late) == ["beyond_review"] and late[0].severity is Severity.ADVICE


def test_plan_level_findings() -> None:
    child_need = NeedFacts("n1", "Maja's attendance", concerns_child=True, concerns_adult=False)
    adult_need = NeedFacts("n2", "Mum's depression", concerns_child=False, concerns_adult=True)
    crowded = OutcomeFacts("o1", "Mum feels better", for_child=False, need_ids=("n2",),
                           actions=tuple(good_action(id=f"a{i}") for i in range(6)))
    empty = OutcomeFacts("o2", "Family life is calmer", for_child=False)
    f = check_plan(PlanFacts(outcomes=(crowded, empty), needs=(child_need, adult_need), review_by=REVIEW,
                             today=TODAY))
    assert codes(f) == ["too_many_actions", "outcome_without_actions", "outcome_without_need", "need_uncovered",
                        "children_before_adults"]


def test_an_uncovered_need_with_a_reason_is_accepted() -> None:
    need = NeedFacts("n1", "Housing", concerns_child=False, concerns_adult=True,
                     uncovered_reason="Housing team already working with the family.")
    o = OutcomeFacts("o1", "Maja attends school", for_child=True, need_ids=(), actions=(good_action(),))
    assert codes(check_plan(PlanFacts(outcomes=(o,), needs=(need,), review_by=REVIEW, today=TODAY))) == [
        "outcome_without_need"]
