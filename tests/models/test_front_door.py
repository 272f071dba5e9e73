"""Requests for early help, their decisions, new cases and allocation."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.orm import Case
from tafdesk.models.services import requests as R
from tafdesk.models.services.team import add_to_team
from tafdesk.models.storage import Database

TODAY = date(2026, 11, 23)
REQUEST = {"received_at": "2026-11-02 09:30", "source": "health", "source_name": "Priya Shah, health visitor",
           "reasons": "Mum is exhausted; the baby is not gaining weight.", "presenting_needs": ["emotional_wellbeing"]}


def problems(fn, *a, **kw) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as exc:
        fn(*a, **kw)
    return exc.value.problems


def test_a_new_case_starts_from_a_request_and_follows_its_decision(tmp_db: Database) -> None:
    with tmp_db.session() as s:
        case = R.start_case(s, {"family_name": "Okafor", "request": REQUEST}, user="t", today=TODAY)
        case_id = case.id
        assert case.status == "requested" and case.reference.startswith("EH-2026-")
        req = R.requests_of(s, case_id)[0]
        assert R.request_form_data(req)["received_at"] == "2026-11-02 09:30"  # shown as typed, local time
    with tmp_db.session() as s:
        data = {**R.request_form_data(req), "outcome": "open_early_help", "level_of_need": "level_3",
                "decided_at": "2026-11-02 15:00", "decided_by": "Early Help Hub"}
        R.update_request(s, req.id, data, user="t", today=TODAY)
        case = s.get(Case, case_id)
        assert (case.status, case.level_of_need, case.opened_on) == ("open", "level_3", date(2026, 11, 2))
    with tmp_db.session() as s:
        R.update_request(s, req.id, {**data, "outcome": "advice_signpost", "level_of_need": None}, user="t", today=TODAY)
        assert s.get(Case, case_id).status == "redirected"
    with tmp_db.session() as s:
        R.remove_request(s, req.id, user="t")
        assert s.get(Case, case_id).status == "requested"


def test_bad_requests_are_refused_with_clear_messages(tmp_db: Database) -> None:
    with tmp_db.session() as s:
        assert problems(R.start_case, s, {"family_name": " "}, user="t") == {
            "family_name": "Give the family's name (the name the family is known by)."}
        case_id = R.start_case(s, {"family_name": "Okafor"}, user="t").id
        p = problems(R.record_request, s, case_id, {**REQUEST, "received_at": "2026-12-01 10:00", "reasons": ""},
                     user="t", today=TODAY)
        assert p == {"received_at": "The time the request was received cannot be in the future.",
                     "reasons": "Say why help is asked for: the needs the family or the referrer describe."}
        assert problems(R.record_request, s, case_id, {**REQUEST, "received_at": "yesterday"}, user="t") == {
            "received_at": "Give the date and time as YYYY-MM-DD HH:MM, e.g. 2026-09-07 10:15."}
        decided = {**REQUEST, "outcome": "taf_by_partner", "decided_at": "2026-11-01 09:00", "decided_by": "Hub"}
        assert problems(R.record_request, s, case_id, decided, user="t", today=TODAY) == {
            "decided_at": "The decision cannot come before the request was received."}
        assert problems(R.record_request, s, case_id, {**decided, "decided_at": "2026-11-03 09:00"}, user="t",
                        today=TODAY) == {"level_of_need": "Choose the level of need: Level 2 or Level 3."}
        assert problems(R.record_request, s, case_id, {**REQUEST, "source_name": ""}, user="t", today=TODAY) == {
            "source_name": "Say who made the request (name and agency)."}
        # A family asking for help themselves need not name an agency; UK date order is understood.
        req = R.record_request(s, case_id, {**REQUEST, "source": "family", "source_name": "",
                                            "received_at": "02/11/2026 09:30"}, user="t", today=TODAY)
        assert R.request_form_data(req)["received_at"] == "2026-11-02 09:30"


def test_allocation_sets_the_lead_professional_and_ends_the_previous_one(tmp_db: Database) -> None:
    with tmp_db.session() as s:
        case_id = R.start_case(s, {"family_name": "Okafor", "request": REQUEST}, user="t", today=TODAY).id
        a_pro = add_to_team(s, case_id, {"name": "Jo Bennett"}, user="t").professional_id
        b_pro = add_to_team(s, case_id, {"name": "Sam Lee"}, user="t").professional_id
        note = "Two children (4 and 1). Needs: feeding, mum's wellbeing. Intro visit by 9 Nov."
        assert problems(R.allocate, s, case_id, {"allocated_at": "2026-11-03 10:00", "note": note}, user="t",
                        today=TODAY) == {"professional_id": "Choose the lead professional from the team around the family."}
        assert problems(R.allocate, s, case_id, {"professional_id": a_pro, "allocated_at": "2026-11-03 10:00"},
                        user="t", today=TODAY)["note"].startswith("Write the allocation note")
        assert problems(R.allocate, s, case_id, {"professional_id": a_pro, "allocated_at": "2026-11-01 10:00",
                                                 "note": note}, user="t", today=TODAY) == {
            "allocated_at": "The allocation cannot come before the request was received (2026-11-02 09:30)."}
        first = R.allocate(s, case_id, {"professional_id": a_pro, "allocated_at": "2026-11-03 10:00", "note": note,
                                        "family_consulted": True}, user="t", today=TODAY)
        assert s.get(Case, case_id).lead_professional_id == a_pro
        second = R.allocate(s, case_id, {"professional_id": b_pro, "allocated_at": "2026-11-20 10:00",
                                         "note": "Handed over after Jo's move."}, user="t", today=TODAY)
        assert s.get(Case, case_id).lead_professional_id == b_pro
        assert first.ended_at == second.allocated_at and second.ended_at is None
        R.remove_allocation(s, second.id, user="t")
        assert s.get(Case, case_id).lead_professional_id == a_pro and first.ended_at is None
