"""What may not be disclosed to whom: one answer for every document and export.

The ``restrictions`` table marks a whole record (``field`` None) or one field of a record as
withheld from a person, from the whole family, or from an agency. ``withheld_from`` turns those
marks into a ``Withheld`` for one audience; a renderer asks it before it shows anything.

A copy for the family may reach any member of it, so it leaves out what is withheld from the
family *and* what is withheld from any one person in it (an address kept from a parent).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .orm import Restriction


@dataclass(frozen=True)
class Audience:
    """Who a document is for. ``EVERYONE_IN_CASE`` (the full record) withholds nothing."""

    family: bool = False  # any member of the family may read it
    person_id: str | None = None  # one family member
    agency_id: str | None = None  # one partner agency
    label: str = "the case record"


FULL_RECORD = Audience()
FAMILY = Audience(family=True, label="the family")


def applies(r: Restriction, audience: Audience) -> bool:
    """Whether one restriction keeps its record or field from this audience."""
    if audience.family:
        return bool(r.withheld_from_family or r.withheld_from_person_id)
    if audience.person_id is not None:
        return bool(r.withheld_from_family or r.withheld_from_person_id == audience.person_id)
    if audience.agency_id is not None:
        return r.withheld_from_agency_id == audience.agency_id
    return False


@dataclass(frozen=True)
class Withheld:
    """The records and fields one audience may not see."""

    records: frozenset[tuple[str, str]] = frozenset()
    fields: frozenset[tuple[str, str, str]] = frozenset()
    reasons: dict[tuple[str, str, str | None], str] = field(default_factory=dict, compare=False)

    def record(self, entity: str, entity_id: str) -> bool:
        return (entity, entity_id) in self.records

    def field(self, entity: str, entity_id: str, name: str) -> bool:
        return self.record(entity, entity_id) or (entity, entity_id, name) in self.fields

    def value(self, entity: str, entity_id: str, name: str, value: str) -> str:
        """The value, or "" when this audience may not see it."""
        return "" if self.field(entity, entity_id, name) else value

    def __bool__(self) -> bool:
        return bool(self.records or self.fields)


def withheld_from(session: Session, case_id: str, audience: Audience) -> Withheld:
    records: set[tuple[str, str]] = set()
    fields: set[tuple[str, str, str]] = set()
    reasons: dict[tuple[str, str, str | None], str] = {}
    for r in session.scalars(select(Restriction).where(Restriction.case_id == case_id)):
        if not applies(r, audience):
            continue
        if r.field is None:
            records.add((r.entity, r.entity_id))
        else:
            fields.add((r.entity, r.entity_id, r.field))
        reasons[(r.entity, r.entity_id, r.field)] = r.reason
    return Withheld(frozenset(records), frozenset(fields), reasons)


# The family's marks, as editors set them ("not to be shared with the family, because ...").

def family_mark(session: Session, entity: str, entity_id: str, field_name: str | None = None) -> str | None:
    """The reason a record (or field) is kept from the whole family, or None when it is not."""
    r = session.scalar(
        select(Restriction).where(
            Restriction.entity == entity, Restriction.entity_id == entity_id,
            Restriction.field.is_(None) if field_name is None else Restriction.field == field_name,
            Restriction.withheld_from_family.is_(True),
        ).limit(1)
    )
    return r.reason if r is not None else None


def set_family_mark(session: Session, case_id: str, entity: str, entity_id: str,
                    field_name: str | None, *, withheld: bool, reason: str = "") -> None:
    """Keep a record (or one field) from the family, or share it again."""
    cond = [Restriction.case_id == case_id, Restriction.entity == entity, Restriction.entity_id == entity_id,
            Restriction.withheld_from_family.is_(True),
            Restriction.field.is_(None) if field_name is None else Restriction.field == field_name]
    existing = session.scalar(select(Restriction).where(*cond).limit(1))
    if not withheld:
        if existing is not None:
            session.execute(delete(Restriction).where(*cond))
        return
    if existing is None:
        session.add(Restriction(case_id=case_id, entity=entity, entity_id=entity_id, field=field_name,
                                withheld_from_family=True, reason=reason))
    elif existing.reason != reason:
        existing.reason = reason
    session.flush()


def forget_family_marks(session: Session, entity: str, entity_id: str) -> None:
    """Remove the family's marks of a record that is itself being removed (its form data, kept
    for undo, brings them back). Marks that protect one person are left alone."""
    session.execute(delete(Restriction).where(
        Restriction.entity == entity, Restriction.entity_id == entity_id,
        Restriction.withheld_from_family.is_(True), Restriction.withheld_from_person_id.is_(None),
        Restriction.withheld_from_agency_id.is_(None)))
