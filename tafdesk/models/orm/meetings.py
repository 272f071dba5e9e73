"""Team Around the Family meetings: attendance and minutes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow


class Meeting(CaseRow, Base):
    __tablename__ = "meetings"

    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="planned")
    starts_at: Mapped[datetime]
    venue: Mapped[str] = mapped_column(String(300), default="")
    chair_professional_id: Mapped[str | None] = mapped_column(
        ForeignKey("professionals.id", ondelete="SET NULL")
    )
    child_views: Mapped[str] = mapped_column(Text, default="")
    family_views: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[date | None]


class MeetingAttendance(CaseRow, Base):
    """An invitee (family member or professional) and whether they came."""

    __tablename__ = "meeting_attendance"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    professional_id: Mapped[str | None] = mapped_column(
        ForeignKey("professionals.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(16), default="invited")


class MinuteItem(CaseRow, Base):
    """One item of the minutes, under an agenda heading; may record an action update."""

    __tablename__ = "minute_items"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    heading: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    action_id: Mapped[str | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    shareable: Mapped[bool] = mapped_column(Boolean, default=True)
