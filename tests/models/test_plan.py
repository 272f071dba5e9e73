"""Plan versions, actions with named owners, the diff between versions, SMART on the demo plan."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services import plan as P
from tafdesk.models.services.people import list_people
from tafdesk.models.services.team import team_of
from tafdesk.models.smart import check_plan
from tafdesk.models.storage import Database


def test_demo_plan_versions_and_their_differences(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        v1, v2 = P.versions_of(s, demo_case_id)
        assert (v1.status, v2.status) == ("superseded", "agreed")
        old, new = P.plan_dto(s, v1.id), P.plan_dto(s, v2.id)
    changes = P.diff_plans(old, new)
    assert {(c.kind, c.fields) for c in changes} == {("changed", ("status",)), ("changed", ("status", "rag"))}
    assert sorted(c.description[:20] for c in changes) == [
        "Book a GP review of ", "Help Agnieszka compl", "Refer Maja to Rivers"]
    assert new.outcomes[0].for_person == "Maja Nowak" and new.outcomes[0].for_child
    owners = {a.owner for o in new.outcomes for a in o.actions}
    assert {"Amira Haddad", "Sarah Whitfield", "Barbara Nowak", "Daniel Osei", "Dean Carter",
            "Agnieszka Nowak", "Jo Bennett"} == owners


def test_the_demo_plan_is_smart(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        plan = P.plan_dto(s, P.current_plan(s, demo_case_id).id)
    assert check_plan(P.smart_facts(plan, date(2026, 11, 23))) == []
    late = check_plan(P.smart_facts(plan, date(2027, 1, 10)))  # weeks after the review: overdue actions show
    assert {f.code for f in late} == {"overdue"}


def test_a_new_version_copies_and_then_changes_alone(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        old = P.current_plan(s, demo_case_id)
        new = P.new_version(s, demo_case_id, user="t")
        assert new.number == 3 and new.status == "draft"
        first = P.outcomes_of(s, new.id)[0]
        action = P.actions_of(s, first.id)[1]
        P.set_action_status(s, action.id, "done", user="t", rag="green")
        jo = next(m.professional_id for m in team_of(s, demo_case_id) if m.professional.name == "Jo Bennett")
        P.add_action(s, first.id, {"description": "Book a place at the young carers' summer camp.",
                                   "owner": f"professional:{jo}", "due_on": "2027-01-31",
                                   "measure": "Place confirmed in writing."}, user="t")
        P.agree_plan(s, new.id, user="t", agreed_on=date(2026, 12, 31))
        changes = P.diff_plans(P.plan_dto(s, old.id), P.plan_dto(s, new.id))
        assert sorted((c.kind, c.what) for c in changes) == [("added", "action"), ("changed", "action")]
        assert P.get_plan(s, old.id).status == "superseded"
        with pytest.raises(ValidationFailed, match="has been replaced"):
            P.add_outcome(s, old.id, {"description": "Too late"}, user="t")


def test_an_owner_must_belong_to_the_case(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        outcome = P.outcomes_of(s, P.current_plan(s, demo_case_id).id)[0]
        with pytest.raises(ValidationFailed) as info:
            P.add_action(s, outcome.id, {"description": "Call school.", "owner": "professional:stranger"}, user="t")
        assert "team around the family" in info.value.problems["owner"]
        with pytest.raises(ValidationFailed) as info:
            P.add_action(s, outcome.id, {"description": "Call school.", "owner": "person:nobody"}, user="t")
        assert info.value.problems == {"owner": "Choose a member of this family."}
        with pytest.raises(ValidationFailed) as info:
            P.add_action(s, outcome.id, {"description": "Call school.", "start_on": "2026-12-02",
                                         "due_on": "2026-12-01"}, user="t")
        assert info.value.problems == {"due_on": "The due date is before the start date."}
        maja = next(p for p in list_people(s, demo_case_id) if p.given_name == "Maja")
        a = P.add_action(s, outcome.id, {"description": "Tell Ms Whitfield on Mondays how the week went.",
                                         "owner": f"person:{maja.id}", "due_on": "2026-12-14",
                                         "measure": "Four Mondays in a row."}, user="t")
        assert a.owner_person_id == maja.id and a.position == 3


def test_the_plan_follows_an_authorised_amendment(demo_db: Database, demo_case_id: str) -> None:
    from tafdesk.models.services import assessment as A
    from tafdesk.models.services import assessment_parts as AP

    today = date(2026, 11, 23)
    with demo_db.session() as s:
        authorised = A.current_assessment(s, demo_case_id)
        amendment = A.amend_assessment(s, authorised.id, user="t", today=today)
        maja = next(p for p in list_people(s, demo_case_id) if p.given_name == "Maja")
        AP.add_part(s, amendment.id, "needs", {"description": "Maja has started self-harming.",
                                               "outcome_areas": ["mental_physical_health"],
                                               "person_ids": [maja.id]}, user="t", today=today)
        # A draft amendment does not change the plan: it still answers the authorised needs.
        plan = P.plan_dto(s, P.current_plan(s, demo_case_id).id)
        assert check_plan(P.smart_facts(plan, today)) == []
        A.mark_complete(s, amendment.id, user="t", today=today)
        A.authorise(s, amendment.id, {"authorised_by": "Mark Ellis", "authorised_on": "2026-11-23"}, user="t",
                    today=today)
        plan = P.plan_dto(s, P.current_plan(s, demo_case_id).id)
    new_need_ids = {n.id for n in plan.needs}
    assert all(set(o.need_ids) <= new_need_ids for o in plan.outcomes)  # links moved to the copies
    findings = check_plan(P.smart_facts(plan, today))
    assert [f.code for f in findings] == ["need_uncovered", "children_before_adults"]
    assert "self-harming" in findings[0].message
