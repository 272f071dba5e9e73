"""The assessment: a section for every child and parent, completeness, authorisation, amendment."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.assessment_rules import (
    AdultFacts,
    AssessmentFacts,
    NeedFacts,
    VoiceFacts,
    missing,
)
from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services import assessment as A
from tafdesk.models.services import assessment_parts as P
from tafdesk.models.services.cases import create_case
from tafdesk.models.services.people import (
    add_person,
    remove_person,
    set_relationship,
    update_person,
)
from tafdesk.models.storage import Database

TODAY = date(2026, 11, 23)
SECTIONS = {"strengths": "Warm family.", "worries": "Sleep.", "family_goals": "Calmer mornings.",
            "analysis": "Needs are met at level 2.", "level_of_need": "level_2", "started_on": "2026-11-03"}


@pytest.fixture
def family(tmp_db: Database) -> dict[str, str]:
    with tmp_db.session() as s:
        cid = create_case(s, {"family_name": "Okafor"}, user="t").id
        ada = add_person(s, cid, {"kind": "child", "given_name": "Ada", "family_name": "Okafor",
                                  "date_of_birth": "2015-04-01"}, user="t")
        grace = add_person(s, cid, {"kind": "adult", "given_name": "Grace", "family_name": "Okafor"}, user="t")
        femi = add_person(s, cid, {"kind": "adult", "given_name": "Femi", "family_name": "Okafor"}, user="t")
        set_relationship(s, cid, {"person_id": grace.id, "child_id": ada.id, "relationship_label": "mother",
                                  "parental_responsibility": True, "lives_with_child": True}, user="t")
        set_relationship(s, cid, {"person_id": femi.id, "child_id": ada.id, "relationship_label": "father",
                                  "parental_responsibility": True}, user="t")
        a = A.start_assessment(s, cid, {"started_on": "2026-11-03"}, user="t", today=TODAY)
        return {"case": cid, "ada": ada.id, "grace": grace.id, "femi": femi.id, "a": a.id}


def voices(db: Database, aid: str) -> dict[str, object]:
    with db.session() as s:
        return {v.child_id: v.id for v in P.parts_of(s, aid, "child_voices")}


def test_starting_gives_every_child_and_parent_a_section(tmp_db: Database, family: dict[str, str]) -> None:
    assert list(voices(tmp_db, family["a"])) == [family["ada"]]
    with tmp_db.session() as s:
        assert sorted(v.person_id for v in P.parts_of(s, family["a"], "adult_views")) == sorted(
            [family["grace"], family["femi"]])  # the father living elsewhere too
        with pytest.raises(ValidationFailed, match="already has an assessment"):
            A.start_assessment(s, family["case"], {}, user="t")


def test_a_child_added_later_gets_a_voice_section_whichever_way(tmp_db: Database, family: dict[str, str]) -> None:
    with tmp_db.session() as s:
        ben = add_person(s, family["case"], {"kind": "child", "given_name": "Ben"}, user="t").id
        dami = add_person(s, family["case"], {"kind": "adult", "given_name": "Dami"}, user="t").id
    assert ben in voices(tmp_db, family["a"])
    assert dami not in voices(tmp_db, family["a"])
    with tmp_db.session() as s:  # recorded as an adult by mistake, corrected to a child
        update_person(s, dami, {"kind": "child", "given_name": "Dami"}, user="t")
    assert dami in voices(tmp_db, family["a"])
    with tmp_db.session() as s:  # a new carer
        gran = add_person(s, family["case"], {"kind": "adult", "given_name": "Ngozi"}, user="t").id
        set_relationship(s, family["case"], {"person_id": gran, "child_id": family["ada"],
                                             "relationship_label": "grandmother", "lives_with_child": True}, user="t")
    with tmp_db.session() as s:
        assert gran in [v.person_id for v in P.parts_of(s, family["a"], "adult_views")]
        remove_person(s, ben, user="t")  # the untouched section does not stop the removal
    assert ben not in voices(tmp_db, family["a"])


def test_completeness_rules_say_exactly_what_is_missing() -> None:
    facts = AssessmentFacts(
        filled_sections=frozenset({"strengths", "worries", "family_goals"}),
        voices=(VoiceFacts("Ada Okafor", words=True, gathered_by=True, seen_alone_known=True),
                VoiceFacts("Ben Okafor"), VoiceFacts("Cara Okafor", empty_reason=True),
                VoiceFacts("Dami Okafor", words=True)),
        adults=(AdultFacts("Grace Okafor", views=True), AdultFacts("Femi Okafor", included=False),
                AdultFacts("Ngozi Okafor")),
        needs=(NeedFacts(1, "Ada's attendance", outcome_areas=1, people=1),
               NeedFacts(2, "Ben's sleep and the long, long story of every bad night since the spring", people=1)))
    assert missing(facts) == [
        "Voice of Ben Okafor: record what the child said in their own words, or why their views could not be gathered.",
        "Voice of Dami Okafor: say who gathered the child's views.",
        "Voice of Dami Okafor: say whether the child was seen alone.",
        "Femi Okafor is not included in the assessment: record the reason.",
        "Views of Ngozi Okafor: record their views, or mark them as not included and record the reason.",
        "\u201cAnalysis\u201d is empty.",
        "Need 2 (\u201cBen's sleep and the long, long story of every\u2026\u201d): choose at least one outcome area.",
        "Choose the level of need: Level 2 or Level 3.",
    ]
    assert missing(AssessmentFacts(frozenset({"strengths", "worries", "family_goals", "analysis"}), True))[-1] == (
        "Record at least one need, with its outcome areas and the people it concerns.")


def complete(db: Database, f: dict[str, str]) -> None:
    with db.session() as s:
        A.update_assessment(s, f["a"], SECTIONS, user="t", today=TODAY)
        vid = voices(db, f["a"])[f["ada"]]
        P.update_part(s, "child_voices", vid, {"words": "I like school.", "gathered_by": "Jo", "seen_alone": "yes"},
                      user="t", today=TODAY)
        for view in P.parts_of(s, f["a"], "adult_views"):
            data = P.part_form_data(s, view)
            if view.person_id == f["femi"]:
                data.update(included=False, not_included_reason="Considered a risk to Grace.")
            else:
                data["views"] = "Mornings are hard."
            P.update_part(s, "adult_views", view.id, data, user="t")
        P.add_part(s, f["a"], "needs", {"description": "Ada is late most days.", "outcome_areas": ["good_education"],
                                        "person_ids": [f["ada"]]}, user="t")


def test_bad_input_to_the_parts_is_refused_clearly(tmp_db: Database, family: dict[str, str]) -> None:
    with tmp_db.session() as s:
        vid = voices(tmp_db, family["a"])[family["ada"]]
        with pytest.raises(ValidationFailed) as exc:
            P.update_part(s, "child_voices", vid, {"words": "Hi", "gathered_on": "2026-12-25"}, user="t", today=TODAY)
        assert exc.value.problems == {"gathered_on": "The date the child's views were gathered cannot be in the future."}
        view = P.parts_of(s, family["a"], "adult_views")[0]
        with pytest.raises(ValidationFailed) as exc:
            P.update_part(s, "adult_views", view.id, {**P.part_form_data(s, view), "included": False}, user="t")
        assert exc.value.problems == {"not_included_reason": "Record why this parent or carer is not included "
                                                             "(for example, considered a risk)."}
        with pytest.raises(ValidationFailed) as exc:
            P.add_part(s, family["a"], "needs", {"description": "x", "not_shared": True}, user="t")
        assert exc.value.problems == {"not_shared_reason": "Say why this is not shared with the family."}
        with pytest.raises(ValidationFailed) as exc:
            A.mark_complete(s, family["a"], user="t", today=TODAY)
        assert "Voice of Ada Okafor: record what the child said" in exc.value.problems[""]


def test_authorisation_locks_and_a_later_change_is_an_amendment(tmp_db: Database, family: dict[str, str]) -> None:
    complete(tmp_db, family)
    with tmp_db.session() as s:
        assert A.what_is_missing(s, family["a"]) == []
        with pytest.raises(ValidationFailed, match="Mark the assessment complete"):
            A.authorise(s, family["a"], {"authorised_by": "Mark Ellis", "authorised_on": "2026-11-20"}, user="t")
        A.mark_complete(s, family["a"], user="t", today=date(2026, 11, 20))
        with pytest.raises(ValidationFailed) as exc:
            A.authorise(s, family["a"], {"authorised_by": "", "authorised_on": "2026-12-20"}, user="t", today=TODAY)
        assert exc.value.problems == {
            "authorised_by": "Give the name of the manager who authorises the assessment.",
            "authorised_on": "The date of the authorisation cannot be in the future."}
        with pytest.raises(ValidationFailed, match="cannot come before the assessment was completed"):
            A.authorise(s, family["a"], {"authorised_by": "Mark", "authorised_on": "2026-11-19"}, user="t", today=TODAY)
        A.authorise(s, family["a"], {"authorised_by": "Mark Ellis", "authorised_on": "2026-11-21"}, user="t", today=TODAY)
    with tmp_db.session() as s:
        with pytest.raises(A.AssessmentLocked, match="authorised on 21 Nov 2026 and is locked"):
            A.update_assessment(s, family["a"], {**SECTIONS, "strengths": "changed"}, user="t", today=TODAY)
        with pytest.raises(A.AssessmentLocked):
            P.add_part(s, family["a"], "needs", {"description": "New need"}, user="t")
        new = A.amend_assessment(s, family["a"], user="t", today=TODAY)
        assert (new.number, new.amends_id, new.status, new.strengths) == (2, family["a"], "draft", "Warm family.")
        assert len(P.parts_of(s, new.id, "needs")) == 1 and len(P.parts_of(s, new.id, "child_voices")) == 1
        A.update_assessment(s, new.id, {**SECTIONS, "strengths": "Warmer still."}, user="t", today=TODAY)
        assert A.get_assessment(s, family["a"]).strengths == "Warm family."  # the authorised version is kept
        assert [x.number for x in A.versions_of(s, family["case"])] == [2, 1]
        with pytest.raises(A.AssessmentLocked):
            A.remove_assessment(s, family["a"], user="t")
        A.remove_assessment(s, new.id, user="t")  # a draft amendment may be dropped
        assert A.current_assessment(s, family["case"]).id == family["a"]


def test_an_edit_that_leaves_a_completed_assessment_unfinished_reopens_it(
        tmp_db: Database, family: dict[str, str]) -> None:
    complete(tmp_db, family)
    with tmp_db.session() as s:
        A.mark_complete(s, family["a"], user="t", today=TODAY)
        A.update_assessment(s, family["a"], {**SECTIONS, "analysis": ""}, user="t", today=TODAY)
        a = A.get_assessment(s, family["a"])
        assert (a.status, a.completed_on) == ("draft", None)


def test_the_demo_familys_assessment_is_complete(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        a = A.current_assessment(s, demo_case_id)
        assert a is not None and a.status == "authorised"
        assert A.what_is_missing(s, a.id) == []
