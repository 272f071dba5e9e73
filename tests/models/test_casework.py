"""Chronology, visits and supervision notes: listed newest first, bad input refused clearly."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services import casework as W
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database

TODAY = date(2026, 11, 23)


def refused(fn, *a, **kw) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as exc:
        fn(*a, **kw)
    return exc.value.problems


def test_chronology_visits_and_supervision(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        people = {p.given_name: p.id for p in list_people(s, demo_case_id)}
        assert refused(W.add_entry, s, demo_case_id, "chronology_events",
                       {"occurred_on": "2026-12-01", "what": ""}, user="t", today=TODAY) == {
            "occurred_on": "A chronology event cannot be in the future.", "what": "Say what happened."}
        ev = W.add_entry(s, demo_case_id, "chronology_events",
                         {"occurred_on": "2026-11-22", "what": "Leo's ADHD assessment appointment came through.",
                          "source": "Mum", "significance": "medium", "person_ids": [people["Leo"]]},
                         user="t", today=TODAY)
        assert W.entries_of(s, demo_case_id, "chronology_events")[0].id == ev.id

        visit = {"visited_on": "2026-11-20", "venue": "Home", "purpose": "Routines",
                 "seen_person_ids": [people["Agnieszka"]], "seen_alone_child_ids": [people["Leo"]]}
        assert refused(W.add_entry, s, demo_case_id, "visits", visit, user="t", today=TODAY) == {
            "seen_alone_child_ids": "A child seen alone was also seen: tick them under \u201cwho was seen\u201d too."}
        assert refused(W.add_entry, s, demo_case_id, "visits",
                       {**visit, "seen_person_ids": [people["Agnieszka"]], "seen_alone_child_ids": [people["Agnieszka"]]},
                       user="t", today=TODAY) == {"seen_alone_child_ids": "Only a child is recorded as seen alone."}
        assert refused(W.add_entry, s, demo_case_id, "visits", {**visit, "seen_person_ids": [],
                                                                 "seen_alone_child_ids": []}, user="t", today=TODAY) == {
            "seen_person_ids": "Tick who was seen at the visit."}
        v = W.add_entry(s, demo_case_id, "visits", {**visit, "seen_person_ids": [people["Agnieszka"], people["Leo"]]},
                        user="t", today=TODAY)
        assert v.seen_alone_child_ids == [people["Leo"]]

        assert refused(W.add_entry, s, demo_case_id, "supervision_notes",
                       {"held_on": "2026-11-20", "supervisor": "", "occasion": "review"}, user="t", today=TODAY) == {
            "supervisor": "Give the supervisor's name.", "note": "Write what was discussed and decided."}
        note = W.add_entry(s, demo_case_id, "supervision_notes",
                           {"held_on": "2026-11-20", "supervisor": "Mark Ellis", "occasion": "review",
                            "note": "Progress good; keep the plan."}, user="t", today=TODAY)
        W.update_entry(s, "supervision_notes", note.id, {**W.entry_form_data("supervision_notes", note),
                                                         "actions_agreed": "Review housing in two weeks."}, user="t")
        assert W.get_entry(s, "supervision_notes", note.id).actions_agreed == "Review housing in two weeks."
        W.remove_entry(s, "supervision_notes", note.id, user="t")
        assert len(W.entries_of(s, demo_case_id, "supervision_notes")) == 2
