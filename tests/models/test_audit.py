"""The audit log: every change a service makes is recorded, and tampering breaks the chain at
the right event."""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tafdesk.models.orm import AuditEvent, ChildRelationship
from tafdesk.models.services import audit, meetings, people, transfer
from tafdesk.models.storage import Database, open_database

SERVICES = Path(__file__).resolve().parents[2] / "tafdesk" / "models" / "services"

# Functions that write rows without recording an event of their own, and why that is right.
UNAUDITED_WRITERS = {
    "drafts.save_draft": "unsaved editor input, not part of the record; replaced on every keystroke",
    "drafts.discard_draft": "unsaved editor input, not part of the record",
    "assessment._ensure_voice": "automatic section added inside an audited change (person or assessment)",
    "assessment._ensure_adult": "automatic section added inside an audited change (person or assessment)",
    "assessment._note_new_family_members": "flush hook of an audited change",
    "assessment.discard_empty_sections": "empty automatic sections removed inside remove_person (audited)",
    "scaling._write": "the writing half of record_round / update_round, which record the event",
    "team.find_or_create_agency": "shared agency list entry made by add_to_team (audited)",
    "demo._direct_work_and_absent_father": "part of create_demo, which records the event",
}


def _service_functions() -> dict[str, ast.FunctionDef]:
    out: dict[str, ast.FunctionDef] = {}
    for path in sorted(SERVICES.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                out[f"{path.stem}.{node.name}"] = node
    return out


def _called_names(fn: ast.FunctionDef) -> set[str]:
    names = set()
    for c in ast.walk(fn):
        if isinstance(c, ast.Call):
            f = c.func
            names.add(f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else "")
    return names


def _writes_rows(fn: ast.FunctionDef) -> bool:
    """Adds, deletes or bulk-changes rows through the session (not a set's .add)."""
    for c in ast.walk(fn):
        if (isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                and isinstance(c.func.value, ast.Name) and c.func.value.id in ("session", "s")):
            if c.func.attr in ("add", "add_all", "delete", "merge", "bulk_save_objects"):
                return True
            if c.func.attr == "execute" and c.args and isinstance(c.args[0], ast.Call):
                inner = c.args[0].func
                if isinstance(inner, ast.Name) and inner.id in ("delete", "update", "insert"):
                    return True
    return False


def test_every_service_that_changes_the_record_writes_the_audit_log() -> None:
    funcs = _service_functions()
    by_name: dict[str, list[str]] = {}
    for key in funcs:
        by_name.setdefault(key.split(".")[1], []).append(key)
    audited: set[str] = {k for k, fn in funcs.items() if "record_event" in _called_names(fn)}
    audited.discard("audit.record_event")
    grew = True
    while grew:  # a service that calls an audited service is audited
        before = len(audited)
        for key, fn in funcs.items():
            if any(k in audited for name in _called_names(fn) for k in by_name.get(name, [])):
                audited.add(key)
        grew = len(audited) != before
    missing = []
    for key, fn in funcs.items():
        args = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        if key.startswith("audit."):
            continue
        if ("user" in args or _writes_rows(fn)) and key not in audited and key not in UNAUDITED_WRITERS:
            missing.append(key)
    assert not missing, f"these change the record without an audit event: {missing}"
    assert not [k for k in UNAUDITED_WRITERS if k not in funcs], "an exemption names a function that is gone"


def _events(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(AuditEvent)) or 0


def test_minutes_and_relationship_changes_are_recorded(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        meeting = meetings.schedule_meeting(s, demo_case_id, {"kind": "review", "starts_at": "2026-12-31T15:30"},
                                            user="chair")
        item = meetings.add_minute(s, meeting.id, "worries", "first words", user="chair")
        n = _events(s)
        meetings.update_minute(s, item.id, "first words and more", user="chair")
        meetings.update_minute(s, item.id, "first words and more", user="chair")  # nothing changed
        assert _events(s) == n + 1
        rel = s.scalars(select(ChildRelationship).where(ChildRelationship.case_id == demo_case_id)).first()
        assert rel is not None
        people.clear_relationship(s, rel.person_id, rel.child_id, user="lp")
        rows = audit.list_events(s, demo_case_id, limit=2)
    assert [(r.user, r.action, r.entity, r.detail) for r in rows] == [
        ("chair", "update", "minute_items", "text"), ("lp", "delete", "child_relationships", "")]
    assert rows[1].entity_id == rel.id and rows[0].case_reference == "EH-2026-0001"


def test_export_and_import_are_recorded(demo_db: Database, demo_case_id: str, tmp_path: Path,
                                        passphrase: str) -> None:
    with demo_db.session() as s:
        raw = transfer.export_json(s, "EH-2026-0001", user="lead")
        exported = audit.list_events(s, demo_case_id, limit=1)[0]
    other = open_database(db_path=tmp_path / "other.db", passphrase=passphrase, create=True)
    try:
        with other.session() as s:
            new = transfer.import_case(s, raw.encode(), user="admin")
            imported = audit.list_events(s, new.id, limit=1)[0]
            assert audit.verify_chain(s).ok
    finally:
        other.close()
    assert (exported.user, exported.action) == ("lead", "export")
    assert (imported.user, imported.action, imported.case_reference) == ("admin", "import", "EH-2026-0001")


# Tampering: an attacker with SQL access changes the table directly.
def _seqs(db: Database) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))


