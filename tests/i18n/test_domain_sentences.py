"""Sentences the domain makes (journey steps, due dates, SMART findings, validation messages) are
English as strings and are translated from their templates: with a test language whose catalogue
marks every message «like this», each one comes out marked, values included, and its date is
written the language's way."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest

from tafdesk.i18n import catalog
from tafdesk.i18n.catalog import Sentence, tr
from tafdesk.models.journey import CaseFacts, journey

_codes = count()


class _Marked(dict[str, str]):
    def get(self, message: str, default: Any = None) -> str:  # type: ignore[override]
        return f"\u00ab{message}\u00bb"

    def __contains__(self, message: object) -> bool:
        return True


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> str:
    lang = f"qq-{next(_codes)}"
    real = catalog._catalog
    monkeypatch.setattr(catalog, "_catalog", lambda code: _Marked() if code == lang else real(code))
    return lang


def _whole(text: str) -> bool:
    return text.startswith("\u00ab") and text.endswith("\u00bb")


def test_every_journey_step_says_its_detail_and_next_action_as_sentences(fake: str) -> None:
    facts = [
        CaseFacts(status="open"),
        CaseFacts(status="open", request_received=date(2026, 9, 7)),
        CaseFacts(status="open", request_received=date(2026, 9, 7), request_outcome="open_early_help",
                  adults=("Anna Nowak", "Lee Carter"), adults_consented=("Anna Nowak",),
                  lead_professional="Sam Patel", allocated_on=date(2026, 9, 9), assessment_status="complete",
                  plan_version=2, plan_agreed_on=date(2026, 10, 1), meetings_held=2,
                  last_meeting_on=date(2026, 10, 1), next_review_on=date(2026, 11, 5)),
        CaseFacts(status="closed", request_received=date(2026, 9, 7), request_outcome="open_early_help",
                  adults=("Anna Nowak",), adults_consented=("Anna Nowak",), lead_professional="Sam Patel",
                  assessment_status="authorised", assessment_authorised_on=date(2026, 9, 20), plan_version=1,
                  meetings_held=1, last_meeting_on=date(2026, 10, 1), ending_kind="closure",
                  ending_on=date(2026, 12, 1)),
        CaseFacts(status="redirected", request_received=date(2026, 9, 7), request_outcome="advice_signpost"),
        CaseFacts(status="open", consents_withdrawn=1, stepped_down=True),
    ]
    t = tr(fake)
    for f in facts:
        for step in journey(f).steps:
            assert isinstance(step.detail, Sentence), step
            assert _whole(t(step.title)) and _whole(t(step.detail)), step
            if step.next_action:
                assert isinstance(step.next_action, Sentence) and _whole(t(step.next_action)), step


def test_a_journey_sentence_keeps_its_english_and_translates_its_values(fake: str) -> None:
    f = CaseFacts(status="open", request_received=date(2026, 9, 7), request_outcome="open_early_help",
                  lead_professional="Sam Patel", allocated_on=date(2026, 9, 9))
    steps = {s.key: s for s in journey(f).steps}
    lead = steps["allocation"].detail
    assert lead == "Lead professional: Sam Patel, since 09 Sep 2026."
    day = tr(fake).day(date(2026, 9, 9), "medium")  # the language's own way of writing a date
    assert day != "09 Sep 2026"
    assert tr(fake)(lead) == f"\u00abLead professional: Sam Patel, since {day}.\u00bb"
    received = steps["request"].detail
    assert received == "Received 07 Sep 2026; outcome: open to early help."
    # the outcome's words are a catalogue message of their own, translated inside the sentence
    day = tr(fake).day(date(2026, 9, 7), "medium")
    assert tr(fake)(received) == f"\u00abReceived {day}; outcome: \u00abopen to early help\u00bb.\u00bb"
    without_day = journey(CaseFacts(status="open", lead_professional="Sam Patel")).steps[2].detail
    assert without_day == "Lead professional: Sam Patel."


def test_every_deadline_gives_its_reason_and_state_as_sentences(fake: str) -> None:
    from datetime import UTC, datetime

    from tafdesk.models.settings import Limit
    from tafdesk.models.timescales import Rules, TimescaleFacts, deadlines, describe

    f = TimescaleFacts(status="open", received_at=datetime(2026, 12, 22, 10, 15, tzinfo=UTC),
                       decided_at=datetime(2026, 12, 23, 9, 0, tzinfo=UTC),
                       allocated_at=datetime(2027, 1, 5, 9, 0, tzinfo=UTC), first_visit_on=date(2027, 1, 6),
                       assessment_completed_on=date(2027, 1, 14), initial_taf_on=date(2027, 1, 20),
                       last_visit_on=date(2027, 1, 20), last_taf_on=date(2027, 1, 20),
                       next_review_on=date(2027, 4, 20), last_supervision_on=date(2027, 1, 10))
    t = tr(fake)
    items = deadlines(f, Rules(), date(2027, 2, 1))
    assert {d.step for d in items} >= {"decision", "allocation", "review", "supervision", "length"}
    for dl in items:
        assert isinstance(dl.reason, Sentence) and _whole(t(dl.reason)), dl
        assert _whole(t(dl.title)) and _whole(t(describe(dl, date(2027, 2, 1)))), dl
    decision = next(d for d in items if d.step == "decision")
    assert decision.reason == "24 hours from the request, received 22 Dec 2026 at 10:15."
    assert t(decision.reason) == (f"\u00ab\u00ab24 hours\u00bb from the request, received "
                                  f"{t.day(date(2026, 12, 22), 'medium')} at 10:15.\u00bb")
    assert Limit(amount=1, unit="working_days").words() == "1 working day"
    assert t(Limit(amount=3, unit="working_days").words()) == "\u00ab3 working days\u00bb"


def test_every_smart_finding_is_a_sentence(fake: str) -> None:
    from tafdesk.models.smart import ActionFacts, NeedFacts, OutcomeFacts, PlanFacts, check_plan

    vague = ActionFacts("a1", "Support Maja with school", start_on=date(2027, 3, 1), due_on=date(2027, 2, 1))
    empty = ActionFacts("a2", "")
    late = ActionFacts("a3", "Book 6 sessions weekly", owner="Anna", due_on=date(2027, 5, 1), measure="booked")
    plan = PlanFacts(
        outcomes=(OutcomeFacts("o1", "Maja goes to school", True, actions=(vague, empty, late, late, late, late)),
                  OutcomeFacts("o2", "Anna sleeps better", False, need_ids=("n2",))),
        needs=(NeedFacts("n1", "School attendance", True, False), NeedFacts("n2", "Sleep", False, True)),
        review_by=date(2027, 4, 1), today=date(2027, 2, 10))
    found = check_plan(plan)
    codes = {f.code for f in found}
    assert codes >= {"no_description", "no_owner", "no_measure", "vague", "overdue", "start_after_due",
                     "beyond_review", "too_many_actions", "outcome_without_need", "need_uncovered",
                     "children_before_adults"}
    for f in found:
        assert isinstance(f.message, Sentence) and _whole(tr(fake)(f.message)), f
    overdue = next(f for f in found if f.code == "overdue")
    assert overdue.message == ("“Support Maja with school” was due on 01 Feb 2027 and is not done. "
                               "Update its status or agree a new date.")
    assert tr(fake).day(date(2027, 2, 1), "medium") in tr(fake)(overdue.message)


def test_validation_messages_are_sentences_for_the_field_they_are_about(fake: str) -> None:
    from tafdesk.models.errors import ValidationFailed
    from tafdesk.models.schemas.forms import ConsentForm, PersonForm
    from tafdesk.models.schemas.requests import RequestForm
    from tafdesk.models.services.cases import validate

    def problems(form: type, data: dict[str, Any]) -> dict[str, str]:
        with pytest.raises(ValidationFailed) as caught:
            validate(form, data, today=date(2026, 9, 7))
        return caught.value.problems

    person = problems(PersonForm, {"kind": "adult"})
    assert person == {"given_name": "Give at least a first name or a family name."}  # a rule over the form
    email = problems(PersonForm, {"kind": "adult", "given_name": "Anna", "email": "not an address"})
    assert email == {"email": "This does not look like an email address (name@example.org)."}
    consent = problems(ConsentForm, {"person_id": "p1", "given_on": "2026-09-08", "method": "verbal",
                                     "share_with_all_taf": True})
    assert consent["given_on"] == "The date consent was given cannot be in the future."
    request = problems(RequestForm, {"received_at": "2026-09-01 10:00", "source": "school", "reasons": "x",
                                     "outcome": "open_early_help"})
    assert request["source_name"] == "Say who made the request (name and agency)."
    too_long = problems(PersonForm, {"kind": "adult", "given_name": "x" * 300})
    assert too_long["given_name"] == "This is too long (at most 200 characters)."
    for found in (person, email, consent, request, too_long):
        for message in found.values():
            assert isinstance(message, Sentence) and _whole(tr(fake)(message)), message
