"""A realistic fictional family for trying tafdesk, for the tests, the docs and the benchmarks.

The Carter-Nowak family (all people fictional): Agnieszka Nowak and her three children live with
her mother Barbara, who helps care for them; the younger children's father Dean Carter lives
elsewhere and his access to Agnieszka's address is restricted; Maja's father lives in Poland.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..orm import (
    Action, AdultView, Allocation, Assessment, Case, CaseEnding, ChildVoice, ChronologyEvent,
    EcomapSystem, EmotionalRelationship, Household, HouseholdMember, Meeting, MeetingAttendance,
    MinuteItem, Need, Outcome, ParentLink, Partnership, PlanVersion, ProfessionalView, Request,
    Restriction, ScalingScore, SupervisionNote, Visit,
)
from ..orm import new_id
from .audit import record_event
from .cases import create_case
from .consent import record_consent
from .people import add_person, set_relationship
from .team import add_to_team

DEMO_FAMILY_NAME = "Carter-Nowak"
DEMO_SUMMARY = "Fictional demonstration family. No real person is described."


def _at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def find_demo(session: Session) -> Case | None:
    return session.scalar(
        select(Case).where(Case.family_name == DEMO_FAMILY_NAME, Case.summary == DEMO_SUMMARY).limit(1)
    )


def create_demo(session: Session, *, user: str = "demo") -> Case:
    """Create the demo case (the caller commits) and return it."""
    case = create_case(
        session, {"family_name": DEMO_FAMILY_NAME, "level_of_need": "level_2", "summary": DEMO_SUMMARY},
        user=user, received_on=date(2026, 9, 7),
    )
    cid = case.id
    add = lambda data: add_person(session, cid, data, user=user)  # noqa: E731
    maja = add({"kind": "child", "given_name": "Maja", "family_name": "Nowak", "date_of_birth": "2012-03-14",
                "sex": "F", "first_language": "pl", "preferred_language": "en", "ethnicity": "White - Polish",
                "school_or_setting": "Riverside Academy (Year 9)",
                "notes": "Young carer for her mother; attendance 78% this term."})
    leo = add({"kind": "child", "given_name": "Leo", "family_name": "Carter", "date_of_birth": "2017-06-02",
               "sex": "M", "first_language": "en", "ethnicity": "Mixed - White British and White Polish",
               "school_or_setting": "St Mark's Primary (Year 4)",
               "communication_needs": "Waiting for an ADHD assessment; short instructions one at a time."})
    ruby = add({"kind": "child", "given_name": "Ruby", "family_name": "Carter", "date_of_birth": "2023-01-19",
                "sex": "F", "first_language": "en", "ethnicity": "Mixed - White British and White Polish",
                "school_or_setting": "Little Acorns Nursery (15 hours)"})
    mum = add({"kind": "adult", "given_name": "Agnieszka", "family_name": "Nowak", "date_of_birth": "1988-08-30",
               "sex": "F", "first_language": "pl", "preferred_language": "pl", "interpreter_needed": False,
               "ethnicity": "White - Polish", "religion": "Roman Catholic", "phone": "07700 900123",
               "communication_needs": "Prefers written documents in Polish; conversation in English is fine.",
               "notes": "Depression, under the GP; on medication since spring 2026."})
    dad = add({"kind": "adult", "given_name": "Dean", "family_name": "Carter", "date_of_birth": "1986-11-05",
               "sex": "M", "first_language": "en", "ethnicity": "White - British", "phone": "07700 900456",
               "address": "Flat 3, 18 Mill Lane, Riverside RV4 2PL",
               "notes": "Lives elsewhere; sees Leo and Ruby alternate Saturdays at his mother's house."})
    gran = add({"kind": "adult", "given_name": "Barbara", "family_name": "Nowak", "date_of_birth": "1960-02-11",
                "sex": "F", "first_language": "pl", "preferred_language": "pl", "interpreter_needed": True,
                "ethnicity": "White - Polish", "access_needs": "Arthritis: meetings on the ground floor.",
                "notes": "Grandmother; helps care for the children, especially when Agnieszka is unwell."})
    tomasz = add({"kind": "adult", "given_name": "Tomasz", "family_name": "Nowak", "sex": "M",
                  "first_language": "pl", "notes": "Maja's father; lives in Poland; no contact since 2016."})
    tomasz.in_household_network = False
    tomasz.birth_year = 1985
    tomasz.flags = ["lives_abroad"]
    maja.is_index = True
    for p in (maja, leo, ruby, mum, dad, gran):
        if p.date_of_birth:
            p.birth_year = p.date_of_birth.year
    rel = lambda person, child, label, pr=False, lives=False: set_relationship(  # noqa: E731
        session, cid, {"person_id": person.id, "child_id": child.id, "relationship_label": label,
                       "parental_responsibility": pr, "lives_with_child": lives}, user=user)
    for child in (maja, leo, ruby):
        rel(mum, child, "mother", True, True)
        rel(gran, child, "maternal grandmother", False, True)
    rel(dad, leo, "father", True)
    rel(dad, ruby, "father", True)
    rel(tomasz, maja, "father", True)
    rel(maja, leo, "half-sister", False, True)
    rel(maja, ruby, "half-sister", False, True)
    rel(leo, ruby, "brother", False, True)

    team = lambda data: add_to_team(session, cid, data, user=user).professional  # noqa: E731
    dsl = team({"name": "Sarah Whitfield", "role": "Designated Safeguarding Lead", "agency_name": "Riverside Academy",
                "agency_kind": "school", "email": "s.whitfield@riverside-academy.example.org",
                "phone": "01632 960111", "role_in_case": "Lead professional"})
    hv = team({"name": "Priya Shah", "role": "Health Visitor", "agency_name": "Riverside Health Visiting Team",
               "agency_kind": "health", "email": "priya.shah@nhs.example.org", "role_in_case": "Health visitor for Ruby"})
    senco = team({"name": "Daniel Osei", "role": "SENCo", "agency_name": "St Mark's Primary School",
                  "agency_kind": "school", "email": "senco@stmarks.example.org", "role_in_case": "Leo's school"})
    fsw = team({"name": "Jo Bennett", "role": "Family Support Worker", "agency_name": "Home-Start Riverside",
                "agency_kind": "voluntary", "phone": "01632 960222", "role_in_case": "Home support, routines"})
    ycw = team({"name": "Amira Haddad", "role": "Young Carers Worker", "agency_name": "Riverside Young Carers",
                "agency_kind": "voluntary", "role_in_case": "Support for Maja as a young carer"})
    nursery = team({"name": "Karen Doyle", "role": "Nursery Manager", "agency_name": "Little Acorns Nursery",
                    "agency_kind": "early_years", "role_in_case": "Ruby's nursery"})
    case.lead_professional_id = dsl.id
    case.status = "open"
    case.opened_on = date(2026, 9, 8)
    case.ecomap_centre_label = "Agnieszka, Barbara, Maja, Leo and Ruby"

    home = Household(case_id=cid, label="Home with grandmother", is_main=True,
                     address="42 Willow Road, Riverside RV2 7QT", postcode="RV2 7QT")
    dads = Household(case_id=cid, label="Dean's flat", address="Flat 3, 18 Mill Lane, Riverside", postcode="RV4 2PL")
    session.add_all([home, dads])
    session.flush()
    session.add_all([HouseholdMember(case_id=cid, household_id=home.id, person_id=p.id)
                     for p in (mum, gran, maja, leo, ruby)])
    session.add(HouseholdMember(case_id=cid, household_id=dads.id, person_id=dad.id))
    # Agnieszka moved after the separation: Dean must not learn the new address.
    for entity, eid in (("households", home.id), ("people", mum.id)):
        session.add(Restriction(case_id=cid, entity=entity, entity_id=eid, field="address",
                                withheld_from_person_id=dad.id,
                                reason="History of domestic abuse; non-molestation order until 2027."))

    session.add_all([
        Partnership(case_id=cid, partner_a_id=mum.id, partner_b_id=dad.id, type="cohabitation",
                    status="separated", start_year=2016, end_year=2024, separation_year=2024),
        Partnership(case_id=cid, partner_a_id=mum.id, partner_b_id=tomasz.id, type="marriage",
                    status="divorced", start_year=2010, end_year=2015, divorce_year=2015),
        ParentLink(case_id=cid, child_id=maja.id, parent_a_id=mum.id, parent_b_id=tomasz.id, type="biological"),
        ParentLink(case_id=cid, child_id=leo.id, parent_a_id=mum.id, parent_b_id=dad.id, type="biological"),
        ParentLink(case_id=cid, child_id=ruby.id, parent_a_id=mum.id, parent_b_id=dad.id, type="biological"),
        ParentLink(case_id=cid, child_id=mum.id, parent_a_id=gran.id, type="biological"),
        EmotionalRelationship(case_id=cid, from_person_id=maja.id, to_person_id=mum.id, type="caretaker", directed=True,
                              notes="Maja looks after her mother on bad days."),
        EmotionalRelationship(case_id=cid, from_person_id=mum.id, to_person_id=dad.id, type="hostile"),
        EmotionalRelationship(case_id=cid, from_person_id=maja.id, to_person_id=gran.id, type="very_close"),
        EmotionalRelationship(case_id=cid, from_person_id=maja.id, to_person_id=tomasz.id, type="cut_off"),
    ])
    eco = [("Riverside Academy", "education", "stressful", 2, "both", [maja.id]),
           ("St Mark's Primary", "education", "moderate", 2, "to_family", [leo.id]),
           ("Little Acorns Nursery", "early_years", "strong", 2, "to_family", [ruby.id]),
           ("Health visiting", "health", "moderate", 1, "to_family", [ruby.id, mum.id]),
           ("GP surgery", "health", "tenuous", 1, "to_family", [mum.id]),
           ("Home-Start Riverside", "voluntary", "strong", 2, "to_family", []),
           ("Riverside Young Carers", "voluntary", "moderate", 1, "to_family", [maja.id]),
           ("St Joseph's Polish parish", "faith", "strong", 3, "both", [gran.id, mum.id]),
           ("Dean Carter's family", "family", "stressful", 2, "both", [leo.id, ruby.id])]
    session.add_all([EcomapSystem(case_id=cid, name=n, category=c, line=ln, weight=w, flow=fl,
                                  connects_to_family=not ids, person_ids=ids, recorded_on=date(2026, 9, 24))
                     for n, c, ln, w, fl, ids in eco])

    session.add(Request(case_id=cid, received_at=_at(2026, 9, 7, 10, 15), source="school",
                        source_agency_id=dsl.agency_id, source_name="Sarah Whitfield, DSL",
                        reasons="Maja's attendance has fallen to 78%; she is tired and says she looks after her "
                                "mum. Leo's behaviour at school has worsened since his parents separated. "
                                "The family share a three-bedroom house with grandmother.",
                        presenting_needs=["school_non_attendance", "young_carer", "parental_mental_health",
                                          "emotional_wellbeing"],
                        decided_at=_at(2026, 9, 8, 9, 30), decided_by="Early Help Hub",
                        outcome="taf_by_partner", level_of_need="level_2"))
    session.add(Allocation(case_id=cid, professional_id=dsl.id, allocated_at=_at(2026, 9, 8, 11), family_consulted=True,
                           allocated_by="Early Help Hub",
                           note="Three children (14, 9, 3). Needs: attendance and caring role (Maja), behaviour "
                                "and ADHD pathway (Leo), mother's mental health. Intro visit by 15 Sep, "
                                "assessment by 5 Oct, initial TAF by 19 Oct."))
    consent = lambda person, **kw: record_consent(session, cid, {"person_id": person.id, **kw}, user=user)  # noqa: E731
    consent(mum, given_on="2026-09-10", method="written", share_with_all_taf=True, recorded_by="Sarah Whitfield")
    consent(gran, given_on="2026-09-10", method="written", share_with_all_taf=True, recorded_by="Sarah Whitfield",
            scope_notes="Explained through a Polish interpreter (Language Line).")
    consent(dad, given_on="2026-09-14", method="verbal", recorded_by="Sarah Whitfield",
            scope_agency_ids=[dsl.agency_id, senco.agency_id, hv.agency_id],
            scope_notes="Schools and health only; not Home-Start.")
    consent(maja, given_on="2026-09-10", method="verbal", share_with_all_taf=True, recorded_by="Sarah Whitfield",
            scope_notes="Maja agreed, and asked that her school friends are not told.")

    ea = Assessment(case_id=cid, number=1, status="authorised", started_on=date(2026, 9, 10),
                    completed_on=date(2026, 9, 30), level_of_need="level_2",
                    authorised_by="Mark Ellis, Early Help Team Manager", authorised_on=date(2026, 10, 2),
                    shared_with_family_on=date(2026, 10, 12),
                    strengths="A warm, close family. Barbara is a steady presence. Agnieszka is engaged with her GP "
                              "and wants help. Maja is bright and well liked. Ruby is thriving at nursery.",
                    worries="Maja misses school to care for her mother and is worried about her. Leo is "
                            "angry and struggles at school. Agnieszka feels low and isolated.",
                    history="Domestic abuse by Dean towards Agnieszka (police call-outs 2023 and 2024); "
                            "non-molestation order 2024-2027. Maja's attendance has fallen each year since 2023.",
                    previous_help="Family Support 2024 (six sessions), school counselling for Maja in 2025.",
                    culture_identity="Polish Catholic family; Polish spoken at home with Barbara. Agnieszka "
                                     "prefers written documents in Polish.",
                    access_needs="Barbara needs a Polish interpreter and ground-floor rooms.",
                    family_goals="Maja back in school full time and not worried about Mum; Leo calmer at home "
                                 "and school; Agnieszka feeling better; more space at home.",
                    analysis="The children's needs stem largely from Agnieszka's depression and the aftermath "
                             "of domestic abuse. Support for her health and for Maja's caring role, with "
                             "consistent routines for Leo, should meet the needs at Level 2.")
    session.add(ea)
    session.flush()
    session.add_all([
        ChildVoice(case_id=cid, assessment_id=ea.id, child_id=maja.id, gathered_by="Sarah Whitfield",
                   how_gathered="Talked in the school library; 'three houses' worksheet.", language="en",
                   seen_alone=True, gathered_on=date(2026, 9, 16),
                   words="I don't mind helping Mum but sometimes I can't sleep because I'm worried. I miss "
                         "school when she's really bad. I want to go to drama club again."),
        ChildVoice(case_id=cid, assessment_id=ea.id, child_id=leo.id, gathered_by="Daniel Osei",
                   how_gathered="Drawing and talking with his SENCo, whom he knows well.", language="en",
                   seen_alone=True, gathered_on=date(2026, 9, 18),
                   words="I get cross when people shout. I like football with Dad. School is boring when "
                         "I don't get it."),
        ChildVoice(case_id=cid, assessment_id=ea.id, child_id=ruby.id, gathered_by="Karen Doyle",
                   how_gathered="Observation at nursery and at home (Ruby is 3).", language="en", seen_alone=False,
                   gathered_on=date(2026, 9, 22),
                   words="Ruby chatted happily about 'Babcia' and her baby doll; she settles well with her key "
                         "person.", empty_reason=""),
        AdultView(case_id=cid, assessment_id=ea.id, person_id=mum.id,
                  views="I know Maja does too much. I want to get well and be the mum I was."),
        AdultView(case_id=cid, assessment_id=ea.id, person_id=gran.id,
                  views="(through interpreter) I help all I can but my hands are bad. The house is too small."),
        AdultView(case_id=cid, assessment_id=ea.id, person_id=dad.id,
                  views="I want to see the kids more. Leo needs a firm hand."),
        ProfessionalView(case_id=cid, assessment_id=ea.id, professional_id=dsl.id,
                         views="Maja's attendance and wellbeing are the school's main concern."),
        ProfessionalView(case_id=cid, assessment_id=ea.id, professional_id=senco.id,
                         views="Leo needs a consistent approach between home and school while he waits for the "
                               "ADHD assessment."),
        ProfessionalView(case_id=cid, assessment_id=ea.id, professional_id=hv.id,
                         views="Ruby's development is on track; her 3-year review is due in January."),
    ])
    needs_spec = [
        ("Maja's attendance is 78% and falling because of her caring role.", ["good_education"], [maja.id]),
        ("Maja is a young carer and is anxious about her mother.", ["mental_physical_health"], [maja.id]),
        ("Leo's behaviour at school and at home; waiting for an ADHD assessment.",
         ["good_education", "mental_physical_health"], [leo.id]),
        ("Agnieszka's depression limits daily routines.", ["mental_physical_health"], [mum.id]),
        ("Overcrowding: six people would fit better in a four-bedroom home.", ["secure_housing"],
         [mum.id, gran.id]),
        ("Tension between the parents over contact arrangements.",
         ["family_relationships", "safe_from_domestic_abuse"], [mum.id, dad.id, leo.id, ruby.id]),
    ]
    needs = []
    for i, (text, areas, who) in enumerate(needs_spec):
        n = Need(case_id=cid, assessment_id=ea.id, position=i, description=text, outcome_areas=areas, person_ids=who)
        needs.append(n)
    session.add_all(needs)
    session.flush()
    _direct_work_and_absent_father(session, cid, ea.id, maja.id, tomasz.id)

    m1 = Meeting(case_id=cid, kind="initial", status="held", starts_at=_at(2026, 10, 8, 15, 30),
                 venue="Riverside Academy, ground-floor meeting room", chair_professional_id=dsl.id,
                 child_views="Maja attended for the first part; Leo's views brought by Mr Osei.",
                 family_views="Agnieszka and Barbara agree with the plan.", next_review_on=date(2026, 11, 19),
                 outcome="Plan agreed.")
    m2 = Meeting(case_id=cid, kind="review", status="held", starts_at=_at(2026, 11, 19, 15, 30),
                 venue="Riverside Academy, ground-floor meeting room", chair_professional_id=dsl.id,
                 child_views="Maja: 'Things are a bit better. I'm going to drama again.'",
                 family_views="Agnieszka feels the young carers group has helped Maja.",
                 next_review_on=date(2026, 12, 31), outcome="Good progress; continue the plan.")
    session.add_all([m1, m2])
    session.flush()
    for m, present, apologies in ((m1, [dsl, hv, senco, fsw], [ycw, nursery]),
                                  (m2, [dsl, senco, fsw, ycw], [hv, nursery])):
        session.add_all([MeetingAttendance(case_id=cid, meeting_id=m.id, professional_id=p.id, status="present")
                         for p in present])
        session.add_all([MeetingAttendance(case_id=cid, meeting_id=m.id, professional_id=p.id,
                                           status="report_sent" if p is hv else "apologies") for p in apologies])
        session.add_all([MeetingAttendance(case_id=cid, meeting_id=m.id, person_id=p.id, status="present")
                         for p in (mum, gran, maja)])

    plan_rows = []
    outcome_lineage = [new_id() for _ in range(3)]
    action_lineage = [new_id() for _ in range(8)]
    for number, meeting, agreed, review, status in ((1, m1, date(2026, 10, 8), date(2026, 11, 19), "superseded"),
                                                    (2, m2, date(2026, 11, 19), date(2026, 12, 31), "agreed")):
        pv = PlanVersion(case_id=cid, number=number, status=status, meeting_id=meeting.id, agreed_on=agreed,
                         review_by=review, visit_frequency="Every two weeks at home",
                         child_seen_alone_frequency="Maja and Leo each seen alone every four weeks",
                         likely_duration="Six months")
        session.add(pv)
        session.flush()
        o1 = Outcome(case_id=cid, plan_version_id=pv.id, position=0, lineage_id=outcome_lineage[0],
                     for_person_id=maja.id,
                     description="Maja attends school every day and has time for herself.",
                     need_ids=[needs[0].id, needs[1].id])
        o2 = Outcome(case_id=cid, plan_version_id=pv.id, position=1, lineage_id=outcome_lineage[1],
                     for_person_id=leo.id,
                     description="Leo is calmer, with the same routines at home and at school.",
                     need_ids=[needs[2].id])
        o3 = Outcome(case_id=cid, plan_version_id=pv.id, position=2, lineage_id=outcome_lineage[2],
                     for_person_id=mum.id,
                     description="Agnieszka's health improves and the family has a suitable home.",
                     need_ids=[needs[3].id, needs[4].id, needs[5].id])
        session.add_all([o1, o2, o3])
        session.flush()
        later = number == 2
        acts = [
            (o1, "Refer Maja to Riverside Young Carers and agree a young carer's assessment.", "Maja meets her young "
             "carers worker", None, ycw, date(2026, 10, 9), date(2026, 10, 30),
             "Young carer's assessment completed and Maja attending the group.", "done" if later else "in_progress"),
            (o1, "Daily attendance check-in with Maja's form tutor; agree a plan for mornings when Mum is unwell.",
             "You and Ms Whitfield check in each morning", None, dsl, date(2026, 10, 9), date(2026, 12, 18),
             "Attendance above 92% over each four-week period.", "in_progress"),
            (o1, "Take Maja to drama club on Thursdays.", "Babcia takes you to drama club", gran, None,
             date(2026, 10, 15), date(2026, 12, 17), "Maja attends 8 of the 10 sessions.", "in_progress"),
            (o2, "Shared behaviour plan with the same three rules at home and at school; weekly home-school "
             "book.", "The same three rules at home and school", None, senco, date(2026, 10, 12),
             date(2026, 11, 30), "Fewer than two incident reports a week by the end of November.", "in_progress"),
            (o2, "Keep to the agreed contact schedule and bring Leo back by 5pm.", "Dad brings you home by 5",
             dad, None, date(2026, 10, 10), date(2026, 12, 31), "Every contact on time (recorded by Barbara).",
             "in_progress"),
            (o3, "Book a GP review of medication and attend the wellbeing group.", "", mum, None,
             date(2026, 10, 9), date(2026, 11, 6), "GP review attended; Agnieszka's own score on mood improves.",
             "done" if later else "not_started"),
            (o3, "Weekly home visits to set up morning and bedtime routines.",
             "Jo comes to our house to help with bedtime", None, fsw, date(2026, 10, 12),
             date(2026, 12, 18), "Routines chart used five days out of seven.", "in_progress"),
            (o3, "Help Agnieszka complete and submit the housing register application for a four-bedroom home.",
             "", None, fsw,
             date(2026, 10, 12), date(2026, 11, 27), "Application submitted with supporting letter.",
             "in_progress" if later else "not_started"),
        ]
        for pos, (o, desc, kid, pown, prown, start, due, measure, st) in enumerate(acts):
            a = Action(case_id=cid, outcome_id=o.id, position=pos, lineage_id=action_lineage[pos],
                       description=desc, child_friendly=kid,
                       owner_person_id=pown.id if pown else None, owner_professional_id=prown.id if prown else None,
                       start_on=start, due_on=due, measure=measure, status=st,
                       rag="green" if st == "done" else "amber")
            plan_rows.append(a)
        session.add_all(plan_rows[-len(acts):])
    session.flush()
    headings = ["introductions", "child_views", "family_views", "agency_updates", "working_well", "worries",
                "next_steps"]
    texts = {
        m1.id: ["Introductions and confidentiality explained; Barbara supported by a Polish interpreter.",
                "Maja spoke about wanting to go back to drama; Leo's drawing shared by Mr Osei.",
                "Agnieszka wants help with routines and her health.",
                "School: attendance 78%. Health visitor: Ruby on track. Home-Start can start next week.",
                "Ruby is settled at nursery; Barbara's support.",
                "Maja's caring role and sleep; Leo's behaviour.",
                "Plan agreed (version 1). Review on 19 November."],
        m2.id: ["Introductions; Amira Haddad joined the team.",
                "Maja: 'Things are a bit better. I'm going to drama again.'",
                "Agnieszka has seen her GP and started the wellbeing group.",
                "Attendance up to 89%. Two incident reports in three weeks for Leo. Housing form half done.",
                "Young carers group; GP review done.",
                "Housing application is late; contact handovers still tense.",
                "Plan version 2 agreed. Next review 31 December."],
    }
    for meeting_id, lines in texts.items():
        session.add_all([MinuteItem(case_id=cid, meeting_id=meeting_id, position=i, heading=h, text=t)
                         for i, (h, t) in enumerate(zip(headings, lines, strict=True))])

    for occasion, day, scores in (("assessment", date(2026, 9, 30), (4, 3, 5, 4, 3)),
                                  ("review", date(2026, 11, 19), (6, 5, 5, 6, 4))):
        for area, score in zip(("good_education", "mental_physical_health", "family_relationships",
                                "safe_from_domestic_abuse", "secure_housing"), scores, strict=True):
            session.add(ScalingScore(case_id=cid, person_id=mum.id, area=area, score=score, scored_on=day,
                                     occasion=occasion))
    session.add_all([
        ChronologyEvent(case_id=cid, occurred_on=date(2024, 3, 2), what="Police called to a domestic incident; "
                        "Dean arrested.", source="Police notification", significance="high",
                        person_ids=[mum.id, dad.id]),
        ChronologyEvent(case_id=cid, occurred_on=date(2024, 5, 20), what="Non-molestation order granted until 2027.",
                        source="Agnieszka", significance="high", person_ids=[mum.id, dad.id]),
        ChronologyEvent(case_id=cid, occurred_on=date(2026, 9, 7), what="Request for early help from Riverside "
                        "Academy.", source="School", significance="medium", person_ids=[maja.id]),
        ChronologyEvent(case_id=cid, occurred_on=date(2026, 10, 21), what="Leo excluded for one day after a "
                        "fight at school.", source="St Mark's Primary", significance="medium", person_ids=[leo.id]),
    ])
    session.add_all([
        Visit(case_id=cid, visited_on=date(2026, 9, 10), professional_id=dsl.id, venue="Home",
              purpose="Introductory visit; consent; start of the assessment.",
              seen_person_ids=[mum.id, gran.id, maja.id, ruby.id], seen_alone_child_ids=[]),
        Visit(case_id=cid, visited_on=date(2026, 10, 22), professional_id=fsw.id, venue="Home",
              purpose="Routines", seen_person_ids=[mum.id, leo.id, ruby.id]),
        Visit(case_id=cid, visited_on=date(2026, 11, 5), professional_id=dsl.id, venue="School",
              purpose="Seeing Maja alone", seen_person_ids=[maja.id], seen_alone_child_ids=[maja.id]),
    ])
    session.add_all([
        SupervisionNote(case_id=cid, held_on=date(2026, 9, 9), supervisor="Mark Ellis", occasion="allocation",
                        note="Agreed Level 2 with the school as lead; consider young carers referral."),
        SupervisionNote(case_id=cid, held_on=date(2026, 10, 2), supervisor="Mark Ellis", occasion="assessment",
                        note="Assessment authorised; domestic abuse history noted; address restriction confirmed."),
    ])
    session.flush()
    session.expire(case)
    record_event(session, user=user, action="demo", case_id=cid, detail="demo family created")
    _ = CaseEnding  # endings come at closure; the demo case is open
    return case


def _direct_work_and_absent_father(session: Session, cid: str, assessment_id: str, maja_id: str,
                                   tomasz_id: str) -> None:
    """Maja's "three houses" worksheet, and why her father is not part of the assessment."""
    from ..orm import Attachment
    from .demo_art import three_houses_png

    voice = session.scalar(select(ChildVoice).where(ChildVoice.assessment_id == assessment_id,
                                                    ChildVoice.child_id == maja_id))
    assert voice is not None
    session.add(Attachment(case_id=cid, child_voice_id=voice.id, filename="maja-three-houses.png",
                           media_type="image/png", data=three_houses_png(),
                           caption="Maja's three houses, drawn with Sarah Whitfield on 16 September."))
    session.add(AdultView(case_id=cid, assessment_id=assessment_id, person_id=tomasz_id, included=False,
                          not_included_reason="Lives in Poland with no contact since 2016; Maja asked that "
                                              "he is not contacted."))
    session.flush()
