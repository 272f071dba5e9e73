"""Work with the family over time: the chronology of significant events, visits, supervision.

The three share one shape (add, change, remove, list), so one small table of kinds drives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..errors import NotFound, ValidationFailed
from ..orm import CaseProfessional, ChronologyEvent, Person, SupervisionNote, Visit
from ..schemas.casework import ChronologyForm, SupervisionForm, VisitForm
from .audit import record_event
from .cases import validate


@dataclass(frozen=True)
class Kind:
    model: type[Any]
    form: type[Any]
    date_field: str
    gone: str  # what the user reads when the record has gone


KINDS: dict[str, Kind] = {
    "chronology_events": Kind(ChronologyEvent, ChronologyForm, "occurred_on",
                              "That chronology event is no longer in the record."),
    "visits": Kind(Visit, VisitForm, "visited_on", "That visit is no longer in the record."),
    "supervision_notes": Kind(SupervisionNote, SupervisionForm, "held_on",
                              "That supervision note is no longer in the record."),
}


def entries_of(session: Session, case_id: str, table: str) -> list[Any]:
    """The case's entries of one kind, the newest first."""
    k = KINDS[table]
    col = getattr(k.model, k.date_field)
    return list(session.scalars(select(k.model).where(k.model.case_id == case_id).order_by(col.desc(), k.model.id)))


def get_entry(session: Session, table: str, entry_id: str) -> Any:
    row = session.get(KINDS[table].model, entry_id)
    if row is None:
        raise NotFound(KINDS[table].gone)
    return row


def entry_form_data(table: str, row: Any) -> dict[str, Any]:
    return {f: getattr(row, f) for f in KINDS[table].form.model_fields}


def _check(session: Session, case_id: str, form: Any) -> None:
    people: dict[str, list[str]] = {}
    if isinstance(form, ChronologyForm):
        people = {"person_ids": list(form.person_ids)}
    elif isinstance(form, VisitForm):
        people = {"seen_person_ids": list(form.seen_person_ids),
                  "seen_alone_child_ids": list(form.seen_alone_child_ids)}
        if form.professional_id and session.scalar(select(CaseProfessional.id).where(
                CaseProfessional.case_id == case_id,
                CaseProfessional.professional_id == form.professional_id)) is None:
            raise ValidationFailed({"professional_id": S_("Choose a member of the team around the family.")})
    for field, ids in people.items():
        if not ids:
            continue
        rows = session.execute(select(Person.id, Person.kind).where(Person.case_id == case_id,
                                                                    Person.id.in_(ids))).all()
        if len(rows) != len(set(ids)):
            raise ValidationFailed({field: S_("Choose members of this family.")})
        if field == "seen_alone_child_ids" and any(kind != "child" for _id, kind in rows):
            raise ValidationFailed({field: S_("Only a child is recorded as seen alone.")})


def add_entry(session: Session, case_id: str, table: str, data: dict[str, Any], *, user: str,
              today: date | None = None, entry_id: str | None = None) -> Any:
    k = KINDS[table]
    form = validate(k.form, data, today=today)
    _check(session, case_id, form)
    row = k.model(case_id=case_id, **form.model_dump())
    if entry_id:
        row.id = entry_id
    session.add(row)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity=table, entity_id=row.id)
    return row


def update_entry(session: Session, table: str, entry_id: str, data: dict[str, Any], *, user: str,
                 today: date | None = None) -> Any:
    k = KINDS[table]
    row = get_entry(session, table, entry_id)
    form = validate(k.form, data, today=today)
    _check(session, row.case_id, form)
    values = form.model_dump()
    changed = [f for f, val in values.items() if getattr(row, f) != val]
    for f in changed:
        setattr(row, f, values[f])
    session.flush()
    if changed:
        record_event(session, user=user, action="update", case_id=row.case_id, entity=table, entity_id=row.id,
                     detail=",".join(changed))
    return row


def remove_entry(session: Session, table: str, entry_id: str, *, user: str) -> None:
    row = session.get(KINDS[table].model, entry_id)
    if row is None:
        return
    session.delete(row)
    session.flush()
    record_event(session, user=user, action="delete", case_id=row.case_id, entity=table, entity_id=entry_id)
