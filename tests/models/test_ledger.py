"""The document ledger: recording what was produced, for whom and how it was given."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tafdesk.documents.produce import document_version, kind_by_key, record_produced, render_document
from tafdesk.documents.registry import RenderOptions
from tafdesk.models.errors import NotFound, ValidationFailed
from tafdesk.models.orm import AuditEvent, Person
from tafdesk.models.services.audit import verify_chain
from tafdesk.models.services.ledger import fingerprint, ledger_of, record_issue, set_for_whom, set_method
from tafdesk.models.services.transfer import export_json, import_case
from tafdesk.models.storage import Database, open_database

MUM = "Agnieszka Nowak"


def _mother(s, case_id: str) -> Person:  # type: ignore[no-untyped-def]
    return next(p for p in s.scalars(select(Person).where(Person.case_id == case_id)) if p.given_name == "Agnieszka")


def test_a_produced_plan_is_recorded_with_its_version_and_fingerprint(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        kind = kind_by_key("plan")
        options = RenderOptions(language="pl")
        pdf = render_document(s, demo_case_id, kind, options)
        mother = _mother(s, demo_case_id)
        row = record_produced(s, demo_case_id, kind, options, pdf, user="t", format="print", method="in_person",
                              for_person_id=mother.id)
        rows = ledger_of(s, demo_case_id)
    assert [r.id for r in rows] == [row.id]
    r = rows[0]
    assert (r.doc_type, r.language, r.format, r.method) == ("plan", "pl", "print", "in_person")
    assert r.doc_version.startswith("v2 agreed 20")
    assert r.for_whom == MUM and r.sha256 == fingerprint(pdf) and len(r.sha256) == 64
    assert r.given_at == r.issued_at  # given as it was produced


def test_family_copy_of_a_record_is_marked_in_the_ledger(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        kind = kind_by_key("assessment")
        full, family = RenderOptions(), RenderOptions(family_copy=True)
        assert document_version(s, demo_case_id, kind, full).startswith("v1 authorised 20")
        record_produced(s, demo_case_id, kind, full, b"%PDF-full", user="t", recipient="School nurse")
        record_produced(s, demo_case_id, kind, family, b"%PDF-family", user="t")
        types = sorted(r.doc_type for r in ledger_of(s, demo_case_id))
        minutes = document_version(s, demo_case_id, kind_by_key("minutes"), RenderOptions(meeting_number=1))
    assert types == ["assessment", "assessment:family-copy"]
    assert minutes.startswith("meeting 1 20")


def test_how_it_was_given_can_be_set_later_and_is_audited(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        row = record_issue(s, demo_case_id, {"doc_type": "closure-letter", "recipient": "Grandmother"}, user="t")
        assert ledger_of(s, demo_case_id)[0].given_at is None
        set_method(s, row.id, "post", user="t")
        r = ledger_of(s, demo_case_id)[0]
        assert r.method == "post" and r.given_at is not None
        set_method(s, row.id, "not_given", user="t")  # a mistake put right
        assert ledger_of(s, demo_case_id)[0].given_at is None
        set_for_whom(s, row.id, _mother(s, demo_case_id).id, "", user="t")
        assert ledger_of(s, demo_case_id)[0].for_whom == MUM
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "issued_documents")
                                               .order_by(AuditEvent.seq))]
        assert actions == ["issue", "given", "given", "update"]
        assert verify_chain(s).ok


def test_bad_ledger_input_is_refused_with_a_message(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        with pytest.raises(ValidationFailed) as e:
            record_issue(s, demo_case_id, {"doc_type": "plan", "method": "carrier pigeon", "sha256": "xyz"}, user="t")
        assert {"method", "sha256"} <= set(e.value.problems)
        with pytest.raises(ValidationFailed) as e:
            record_issue(s, demo_case_id, {"doc_type": "plan", "for_person_id": "not-in-this-case"}, user="t")
        assert "for_person_id" in e.value.problems
        row = record_issue(s, demo_case_id, {"doc_type": "plan"}, user="t")
        with pytest.raises(ValidationFailed):
            set_method(s, row.id, "thrown", user="t")
        with pytest.raises(NotFound):
            set_method(s, "no-such-entry", "post", user="t")
        assert len(ledger_of(s, demo_case_id)) == 1


def test_the_ledger_travels_with_the_case_file_unchanged(demo_db: Database, demo_case_id: str, tmp_path,
                                                         passphrase: str) -> None:
    with demo_db.session() as s:
        record_issue(s, demo_case_id, {"doc_type": "plan", "doc_version": "v2 agreed 2026-03-04", "language": "pl",
                                       "format": "print", "method": "shown_at_meeting",
                                       "for_person_id": _mother(s, demo_case_id).id,
                                       "sha256": fingerprint(b"x")}, user="t")
        first = export_json(s, demo_case_id, user="t")
    assert len(json.loads(first)["issued_documents"]) == 1
    other = open_database(db_path=tmp_path / "b" / "other.db", passphrase=passphrase, create=True)
    try:
        with other.session() as s:
            ref = import_case(s, first.encode(), user="t").reference
        with other.session() as s:
            second = export_json(s, ref, user="t")
            case_id = json.loads(second)["case"]["id"]
            assert ledger_of(s, case_id)[0].method == "shown_at_meeting"
    finally:
        other.close()
    assert first == second
