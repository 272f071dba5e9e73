"""Two users, two sessions, one record: the second save is refused and shown the conflict;
after merging, both changes are in the record (no lost update). On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tafdesk.models.concurrency import EditConflict
from tafdesk.models.orm import Action, Outcome, Person, PlanVersion
from tafdesk.models.services import people
from tafdesk.models.services.demo import create_demo
from tafdesk.models.services.plan import action_form_data, update_action

from .conftest import Opener


def _maja(s) -> Person:  # type: ignore[no-untyped-def]
    return s.scalar(select(Person).where(Person.given_name == "Maja"))


def test_second_save_of_the_same_person_is_a_conflict_then_merges(open_same_db: Opener) -> None:
    alice, bob = open_same_db(), open_same_db()
    with alice.session() as s:
        create_demo(s, user="alice")
    # Both open Maja's record at the same version.
    with alice.session() as s:
        maja = _maja(s)
        alice_base, alice_version = people.person_form_data(maja), maja.row_version
    with bob.session() as s:
        maja = _maja(s)
        bob_base, bob_version = people.person_form_data(maja), maja.row_version
    assert alice_version == bob_version
    person_id = maja.id
    with alice.session() as s:
        people.update_person(s, person_id, alice_base | {"known_as": "Mai"}, user="alice",
                             expected_version=alice_version)
    with bob.session() as s, pytest.raises(EditConflict) as caught:
        people.update_person(s, person_id, bob_base | {"phone": "07700 900123"}, user="bob",
                             expected_version=bob_version)
    conflict = caught.value
    assert (conflict.expected_version, conflict.current_version) == (bob_version, bob_version + 1)
    assert conflict.last is not None and conflict.last.user == "alice"
    assert "Someone else changed this family member (alice, at " in str(conflict)
    with bob.session() as s:  # Bob's save changed nothing: Alice's name is there, his phone is not
        maja = _maja(s)
        assert (maja.known_as, maja.phone) == ("Mai", "")
        theirs, now = people.person_form_data(maja), maja.row_version
    merged = theirs | {"phone": "07700 900123"}  # Bob keeps Alice's change and adds his own
    with bob.session() as s:
        people.update_person(s, person_id, merged, user="bob", expected_version=now)
    with alice.session() as s:
        maja = _maja(s)
        assert (maja.known_as, maja.phone, maja.row_version) == ("Mai", "07700 900123", bob_version + 2)


def test_two_saves_of_one_action_keep_both_changes(open_same_db: Opener) -> None:
    alice, bob = open_same_db(), open_same_db()
    with alice.session() as s:
        create_demo(s, user="alice")
        action = s.scalars(
            select(Action).join(Outcome, Outcome.id == Action.outcome_id)
            .join(PlanVersion, PlanVersion.id == Outcome.plan_version_id)
            .where(PlanVersion.status != "superseded", Action.status != "done").order_by(Action.id)
        ).first()
        assert action is not None
        action_id, base, version = action.id, action_form_data(action), action.row_version
    with alice.session() as s:
        update_action(s, action_id, base | {"status": "done"}, user="alice", expected_version=version)
    with bob.session() as s, pytest.raises(EditConflict, match=r"Someone else changed this action \(alice, "):
        update_action(s, action_id, base | {"measure": "Attendance above 95%"}, user="bob",
                      expected_version=version)
    with bob.session() as s:
        row = s.get(Action, action_id)
        assert row is not None and (row.status, row.measure) == ("done", base["measure"])
        update_action(s, action_id, action_form_data(row) | {"measure": "Attendance above 95%"},
                      user="bob", expected_version=row.row_version)
    with alice.session() as s:
        row = s.get(Action, action_id)
        assert row is not None and (row.status, row.measure) == ("done", "Attendance above 95%")


def test_a_write_racing_another_is_caught_by_the_database(open_same_db: Opener) -> None:
    """Bob's check passes, then Alice commits before Bob writes: the UPDATE ... WHERE
    row_version = ? matches nothing and Bob gets the conflict instead of overwriting."""
    alice, bob = open_same_db(), open_same_db()
    with alice.session() as s:
        create_demo(s, user="alice")
        person_id, version, notes = _maja(s).id, _maja(s).row_version, _maja(s).notes
    with pytest.raises(EditConflict), bob.session() as bs:
        maja = bs.get(Person, person_id)
        assert maja is not None and maja.row_version == version  # Bob's check would pass now
        with alice.session() as s:
            people.update_person(s, person_id, people.person_form_data(s.get(Person, person_id))
                                 | {"known_as": "Mai"}, user="alice", expected_version=version)
        people.update_person(bs, person_id, people.person_form_data(maja) | {"notes": "Bob's note"},
                             user="bob")
    with alice.session() as s:
        maja = s.get(Person, person_id)
        assert maja is not None and (maja.known_as, maja.notes, maja.row_version) == ("Mai", notes, version + 1)


def test_without_a_version_the_service_still_saves(open_same_db: Opener) -> None:
    """Callers that do not say which version they started from (imports, scripts) are unchanged."""
    db = open_same_db()
    with db.session() as s:
        create_demo(s, user="t")
        maja = _maja(s)
        before = maja.row_version
        people.update_person(s, maja.id, people.person_form_data(maja) | {"known_as": "Mai"}, user="t")
        assert maja.row_version == before + 1
