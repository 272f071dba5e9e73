"""The document ledger: every document produced from a case, what it was, for whom and how it
was given (``issued_documents``).

A row is written when a document is produced (saved as PDF, printed, put in a meeting pack);
how it reached the family is often known only later ("posted on Monday"), so the method can be
set afterwards. Each change is an audit event; when the method was last set is read back from
the audit trail, so the ledger shows "given" times without a column of its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import N_, S_
from .. import vocab as v
from ..errors import NotFound, ValidationFailed
from ..orm import AuditEvent, IssuedDocument, Person, utcnow
from ..schemas.forms import Form
from ..schemas.types import Id, short_text
from .audit import record_event
from .cases import validate

ENTITY = "issued_documents"

METHOD_LABELS: dict[str, str] = {
    v.IssueMethod.IN_PERSON: N_("Printed and handed over in person"),
    v.IssueMethod.POST: N_("Posted"),
    v.IssueMethod.EMAIL: N_("Emailed"),
    v.IssueMethod.SECURE_EMAIL: N_("Sent by secure email"),
    v.IssueMethod.SHOWN_AT_MEETING: N_("Shown at a meeting"),
    v.IssueMethod.NOT_GIVEN: N_("Not yet given"),
}
FORMAT_LABELS: dict[str, str] = {
    v.DocumentFormat.PDF: N_("Saved as PDF"),
    v.DocumentFormat.PRINT: N_("Printed"),
    v.DocumentFormat.ICS: N_("Calendar invitation"),
    v.DocumentFormat.EML: N_("Email draft"),
    v.DocumentFormat.JSON: N_("Case file"),
}
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class IssueForm(Form):
    doc_type: str = Field(min_length=1, max_length=32)  # the document kind's key, e.g. "plan"
    doc_version: short_text(32) = ""  # type: ignore[valid-type]  # which version was given
    language: str = Field("en", min_length=2, max_length=35)
    format: v.DocumentFormat = v.DocumentFormat.PDF
    for_person_id: Id | None = None  # a member of the family it is for
    recipient: short_text(200) = ""  # type: ignore[valid-type]  # or whoever else: "School nurse"
    method: v.IssueMethod = v.IssueMethod.NOT_GIVEN
    sha256: str = ""

    @field_validator("for_person_id", mode="before")
    @classmethod
    def _empty(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("sha256")
    @classmethod
    def _digest(cls, value: str) -> str:
        if value and not _HEX64.match(value):
            raise ValueError(S_("The document's fingerprint must be 64 hexadecimal digits."))
        return value


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger as a screen or report shows it."""

    id: str
    doc_type: str
    doc_version: str
    language: str
    format: str
    for_person_id: str | None
    for_whom: str  # the person's name, the recipient, or both
    issued_at: datetime
    method: str
    given_at: datetime | None  # when the method was last set to something other than "not given"
    sha256: str


def fingerprint(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def _check_person(session: Session, case_id: str, person_id: str | None) -> None:
    if person_id:
        p = session.get(Person, person_id)
        if p is None or p.case_id != case_id:
            raise ValidationFailed({"for_person_id": S_("Choose a member of this family.")})


def record_issue(session: Session, case_id: str, data: dict[str, Any], *, user: str,
                 issued_at: datetime | None = None) -> IssuedDocument:
    """Add a ledger row for a document just produced (``data`` as ``IssueForm``)."""
    form: IssueForm = validate(IssueForm, data)
    _check_person(session, case_id, form.for_person_id)
    row = IssuedDocument(case_id=case_id, issued_at=issued_at or utcnow(), **form.model_dump())
    session.add(row)
    session.flush()
    record_event(session, user=user, action="issue", case_id=case_id, entity=ENTITY, entity_id=row.id,
                 detail=f"{form.doc_type} {form.doc_version} {form.language} {form.format} {form.method}".strip())
    return row


def get_issue(session: Session, issue_id: str) -> IssuedDocument:
    row = session.get(IssuedDocument, issue_id)
    if row is None:
        raise NotFound("That entry is no longer in the document ledger.")
    return row


def set_method(session: Session, issue_id: str, method: str, *, user: str) -> IssuedDocument:
    """Say how a document was given (or that it has not been yet)."""
    if method not in {m.value for m in v.IssueMethod}:
        raise ValidationFailed({"method": S_("Choose how the document was given.")})
    row = get_issue(session, issue_id)
    if row.method == method:
        return row
    before = row.method
    row.method = method
    session.flush()
    record_event(session, user=user, action="given", case_id=row.case_id, entity=ENTITY, entity_id=row.id,
                 detail=f"{before} -> {method}")
    return row


def set_for_whom(session: Session, issue_id: str, person_id: str | None, recipient: str, *,
                 user: str) -> IssuedDocument:
    row = get_issue(session, issue_id)
    form: IssueForm = validate(IssueForm, {"doc_type": row.doc_type, "for_person_id": person_id,
                                           "recipient": recipient})
    _check_person(session, row.case_id, form.for_person_id)
    row.for_person_id, row.recipient = form.for_person_id, form.recipient
    session.flush()
    record_event(session, user=user, action="update", case_id=row.case_id, entity=ENTITY, entity_id=row.id,
                 detail="for whom")
    return row


def ledger_of(session: Session, case_id: str) -> list[LedgerRow]:
    """The case's ledger, newest first."""
    rows = session.scalars(select(IssuedDocument).where(IssuedDocument.case_id == case_id)
                           .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id)).all()
    names = {p.id: p.display_name for p in session.scalars(select(Person).where(Person.case_id == case_id))}
    given: dict[str, datetime] = {}
    order: dict[str, int] = {}  # the audit sequence of each "issue": the order within one second
    for entity_id, at, action, detail, seq in session.execute(
            select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.action, AuditEvent.detail, AuditEvent.seq)
            .where(AuditEvent.case_id == case_id, AuditEvent.entity == ENTITY,
                   AuditEvent.action.in_(("issue", "given")))
            .order_by(AuditEvent.seq)):
        if action == "issue":
            order[entity_id] = seq
        elif detail.endswith(f"-> {v.IssueMethod.NOT_GIVEN}"):
            given.pop(entity_id, None)
        else:
            given[entity_id] = at
    rows = sorted(rows, key=lambda r: (r.issued_at, order.get(r.id, 0)), reverse=True)
    out = []
    for r in rows:
        whom = [names.get(r.for_person_id, "") if r.for_person_id else "", r.recipient]
        at = given.get(r.id)
        if at is None and r.method != v.IssueMethod.NOT_GIVEN:
            at = r.issued_at  # given as it was produced (or imported without its audit trail)
        out.append(LedgerRow(r.id, r.doc_type, r.doc_version, r.language, r.format, r.for_person_id,
                             ", ".join(w for w in whom if w), r.issued_at, r.method, at, r.sha256))
    return out
