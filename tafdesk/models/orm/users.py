"""Users of a shared database, and the practitioners each manager oversees.

What a user may see is not stored per case: a practitioner's cases are the ones whose record
names their professional as lead or as a current member of the Team Around the Family, so
access follows the case record itself (``models/case_access.py``). The local encrypted file has no
users: its one user holds every case.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Row, utcnow


class User(Row, Base):
    """A person who signs in to the shared database with their own database login."""

    __tablename__ = "users"

    login: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))  # vocab.UserRole
    professional_id: Mapped[str | None] = mapped_column(
        ForeignKey("professionals.id", ondelete="SET NULL"), index=True
    )
    # A manager of the whole early help service (a locality manager) oversees every case.
    manages_all: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ManagedProfessional(Row, Base):
    """A practitioner in a manager's team: the manager oversees the cases they lead."""

    __tablename__ = "managed_professionals"
    __table_args__ = (UniqueConstraint("manager_id", "professional_id"),)

    manager_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    professional_id: Mapped[str] = mapped_column(
        ForeignKey("professionals.id", ondelete="CASCADE"), index=True
    )
