"""Family members: add, edit (with optimistic locking), remove, and their relationships."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, func, or_, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..concurrency import check_version, stale_as_conflict
from ..errors import NotFound, ValidationFailed
from ..orm import CASE_TABLES, Base, ChildRelationship, Person, Restriction
from ..schemas.forms import ChildRelationshipForm, PersonForm
from .audit import record_event
from .cases import validate

PERSON_FIELDS = tuple(PersonForm.model_fields)


def person_form_data(person: Person) -> dict[str, Any]:
    """The person as form data (what an editor shows, and what undo restores)."""
    return {f: getattr(person, f) for f in PERSON_FIELDS}


def list_people(session: Session, case_id: str) -> list[Person]:
    """The family: children first (oldest first), then adults."""
    people = session.scalars(select(Person).where(Person.case_id == case_id)).all()
    return sorted(
        people,
        key=lambda p: (p.kind != "child", p.date_of_birth or date(p.birth_year or 9999, 1, 1), p.id),
    )


def get_person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("That family member is no longer in the record.")
    return person


def add_person(
    session: Session, case_id: str, data: dict[str, Any], *, user: str,
    today: date | None = None, person_id: str | None = None,
) -> Person:
    form: PersonForm = validate(PersonForm, data, today=today)
    person = Person(case_id=case_id, **form.model_dump())
    if person_id:
        person.id = person_id
    session.add(person)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="people", entity_id=person.id)
    return person


def update_person(
    session: Session, person_id: str, data: dict[str, Any], *, user: str,
    expected_version: int | None = None, today: date | None = None,
) -> Person:
    """Change a person. With ``expected_version``, refuse when someone else changed them first."""
    person = get_person(session, person_id)
    check_version(session, person, expected_version, noun="family member")
    form: PersonForm = validate(PersonForm, data, today=today)
    changed = [k for k, val in form.model_dump().items() if getattr(person, k) != val]
    for key in changed:
        setattr(person, key, getattr(form, key))
    with stale_as_conflict(session, person_id, expected_version, noun="family member"):
        session.flush()
    if changed:
        record_event(
            session, user=user, action="update", case_id=person.case_id, entity="people",
            entity_id=person.id, detail=",".join(changed),
        )
    return person


def person_links(session: Session, person_id: str) -> list[str]:
    """What else in the record refers to this person, in words (sorted, no repeats).

    Removing a person would delete or orphan these (consents, relationships, genogram links,
    attendance, and do-not-disclose marks that protect someone), so removal is refused while
    any exist.
    """
    people = Base.metadata.tables["people"]
    found: set[str] = set()
    for orm in CASE_TABLES:
        table = orm.__table__  # type: ignore[attr-defined]
        cols = [fk.parent for fk in table.foreign_keys if fk.column.table is people]
        list_cols = [c for c in table.columns if c.name.endswith("_ids") and isinstance(c.type, JSON)]
        if cols and session.scalar(
            select(func.count()).select_from(table).where(or_(*[c == person_id for c in cols]))
        ):
            found.add(table.name.replace("_", " "))
        if list_cols:  # JSON lists of ids: few rows per case, checked in Python (portable)
            case_id = session.scalar(select(Person.case_id).where(Person.id == person_id))
            rows = session.execute(select(*list_cols).where(table.c.case_id == case_id))
            if any(person_id in (ids or []) for row in rows for ids in row):
                found.add(table.name.replace("_", " "))
    if session.scalar(
        select(func.count()).select_from(Restriction).where(
            Restriction.entity == "people", Restriction.entity_id == person_id
        )
    ):
        found.add("restrictions")
    return sorted(found)


def remove_person(session: Session, person_id: str, *, user: str) -> None:
    person = get_person(session, person_id)
    from .assessment import discard_empty_sections  # the sections made for them automatically

    discard_empty_sections(session, person_id)
    links = person_links(session, person_id)
    if links:
        raise ValidationFailed(
            {"": f"{person.display_name} cannot be removed while other records refer to them "
                 f"({', '.join(links)}). Change or remove those first."}
        )
    case_id = person.case_id
    session.delete(person)
    session.flush()
    record_event(session, user=user, action="delete", case_id=case_id, entity="people", entity_id=person_id)


def set_relationship(session: Session, case_id: str, data: dict[str, Any], *, user: str) -> ChildRelationship:
    form: ChildRelationshipForm = validate(ChildRelationshipForm, data)
    child = get_person(session, form.child_id)
    other = get_person(session, form.person_id)
    if child.case_id != case_id or other.case_id != case_id:
        raise ValidationFailed({"child_id": S_("Both people must belong to this case.")})
    if child.kind != "child":
        raise ValidationFailed({"child_id": S_("{name} is recorded as an adult.", name=child.display_name)})
    rel = session.scalar(
        select(ChildRelationship).where(
            ChildRelationship.person_id == form.person_id, ChildRelationship.child_id == form.child_id
        )
    )
    if rel is None:
        rel = ChildRelationship(case_id=case_id, **form.model_dump())
        session.add(rel)
    else:
        for k, val in form.model_dump().items():
            setattr(rel, k, val)
    session.flush()
    record_event(session, user=user, action="update", case_id=case_id, entity="child_relationships", entity_id=rel.id)
    return rel


def relationships_of(session: Session, person_id: str) -> list[ChildRelationship]:
    return list(
        session.scalars(select(ChildRelationship).where(ChildRelationship.person_id == person_id))
    )


def clear_relationship(session: Session, person_id: str, child_id: str, *, user: str) -> None:
    rel = session.scalar(select(ChildRelationship).where(
        ChildRelationship.person_id == person_id, ChildRelationship.child_id == child_id))
    if rel is None:
        return
    session.delete(rel)
    session.flush()
    record_event(session, user=user, action="delete", case_id=rel.case_id, entity="child_relationships",
                 entity_id=rel.id)
