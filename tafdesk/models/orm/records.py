"""Case work over time: scaling, chronology, visits, supervision, endings, feedback, documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow, utcnow


class ScalingScore(CaseRow, Base):
    __tablename__ = "scaling_scores"

    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    area: Mapped[str] = mapped_column(String(64))
    score: Mapped[int] = mapped_column(Integer)
    scored_on: Mapped[date]
    occasion: Mapped[str] = mapped_column(String(16))
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")


class ChronologyEvent(CaseRow, Base):
    __tablename__ = "chronology_events"

    occurred_on: Mapped[date]
    what: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200), default="")
    significance: Mapped[str] = mapped_column(String(16), default="medium")
    person_ids: Mapped[list[str]] = mapped_column(default=list)


class Visit(CaseRow, Base):
    __tablename__ = "visits"

    visited_on: Mapped[date]
    professional_id: Mapped[str | None] = mapped_column(
        ForeignKey("professionals.id", ondelete="SET NULL")
    )
    venue: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    seen_person_ids: Mapped[list[str]] = mapped_column(default=list)
    seen_alone_child_ids: Mapped[list[str]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class SupervisionNote(CaseRow, Base):
    __tablename__ = "supervision_notes"

    held_on: Mapped[date]
    supervisor: Mapped[str] = mapped_column(String(200))
    occasion: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    actions_agreed: Mapped[str] = mapped_column(Text, default="")


class CaseEnding(CaseRow, Base):
    """Closure, step up to social care, step down into early help, or consent withdrawn."""

    __tablename__ = "case_endings"

    kind: Mapped[str] = mapped_column(String(32))
    decided_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    continuing_service: Mapped[str] = mapped_column(String(200), default="")
    referral_reference: Mapped[str] = mapped_column(String(100), default="")
    manager: Mapped[str] = mapped_column(String(200), default="")


class FamilyFeedback(CaseRow, Base):
    """"How was it for you?" — scores 1 (not at all) to 5 (very much) and the family's words."""

    __tablename__ = "family_feedback"

    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    given_on: Mapped[date]
    respected: Mapped[int | None] = mapped_column(Integer)
    listened_to: Mapped[int | None] = mapped_column(Integer)
    helped: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[str] = mapped_column(Text, default="")


class IssuedDocument(CaseRow, Base):
    """Ledger entry: a document produced for the family or a partner."""

    __tablename__ = "issued_documents"

    doc_type: Mapped[str] = mapped_column(String(32))
    doc_version: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str] = mapped_column(String(35), default="en")
    format: Mapped[str] = mapped_column(String(16), default="pdf")
    for_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    recipient: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime]
    method: Mapped[str] = mapped_column(String(16), default="not_given")
    sha256: Mapped[str] = mapped_column(String(64), default="")


class AuditEvent(Base):
    """Who did what, when; hash-chained (prev_hash) so that tampering can be detected."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class Draft(CaseRow, Base):
    """Unsaved editor input (valid or not) kept for recovery after a crash, inside the
    encrypted database so that no plaintext copy of what was typed reaches the disk."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("case_id", "entity", "entity_id"),)

    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36))  # "" for a record not yet created
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
