"""Deadlines read from the record: the demo family, and a caseload of several cases."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tafdesk.models.orm import Case, Request
from tafdesk.models.services.cases import create_case
from tafdesk.models.services.deadlines import case_deadlines, caseload, timescale_facts
from tafdesk.models.storage import Database
from tafdesk.models.timescales import Bucket, DueState, Rules

TODAY = date(2026, 12, 1)  # a Tuesday


def test_demo_family_deadlines(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        d = {x.step: x for x in case_deadlines(s, demo_case_id, Rules(), TODAY)}
    # Request Mon 7 Sep 2026, allocated Tue 8 Sep: visit within 5 working days -> Tue 15 Sep (done 10 Sep).
    assert d["first_visit"].due_on == date(2026, 9, 15) and d["first_visit"].state is DueState.DONE
    # 20 working days from Mon 7 Sep -> Mon 5 Oct, as the demo's allocation note says.
    assert d["assessment"].due_on == date(2026, 10, 5) and d["assessment"].state is DueState.DONE
    # Completed Wed 30 Sep + 10 working days -> Wed 14 Oct; held Thu 8 Oct.
    assert d["initial_taf"].due_on == date(2026, 10, 14) and d["initial_taf"].state is DueState.DONE
    # Last visit Thu 5 Nov + 10 working days -> Thu 19 Nov; overdue on 1 Dec by 8 working days.
    assert d["visit"].state is DueState.OVERDUE and d["visit"].late_by == 8
    assert d["review"].due_on == date(2026, 12, 31)
    assert d["supervision"].due_on == date(2026, 10, 30) and d["supervision"].state is DueState.OVERDUE
    assert d["length"].due_on == date(2027, 3, 8)


def test_caseload_lists_open_steps_most_urgent_first(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        new = create_case(s, {"family_name": "Lee"}, user="t", received_on=date(2026, 11, 30))
        s.add(Request(case_id=new.id, received_at=datetime(2026, 11, 30, 9, tzinfo=UTC), source="school",
                      outcome="open_early_help", decided_at=datetime(2026, 11, 30, 12, tzinfo=UTC)))
        closed = create_case(s, {"family_name": "Shut"}, user="t")
        s.add(Request(case_id=closed.id, received_at=datetime(2026, 6, 1, 9, tzinfo=UTC), source="school"))
        closed.status = "closed"
    with demo_db.session() as s:
        items = caseload(s, Rules(), TODAY)
        facts = timescale_facts(s)
        lead = s.get(Case, demo_case_id).lead_professional_id
        mine = caseload(s, Rules(), TODAY, lead_professional_id=lead)
    assert {i.family_name for i in items} == {"Carter-Nowak", "Lee"}
    assert [i.bucket for i in items] == sorted((i.bucket for i in items), key=list(Bucket).index)
    overdue = [(i.family_name, i.deadline.step) for i in items if i.bucket is Bucket.OVERDUE]
    assert overdue == [("Carter-Nowak", "supervision"), ("Carter-Nowak", "visit")]
    lee = {i.deadline.step: i for i in items if i.family_name == "Lee"}
    # Received Mon 30 Nov: allocation within 48 hours -> Wed 2 Dec (this week); the first visit
    # (5 working days from the request, not yet allocated) -> Mon 7 Dec (next week).
    assert lee["allocation"].bucket is Bucket.THIS_WEEK and lee["allocation"].deadline.due_on == date(2026, 12, 2)
    assert lee["first_visit"].bucket is Bucket.NEXT_WEEK
    assert {i.family_name for i in mine} == {"Carter-Nowak"}
    assert len(facts) == 3  # every case when not asked for open ones only