def _tamper(db: Database, sql: str, **params: object) -> None:
    with db.engine.begin() as con:
        con.execute(text(sql), params)


def _forge_after(db: Database, seq: int) -> int:
    """Move every event after ``seq`` up by one and insert, at seq+1, an event whose own hash is
    correct for its place (as a careful forger would make it)."""
    with db.session() as s:
        prev = s.get(AuditEvent, seq)
        assert prev is not None
        forged = AuditEvent(seq=seq + 1, at=prev.at, user="someone", action="update", case_id=prev.case_id,
                            entity="people", entity_id="", detail="never happened", prev_hash=prev.hash)
        forged.hash = audit._digest(prev.hash, forged)
        values = {c: getattr(forged, c) for c in ("seq", "at", "user", "action", "case_id", "entity",
                                                    "entity_id", "detail", "prev_hash", "hash")}
    last = max(_seqs(db))
    with db.engine.begin() as con:
        for n in range(last, seq, -1):  # from the top, so no two rows share a number
            con.execute(text("UPDATE audit_events SET seq = seq + 1 WHERE seq = :n"), {"n": n})
    with db.session() as s:
        s.add(AuditEvent(**values))
    return seq + 2  # the first event whose link no longer fits


TAMPERING: dict[str, Callable[[Database, int], int]] = {
    "detail changed": lambda db, k: (_tamper(db, "UPDATE audit_events SET detail = 'x' WHERE seq = :k", k=k), k)[1],
    "time changed": lambda db, k: (_tamper(
        db, "UPDATE audit_events SET at = '2020-01-01 09:00:00.000000' WHERE seq = :k", k=k), k)[1],
    "user changed": lambda db, k: (_tamper(db, "UPDATE audit_events SET user = 'nobody' WHERE seq = :k", k=k), k)[1],
    "action changed": lambda db, k: (_tamper(db, "UPDATE audit_events SET action = 'open' WHERE seq = :k", k=k), k)[1],
    "case changed": lambda db, k: (_tamper(db, "UPDATE audit_events SET case_id = NULL WHERE seq = :k", k=k), k)[1],
    "event deleted": lambda db, k: (_tamper(db, "DELETE FROM audit_events WHERE seq = :k", k=k), k + 1)[1],
    "forged event inserted": lambda db, k: _forge_after(db, k - 1),
    "row and its hash rewritten": lambda db, k: _rewrite_with_hash(db, k),
}


def _rewrite_with_hash(db: Database, k: int) -> int:
    with db.session() as s:
        ev = s.get(AuditEvent, k)
        assert ev is not None
        ev.detail = "rewritten"
        ev.hash = audit._digest(ev.prev_hash, ev)
    return k + 1  # its own hash now fits; the next event's link does not


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_tampering_is_found_at_the_right_event(demo_db: Database, how: str) -> None:
    seqs = _seqs(demo_db)
    assert len(seqs) > 10
    with demo_db.session() as s:
        assert audit.verify_chain(s).ok
    k = seqs[7]
    expected = TAMPERING[how](demo_db, k)
    with demo_db.session() as s:
        check = audit.verify_chain(s)
    assert not check.ok and check.first_broken_seq == expected, (how, check)
    assert check.events == len(_seqs(demo_db)) and check.reason


def test_an_empty_log_and_a_long_one_verify(tmp_db: Database) -> None:
    with tmp_db.session() as s:
        assert audit.verify_chain(s) == audit.ChainCheck(0, None)
        for i in range(300):
            audit.record_event(s, user="u", action="open", detail=f"ü {i}")
    with tmp_db.session() as s:
        check = audit.verify_chain(s)
        assert check.ok and check.events == 300
        assert len(audit.list_events(s, limit=5)) == 5 and audit.list_events(s)[0].detail == "ü 0"


def test_each_event_says_who_when_and_what(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        maja = next(p for p in people.list_people(s, demo_case_id) if p.given_name == "Maja")
        people.update_person(s, maja.id, people.person_form_data(maja) | {"known_as": "Mai"}, user="hv",
                             today=date(2026, 11, 1))
        last = audit.list_events(s, demo_case_id, limit=1)[0]
    assert (last.user, last.action, last.entity, last.entity_id, last.detail) == (
        "hv", "update", "people", maja.id, "known_as")
    assert last.at.tzinfo is not None
