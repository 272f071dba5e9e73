"""Family feedback answers: recorded, checked, changed and removed."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services.feedback import feedback_of, record_feedback, remove_feedback, update_feedback
from tafdesk.models.storage import Database

TODAY = date(2026, 12, 1)


def test_record_change_remove(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        f = record_feedback(s, demo_case_id, {"given_on": "2026-11-30", "respected": "5", "listened_to": "",
                                              "helped": 4, "comments": "Good.", "person_id": "family"},
                            user="t", today=TODAY)
        fid = f.id
        assert (f.respected, f.listened_to, f.helped, f.person_id) == (5, None, 4, None)
        update_feedback(s, fid, {"given_on": "2026-11-30", "respected": 3}, user="t", today=TODAY)
    with demo_db.session() as s:
        (got,) = feedback_of(s, demo_case_id)
        assert (got.respected, got.helped, got.comments) == (3, None, "")
        remove_feedback(s, fid, user="t")
    with demo_db.session() as s:
        assert feedback_of(s, demo_case_id) == []


@pytest.mark.parametrize(("data", "field"), [
    ({"respected": 6}, "respected"),
    ({"helped": 0}, "helped"),
    ({}, "comments"),
    ({"given_on": "2027-01-01", "helped": 3}, "given_on"),
    ({"person_id": "nobody", "helped": 3}, "person_id"),
])
def test_bad_answers_are_refused(demo_db: Database, demo_case_id: str, data: dict, field: str) -> None:
    with demo_db.session() as s, pytest.raises(ValidationFailed) as err:
        record_feedback(s, demo_case_id, {"given_on": "2026-11-30", **data}, user="t", today=TODAY)
    assert field in err.value.problems
