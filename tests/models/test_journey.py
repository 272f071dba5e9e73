"""The journey: each step's state follows the record; the next step is the first open one."""

from __future__ import annotations

from datetime import date

from tafdesk.models.journey import CaseFacts, StepState, case_facts, journey
from tafdesk.models.storage import Database


def states(facts: CaseFacts) -> dict[str, StepState]:
    return {s.key: s.state for s in journey(facts).steps}


def test_new_request_guides_to_the_decision() -> None:
    j = journey(CaseFacts(status="requested", request_received=date(2026, 11, 20)))
    assert j.next_step is not None and j.next_step.key == "request"
    assert j.next_step.next_action == "Record the decision on the request."


def test_missing_consent_names_who_is_missing() -> None:
    j = journey(CaseFacts(status="open", request_received=date(2026, 11, 2), request_outcome="open_early_help",
                          adults=("Ann Lee", "Bob Lee"), adults_consented=("Ann Lee",)))
    step = j.next_step
    assert step is not None and step.key == "consent" and step.state is StepState.IN_PROGRESS
    assert "Bob Lee" in step.next_action


def test_withdrawn_consent_needs_attention() -> None:
    s = states(CaseFacts(status="open", request_outcome="open_early_help", request_received=date(2026, 1, 1),
                         adults=("Ann",), consents_withdrawn=1))
    assert s["consent"] is StepState.ATTENTION


def test_redirected_request_needs_nothing_more() -> None:
    s = states(CaseFacts(status="redirected", request_received=date(2026, 1, 1), request_outcome="redirect_social_care"))
    assert s["consent"] is s["assessment"] is s["plan"] is StepState.NOT_NEEDED


def test_assessment_awaiting_authorisation() -> None:
    j = journey(CaseFacts(status="open", request_received=date(2026, 1, 1), request_outcome="open_early_help",
                          adults=("A",), adults_consented=("A",), lead_professional="Sam",
                          assessment_status="complete"))
    assert j.next_step is not None and j.next_step.key == "assessment"
    assert "authorise" in j.next_step.next_action


def test_demo_family_journey_from_the_record(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        facts = case_facts(s, demo_case_id)
    j = journey(facts)
    s = {st.key: st for st in j.steps}
    assert [st.key for st in j.steps] == ["request", "consent", "allocation", "assessment", "plan", "meetings",
                                          "ending"]
    assert s["request"].detail == ("Received 07 Sep 2026; outcome: TAF co-ordinated by a partner lead "
                                   "professional.")
    assert s["assessment"].detail == "Authorised 02 Oct 2026."
    assert s["plan"].detail == "Version 2 agreed 19 Nov 2026."
    assert s["meetings"].detail == "2 held, last on 19 Nov 2026. Next review 31 Dec 2026."
    assert j.next_step is not None and j.next_step.key == "meetings"


def test_ending_is_named_in_words() -> None:
    j = journey(CaseFacts(status="stepped_up", request_received=date(2026, 1, 1), request_outcome="open_early_help",
                          ending_kind="step_up", ending_on=date(2026, 5, 4)))
    assert j.steps[-1].detail == "Stepped up to children's social care on 04 May 2026."
    assert j.next_step is None  # nothing more is asked of a case that has ended
