"""The case episode, its agencies and professionals, request, consent and allocation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, CaseRow, Row, utcnow


class Case(Row, Base):
    """One episode of early help for one family, from request to closure or step up."""

    __tablename__ = "cases"

    reference: Mapped[str] = mapped_column(String(32), unique=True)
    family_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32), index=True)
    level_of_need: Mapped[str | None] = mapped_column(String(32))
    opened_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    lead_professional_id: Mapped[str | None] = mapped_column(
        ForeignKey("professionals.id", ondelete="SET NULL"), index=True
    )
    previous_episode_id: Mapped[str | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL")
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    ecomap_centre_label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lead_professional: Mapped[Professional | None] = relationship(
        foreign_keys=[lead_professional_id]
    )


class Agency(Row, Base):
    """A school, health service, voluntary organisation...: shared by all cases."""

    __tablename__ = "agencies"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")


class Professional(Row, Base):
    """A named practitioner; takes part in cases through CaseProfessional."""

    __tablename__ = "professionals"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[str | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), index=True
    )
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")

    agency: Mapped[Agency | None] = relationship()


class CaseProfessional(CaseRow, Base):
    """A professional's membership of a case's Team Around the Family."""

    __tablename__ = "case_professionals"
    __table_args__ = (UniqueConstraint("case_id", "professional_id"),)

    professional_id: Mapped[str] = mapped_column(
        ForeignKey("professionals.id", ondelete="RESTRICT"), index=True
    )
    role_in_case: Mapped[str] = mapped_column(String(200), default="")
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]

    professional: Mapped[Professional] = relationship()


class Request(CaseRow, Base):
    """A request for early help and the front door's decision on it."""

    __tablename__ = "requests"

    received_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(32))
    source_agency_id: Mapped[str | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL")
    )
    source_name: Mapped[str] = mapped_column(String(200), default="")
    reasons: Mapped[str] = mapped_column(Text, default="")
    presenting_needs: Mapped[list[str]] = mapped_column(default=list)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str | None] = mapped_column(String(32))
    level_of_need: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="")


class Consent(CaseRow, Base):
    """Consent given by one adult or young person, its scope of sharing, and any withdrawal."""

    __tablename__ = "consents"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    given_on: Mapped[date]
    method: Mapped[str] = mapped_column(String(16))
    share_with_all_taf: Mapped[bool] = mapped_column(Boolean, default=False)
    scope_agency_ids: Mapped[list[str]] = mapped_column(default=list)
    scope_notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_on: Mapped[date | None]
    withdrawal_notes: Mapped[str] = mapped_column(Text, default="")
    withdrawal_manager_decision: Mapped[str] = mapped_column(Text, default="")


class Allocation(CaseRow, Base):
    """Allocation of the case to a lead professional, with the allocation note."""

    __tablename__ = "allocations"

    professional_id: Mapped[str] = mapped_column(
        ForeignKey("professionals.id", ondelete="RESTRICT"), index=True
    )
    allocated_at: Mapped[datetime]
    allocated_by: Mapped[str] = mapped_column(String(200), default="")
    family_consulted: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    ended_at: Mapped[datetime | None]


class Restriction(CaseRow, Base):
    """"Do not disclose to ...": a person, or one field of any record, withheld from someone.

    ``entity`` names the table and ``entity_id`` the row; ``field`` is None for the whole record.
    The withheld-from side is a person in the case, the whole family, or an agency.
    """

    __tablename__ = "restrictions"

    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    withheld_from_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE")
    )
    withheld_from_family: Mapped[bool] = mapped_column(Boolean, default=False)
    withheld_from_agency_id: Mapped[str | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
