"""The family plan: versions, outcomes linked to needs, and SMART actions with named owners."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow, new_id, utcnow


class PlanVersion(CaseRow, Base):
    """The plan as agreed at one TAF meeting; each meeting makes a new version."""

    __tablename__ = "plan_versions"

    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    agreed_on: Mapped[date | None]
    review_by: Mapped[date | None]
    visit_frequency: Mapped[str] = mapped_column(String(200), default="")
    child_seen_alone_frequency: Mapped[str] = mapped_column(String(200), default="")
    likely_duration: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Outcome(CaseRow, Base):
    """What should be different, for one child (or adult), answering one or more needs."""

    __tablename__ = "outcomes"

    plan_version_id: Mapped[str] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The same outcome across plan versions (each version holds its own copy).
    lineage_id: Mapped[str] = mapped_column(String(36), default=new_id, index=True)
    description: Mapped[str] = mapped_column(Text)
    for_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    need_ids: Mapped[list[str]] = mapped_column(default=list)


class UncoveredNeed(CaseRow, Base):
    """A need the plan does not answer, with the reason why."""

    __tablename__ = "uncovered_needs"

    plan_version_id: Mapped[str] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), index=True
    )
    need_id: Mapped[str] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)


class Action(CaseRow, Base):
    """A SMART action owned by a named family member or professional of the case."""

    __tablename__ = "actions"

    outcome_id: Mapped[str] = mapped_column(
        ForeignKey("outcomes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The same action across plan versions, so that a review can show what changed.
    lineage_id: Mapped[str] = mapped_column(String(36), default=new_id, index=True)
    description: Mapped[str] = mapped_column(Text)
    child_friendly: Mapped[str] = mapped_column(Text, default="")
    # The picture beside the action in a child's own plan (``models.pictures``); "" = chosen from its words.
    picture: Mapped[str] = mapped_column(String(32), default="")
    owner_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    owner_professional_id: Mapped[str | None] = mapped_column(
        ForeignKey("professionals.id", ondelete="SET NULL")
    )
    start_on: Mapped[date | None]
    due_on: Mapped[date | None]
    measure: Mapped[str] = mapped_column(Text, default="")
    support: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    rag: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
