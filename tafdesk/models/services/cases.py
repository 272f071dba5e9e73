"""Cases: create, find, list with search and filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .. import vocab as v
from ..case_access import Viewer, readable_case_ids, refusal_of_hidden, require_read
from ..errors import NotFound, ValidationFailed
from ..orm import Case, Person, Professional
from ..row_security import hidden_case, last_case_number, protected
from ..schemas.forms import CaseForm, problems_from
from .audit import record_event


@dataclass(frozen=True)
class CaseSummary:
    id: str
    reference: str
    family_name: str
    status: str
    level_of_need: str | None
    lead_professional: str
    lead_professional_id: str | None
    opened_on: date | None


def validate(form_cls: type, data: dict, *, today: date | None = None):  # type: ignore[no-untyped-def,type-arg]
    """Validate form data or raise ValidationFailed with one message per field."""
    try:
        return form_cls.model_validate(data, context={"today": today} if today else None)
    except ValidationError as exc:
        raise ValidationFailed(problems_from(exc)) from None


def next_reference(session: Session, year: int) -> str:
    prefix = f"EH-{year}-"
    if protected(session):  # the user sees only their own cases: ask over all of them
        return f"{prefix}{last_case_number(session, prefix) + 1:04d}"
    refs = session.scalars(select(Case.reference).where(Case.reference.like(prefix + "%")))
    numbers = [int(r[len(prefix):]) for r in refs if r[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def create_case(
    session: Session, data: dict, *, user: str, received_on: date | None = None  # type: ignore[type-arg]
) -> Case:
    form: CaseForm = validate(CaseForm, data)
    day = received_on or date.today()
    case = Case(
        reference=next_reference(session, day.year),
        family_name=form.family_name,
        level_of_need=form.level_of_need,
        summary=form.summary,
        status=v.CaseStatus.REQUESTED,
    )
    session.add(case)
    session.flush()
    record_event(session, user=user, action="create", case_id=case.id, entity="cases", entity_id=case.id)
    return case


def get_case(session: Session, ref_or_id: str, *, viewer: Viewer | None = None) -> Case:
    """The case by reference or id; with a ``viewer``, AccessDenied unless they may open it."""
    key = ref_or_id.strip()
    case = session.scalar(
        select(Case).where(or_(func.upper(Case.reference) == key.upper(), Case.id == key))
    )
    if case is None:
        part = hidden_case(session, key) if protected(session) and viewer is not None else None
        if part is not None and viewer is not None:  # there, but row security hides it from them
            raise refusal_of_hidden(viewer, part)
        raise NotFound(f"There is no case {ref_or_id!r} in this database.")
    if viewer is not None:
        require_read(session, viewer, case.id)
    return case


def list_cases(
    session: Session,
    *,
    text: str = "",
    status: str | None = None,
    lead_professional_id: str | None = None,
    viewer: Viewer | None = None,
) -> list[CaseSummary]:
    """Cases matching the filters, newest reference first; ``text`` matches the reference,
    the family name or the name of anyone in the family. With a ``viewer`` (a user of a shared
    database), only the cases they may open."""
    q = select(
        Case.id, Case.reference, Case.family_name, Case.status, Case.level_of_need,
        Professional.name, Case.lead_professional_id, Case.opened_on,
    ).outerjoin(Professional, Professional.id == Case.lead_professional_id)
    if text.strip():
        like = f"%{_escape(text.strip().lower())}%"
        people = select(Person.case_id).where(
            or_(
                func.lower(Person.given_name).like(like, escape="\\"),
                func.lower(Person.family_name).like(like, escape="\\"),
                func.lower(Person.known_as).like(like, escape="\\"),
            )
        )
        q = q.where(
            or_(
                func.lower(Case.reference).like(like, escape="\\"),
                func.lower(Case.family_name).like(like, escape="\\"),
                Case.id.in_(people),
            )
        )
    if status:
        q = q.where(Case.status == status)
    if lead_professional_id:
        q = q.where(Case.lead_professional_id == lead_professional_id)
    if viewer is not None:
        readable = readable_case_ids(session, viewer)
        if readable is not None:
            q = q.where(Case.id.in_(readable))
    q = q.order_by(Case.reference.desc())
    return [
        CaseSummary(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7])
        for r in session.execute(q)
    ]


def lead_professionals(session: Session) -> list[tuple[str, str]]:
    """(id, name) of everyone who leads at least one case, for the case-list filter."""
    rows = session.execute(
        select(Professional.id, Professional.name)
        .where(Professional.id.in_(select(Case.lead_professional_id)))
        .order_by(Professional.name)
    )
    return [(r[0], r[1]) for r in rows]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
