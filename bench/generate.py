"""Generate a database of many plausible fictional cases, quickly (bulk inserts).

Used by the benchmarks; each case has a family of 2-6 people, a request, consent, a lead
professional from a pool, and a status spread like a real caseload.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tafdesk.models.orm import (
    Agency,
    Allocation,
    Assessment,
    Case,
    CaseEnding,
    CaseProfessional,
    Consent,
    FamilyFeedback,
    Meeting,
    MeetingAttendance,
    Person,
    Professional,
    Request,
    ScalingScore,
    SupervisionNote,
    Visit,
    new_id,
)

SURNAMES = ["Smith", "Jones", "Khan", "Begum", "Nowak", "Ahmed", "Taylor", "Brown", "Wilson", "Patel",
            "Hussain", "Evans", "Kowalski", "Popescu", "Okafor", "Murphy", "Ali", "Davies", "Hughes", "Singh"]
GIVEN = ["Amelia", "Oliver", "Isla", "Muhammad", "Ava", "Noah", "Maja", "Leo", "Ruby", "Zainab", "Jakub",
         "Aisha", "George", "Freya", "Ibrahim", "Lily", "Harry", "Sofia", "Arlo", "Hana"]
STATUSES = ["open"] * 6 + ["closed"] * 3 + ["requested", "stepped_up"]


def generate_cases(session: Session, n: int, *, seed: int = 7, casework: bool = False) -> None:
    """``casework`` adds allocations, visits, an assessment, TAF meetings with attendance,
    supervision, scaling scores, endings and feedback, as far as each case has got."""
    rnd = random.Random(seed)
    agencies = [{"id": new_id(), "row_version": 1, "name": f"Agency {i}", "kind": "school", "phone": "",
                 "email": "", "address": ""} for i in range(10)]
    profs = [{"id": new_id(), "row_version": 1, "name": f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}",
              "role": "Lead professional", "agency_id": rnd.choice(agencies)["id"], "phone": "", "email": ""}
             for _ in range(40)]
    session.execute(insert(Agency), agencies)
    session.execute(insert(Professional), profs)
    cases, members, people, requests, consents = [], [], [], [], []
    work: dict[type, list[dict]] = {m: [] for m in (Allocation, Visit, Assessment, Meeting, MeetingAttendance,
                                                     SupervisionNote, ScalingScore, CaseEnding, FamilyFeedback)}
    now = datetime(2026, 11, 1, tzinfo=UTC)
    for i in range(n):
        cid = new_id()
        received = now - timedelta(days=rnd.randint(0, 900))
        surname = rnd.choice(SURNAMES)
        lead = rnd.choice(profs)
        cases.append({"id": cid, "row_version": 1, "reference": f"EH-{received.year}-{i + 1:05d}",
                      "family_name": surname, "status": rnd.choice(STATUSES), "level_of_need": "level_2",
                      "opened_on": received.date(), "closed_on": None, "lead_professional_id": lead["id"],
                      "previous_episode_id": None, "summary": "", "ecomap_centre_label": "",
                      "created_at": received, "updated_at": received})
        members.append({"id": new_id(), "row_version": 1, "case_id": cid, "professional_id": lead["id"],
                        "role_in_case": "Lead professional", "joined_on": None, "left_on": None})
        adult_id = None
        for k in range(rnd.randint(2, 6)):
            adult = k == 0
            pid = new_id()
            adult_id = adult_id or pid
            dob = date(rnd.randint(1975, 1995) if adult else rnd.randint(2009, 2025), rnd.randint(1, 12), 1)
            people.append({"id": pid, "row_version": 1, "case_id": cid, "kind": "adult" if adult else "child",
                           "given_name": rnd.choice(GIVEN), "family_name": surname, "date_of_birth": dob,
                           "birth_year": dob.year, "sex": rnd.choice("MF"), "flags": [], "first_language": "en",
                           "preferred_language": "en"})
        requests.append({"id": new_id(), "row_version": 1, "case_id": cid, "received_at": received,
                         "source": rnd.choice(SOURCES) if casework else "school",
                         "reasons": "Attendance and wellbeing.",
                         "presenting_needs": rnd.sample(NEEDS, rnd.randint(1, 3)) if casework else [],
                         "outcome": "open_early_help", "decided_at": received + timedelta(hours=20)})
        consents.append({"id": new_id(), "row_version": 1, "case_id": cid, "person_id": adult_id,
                         "given_on": received.date() + timedelta(days=3), "method": "written",
                         "share_with_all_taf": True, "scope_agency_ids": []})
        if casework:
            _casework(rnd, work, cases[-1], received, lead, adult_id, [p for p in profs if p is not lead])
    for model, rows in ((Case, cases), (CaseProfessional, members), (Person, people), (Request, requests),
                        (Consent, consents), *work.items()):
        for start in range(0, len(rows), 2000):
            session.execute(insert(model), rows[start:start + 2000])


AREAS = ["good_education", "mental_physical_health", "family_relationships", "secure_housing",
         "financial_stability"]
SOURCES = ["school"] * 5 + ["health"] * 3 + ["police", "family", "early_years", "voluntary", "housing"]
NEEDS = ["school_non_attendance", "parental_mental_health", "domestic_abuse", "emotional_wellbeing",
         "young_carer", "family_conflict", "substance_misuse", "additional_learning_needs"]
ENDINGS = ["closure"] * 8 + ["step_up", "consent_withdrawn"]


def _row(case_id: str, **values: object) -> dict:
    return {"id": new_id(), "row_version": 1, "case_id": case_id, **values}


def _casework(rnd: random.Random, work: dict[type, list[dict]], case: dict, received: datetime, lead: dict,
              adult_id: str, others: list[dict]) -> None:
    """Steps each case has reached, with realistic delays (some late), up to 1 Nov 2026."""
    cid, status, end = case["id"], case["status"], datetime(2026, 11, 1, tzinfo=UTC)
    if status == "requested":
        return
    day = received.date()

    def later(days: tuple[int, int], base: date) -> date | None:
        d = base + timedelta(days=rnd.randint(*days))
        return d if d <= end.date() else None

    allocated = received + timedelta(hours=rnd.choice([3, 20, 30, 47, 70, 100]))
    if allocated > end:
        return
    work[Allocation].append(_row(cid, professional_id=lead["id"], allocated_at=allocated, allocated_by="Hub",
                                 family_consulted=True, note="", ended_at=None))
    first = later((1, 12), allocated.date())
    if first is None:
        return
    closed_on = None
    if status in ("closed", "stepped_up"):
        closed_on = later((60, 300), day)
        if closed_on is None:
            closed_on = end.date()
    stop = closed_on or end.date()
    visit = first
    while visit and visit <= stop:
        work[Visit].append(_row(cid, visited_on=visit, professional_id=lead["id"], venue="Home", purpose="Visit",
                                seen_person_ids=[], seen_alone_child_ids=[], notes=""))
        visit = later((7, 21), visit)
    done = later((10, 40), day)
    authorised = later((1, 6), done) if done else None
    work[Assessment].append(_row(cid, number=1, status="authorised" if authorised else "draft", started_on=first,
                                 completed_on=done, authorised_on=authorised, authorised_by="Manager",
                                 shared_with_family_on=None, level_of_need="level_2"))
    meeting_day = later((5, 20), done) if done else None
    kind, held = "initial", []
    while meeting_day and meeting_day <= stop:
        mid = new_id()
        work[Meeting].append({"id": mid, "row_version": 1, "case_id": cid, "kind": kind, "status": "held",
                              "starts_at": datetime.combine(meeting_day, datetime.min.time(), tzinfo=UTC)
                              + timedelta(hours=14), "venue": "School", "chair_professional_id": lead["id"],
                              "child_views": "", "family_views": "", "outcome": "",
                              "next_review_on": meeting_day + timedelta(weeks=6)})
        for prof in [lead, *rnd.sample(others, 3)]:
            work[MeetingAttendance].append(_row(cid, meeting_id=mid, professional_id=prof["id"], person_id=None,
                                                status=rnd.choice(["present"] * 6 + ["apologies", "report_sent",
                                                                                     "did_not_attend"])))
        held.append(meeting_day)
        kind = "review"
        meeting_day = later((28, 56), meeting_day)
    if held:
        work[Assessment][-1]["shared_with_family_on"] = later((1, 9), held[0])
    sup = allocated.date()
    while sup <= stop:
        work[SupervisionNote].append(_row(cid, held_on=sup, supervisor="Manager", occasion="individual", note="",
                                          actions_agreed=""))
        sup = sup + timedelta(days=rnd.randint(20, 40))
    scored = [d for d in [done, *held[1:]] if d]
    level = rnd.randint(2, 5)
    for d in scored:
        for area in AREAS:
            work[ScalingScore].append(_row(cid, person_id=adult_id, area=area, score=max(1, min(10, level
                                           + rnd.randint(-1, 2))), scored_on=d, occasion="review", notes="",
                                           meeting_id=None))
        level += rnd.choice([-1, 0, 1, 1, 2])
    if closed_on:
        kind = "step_up" if status == "stepped_up" else rnd.choice(ENDINGS[:8] + ["consent_withdrawn"])
        work[CaseEnding].append(_row(cid, kind=kind, decided_on=closed_on, reason="Generated.", summary="",
                                     continuing_service="", referral_reference="", manager="Manager"))
        case["closed_on"] = closed_on
        if rnd.random() < 0.5:
            work[FamilyFeedback].append(_row(cid, person_id=None, given_on=closed_on, respected=rnd.randint(3, 5),
                                             listened_to=rnd.randint(2, 5), helped=rnd.randint(2, 5), comments=""))
