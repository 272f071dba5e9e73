"""People in the family network, their households and their relationship to each child."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow


class Household(CaseRow, Base):
    __tablename__ = "households"

    label: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)


class Person(CaseRow, Base):
    """A child or adult of the family network, including parents and carers living elsewhere.

    People known only for the genogram (a great-grandparent, a miscarriage) are kept here too,
    with ``in_household_network`` false and a birth year instead of a date of birth.
    """

    __tablename__ = "people"

    kind: Mapped[str] = mapped_column(String(16))
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    known_as: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[date | None]
    birth_year: Mapped[int | None] = mapped_column(Integer)
    due_year: Mapped[int | None] = mapped_column(Integer)
    death_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(1), default="U")
    gender: Mapped[str] = mapped_column(String(100), default="")
    sex_assigned_at_birth: Mapped[str | None] = mapped_column(String(1))
    ethnicity: Mapped[str] = mapped_column(String(100), default="")
    religion: Mapped[str] = mapped_column(String(100), default="")
    first_language: Mapped[str] = mapped_column(String(35), default="en")
    preferred_language: Mapped[str] = mapped_column(String(35), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    communication_needs: Mapped[str] = mapped_column(Text, default="")
    access_needs: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")  # when not living in a recorded household
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    school_or_setting: Mapped[str] = mapped_column(String(200), default="")
    is_index: Mapped[bool] = mapped_column(Boolean, default=False)
    in_household_network: Mapped[bool] = mapped_column(Boolean, default=True)
    flags: Mapped[list[str]] = mapped_column(default=list)  # genogram flags (SCHEMA.md)
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def display_name(self) -> str:
        given = self.known_as or self.given_name
        return f"{given} {self.family_name}".strip() or "(unnamed)"


class HouseholdMember(CaseRow, Base):
    """A person living in a household; a child in shared care belongs to two."""

    __tablename__ = "household_members"
    __table_args__ = (UniqueConstraint("household_id", "person_id"),)

    household_id: Mapped[str] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)


class ChildRelationship(CaseRow, Base):
    """How an adult (or sibling) is related to one child, in the family's own words."""

    __tablename__ = "child_relationships"
    __table_args__ = (UniqueConstraint("person_id", "child_id"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    relationship_label: Mapped[str] = mapped_column(String(100))  # "mother", "maternal grandmother"
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    lives_with_child: Mapped[bool] = mapped_column(Boolean, default=False)
