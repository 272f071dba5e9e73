"""TAF meetings: invitees, attendance, minutes, one-line actions, the next review."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services import meetings as M
from tafdesk.models.services import plan as P
from tafdesk.models.storage import Database

TODAY = date(2026, 12, 31)
PEOPLE = [M.Candidate("person:a", "Agnieszka Nowak"), M.Candidate("person:b", "Barbara Nowak"),
          M.Candidate("person:m", "Maja Nowak"), M.Candidate("professional:j", "Jo Bennett"),
          M.Candidate("professional:s", "Sarah Whitfield")]


def test_one_line_action() -> None:
    a = M.parse_action_line("Jo: book the housing appointment by 15/01/2027; measure: appointment letter seen",
                            PEOPLE, TODAY)
    assert (a.owner.key, a.description, a.due_on, a.measure) == (
        "professional:j", "Book the housing appointment.", date(2027, 1, 15), "appointment letter seen")
    b = M.parse_action_line("Barbara Nowak: take Maja to drama by 14 January; how we will know: 2 sessions",
                            PEOPLE, TODAY)
    assert b.owner.name == "Barbara Nowak" and b.due_on == date(2027, 1, 14)


@pytest.mark.parametrize("line, message", [
    ("book the appointment by 15/01/2027; measure: x", "Start with who will do it"),
    ("Nowak: call school by 15/01/2027; measure: x", "could be Agnieszka Nowak, Barbara Nowak, Maja Nowak"),
    ("Pat: call school by 15/01/2027; measure: x", "No one called “Pat”"),
    ("Jo: call school soon; measure: x", "Say by when"),
    ("Jo: call school by 31/02/2027; measure: x", "is not a date I can read"),
    ("Jo: call school by 01/12/2026; measure: x", "has already passed"),
    ("Jo: call school by 15/01/2027", "Add how everyone will know"),
])
def test_one_line_action_problems(line: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        M.parse_action_line(line, PEOPLE, TODAY)
    assert message in info.value.problems["line"]


def test_review_dates() -> None:
    assert M.default_next_review(date(2026, 11, 19)) == date(2026, 12, 31)
    assert M.default_next_review(date(2026, 11, 21)) == date(2027, 1, 1)  # Saturday -> Friday
    assert M.review_warning(date(2026, 11, 19), date(2026, 12, 31)) is None
    assert "within 6 weeks" in M.review_warning(date(2026, 11, 19), date(2027, 1, 8))
    assert "after this meeting" in M.review_warning(date(2026, 11, 19), date(2026, 11, 19))


def test_a_review_meeting_from_invitation_to_new_actions(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        meeting = M.schedule_meeting(s, demo_case_id, {"kind": "review", "starts_at": "2026-12-31T15:30",
                                                        "venue": "Riverside Academy"}, user="t")
        assert meeting.starts_at.hour == 15  # 15:30 in London in winter is 15:30 UTC
        invited = M.attendance_of(s, meeting.id)
        assert len([a for a in invited if a.professional_id]) == 6
        assert len([a for a in invited if a.person_id]) == 4  # three adults at home and Maja (14), not Leo (9)
        M.set_attendance(s, invited[0].id, "apologies", user="t")
        with pytest.raises(ValidationFailed):
            M.set_attendance(s, invited[1].id, "maybe", user="t")
        held, warning = M.hold_meeting(s, meeting.id, user="t")
        assert warning is None and held.next_review_on == date(2027, 2, 11)
        plan = P.current_plan(s, demo_case_id)
        assert plan.number == 3 and plan.meeting_id == meeting.id and plan.review_by == date(2027, 2, 11)
        assert plan.status == "agreed" and P.versions_of(s, demo_case_id)[1].status == "superseded"
        outcome = P.outcomes_of(s, plan.id)[0]
        action = M.capture_action(s, meeting.id, outcome.id,
                                  "Amira: book Maja's place at the carers' summer camp by 28/02/2027; "
                                  "measure: place confirmed", user="t", today=TODAY)
        assert action.due_on == date(2027, 2, 28) and action.owner_professional_id
        (note,) = [m for m in M.minutes_of(s, meeting.id) if m.heading == "new_actions"]
        assert note.text.startswith("Amira Haddad: Book Maja's place") and note.action_id == action.id
        assert M.meeting_by_number(s, demo_case_id, 3).id == meeting.id
        assert M.meeting_by_number(s, demo_case_id, None).id == meeting.id  # the most recent held
