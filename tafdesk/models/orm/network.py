"""The family network drawn as genogram and ecomap (see shared fixtures SCHEMA.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow


def _person_fk(nullable: bool = False) -> Mapped[str]:
    return mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True, nullable=nullable
    )


class Partnership(CaseRow, Base):
    __tablename__ = "partnerships"

    partner_a_id: Mapped[str] = _person_fk()
    partner_b_id: Mapped[str] = _person_fk()
    type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    start_year: Mapped[int | None] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    separation_year: Mapped[int | None] = mapped_column(Integer)
    divorce_year: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")


class ParentLink(CaseRow, Base):
    """A child's descent from one or two parents, by type (a child may have several links)."""

    __tablename__ = "parent_links"

    child_id: Mapped[str] = _person_fk()
    parent_a_id: Mapped[str] = _person_fk()
    parent_b_id: Mapped[str | None] = _person_fk(nullable=True)
    type: Mapped[str] = mapped_column(String(32))
    start_year: Mapped[int | None] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    birth_parent_id: Mapped[str | None] = _person_fk(nullable=True)
    donor_id: Mapped[str | None] = _person_fk(nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class TwinSet(CaseRow, Base):
    __tablename__ = "twin_sets"

    type: Mapped[str] = mapped_column(String(16))
    member_ids: Mapped[list[str]] = mapped_column(default=list)


class CareArrangement(CaseRow, Base):
    __tablename__ = "care_arrangements"

    child_id: Mapped[str] = _person_fk()
    carer_ids: Mapped[list[str]] = mapped_column(default=list)
    type: Mapped[str] = mapped_column(String(40))
    start_year: Mapped[int | None] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)


class EmotionalRelationship(CaseRow, Base):
    __tablename__ = "emotional_relationships"

    from_person_id: Mapped[str] = _person_fk()
    to_person_id: Mapped[str] = _person_fk()
    type: Mapped[str] = mapped_column(String(32))
    directed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class EcomapSystem(CaseRow, Base):
    """A system around the household: a service, school, friend, faith group..."""

    __tablename__ = "ecomap_systems"

    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64), default="")
    line: Mapped[str] = mapped_column(String(32))
    weight: Mapped[int] = mapped_column(Integer, default=1)
    flow: Mapped[str] = mapped_column(String(16), default="none")
    connects_to_family: Mapped[bool] = mapped_column(Boolean, default=True)
    person_ids: Mapped[list[str]] = mapped_column(default=list)
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"))
    recorded_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
