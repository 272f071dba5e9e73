"""Closure, step up, ending on withdrawn consent, and the step-down intake."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tafdesk.models.errors import TafdeskError, ValidationFailed
from tafdesk.models.journey import StepState, case_facts, journey
from tafdesk.models.orm import Case, Meeting, Outcome, PlanVersion
from tafdesk.models.services.deadlines import case_deadlines
from tafdesk.models.services.endings import end_case, ending_of, step_down_intake
from tafdesk.models.storage import Database
from tafdesk.models.timescales import Rules

TODAY = date(2026, 12, 1)


def test_closure_with_an_ending_meeting(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        end_case(s, demo_case_id, {"kind": "closure", "decided_on": "2026-11-30", "reason": "Outcomes met.",
                                   "summary": "Maja attends every day.", "continuing_service": "Riverside Academy",
                                   "ending_meeting_on": "2026-11-27", "ending_meeting_venue": "School"},
                 user="t", today=TODAY)
    with demo_db.session() as s:
        case = s.get(Case, demo_case_id)
        assert case.status == "closed" and case.closed_on == date(2026, 11, 30)
        ending = ending_of(s, demo_case_id)
        assert ending is not None and ending.continuing_service == "Riverside Academy"
        meeting = s.scalar(select(Meeting).where(Meeting.case_id == demo_case_id, Meeting.kind == "ending"))
        assert meeting is not None and meeting.status == "held" and meeting.starts_at.date() == date(2026, 11, 27)
        j = journey(case_facts(s, demo_case_id))
        assert j.steps[-1].detail == "Closed on 30 Nov 2026." and j.next_step is None
        assert all(not d.is_open for d in case_deadlines(s, demo_case_id, Rules(), TODAY))
        with pytest.raises(TafdeskError, match="already ended"):
            end_case(s, demo_case_id, {"kind": "closure", "decided_on": "2026-11-30", "reason": "x"}, user="t",
                     today=TODAY)


@pytest.mark.parametrize(("data", "field"), [
    ({"kind": "step_up", "reason": "Risk of significant harm.", "summary": "Plan"}, "manager"),
    ({"kind": "step_up", "reason": "Risk.", "manager": "Mark Ellis"}, "summary"),
    ({"kind": "consent_withdrawn", "reason": "Mum said no more."}, "manager"),
    ({"kind": "closure"}, "reason"),
    ({"kind": "closure", "reason": "x", "ending_meeting_on": "2026-12-01"}, "ending_meeting_on"),
    ({"kind": "step_down_in", "reason": "x"}, "kind"),
])
def test_an_ending_needs_what_the_decision_rests_on(demo_db: Database, demo_case_id: str, data: dict,
                                                    field: str) -> None:
    with demo_db.session() as s, pytest.raises(ValidationFailed) as err:
        end_case(s, demo_case_id, {"decided_on": "2026-11-30", **data}, user="t", today=TODAY)
    assert field in err.value.problems
    with demo_db.session() as s:
        assert s.get(Case, demo_case_id).status == "open"


def test_step_up_changes_the_status(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        end_case(s, demo_case_id, {"kind": "step_up", "decided_on": "2026-11-30", "reason": "Leo disclosed harm.",
                                   "summary": "Behaviour plan, young carers.", "manager": "Mark Ellis",
                                   "referral_reference": "MASH-123"}, user="t", today=TODAY)
    with demo_db.session() as s:
        assert s.get(Case, demo_case_id).status == "stepped_up"


def test_step_down_starts_the_plan_from_the_social_workers_plan(tmp_db: Database) -> None:
    with tmp_db.session() as s:
        case = step_down_intake(s, {"family_name": "Okafor", "received_on": "2026-11-16",
                                    "social_worker": "Dana Price", "referral_reference": "CIN-77",
                                    "plan_summary": "Child in need plan ended; early help to continue.",
                                    "outcomes": "- Tobi attends school every day\n\n- Mum keeps her GP appointments\n"},
                                user="t", today=TODAY)
        case_id = case.id
    with tmp_db.session() as s:
        plan = s.scalar(select(PlanVersion).where(PlanVersion.case_id == case_id))
        outcomes = s.scalars(select(Outcome).where(Outcome.plan_version_id == plan.id)
                             .order_by(Outcome.position)).all()
        assert [o.description for o in outcomes] == ["Tobi attends school every day",
                                                     "Mum keeps her GP appointments"]
        steps = {st.key: st for st in journey(case_facts(s, case_id)).steps}
        assert steps["assessment"].state is StepState.NOT_NEEDED
        d = {x.step: x for x in case_deadlines(s, case_id, Rules(), TODAY)}
        assert "assessment" not in d and "social worker's plan" in d["initial_taf"].reason
    with tmp_db.session() as s, pytest.raises(ValidationFailed) as err:
        step_down_intake(s, {"family_name": "X", "received_on": "2026-11-16", "social_worker": "D"}, user="t",
                         today=TODAY)
    assert "outcomes" in err.value.problems
