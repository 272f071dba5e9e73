"""Services over a real encrypted database: cases, people, team, consent, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tafdesk.models.errors import NotFound, ValidationFailed
from tafdesk.models.orm import AuditEvent, Case
from tafdesk.models.services import audit, cases, consent, people, team
from tafdesk.models.storage import Database


def test_list_cases_search_and_filters(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        other = cases.create_case(s, {"family_name": "Okafor"}, user="t")
        other_ref = other.reference
    with demo_db.session() as s:
        assert [c.family_name for c in cases.list_cases(s, text="maja")] == ["Carter-Nowak"]
        assert [c.family_name for c in cases.list_cases(s, text="OKAF")] == ["Okafor"]
        assert [c.reference for c in cases.list_cases(s, text=other_ref.lower())] == [other_ref]
        assert cases.list_cases(s, text="%") == []  # wildcards are literal
        assert [c.family_name for c in cases.list_cases(s, status="requested")] == ["Okafor"]
        (lead_id, lead_name), = cases.lead_professionals(s)
        assert lead_name == "Sarah Whitfield"
        assert [c.family_name for c in cases.list_cases(s, lead_professional_id=lead_id)] == ["Carter-Nowak"]
        assert len(cases.list_cases(s)) == 2


def test_references_are_numbered_per_year(tmp_db: Database) -> None:
    from datetime import date

    with tmp_db.session() as s:
        a = cases.create_case(s, {"family_name": "A"}, user="t", received_on=date(2026, 1, 5))
        b = cases.create_case(s, {"family_name": "B"}, user="t", received_on=date(2026, 3, 5))
        c = cases.create_case(s, {"family_name": "C"}, user="t", received_on=date(2027, 1, 2))
        assert (a.reference, b.reference, c.reference) == ("EH-2026-0001", "EH-2026-0002", "EH-2027-0001")
        with pytest.raises(NotFound, match="no case"):
            cases.get_case(s, "EH-1999-0001")
        assert cases.get_case(s, "eh-2026-0002").id == b.id


def test_update_person_keeps_history_in_the_audit_chain(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        maja = next(p for p in people.list_people(s, demo_case_id) if p.given_name == "Maja")
        data = people.person_form_data(maja) | {"known_as": "Mai"}
        version = maja.row_version
        people.update_person(s, maja.id, data, user="t", expected_version=version)
    with demo_db.session() as s:
        assert s.get(type(maja), maja.id).display_name == "Mai Nowak"
        last = s.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
        assert (last.action, last.entity_id, last.detail) == ("update", maja.id, "known_as")
        assert audit.verify_chain(s).ok
        with pytest.raises(ValidationFailed, match="Someone else changed"):
            people.update_person(s, maja.id, data, user="t", expected_version=version)


def test_audit_chain_detects_tampering(demo_db: Database) -> None:
    with demo_db.session() as s:
        ev = s.scalar(select(AuditEvent).order_by(AuditEvent.seq).offset(3).limit(1))
        ev.detail = "changed afterwards"
    with demo_db.session() as s:
        check = audit.verify_chain(s)
        assert not check.ok and check.first_broken_seq == ev.seq


def test_bad_person_data_changes_nothing(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        before = len(people.list_people(s, demo_case_id))
        with pytest.raises(ValidationFailed) as info:
            people.add_person(s, demo_case_id, {"kind": "child", "given_name": "X", "date_of_birth": "2099-01-01"},
                              user="t")
        assert "future" in info.value.problems["date_of_birth"]
    with demo_db.session() as s:
        assert len(people.list_people(s, demo_case_id)) == before


def test_relationship_rules(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        ps = {p.given_name: p for p in people.list_people(s, demo_case_id)}
        with pytest.raises(ValidationFailed, match="recorded as an adult"):
            people.set_relationship(s, demo_case_id, {"person_id": ps["Maja"].id, "child_id": ps["Dean"].id,
                                                      "relationship_label": "daughter"}, user="t")
        labels = {(r.child_id, r.relationship_label) for r in people.relationships_of(s, ps["Dean"].id)}
        assert labels == {(ps["Leo"].id, "father"), (ps["Ruby"].id, "father")}


def test_team_membership(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        names = [m.professional.name for m in team.team_of(s, demo_case_id)]
        assert len(names) == 6 and "Priya Shah" in names
        with pytest.raises(ValidationFailed, match="already in this team"):
            existing = next(m for m in team.team_of(s, demo_case_id) if m.professional.name == "Priya Shah")
            team.add_to_team(s, demo_case_id, {"name": "Priya Shah"}, user="t",
                             professional_id=existing.professional_id)
        lead = next(m for m in team.team_of(s, demo_case_id) if m.professional.name == "Sarah Whitfield")
        with pytest.raises(ValidationFailed, match="lead professional"):
            team.remove_from_team(s, lead.id, user="t")
        new = team.add_to_team(s, demo_case_id, {"name": "PC Tom Reid", "agency_name": "Riverside Police",
                                                 "agency_kind": "police"}, user="t")
        assert new.professional.agency.name == "Riverside Police"


def test_consent_withdrawal(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        dean = next(c for c in consent.consents_of(s, demo_case_id) if c.method == "verbal" and c.scope_agency_ids)
        data = consent.consent_form_data(dean) | {"withdrawn_on": "2026-11-20",
                                                  "withdrawal_notes": "Dean asked for no more sharing."}
        consent.update_consent(s, dean.id, data, user="t")
    with demo_db.session() as s:
        assert s.get(type(dean), dean.id).withdrawn_on.isoformat() == "2026-11-20"
        case = s.get(Case, demo_case_id)
        with pytest.raises(ValidationFailed, match="member of this family"):
            consent.record_consent(s, case.id, {"person_id": "not-a-person", "given_on": "2026-11-01",
                                                "method": "written", "share_with_all_taf": True}, user="t")


def test_a_linked_person_is_not_removed(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        ps = {p.given_name: p for p in people.list_people(s, demo_case_id)}
        links = people.person_links(s, ps["Dean"].id)
        # the address restriction protecting Agnieszka is among what would be lost
        assert {"consents", "restrictions", "parent links", "partnerships", "needs"} <= set(links)
        with pytest.raises(ValidationFailed, match="cannot be removed"):
            people.remove_person(s, ps["Dean"].id, user="t")
        lone = people.add_person(s, demo_case_id, {"kind": "adult", "given_name": "Typo"}, user="t")
        assert people.person_links(s, lone.id) == []
        people.remove_person(s, lone.id, user="t")
        assert "Typo" not in {p.given_name for p in people.list_people(s, demo_case_id)}


def test_drafts_are_kept_per_record(demo_db: Database, demo_case_id: str) -> None:
    from tafdesk.models.services import drafts

    with demo_db.session() as s:
        drafts.save_draft(s, demo_case_id, "people", "", {"given_name": "Half typed"})
        drafts.save_draft(s, demo_case_id, "consent", "c1", {"given_on": "31/02"})
        drafts.save_draft(s, demo_case_id, "people", "", {"given_name": "Half typed more"})
    with demo_db.session() as s:
        kept = drafts.list_drafts(s, demo_case_id)
        assert sorted((e, i) for e, i, _ in kept) == [("consent", "c1"), ("people", "")]
        data, _saved = drafts.load_draft(s, demo_case_id, "people", "")
        assert data == {"given_name": "Half typed more"}
        drafts.discard_draft(s, demo_case_id, "people", "")
        assert drafts.load_draft(s, demo_case_id, "people", "") is None
