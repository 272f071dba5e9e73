"""The Early Help Assessment: sections, each child's voice, adults' and professionals' views, needs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow, utcnow


class Assessment(CaseRow, Base):
    """One assessment; once authorised it is locked and a change is a new amendment row."""

    __tablename__ = "assessments"

    number: Mapped[int] = mapped_column(Integer, default=1)
    amends_id: Mapped[str | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    started_on: Mapped[date | None]
    completed_on: Mapped[date | None]
    strengths: Mapped[str] = mapped_column(Text, default="")
    worries: Mapped[str] = mapped_column(Text, default="")
    history: Mapped[str] = mapped_column(Text, default="")
    previous_help: Mapped[str] = mapped_column(Text, default="")
    culture_identity: Mapped[str] = mapped_column(Text, default="")
    access_needs: Mapped[str] = mapped_column(Text, default="")
    family_goals: Mapped[str] = mapped_column(Text, default="")
    analysis: Mapped[str] = mapped_column(Text, default="")
    level_of_need: Mapped[str | None] = mapped_column(String(32))
    authorised_by: Mapped[str] = mapped_column(String(200), default="")
    authorised_on: Mapped[date | None]
    shared_with_family_on: Mapped[date | None]


class ChildVoice(CaseRow, Base):
    """What one child said, in their own words, recorded apart from the adults' views."""

    __tablename__ = "child_voices"
    __table_args__ = (UniqueConstraint("assessment_id", "child_id"),)

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    words: Mapped[str] = mapped_column(Text, default="")
    how_gathered: Mapped[str] = mapped_column(Text, default="")
    gathered_by: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(35), default="en")
    seen_alone: Mapped[bool | None] = mapped_column(Boolean)
    gathered_on: Mapped[date | None]
    empty_reason: Mapped[str] = mapped_column(Text, default="")


class AdultView(CaseRow, Base):
    """A parent's or carer's views; a parent left out needs a recorded reason."""

    __tablename__ = "adult_views"
    __table_args__ = (UniqueConstraint("assessment_id", "person_id"),)

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    included: Mapped[bool] = mapped_column(Boolean, default=True)
    not_included_reason: Mapped[str] = mapped_column(Text, default="")
    views: Mapped[str] = mapped_column(Text, default="")


class ProfessionalView(CaseRow, Base):
    __tablename__ = "professional_views"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    professional_id: Mapped[str] = mapped_column(
        ForeignKey("professionals.id", ondelete="RESTRICT"), index=True
    )
    views: Mapped[str] = mapped_column(Text, default="")


class Need(CaseRow, Base):
    """A need found by the assessment, tagged with outcome areas and the people it concerns."""

    __tablename__ = "needs"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    outcome_areas: Mapped[list[str]] = mapped_column(default=list)
    presenting_factors: Mapped[list[str]] = mapped_column(default=list)
    person_ids: Mapped[list[str]] = mapped_column(default=list)


class Attachment(CaseRow, Base):
    """Direct work with a child (a drawing, a worksheet), kept inside the encrypted database."""

    __tablename__ = "attachments"

    child_voice_id: Mapped[str | None] = mapped_column(
        ForeignKey("child_voices.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    caption: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
