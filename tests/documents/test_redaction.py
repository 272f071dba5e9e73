"""Nothing withheld from the family reaches a family's document, in any document or language.

Sentinel words are planted in the demo family in records and fields that are then marked "do not
disclose": an address kept from Dean (so from every family copy), a household's name kept from
the family, two whole people kept from the family, a minute not to be shared and a minute marked
as withheld, an assessment section, a need and a plan action kept from the family, and a
chronology event and plan action kept from children's social care.

Every kind in ``document_kinds()`` is checked (a new document is covered by being registered):
its family variant must contain no sentinel, while a control rendering shows that the document
does print them (the same data before the marks, or the full professional copy), so a leak fails.
Languages: a kind that takes ``language`` is checked in English and in every language with a
catalogue (``i18n.catalog.available_languages``), and bilingual too when it takes ``bilingual``;
the other kinds are English only.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.documents.meeting_pack import meeting_pack
from tafdesk.documents.registry import DocumentKind, RenderOptions, document_kinds
from tafdesk.models.orm import (
    Action,
    Agency,
    Assessment,
    ChildRelationship,
    ChronologyEvent,
    Consent,
    EcomapSystem,
    Household,
    HouseholdMember,
    MeetingAttendance,
    MinuteItem,
    Need,
    Outcome,
    ParentLink,
    Partnership,
    Person,
    Restriction,
    ScalingScore,
)
from tafdesk.models.services.meetings import meeting_by_number
from tafdesk.models.services.plan import current_plan
from tafdesk.models.storage import Database

# Words that must never reach the family (all lower case: compared with lower-cased text).
FAMILY_WORDS = ("qxaddress", "qxlabel", "qxperson", "sentinelson", "qxchild", "qxminute", "qxminrec",
                "qxsection", "qxneed", "qxaction")
AGENCY_WORD = "qxagency"
ENDING_FOR = {"closure-letter": "closure", "closure-summary": "closure", "step-up-pack": "step_up"}
TODAY = date(2026, 11, 25)


def languages(kind: DocumentKind) -> list[str]:
    if "language" not in kind.options:
        return ["en"]
    from tafdesk.i18n.catalog import available_languages

    return ["en", *[c for c in available_languages() if c != "en"]]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split()).lower()


def plant(s: Session, cid: str) -> dict[str, str]:
    """Put the sentinel values in the record (no marks yet); returns the ids the marks need."""
    people = {p.given_name: p for p in s.scalars(select(Person).where(Person.case_id == cid))}
    mum, dean, ruby = people["Agnieszka"], people["Dean"], people["Ruby"]
    home = s.scalar(select(Household).where(Household.case_id == cid, Household.is_main))
    assert home is not None
    home.address = mum.address = "17 Qxaddress Gardens, Riverside RV2 7QT"
    home.label = "Qxlabel house"
    mum.email, dean.email = "agnieszka.qxaddress@example.org", "dean@example.org"
    partner = Person(case_id=cid, kind="adult", given_name="Qxperson", family_name="Sentinelson", sex="M",
                     birth_year=1990, email="qxperson@example.org", address="9 Other Street, Elsewhere")
    baby = Person(case_id=cid, kind="child", given_name="Qxchild", family_name="Carter", sex="F",
                  date_of_birth=date(2026, 5, 1), birth_year=2026)
    s.add_all([partner, baby])
    s.flush()
    s.add_all([
        HouseholdMember(case_id=cid, household_id=home.id, person_id=partner.id),
        ChildRelationship(case_id=cid, person_id=partner.id, child_id=ruby.id, relationship_label="mother's partner",
                          lives_with_child=True),
        ChildRelationship(case_id=cid, person_id=dean.id, child_id=baby.id, relationship_label="father",
                          parental_responsibility=True),
        Partnership(case_id=cid, partner_a_id=mum.id, partner_b_id=partner.id, type="cohabitation", status="current",
                    start_year=2026),
        ParentLink(case_id=cid, child_id=baby.id, parent_a_id=dean.id, type="biological"),
        EcomapSystem(case_id=cid, name="Qxperson's boxing club", category="leisure", line="moderate", weight=1,
                     flow="to_family", connects_to_family=False, person_ids=[partner.id]),
        Consent(case_id=cid, person_id=partner.id, given_on=date(2026, 10, 1), method="verbal"),
        ScalingScore(case_id=cid, person_id=partner.id, area="home_life", score=4, scored_on=date(2026, 10, 1),
                     occasion="assessment"),
        ScalingScore(case_id=cid, person_id=ruby.id, area="home_life", score=6, scored_on=date(2026, 11, 1),
                     occasion="review", notes="Settled since Qxperson Sentinelson moved in"),
    ])
    meeting = meeting_by_number(s, cid, None)
    meeting.venue = "At home, 17 Qxaddress Gardens"
    hidden_minute = MinuteItem(case_id=cid, meeting_id=meeting.id, position=90, heading="worries",
                               text="Qxminute: police intelligence shared in confidence.", shareable=False)
    marked_minute = MinuteItem(case_id=cid, meeting_id=meeting.id, position=91, heading="worries",
                               text="Qxminrec: the school's own concern about Dean.")
    s.add_all([hidden_minute, marked_minute,
               MeetingAttendance(case_id=cid, meeting_id=meeting.id, person_id=partner.id, status="present")])
    for person in (mum, dean):
        if s.scalar(select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id,
                                                    MeetingAttendance.person_id == person.id)) is None:
            s.add(MeetingAttendance(case_id=cid, meeting_id=meeting.id, person_id=person.id, status="present"))
    a = s.scalar(select(Assessment).where(Assessment.case_id == cid).order_by(Assessment.number.desc()).limit(1))
    assert a is not None
    a.history += " Qxsection: police intelligence about the new partner."
    need = Need(case_id=cid, assessment_id=a.id, position=99, description="Qxneed: safety planning about Dean.",
                outcome_areas=["domestic_abuse"])
    plan = current_plan(s, cid)
    assert plan is not None
    outcome = s.scalar(select(Outcome).where(Outcome.plan_version_id == plan.id).order_by(Outcome.position).limit(1))
    assert outcome is not None
    hidden_action = Action(case_id=cid, outcome_id=outcome.id, position=90, due_on=date(2027, 1, 15),
                           description="Qxaction: check the non-molestation order with the police.")
    owned = Action(case_id=cid, outcome_id=outcome.id, position=91, owner_person_id=partner.id,
                   due_on=date(2027, 1, 20), description="Take Ruby to nursery on Tuesdays.")
    agency_action = Action(case_id=cid, outcome_id=outcome.id, position=92, due_on=date(2027, 1, 22),
                           description="Qxagency: a worry not to go to social care.")
    csc = Agency(name="Riverside Children's Social Care", kind="social_care")
    event = ChronologyEvent(case_id=cid, occurred_on=date(2026, 10, 3), source="neighbour",
                            what="Qxagency: a neighbour's report, kept from social care.")
    s.add_all([need, hidden_action, owned, agency_action, csc, event])
    s.flush()
    return {"mum": mum.id, "dean": dean.id, "home": home.id, "partner": partner.id, "baby": baby.id,
            "minute": marked_minute.id, "assessment": a.id, "need": need.id, "action": hidden_action.id,
            "agency": csc.id, "event": event.id, "agency_action": agency_action.id}


def restrict(s: Session, cid: str, ids: dict[str, str]) -> None:
    """The marks: what is withheld from whom."""
    def mark(entity: str, eid: str, field: str | None = None, **who: object) -> None:
        s.add(Restriction(case_id=cid, entity=entity, entity_id=eid, field=field, reason="test", **who))

    # The demo already keeps the household's and Agnieszka's address from Dean.
    mark("people", ids["mum"], "email", withheld_from_person_id=ids["dean"])
    mark("households", ids["home"], "label", withheld_from_family=True)
    mark("people", ids["partner"], withheld_from_family=True)
    mark("people", ids["baby"], withheld_from_family=True)
    mark("minute_items", ids["minute"], withheld_from_family=True)
    mark("assessments", ids["assessment"], "history", withheld_from_family=True)
    mark("needs", ids["need"], withheld_from_family=True)
    mark("actions", ids["action"], withheld_from_family=True)
    mark("chronology_events", ids["event"], withheld_from_agency_id=ids["agency"])
    mark("actions", ids["agency_action"], withheld_from_agency_id=ids["agency"])
    s.flush()


def _end(s: Session, cid: str, key: str) -> None:
    if key in ENDING_FOR:
        from tafdesk.models.services.endings import end_case

        end_case(s, cid, {"kind": ENDING_FOR[key], "decided_on": "2026-11-20", "reason": "Outcomes met.",
                          "manager": "Mark Ellis", "summary": "Young carers support and routines."}, user="t")


def test_every_document_declares_who_reads_it() -> None:
    for key, kind in document_kinds().items():
        assert kind.audience in ("family", "both", "professional"), key
        if kind.audience == "both":
            assert "family_copy" in kind.options, f"{key} has a family copy but no way to ask for it"


@pytest.mark.parametrize("key", sorted(document_kinds()))
def test_family_documents_never_show_what_is_withheld(key: str, demo_db: Database, demo_case_id: str,
                                                      tmp_path: Path) -> None:
    kind = document_kinds()[key]
    cid = demo_case_id
    with demo_db.session() as s:
        ids = plant(s, cid)
        _end(s, cid, key)
        for lang in languages(kind):
            base = {"today": TODAY} | ({"language": lang} if "language" in kind.options else {}) | (
                {"bilingual": True} if "bilingual" in kind.options and lang != "en" else {})
            family = RenderOptions(**base, family_copy=kind.audience == "both")  # type: ignore[arg-type]
            agency = RenderOptions(**base, agency_id=ids["agency"])  # type: ignore[arg-type]
            full = RenderOptions(**base)  # type: ignore[arg-type]
            # Control: without the marks the document prints the planted words.
            control = pdf_text(kind.render(s, cid, family if kind.audience != "professional" else full), tmp_path)
            restrict(s, cid, ids)
            if kind.audience == "professional":
                assert AGENCY_WORD in control
                assert AGENCY_WORD in pdf_text(kind.render(s, cid, full), tmp_path)
                shown = pdf_text(kind.render(s, cid, agency), tmp_path)
                assert AGENCY_WORD not in shown, f"{key} ({lang}) shows what is kept from the agency"
                assert "(not shown)" not in shown or AGENCY_WORD not in shown
            else:
                planted = [w for w in FAMILY_WORDS if w in control]
                assert planted, f"{key}: the control shows none of the planted words; plant one it prints"
                shown = pdf_text(kind.render(s, cid, family), tmp_path)
                leaked = [w for w in FAMILY_WORDS if w in shown]
                assert leaked == [], f"{key} ({lang}): the family's copy shows {leaked}"
                if kind.audience == "both":  # the professional copy keeps what the family may not see
                    english = RenderOptions(today=TODAY)
                    assert set(planted) <= {w for w in FAMILY_WORDS if w in pdf_text(kind.render(s, cid, english),
                                                                                      tmp_path)}
                    if lang != "en":  # a copy in the family's language is always the family's copy
                        translated = pdf_text(kind.render(s, cid, full), tmp_path)
                        assert [w for w in FAMILY_WORDS if w in translated] == [], f"{key} ({lang})"
            s.rollback()
            if lang != languages(kind)[-1]:
                ids = plant(s, cid)
                _end(s, cid, key)


def test_the_meeting_pack_sends_the_family_nothing_withheld(demo_db: Database, demo_case_id: str,
                                                            tmp_path: Path) -> None:
    with demo_db.session() as s:
        plant(s, demo_case_id)
        before = {f.name: f for f in meeting_pack(s, demo_case_id, None, today=TODAY)}
        s.rollback()
        ids = plant(s, demo_case_id)
        restrict(s, demo_case_id, ids)
        files = {f.name: f for f in meeting_pack(s, demo_case_id, None, today=TODAY)}
    # Control: before the marks the family's email and calendar carry the planted words.
    fam_before = next(f for n, f in before.items() if n.endswith("-to-family.eml")).content.decode().lower()
    assert "qxperson@example.org" in fam_before and "qxaddress" in fam_before
    ics_before = next(f for n, f in before.items() if n.endswith(".ics")).content.decode().lower()
    assert "qxaction" in ics_before and "qxperson" in ics_before

    family_mail = files[next(n for n in files if n.endswith("-to-family.eml"))].content.decode().lower()
    assert "dean@example.org" in family_mail
    for word in ("qxperson@example.org", "agnieszka.qxaddress", "sentinelson"):
        assert word not in family_mail
    ics = files[next(n for n in files if n.endswith(".ics"))].content.decode().lower()
    leaked = [w for w in FAMILY_WORDS if w in ics]
    assert leaked == [], f"the calendar file shows {leaked}"
    # Those whose address is kept from others in the family each get a draft of their own.
    own = sorted(n for n in files if "-to-family-" in n)
    assert len(own) == 2
    assert all("dean@example.org" not in files[n].content.decode().lower() for n in own)
    for name, f in files.items():
        if name.endswith(".pdf") and "family" in name or "-plan-" in name:
            shown = pdf_text(f.content, tmp_path)
            leaked = [w for w in FAMILY_WORDS if w in shown]
            assert leaked == [], f"{name} shows {leaked}"
    full = pdf_text(files[next(n for n in files if n.endswith("-minutes.pdf"))].content, tmp_path)
    assert "qxminute" in full and "qxminrec" in full  # the professionals' minutes keep them
