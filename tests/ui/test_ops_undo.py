"""CaseOps and undo as data, without widgets: every change goes one way and can be reverted."""

from __future__ import annotations

from typing import Any

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services.consent import consent_form_data, consents_of
from tafdesk.models.storage import Database
from tafdesk.ui.ops import CaseOps
from tafdesk.ui.undo import CONSENT, PEOPLE, Change, IdMap

pytestmark = pytest.mark.gui


@pytest.fixture
def ops(qapp: Any, demo_db: Database, demo_case_id: str) -> CaseOps:
    ops = CaseOps(demo_db, "tester")
    ops.set_active_case(demo_case_id)
    return ops


def consents(ops: CaseOps, case_id: str) -> list[dict[str, Any]]:
    return ops.read(lambda s: [dict(consent_form_data(c), id=c.id) for c in consents_of(s, case_id)])


def test_a_refused_change_says_why_and_leaves_no_undo_step(ops: CaseOps, demo_case_id: str) -> None:
    heard: list[Any] = []
    ops.changed.connect(lambda case_id, kinds: heard.append((case_id, kinds)))
    problem = ops.apply(Change("add", PEOPLE, demo_case_id, after={"kind": "child"}))
    assert isinstance(problem, ValidationFailed)
    assert problem.problems == {"given_name": "Give at least a first name or a family name."}
    assert ops.stack_for(demo_case_id).count() == 0 and heard == []


def test_changes_announce_what_changed(ops: CaseOps, demo_case_id: str) -> None:
    heard: list[Any] = []
    ops.changed.connect(lambda case_id, kinds: heard.append((case_id, kinds)))
    assert ops.apply(Change("add", PEOPLE, demo_case_id, after={"kind": "adult", "given_name": "Kim"})) is None
    ops.undo_group.undo()
    assert heard == [(demo_case_id, {"people"}), (demo_case_id, {"people"})]


def test_a_removed_consent_comes_back_whole_and_earlier_steps_still_find_it(
        ops: CaseOps, demo_case_id: str) -> None:
    def recorders() -> list[str]:
        return sorted(c["recorded_by"] for c in consents(ops, demo_case_id))

    before = consents(ops, demo_case_id)
    first = {k: v for k, v in before[0].items() if k != "id"}
    stack = ops.stack_for(demo_case_id)
    assert ops.apply(Change("update", CONSENT, demo_case_id, record_id=before[0]["id"],
                            after=dict(first, recorded_by="Jo Bennett"))) is None
    assert ops.apply(Change("remove", CONSENT, demo_case_id, record_id=before[0]["id"])) is None
    assert len(consents(ops, demo_case_id)) == len(before) - 1

    stack.undo()  # recorded again, under its own id, as it was
    again = consents(ops, demo_case_id)
    assert dict(before[0], recorded_by="Jo Bennett") in again
    stack.undo()  # the edit before the removal is undone on the same record
    assert recorders() == sorted(c["recorded_by"] for c in before)
    assert consents(ops, demo_case_id) == before
    stack.redo()
    stack.redo()  # removed again
    assert len(consents(ops, demo_case_id)) == len(before) - 1
    stack.undo()  # and back
    assert "Jo Bennett" in recorders() and len(consents(ops, demo_case_id)) == len(before)


def test_id_map_follows_a_record_through_several_new_ids() -> None:
    ids = IdMap()
    ids.moved("a", "b")
    ids.moved("a", "c")
    assert ids.resolve("a") == ids.resolve("b") == "c"
    assert ids.resolve("x") == "x"


def test_a_failed_undo_is_reported_not_raised(ops: CaseOps, demo_case_id: str) -> None:
    messages: list[str] = []
    ops.message.connect(messages.append)
    added = Change("add", PEOPLE, demo_case_id, after={"kind": "adult", "given_name": "Kim"}, reuse="kim-1",
                   record_id="kim-1")
    assert ops.apply(added) is None
    with ops.db.session() as s:  # someone else removes Kim meanwhile
        from tafdesk.models.services.people import remove_person

        remove_person(s, "kim-1", user="elsewhere")
    ops.undo_group.undo()
    assert messages == ["Could not undo \u201cAdd Kim\u201d: That family member is no longer in the record."]
