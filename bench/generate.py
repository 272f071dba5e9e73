"""Generate a database of many plausible fictional cases, quickly (bulk inserts).

Used by the benchmarks; each case has a family of 2-6 people, a request, consent, a lead
professional from a pool, and a status spread like a real caseload.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tafdesk.models.orm import Agency, Case, CaseProfessional, Consent, Person, Professional, Request, new_id

SURNAMES = ["Smith", "Jones", "Khan", "Begum", "Nowak", "Ahmed", "Taylor", "Brown", "Wilson", "Patel",
            "Hussain", "Evans", "Kowalski", "Popescu", "Okafor", "Murphy", "Ali", "Davies", "Hughes", "Singh"]
GIVEN = ["Amelia", "Oliver", "Isla", "Muhammad", "Ava", "Noah", "Maja", "Leo", "Ruby", "Zainab", "Jakub",
         "Aisha", "George", "Freya", "Ibrahim", "Lily", "Harry", "Sofia", "Arlo", "Hana"]
STATUSES = ["open"] * 6 + ["closed"] * 3 + ["requested", "stepped_up"]


def generate_cases(session: Session, n: int, *, seed: int = 7) -> None:
    rnd = random.Random(seed)
    agencies = [{"id": new_id(), "row_version": 1, "name": f"Agency {i}", "kind": "school", "phone": "",
                 "email": "", "address": ""} for i in range(10)]
    profs = [{"id": new_id(), "row_version": 1, "name": f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}",
              "role": "Lead professional", "agency_id": rnd.choice(agencies)["id"], "phone": "", "email": ""}
             for _ in range(40)]
    session.execute(insert(Agency), agencies)
    session.execute(insert(Professional), profs)
    cases, members, people, requests, consents = [], [], [], [], []
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
                         "source": "school", "reasons": "Attendance and wellbeing.", "presenting_needs": [],
                         "outcome": "open_early_help", "decided_at": received + timedelta(hours=20)})
        consents.append({"id": new_id(), "row_version": 1, "case_id": cid, "person_id": adult_id,
                         "given_on": received.date() + timedelta(days=3), "method": "written",
                         "share_with_all_taf": True, "scope_agency_ids": []})
    for model, rows in ((Case, cases), (CaseProfessional, members), (Person, people), (Request, requests),
                        (Consent, consents)):
        for start in range(0, len(rows), 2000):
            session.execute(insert(model), rows[start:start + 2000])
