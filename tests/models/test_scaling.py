"""Scaling rounds: recorded, changed, removed and re-created (undo) as one; distance travelled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.orm import Person
from tafdesk.models.services.scaling import (
    distance_travelled,
    record_round,
    remove_round,
    round_form_data,
    rounds_of,
    update_round,
)
from tafdesk.models.storage import Database

TODAY = date(2026, 12, 1)


def maja(s, case_id):  # type: ignore[no-untyped-def]
    return s.scalar(select(Person).where(Person.case_id == case_id, Person.given_name == "Maja")).id


def test_demo_rounds_and_distance_travelled(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        rounds = rounds_of(s, demo_case_id)
    assert [(r.person, r.occasion, r.scored_on) for r in rounds] == [
        ("Agnieszka Nowak", "assessment", date(2026, 9, 30)), ("Agnieszka Nowak", "review", date(2026, 11, 19))]
    (t,) = distance_travelled(rounds, ["good_education", "mental_physical_health"])
    assert t.areas[:2] == ("good_education", "mental_physical_health")
    assert t.change("good_education") == 2 and t.change("family_relationships") == 0
    assert t.mean_change == pytest.approx((2 + 2 + 0 + 2 + 1) / 5)


def test_a_round_is_one_record_through_change_remove_and_undo(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        pid = maja(s, demo_case_id)
        data = {"person_id": pid, "occasion": "review", "scored_on": "2026-11-19",
                "score__good_education": "5", "notes__good_education": "Attendance 89%.",
                "score__family_relationships": "7", "score__secure_housing": ""}
        rid = record_round(s, demo_case_id, data, user="t", today=TODAY)
    with demo_db.session() as s:
        got = round_form_data(s, rid)
        assert got["score__good_education"] == "5" and got["notes__good_education"] == "Attendance 89%."
        assert "score__secure_housing" not in got
        # Drop the anchor's own area and add another: the round keeps its id.
        update_round(s, rid, {**data, "score__good_education": "", "notes__good_education": "",
                              "score__secure_housing": "3"}, user="t", today=TODAY)
    with demo_db.session() as s:
        got = round_form_data(s, rid)
        assert {k: v for k, v in got.items() if k.startswith("score__")} == {
            "score__family_relationships": "7", "score__secure_housing": "3"}
        before = got
        remove_round(s, rid, user="t")
    with demo_db.session() as s:
        assert all(r.person != "Maja Nowak" for r in rounds_of(s, demo_case_id))
        assert record_round(s, demo_case_id, before, user="t", today=TODAY, round_id=rid) == rid
    with demo_db.session() as s:
        assert round_form_data(s, rid) == before


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"score__good_education": "11"}, "score__good_education", "1 (very worried) to 10"),
    ({"score__good_education": "six"}, "score__good_education", "whole number"),
    ({"score__good_education": ""}, "", "at least one area"),
    ({"score__good_education": "", "notes__good_education": "x"}, "score__good_education", "clear its note"),
    ({"scored_on": "2027-01-01"}, "scored_on", "future"),
    ({"occasion": "whenever"}, "occasion", "Choose one of"),
    ({"person_id": "nobody"}, "person_id", "member of this family"),
])
def test_bad_scores_are_refused_field_by_field(demo_db: Database, demo_case_id: str, change: dict, field: str,
                                               words: str) -> None:
    data = {"occasion": "review", "scored_on": "2026-11-19", "score__good_education": "6", **change}
    with demo_db.session() as s, pytest.raises(ValidationFailed) as err:
        record_round(s, demo_case_id, data, user="t", today=TODAY)
    problems = err.value.problems
    assert field in problems or (field == "" and any(words in m for m in problems.values())), problems
    assert any(words in m for m in problems.values())


def test_the_same_person_occasion_and_day_twice_is_refused(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        mum = s.scalar(select(Person).where(Person.case_id == demo_case_id, Person.given_name == "Agnieszka")).id
        with pytest.raises(ValidationFailed) as err:
            record_round(s, demo_case_id, {"person_id": mum, "occasion": "review", "scored_on": "2026-11-19",
                                           "score__secure_housing": "5"}, user="t", today=TODAY)
    assert "already recorded" in err.value.problems["scored_on"]
