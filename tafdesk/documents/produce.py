"""The one way a front end produces a document: render it (large print for any kind) and
record it in the case's document ledger (``models/services/ledger``).

Rendering and recording are separate steps so that the GUI records a printed copy only after
the print dialog was accepted and a saved copy only after the file was written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..models import vocab as v
from ..models.errors import NotFound
from ..models.orm import IssuedDocument
from ..models.services import ledger
from .registry import DocumentKind, RenderOptions, document_kinds
from .styles import large_print

FAMILY_COPY_SUFFIX = ":family-copy"  # a "both" document produced as the family's copy


def takes(kind: DocumentKind, option: str) -> bool:
    """Whether ``kind`` can be given ``option``: its own options, and large print for every kind
    (a kind that does not lay out large print itself is rendered with every style scaled up)."""
    return option in kind.options or option == "large_print"


def is_family_facing(kind: DocumentKind, options: RenderOptions) -> bool:
    return kind.audience == "family" or (kind.audience == "both" and options.family_copy)


def render_document(session: Session, case_id: str, kind: DocumentKind, options: RenderOptions) -> bytes:
    """The PDF of ``kind`` for the case; options the kind does not take are ignored."""
    if options.large_print and "large_print" not in kind.options:
        with large_print():
            return kind.render(session, case_id, replace(options, large_print=False))
    return kind.render(session, case_id, options)


def ledger_type(kind: DocumentKind, options: RenderOptions) -> str:
    """``doc_type`` in the ledger: the kind's key, marked when it is a family copy of a record
    that also has a professionals' version (so the ledger says which one the family got)."""
    if kind.audience == "both" and options.family_copy:
        return kind.key + FAMILY_COPY_SUFFIX
    return kind.key


def kind_of_ledger_type(doc_type: str) -> tuple[str, bool]:
    """(kind key, family copy) from a ledger ``doc_type``."""
    if doc_type.endswith(FAMILY_COPY_SUFFIX):
        return doc_type[: -len(FAMILY_COPY_SUFFIX)], True
    return doc_type, False


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def document_version(session: Session, case_id: str, kind: DocumentKind, options: RenderOptions) -> str:
    """What identifies the version given: the plan's number and agreement date, the assessment's
    version and authorisation date, the meeting's number and day, the ending's date."""
    key = kind.key
    try:
        if key in ("plan", "child-plan"):
            from ..models.services.meetings import meeting_by_number
            from ..models.services.plan import current_plan, versions_of

            if options.meeting_number is not None:
                meeting = meeting_by_number(session, case_id, options.meeting_number)
                plan = next((p for p in versions_of(session, case_id) if p.meeting_id == meeting.id), None)
            else:
                plan = current_plan(session, case_id)
            if plan is None:
                return ""
            return f"v{plan.number} agreed {_day(plan.agreed_on)}" if plan.agreed_on else f"v{plan.number} draft"
        if key == "assessment":
            from ..models.services.assessment import current_assessment

            a = current_assessment(session, case_id)
            if a is None:
                return ""
            return f"v{a.number} authorised {_day(a.authorised_on)}" if a.authorised_on else f"v{a.number} {a.status}"
        if key == "minutes":
            from ..models.services.meetings import meeting_by_number, meetings_of

            m = meeting_by_number(session, case_id, options.meeting_number)
            number = [x.id for x in meetings_of(session, case_id)].index(m.id) + 1
            return f"meeting {number} {_day(m.starts_at.date())}"
        if key in ("closure-letter", "closure-summary", "step-up-pack"):
            from sqlalchemy import select

            from ..models.orm import CaseEnding

            ending = session.scalar(select(CaseEnding).where(CaseEnding.case_id == case_id)
                                    .order_by(CaseEnding.decided_on.desc()).limit(1))
            return f"decided {_day(ending.decided_on)}" if ending else ""
    except NotFound:
        return ""
    today = options.today if isinstance(options.today, date) else date.today()
    return f"as at {today.isoformat()}"[:32]


def record_produced(session: Session, case_id: str, kind: DocumentKind, options: RenderOptions, pdf: bytes, *,
                    user: str, format: str = v.DocumentFormat.PDF, method: str = v.IssueMethod.NOT_GIVEN,
                    for_person_id: str | None = None, recipient: str = "") -> IssuedDocument:
    """Write the ledger row for ``pdf`` just saved or printed."""
    data: dict[str, Any] = {
        "doc_type": ledger_type(kind, options),
        "doc_version": document_version(session, case_id, kind, options)[:32],
        "language": options.language if "language" in kind.options else "en",
        "format": format, "for_person_id": for_person_id, "recipient": recipient, "method": method,
        "sha256": ledger.fingerprint(pdf),
    }
    return ledger.record_issue(session, case_id, data, user=user)


def kind_by_key(key: str) -> DocumentKind:
    kind = document_kinds().get(key)
    if kind is None:
        raise NotFound(f"There is no document called {key!r}.")
    return kind


def record_pack(session: Session, case_id: str, files: list[Any], *, user: str) -> int:
    """Ledger rows for the PDFs of a meeting pack (``meeting_pack.PackFile``) just written."""
    recorded = 0
    for f in files:
        if f.ledger is not None:
            key, options = f.ledger
            record_produced(session, case_id, kind_by_key(key), options, f.content, user=user)
            recorded += 1
    return recorded
