"""Timescales against dates worked out by hand, across weekends, bank holidays and year ends.

England and Wales bank holidays around the 2026/27 year end: Fri 25 Dec (Christmas Day), Sat 26 Dec
(Boxing Day, a Saturday, so observed on Mon 28 Dec), Fri 1 Jan 2027 (New Year's Day).
Scotland adds 2 Jan (a Saturday in 2027, so observed on Mon 4 Jan 2027).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tafdesk.models.settings import Limit, Settings, Timescales
from tafdesk.models.timescales import (
    Bucket,
    DueState,
    Rules,
    TimescaleFacts,
    bucket,
    deadlines,
    describe,
    most_pressing,
)
from tafdesk.models.workdays import WorkingCalendar, add_months

ENGLAND = Rules()
SCOTLAND = Rules(Settings(bank_holidays="scotland"))
N_IRELAND = Rules(Settings(bank_holidays="northern_ireland"))
REQUEST = datetime(2026, 12, 22, 10, 0, tzinfo=UTC)  # Tuesday 22 December 2026, 10:00 (GMT = UTC)


def by_step(f: TimescaleFacts, today: date, rules: Rules = ENGLAND) -> dict[str, object]:
    return {d.step: d for d in deadlines(f, rules, today)}


def test_working_days_skip_christmas_boxing_day_and_new_year() -> None:
    cal = WorkingCalendar()
    # After Tue 22 Dec: Wed 23 (1), Thu 24 (2), [Fri 25, Sat, Sun, Mon 28 closed], Tue 29 (3),
    # Wed 30 (4), Thu 31 (5), [Fri 1 Jan, Sat, Sun], Mon 4 Jan (6).
    assert cal.add(date(2026, 12, 22), 5) == date(2026, 12, 31)
    assert cal.add(date(2026, 12, 22), 6) == date(2027, 1, 4)
    # Twenty: ... Mon 4 to Fri 8 Jan (6-10), 11-15 (11-15), 18-22 Jan (16-20).
    assert cal.add(date(2026, 12, 22), 20) == date(2027, 1, 22)
    assert not cal.is_working_day(date(2026, 12, 28)) and cal.holiday_name(date(2026, 12, 28))
    assert cal.between(date(2026, 12, 24), date(2027, 1, 4)) == 4  # 29, 30, 31 Dec and 4 Jan


def test_scotland_and_northern_ireland_have_their_own_bank_holidays() -> None:
    scot, ni, eng = WorkingCalendar("scotland"), WorkingCalendar("northern_ireland"), WorkingCalendar()
    # Scotland: 4 Jan 2027 is the observed 2 January holiday, so 20 working days from 22 Dec
    # reach Mon 25 Jan instead of Fri 22 Jan.
    assert scot.add(date(2026, 12, 22), 20) == date(2027, 1, 25)
    # From Mon 15 Mar 2027, 5 working days: England 16, 17, 18, 19, 22 Mar; Northern Ireland
    # skips St Patrick's Day (Wed 17 Mar): 16, 18, 19, 22, 23 Mar.
    assert eng.add(date(2027, 3, 15), 5) == date(2027, 3, 22)
    assert ni.add(date(2027, 3, 15), 5) == date(2027, 3, 23)
    # Easter 2027: Good Friday 26 Mar everywhere, Easter Monday 29 Mar not in Scotland.
    assert eng.add(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert scot.add(date(2027, 3, 25), 1) == date(2027, 3, 29)


def test_weekends_and_a_request_on_a_saturday() -> None:
    cal = WorkingCalendar()
    assert cal.add(date(2026, 11, 6), 5) == date(2026, 11, 13)  # Fri -> next Fri
    assert cal.add(date(2026, 11, 7), 5) == date(2026, 11, 13)  # Sat: counting starts on Monday
    assert cal.add(date(2026, 11, 8), 1) == date(2026, 11, 9)


def test_extra_closed_days_from_the_settings() -> None:
    cal = WorkingCalendar(extra_closed=["2026-12-24"])  # the service closes on Christmas Eve
    assert cal.add(date(2026, 12, 22), 5) == date(2027, 1, 4)


def test_months_end_on_the_last_day_when_the_month_is_short() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 22), 6) == date(2027, 6, 22)


def test_request_on_22_december_2026_every_milestone() -> None:
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       opened_on=date(2026, 12, 22))
    d = by_step(f, today=date(2026, 12, 22))
    assert d["decision"].due_on == date(2026, 12, 23)  # 24 hours: Wed 23 Dec 10:00
    assert d["allocation"].due_on == date(2026, 12, 24)  # 48 hours: Thu 24 Dec 10:00
    assert d["first_visit"].due_on == date(2026, 12, 31)  # not allocated: 5 working days from the request
    assert d["assessment"].due_on == date(2027, 1, 22)  # 20 working days
    # 30 working days: ... 22 Jan (20), 25-29 Jan (21-25), 1-5 Feb (26-30).
    assert d["initial_taf"].due_on == date(2027, 2, 5)
    assert d["length"].due_on == date(2027, 6, 22)
    assert all(x.state is DueState.DUE for x in d.values())
    assert "family_copy" not in d and "review" not in d and "visit" not in d


def test_request_on_22_december_2026_as_the_case_goes_on() -> None:
    f = TimescaleFacts(
        status="open", received_at=REQUEST, request_outcome="open_early_help", opened_on=date(2026, 12, 22),
        decided_at=datetime(2026, 12, 23, 9, tzinfo=UTC),
        allocated_at=datetime(2026, 12, 24, 11, tzinfo=UTC),  # one hour after the 48 hours: late
        first_visit_on=date(2027, 1, 5), last_visit_on=date(2027, 1, 8),
        assessment_completed_on=date(2027, 1, 14), assessment_authorised_on=date(2027, 1, 15),
        initial_taf_on=date(2027, 1, 27), last_taf_on=date(2027, 1, 27), next_review_on=date(2027, 3, 3),
        shared_with_family_on=date(2027, 2, 4), last_supervision_on=date(2027, 1, 15),
    )
    d = by_step(f, today=date(2027, 2, 8))
    assert d["decision"].state is DueState.DONE
    # The allocation was on its due day (a whole day counts), so it is on time.
    assert d["allocation"].state is DueState.DONE
    # Allocated Thu 24 Dec: 29, 30, 31 Dec, 4, 5 Jan -> due Tue 5 Jan; visited that day.
    assert d["first_visit"].due_on == date(2027, 1, 5) and d["first_visit"].state is DueState.DONE
    assert d["assessment"].state is DueState.DONE  # authorised 15 Jan, due 22 Jan
    # Completed Thu 14 Jan: 15, 18, 19, 20, 21, 22, 25, 26, 27, 28 -> 28 Jan, earlier than 5 Feb.
    assert d["initial_taf"].due_on == date(2027, 1, 28)
    assert "assessment's completion on 14 Jan 2027" in d["initial_taf"].reason
    # Initial TAF Wed 27 Jan: 28, 29 Jan, 1, 2, 3 Feb -> due 3 Feb; shared 4 Feb: 1 working day late.
    fc = d["family_copy"]
    assert fc.due_on == date(2027, 2, 3) and fc.state is DueState.DONE_LATE and fc.late_by == 1
    # Last visit Fri 8 Jan: 10 working days -> Fri 22 Jan; on Mon 8 Feb that is 11 working days ago.
    assert d["visit"].due_on == date(2027, 1, 22) and d["visit"].state is DueState.OVERDUE
    assert d["visit"].late_by == 11
    # The review date set (3 Mar) is before the 6-week limit (10 Mar), so it is the due date.
    assert d["review"].due_on == date(2027, 3, 3) and "set at the TAF meeting" in d["review"].reason
    assert d["supervision"].due_on == date(2027, 2, 12)  # 4 weeks after 15 Jan


def test_late_allocation_and_late_by_in_working_days_across_new_year() -> None:
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       allocated_at=datetime(2027, 1, 5, 9, tzinfo=UTC))
    d = by_step(f, today=date(2027, 1, 6))
    # Due Thu 24 Dec; allocated Tue 5 Jan: 29, 30, 31 Dec, 4, 5 Jan = 5 working days late.
    assert d["allocation"].state is DueState.DONE_LATE and d["allocation"].late_by == 5
    assert "5 working days late" in describe(d["allocation"], date(2027, 1, 6))


def test_overdue_counts_working_days_to_today() -> None:
    f = TimescaleFacts(status="open", received_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
                       request_outcome="open_early_help", allocated_at=datetime(2026, 11, 3, 9, tzinfo=UTC),
                       first_visit_on=date(2026, 11, 5), last_visit_on=date(2026, 12, 10))
    d = by_step(f, today=date(2027, 1, 4))
    # Thu 10 Dec + 10 working days: 11, 14-18, 21-24 -> Thu 24 Dec. On Mon 4 Jan: 29, 30, 31, 4 = 4 late.
    assert d["visit"].due_on == date(2026, 12, 24)
    assert d["visit"].state is DueState.OVERDUE and d["visit"].late_by == 4
    assert describe(d["visit"], date(2027, 1, 4)) == "Late: due 24 Dec 2026, 4 working days ago"


def test_a_review_date_later_than_the_limit_is_not_the_due_date() -> None:
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       initial_taf_on=date(2027, 1, 27), last_taf_on=date(2027, 1, 27),
                       next_review_on=date(2027, 4, 1))
    review = by_step(f, date(2027, 2, 1))["review"]
    assert review.due_on == date(2027, 3, 10)  # Wed 27 Jan + 6 weeks
    assert "later than that" in review.reason


def test_redirected_request_has_only_the_decision() -> None:
    f = TimescaleFacts(status="redirected", received_at=REQUEST, decided_at=REQUEST,
                       request_outcome="redirect_social_care")
    assert [d.step for d in deadlines(f, ENGLAND, date(2027, 3, 1))] == ["decision"]


def test_an_ended_case_asks_for_nothing_more() -> None:
    f = TimescaleFacts(status="closed", received_at=REQUEST, decided_at=REQUEST, request_outcome="open_early_help",
                       allocated_at=REQUEST, last_visit_on=date(2027, 1, 4), ended_on=date(2027, 1, 10))
    items = deadlines(f, ENGLAND, date(2027, 6, 1))
    assert items and all(not d.is_open for d in items)


def test_step_down_needs_no_new_assessment() -> None:
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       stepped_down_on=date(2026, 12, 22))
    d = by_step(f, date(2026, 12, 23))
    assert "assessment" not in d
    assert "social worker's plan" in d["initial_taf"].reason


def test_limits_from_the_settings_in_each_unit() -> None:
    rules = Rules(Settings(timescales=Timescales(
        allocation=Limit(amount=2, unit="working_days"), first_visit=Limit(amount=7, unit="calendar_days"),
        assessment=Limit(amount=4, unit="weeks"),
        assessment_after_visit=Limit(amount=5, unit="working_days"))))
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       first_visit_on=date(2026, 12, 23))
    d = by_step(f, date(2026, 12, 23), rules)
    assert d["allocation"].due_on == date(2026, 12, 24)  # 2 working days
    assert d["first_visit"].due_on == date(2026, 12, 29)  # 7 calendar days
    # 4 weeks from the request is 19 Jan; 5 working days from the visit (Wed 23 Dec) is earlier:
    # 24, 29, 30, 31 Dec, 4 Jan.
    assert d["assessment"].due_on == date(2027, 1, 4)
    assert d["assessment"].reason.startswith("5 working days from the first visit")


def test_scotland_moves_the_first_visit() -> None:
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       allocated_at=datetime(2026, 12, 24, 9, tzinfo=UTC))
    # Allocated Thu 24 Dec; Scotland closes Mon 4 Jan too: 29, 30, 31 Dec, 5, 6 Jan.
    assert by_step(f, date(2026, 12, 24), SCOTLAND)["first_visit"].due_on == date(2027, 1, 6)
    assert by_step(f, date(2026, 12, 24), N_IRELAND)["first_visit"].due_on == date(2027, 1, 5)


@pytest.mark.parametrize(("due", "bucket_"), [
    (date(2027, 1, 6), Bucket.THIS_WEEK),  # today is Wed 6 Jan 2027
    (date(2027, 1, 10), Bucket.THIS_WEEK),  # Sunday ends the week
    (date(2027, 1, 11), Bucket.NEXT_WEEK),
    (date(2027, 1, 17), Bucket.NEXT_WEEK),
    (date(2027, 1, 18), Bucket.LATER),
])
def test_buckets_this_week_and_next(due: date, bucket_: Bucket) -> None:
    from tafdesk.models.timescales import Deadline

    assert bucket(Deadline("visit", due, DueState.DUE, ""), date(2027, 1, 6)) is bucket_


def test_most_pressing_picks_the_earliest_open_step() -> None:
    f = TimescaleFacts(status="open", received_at=REQUEST, request_outcome="open_early_help",
                       allocated_at=REQUEST, first_visit_on=date(2026, 12, 23))
    shown = most_pressing(deadlines(f, ENGLAND, date(2026, 12, 23)))
    assert shown["assessment"].step == "assessment"  # first visit done; the assessment is open
    assert shown["allocation"].step == "supervision"  # allocation done; supervision is still to come


def test_the_journey_shows_due_dates_without_changing_its_words() -> None:
    from tafdesk.models.journey import CaseFacts, journey
    from tafdesk.models.timescales import with_deadlines

    facts = CaseFacts(status="open", request_received=date(2026, 12, 22), request_outcome="open_early_help",
                      adults=("Ann",), adults_consented=("Ann",), lead_professional="Sam")
    f = TimescaleFacts(status="open", received_at=REQUEST, decided_at=REQUEST, request_outcome="open_early_help",
                       allocated_at=REQUEST, first_visit_on=date(2026, 12, 23))
    plain = journey(facts)
    timed = with_deadlines(plain, deadlines(f, ENGLAND, date(2027, 1, 25)), date(2027, 1, 25))
    steps = {s.key: s for s in timed.steps}
    assert [(s.key, s.detail, s.next_action) for s in timed.steps] == [
        (s.key, s.detail, s.next_action) for s in plain.steps]
    assert steps["assessment"].due == "Assessment completed and authorised: Late: due 22 Jan 2027, 1 working day ago"
    assert steps["assessment"].late
    assert steps["request"].due.startswith("Decision on the request: Done 22 Dec 2026") and not steps["request"].late


def test_a_stepped_down_case_needs_no_assessment_in_the_journey() -> None:
    from tafdesk.models.journey import CaseFacts, StepState, journey

    j = journey(CaseFacts(status="open", request_received=date(2026, 12, 22), request_outcome="open_early_help",
                          stepped_down=True))
    step = next(s for s in j.steps if s.key == "assessment")
    assert step.state is StepState.NOT_NEEDED and "social worker's plan" in step.detail
