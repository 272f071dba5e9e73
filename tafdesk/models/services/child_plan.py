"""What of the family plan belongs in one child's own plan, and who the helpers are to that child.

An action is in a child's plan when its outcome is for that child, or when the professional
wrote child-friendly words for it and its outcome concerns the child (an outcome for the whole
family, or one answering a need that names the child). An adult's GP review does not appear in a
three-year-old's plan unless someone chose to tell her about it in her own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..child_wording import Helper
from ..errors import NotFound
from ..orm import Action, ChildRelationship, Need, Outcome, Person, Professional
from ..readability import age_band
from .plan import actions_of, get_plan, outcomes_of, plan_assessment


@dataclass(frozen=True)
class ChildAction:
    action: Action
    outcome: Outcome
    outcome_areas: tuple[str, ...]  # of the needs the outcome answers (for the suggested picture)


def children_of(session: Session, case_id: str) -> list[Person]:
    """The case's children in the household network, oldest first."""
    rows = session.scalars(select(Person).where(Person.case_id == case_id, Person.kind == "child",
                                                Person.in_household_network))
    return sorted(rows, key=lambda p: (p.date_of_birth or date(p.birth_year or 9999, 1, 1), p.id))


def find_child(session: Session, case_id: str, ref: str) -> Person:
    """A child of the case by id, or by name (given name, known-as name or full name, any case)."""
    kids = children_of(session, case_id)
    for p in kids:
        if p.id == ref:
            return p
    key = " ".join(ref.split()).casefold()
    found = [p for p in kids if key in {p.given_name.casefold(), p.known_as.casefold(),
                                        p.display_name.casefold(), f"{p.given_name} {p.family_name}".casefold()}]
    names = ", ".join(p.known_as or p.given_name for p in kids) or "none"
    if not found:
        raise NotFound(f"There is no child called {ref!r} in this case; the children are: {names}.")
    if len(found) > 1:
        raise NotFound(f"More than one child is called {ref!r}; give the full name or the id.")
    return found[0]


def age_on(person: Person, today: date) -> int | None:
    dob = person.date_of_birth
    if dob is None:
        return None if person.birth_year is None else today.year - person.birth_year
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def band_of(person: Person, today: date) -> str:
    age = age_on(person, today)
    return age_band(age if age is not None else 10)


def children_concerned(session: Session, outcome: Outcome) -> list[Person]:
    """The children an outcome is about: its child, or the children named in the needs it
    answers, or (an outcome for the whole family) every child."""
    kids = children_of(session, outcome.case_id)
    if outcome.for_person_id:
        mine = [p for p in kids if p.id == outcome.for_person_id]
        if mine:
            return mine
    named: set[str] = set()
    if outcome.need_ids:
        for need in session.scalars(select(Need).where(Need.id.in_(outcome.need_ids))):
            named.update(need.person_ids)
    if outcome.for_person_id is None and not named:
        return kids
    return [p for p in kids if p.id in named]


def needs_of(session: Session, outcome: Outcome) -> list[Need]:
    """The assessment needs an outcome answers."""
    if not outcome.need_ids:
        return []
    return list(session.scalars(select(Need).where(Need.id.in_(outcome.need_ids))))


def actions_for_child(session: Session, plan_id: str, child_id: str) -> list[ChildAction]:
    out = []
    areas_of: dict[str, tuple[str, ...]] = {}
    assessment = plan_assessment(session, get_plan(session, plan_id).case_id)
    if assessment is not None:
        areas_of = {n.id: tuple(n.outcome_areas) for n in
                    session.scalars(select(Need).where(Need.assessment_id == assessment.id))}
    for o in outcomes_of(session, plan_id):
        own = o.for_person_id == child_id
        if not own and child_id not in {p.id for p in children_concerned(session, o)}:
            continue
        areas = tuple(a for nid in o.need_ids for a in areas_of.get(nid, ()))
        for a in actions_of(session, o.id):
            if own or a.child_friendly.strip():
                out.append(ChildAction(a, o, areas))
    return out


def helper(session: Session, action: Action, child: Person) -> Helper | None:
    """The person who does ``action``, described for ``child``."""
    if action.owner_person_id:
        p = session.get(Person, action.owner_person_id)
        return None if p is None else person_helper(session, p, child)
    if action.owner_professional_id:
        prof = session.get(Professional, action.owner_professional_id)
        if prof is None:
            return None
        return Helper(name=prof.name, role=prof.role, agency=prof.agency.name if prof.agency else "")
    return None


def person_helper(session: Session, p: Person, child: Person) -> Helper:
    relation = session.scalar(select(ChildRelationship.relationship_label).where(
        ChildRelationship.person_id == p.id, ChildRelationship.child_id == child.id)) or ""
    return Helper(name=p.display_name, given=p.given_name, relation=relation, is_child=p.id == child.id,
                  known_as=p.known_as)


def family_helpers(session: Session, child: Person) -> list[Helper]:
    """Everyone in the child's family network, as the child knows them (for the wording suggestion)."""
    people = session.scalars(select(Person).where(Person.case_id == child.case_id, Person.id != child.id))
    return [person_helper(session, p, child) for p in people]
