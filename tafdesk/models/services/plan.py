"""The family plan: versions, outcomes, SMART actions, what changed between versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..concurrency import check_version, stale_as_conflict
from ..errors import NotFound, ValidationFailed
from ..orm import (
    Action,
    Assessment,
    Case,
    CaseProfessional,
    Need,
    Outcome,
    Person,
    PlanVersion,
    Professional,
    UncoveredNeed,
)
from ..schemas.plan import ActionDTO, ActionForm, NeedDTO, OutcomeDTO, OutcomeForm, PlanDTO
from ..smart import ActionFacts, NeedFacts, OutcomeFacts, PlanFacts
from .audit import record_event
from .cases import validate


def versions_of(session: Session, case_id: str) -> list[PlanVersion]:
    return list(session.scalars(
        select(PlanVersion).where(PlanVersion.case_id == case_id).order_by(PlanVersion.number)))


def current_plan(session: Session, case_id: str) -> PlanVersion | None:
    versions = versions_of(session, case_id)
    return versions[-1] if versions else None


def get_plan(session: Session, plan_id: str) -> PlanVersion:
    plan = session.get(PlanVersion, plan_id)
    if plan is None:
        raise NotFound("That version of the plan is no longer there.")
    return plan


def start_plan(session: Session, case_id: str, *, user: str, review_by: date | None = None) -> PlanVersion:
    """A first, draft plan for the case (the one to agree at the initial TAF meeting)."""
    if current_plan(session, case_id) is not None:
        raise ValidationFailed({"": S_("This case already has a plan; make a new version instead.")})
    plan = PlanVersion(case_id=case_id, number=1, status="draft", review_by=review_by)
    session.add(plan)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="plan_versions", entity_id=plan.id)
    return plan


def new_version(session: Session, case_id: str, *, user: str, meeting_id: str | None = None) -> PlanVersion:
    """Copy the current plan into a new draft version (at a review meeting, say): the copies
    keep their lineage, so the review can show what changed."""
    old = current_plan(session, case_id)
    if old is None:
        return start_plan(session, case_id, user=user)
    new = PlanVersion(case_id=case_id, number=old.number + 1, status="draft", meeting_id=meeting_id,
                      review_by=old.review_by, visit_frequency=old.visit_frequency,
                      child_seen_alone_frequency=old.child_seen_alone_frequency,
                      likely_duration=old.likely_duration)
    session.add(new)
    session.flush()
    for o in outcomes_of(session, old.id):
        copy = Outcome(case_id=case_id, plan_version_id=new.id, position=o.position, lineage_id=o.lineage_id,
                       description=o.description, for_person_id=o.for_person_id, need_ids=list(o.need_ids))
        session.add(copy)
        session.flush()
        for a in actions_of(session, o.id):
            session.add(Action(
                case_id=case_id, outcome_id=copy.id, position=a.position, lineage_id=a.lineage_id,
                description=a.description, child_friendly=a.child_friendly, picture=a.picture,
                owner_person_id=a.owner_person_id,
                owner_professional_id=a.owner_professional_id, start_on=a.start_on, due_on=a.due_on,
                measure=a.measure, support=a.support, status=a.status, rag=a.rag))
    for u in session.scalars(select(UncoveredNeed).where(UncoveredNeed.plan_version_id == old.id)):
        session.add(UncoveredNeed(case_id=case_id, plan_version_id=new.id, need_id=u.need_id, reason=u.reason))
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="plan_versions", entity_id=new.id,
                 detail=f"version {new.number} from {old.number}")
    return new


def agree_plan(session: Session, plan_id: str, *, user: str, agreed_on: date) -> PlanVersion:
    plan = get_plan(session, plan_id)
    for other in versions_of(session, plan.case_id):
        if other.id != plan.id and other.status == "agreed":
            other.status = "superseded"
    plan.status, plan.agreed_on = "agreed", agreed_on
    session.flush()
    record_event(session, user=user, action="agree", case_id=plan.case_id, entity="plan_versions", entity_id=plan.id)
    return plan


def outcomes_of(session: Session, plan_id: str) -> list[Outcome]:
    return list(session.scalars(
        select(Outcome).where(Outcome.plan_version_id == plan_id).order_by(Outcome.position, Outcome.id)))


def actions_of(session: Session, outcome_id: str) -> list[Action]:
    return list(session.scalars(
        select(Action).where(Action.outcome_id == outcome_id).order_by(Action.position, Action.id)))


def _check_draft(plan: PlanVersion) -> None:
    if plan.status == "superseded":
        raise ValidationFailed({"": S_("Version {number} of the plan has been replaced; change the newest version.",
                                       number=plan.number)})


def add_outcome(session: Session, plan_id: str, data: dict[str, Any], *, user: str) -> Outcome:
    plan = get_plan(session, plan_id)
    _check_draft(plan)
    form: OutcomeForm = validate(OutcomeForm, data)
    _check_person(session, plan.case_id, form.for_person_id, "for_person_id")
    position = session.scalar(select(func.count()).select_from(Outcome).where(Outcome.plan_version_id == plan_id))
    outcome = Outcome(case_id=plan.case_id, plan_version_id=plan_id, position=position or 0, **form.model_dump())
    session.add(outcome)
    session.flush()
    record_event(session, user=user, action="create", case_id=plan.case_id, entity="outcomes", entity_id=outcome.id)
    return outcome


def outcome_form_data(outcome: Outcome) -> dict[str, Any]:
    return {"description": outcome.description, "for_person_id": outcome.for_person_id,
            "need_ids": list(outcome.need_ids)}


def update_outcome(session: Session, outcome_id: str, data: dict[str, Any], *, user: str) -> Outcome:
    outcome = session.get(Outcome, outcome_id)
    if outcome is None:
        raise NotFound("That outcome is no longer in the plan.")
    _check_draft(get_plan(session, outcome.plan_version_id))
    form: OutcomeForm = validate(OutcomeForm, data)
    _check_person(session, outcome.case_id, form.for_person_id, "for_person_id")
    for k, val in form.model_dump().items():
        setattr(outcome, k, val)
    session.flush()
    record_event(session, user=user, action="update", case_id=outcome.case_id, entity="outcomes", entity_id=outcome.id)
    return outcome


def remove_outcome(session: Session, outcome_id: str, *, user: str) -> None:
    outcome = session.get(Outcome, outcome_id)
    if outcome is None:
        return
    if actions_of(session, outcome_id):
        raise ValidationFailed({"": S_("This outcome still has actions; move or remove them first.")})
    session.delete(outcome)
    session.flush()
    record_event(session, user=user, action="delete", case_id=outcome.case_id, entity="outcomes", entity_id=outcome_id)


def plan_for_editing(session: Session, case_id: str, *, user: str) -> PlanVersion:
    """The version changes go into: the newest, or a first draft when the case has none."""
    return current_plan(session, case_id) or start_plan(session, case_id, user=user)


def _check_person(session: Session, case_id: str, person_id: str | None, field: str) -> None:
    if person_id is None:
        return
    person = session.get(Person, person_id)
    if person is None or person.case_id != case_id:
        raise ValidationFailed({field: S_("Choose a member of this family.")})


def resolve_owner(session: Session, case_id: str, owner: str) -> tuple[str | None, str | None]:
    """(person id, professional id) for an owner key; refuses anyone outside the case."""
    if not owner:
        return None, None
    kind, _, oid = owner.partition(":")
    if kind == "person":
        _check_person(session, case_id, oid, "owner")
        return oid, None
    member = session.scalar(select(CaseProfessional).where(
        CaseProfessional.case_id == case_id, CaseProfessional.professional_id == oid))
    if member is None:
        raise ValidationFailed({"owner": S_("The owner must be in this family's team around the family.")})
    return None, oid


def add_action(session: Session, outcome_id: str, data: dict[str, Any], *, user: str,
               action_id: str | None = None) -> Action:
    outcome = session.get(Outcome, outcome_id)
    if outcome is None:
        raise NotFound("That outcome is no longer in the plan.")
    _check_draft(get_plan(session, outcome.plan_version_id))
    form: ActionForm = validate(ActionForm, data)
    person_id, prof_id = resolve_owner(session, outcome.case_id, form.owner)
    position = session.scalar(select(func.count()).select_from(Action).where(Action.outcome_id == outcome_id))
    fields = form.model_dump(exclude={"owner"})
    action = Action(case_id=outcome.case_id, outcome_id=outcome_id, position=position or 0,
                    owner_person_id=person_id, owner_professional_id=prof_id, **fields)
    if action_id:
        action.id = action_id
    session.add(action)
    session.flush()
    record_event(session, user=user, action="create", case_id=outcome.case_id, entity="actions", entity_id=action.id)
    return action


def action_form_data(action: Action) -> dict[str, Any]:
    owner = (f"person:{action.owner_person_id}" if action.owner_person_id
             else f"professional:{action.owner_professional_id}" if action.owner_professional_id else "")
    return {"description": action.description, "owner": owner, "start_on": action.start_on,
            "due_on": action.due_on, "measure": action.measure, "support": action.support,
            "child_friendly": action.child_friendly, "picture": action.picture, "status": action.status,
            "rag": action.rag}


def update_action(session: Session, action_id: str, data: dict[str, Any], *, user: str,
                  expected_version: int | None = None) -> Action:
    """Change an action. With ``expected_version``, refuse when someone else changed it first."""
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("That action is no longer in the plan.")
    check_version(session, action, expected_version, noun="action")
    outcome = session.get(Outcome, action.outcome_id)
    assert outcome is not None
    _check_draft(get_plan(session, outcome.plan_version_id))
    form: ActionForm = validate(ActionForm, data)
    action.owner_person_id, action.owner_professional_id = resolve_owner(session, action.case_id, form.owner)
    for k, val in form.model_dump(exclude={"owner"}).items():
        setattr(action, k, val)
    with stale_as_conflict(session, action_id, expected_version, noun="action"):
        session.flush()
    record_event(session, user=user, action="update", case_id=action.case_id, entity="actions", entity_id=action.id)
    return action


def set_action_status(session: Session, action_id: str, status: str, *, user: str, rag: str | None = None) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("That action is no longer in the plan.")
    data = action_form_data(action) | {"status": status}
    if rag is not None:
        data["rag"] = rag
    return update_action(session, action_id, data, user=user)


def remove_action(session: Session, action_id: str, *, user: str) -> None:
    action = session.get(Action, action_id)
    if action is None:
        return
    session.delete(action)
    session.flush()
    record_event(session, user=user, action="delete", case_id=action.case_id, entity="actions", entity_id=action_id)


def set_uncovered_reason(session: Session, plan_id: str, need_id: str, reason: str, *, user: str) -> None:
    plan = get_plan(session, plan_id)
    row = session.scalar(select(UncoveredNeed).where(
        UncoveredNeed.plan_version_id == plan_id, UncoveredNeed.need_id == need_id))
    if not reason.strip():
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(UncoveredNeed(case_id=plan.case_id, plan_version_id=plan_id, need_id=need_id, reason=reason))
    else:
        row.reason = reason
    session.flush()
    record_event(session, user=user, action="update", case_id=plan.case_id, entity="uncovered_needs", entity_id=need_id)


def plan_assessment(session: Session, case_id: str) -> Assessment | None:
    """The assessment the plan answers: the newest authorised one (a draft amendment does not
    change the plan until it is authorised), else the newest."""
    rows = list(session.scalars(select(Assessment).where(Assessment.case_id == case_id)
                                .order_by(Assessment.number.desc())))
    return next((a for a in rows if a.status == "authorised"), rows[0] if rows else None)


def follow_amendment(session: Session, case_id: str, old_assessment_id: str, new_assessment_id: str) -> int:
    """When an amended assessment is authorised, point the live plan's outcomes (and reasons for
    needs left out) at the amendment's copies of the needs. Copies keep their position; a need
    removed in the amendment drops out of the outcomes. Returns how many links moved."""
    def by_position(aid: str) -> dict[int, str]:
        return {n.position: n.id for n in session.scalars(select(Need).where(Need.assessment_id == aid))}

    old, new = by_position(old_assessment_id), by_position(new_assessment_id)
    moved = {oid: new[pos] for pos, oid in old.items() if pos in new}
    count = 0
    for plan in versions_of(session, case_id):
        if plan.status == "superseded":
            continue
        for o in outcomes_of(session, plan.id):
            ids = [moved[i] if i in moved else i for i in o.need_ids if i in moved or i not in old.values()]
            if ids != list(o.need_ids):
                count += sum(1 for i in o.need_ids if i in moved)
                o.need_ids = ids
        for u in session.scalars(select(UncoveredNeed).where(UncoveredNeed.plan_version_id == plan.id)):
            if u.need_id in moved:
                u.need_id = moved[u.need_id]
                count += 1
    session.flush()
    return count


def _owner_names(session: Session, case_id: str) -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for p in session.scalars(select(Person).where(Person.case_id == case_id)):
        names[p.id] = (p.display_name, "family")
    rows = session.execute(
        select(Professional, CaseProfessional.role_in_case)
        .join(CaseProfessional, CaseProfessional.professional_id == Professional.id)
        .where(CaseProfessional.case_id == case_id))
    for prof, _role in rows:
        agency = prof.agency.name if prof.agency else ""
        names[prof.id] = (prof.name, ", ".join(x for x in (prof.role, agency) if x))
    return names


def plan_dto(session: Session, plan_id: str) -> PlanDTO:
    plan = get_plan(session, plan_id)
    case = session.get(Case, plan.case_id)
    assert case is not None
    names = _owner_names(session, plan.case_id)
    kinds = dict(session.execute(select(Person.id, Person.kind).where(Person.case_id == plan.case_id)).all())
    outcomes = []
    for o in outcomes_of(session, plan_id):
        actions = []
        for a in actions_of(session, o.id):
            owner_id = a.owner_person_id or a.owner_professional_id
            name, role = names.get(owner_id or "", ("", ""))
            actions.append(ActionDTO(
                id=a.id, lineage_id=a.lineage_id, description=a.description, child_friendly=a.child_friendly,
                picture=a.picture, owner=name, owner_role=role, start_on=a.start_on, due_on=a.due_on,
                measure=a.measure, support=a.support, status=a.status, rag=a.rag))
        outcomes.append(OutcomeDTO(
            id=o.id, lineage_id=o.lineage_id, description=o.description,
            for_person=names.get(o.for_person_id or "", ("", ""))[0], for_person_id=o.for_person_id,
            for_child=kinds.get(o.for_person_id or "") == "child", need_ids=tuple(o.need_ids),
            actions=tuple(actions)))
    reasons = dict(session.execute(select(UncoveredNeed.need_id, UncoveredNeed.reason)
                                   .where(UncoveredNeed.plan_version_id == plan_id)).all())
    latest = plan_assessment(session, plan.case_id)
    needs = []
    if latest is not None:
        for n in session.scalars(select(Need).where(Need.assessment_id == latest.id).order_by(Need.position)):
            who = [kinds.get(pid) for pid in n.person_ids]
            needs.append(NeedDTO(id=n.id, description=n.description, outcome_areas=tuple(n.outcome_areas),
                                 concerns_child="child" in who, concerns_adult="adult" in who,
                                 uncovered_reason=reasons.get(n.id, "")))
    team = tuple(sorted((name, role) for pid, (name, role) in names.items() if role != "family"))
    return PlanDTO(
        case_reference=case.reference, family_name=case.family_name, number=plan.number, status=plan.status,
        agreed_on=plan.agreed_on, review_by=plan.review_by, visit_frequency=plan.visit_frequency,
        child_seen_alone_frequency=plan.child_seen_alone_frequency, likely_duration=plan.likely_duration,
        outcomes=tuple(outcomes), needs=tuple(needs), team=team,
        lead_professional=case.lead_professional.name if case.lead_professional else "")


def smart_facts(plan: PlanDTO, today: date) -> PlanFacts:
    """The plan as the SMART checker reads it."""
    return PlanFacts(
        outcomes=tuple(OutcomeFacts(
            id=o.id, description=o.description, for_child=o.for_child, need_ids=o.need_ids,
            actions=tuple(ActionFacts(id=a.id, description=a.description, owner=a.owner, start_on=a.start_on,
                                      due_on=a.due_on, measure=a.measure, status=a.status) for a in o.actions))
            for o in plan.outcomes),
        needs=tuple(NeedFacts(id=n.id, description=n.description, concerns_child=n.concerns_child,
                              concerns_adult=n.concerns_adult, uncovered_reason=n.uncovered_reason)
                    for n in plan.needs),
        review_by=plan.review_by, today=today)


@dataclass(frozen=True)
class PlanChange:
    kind: str  # "added", "removed", "changed"
    what: str  # "outcome" or "action"
    description: str
    fields: tuple[str, ...] = ()  # for "changed": which fields
    before: ActionDTO | OutcomeDTO | None = None
    after: ActionDTO | OutcomeDTO | None = None


ACTION_FIELDS = ("description", "owner", "start_on", "due_on", "measure", "support", "status", "rag")


def diff_plans(old: PlanDTO, new: PlanDTO) -> list[PlanChange]:
    """What changed from one version of the plan to another, outcome by outcome (pure)."""
    changes: list[PlanChange] = []
    old_o = {o.lineage_id: o for o in old.outcomes}
    new_o = {o.lineage_id: o for o in new.outcomes}
    old_a = {a.lineage_id: a for o in old.outcomes for a in o.actions}
    new_a = {a.lineage_id: a for o in new.outcomes for a in o.actions}
    for lid, o in new_o.items():
        if lid not in old_o:
            changes.append(PlanChange("added", "outcome", o.description, after=o))
        elif old_o[lid].description != o.description:
            changes.append(PlanChange("changed", "outcome", o.description, ("description",), old_o[lid], o))
    for lid, o in old_o.items():
        if lid not in new_o:
            changes.append(PlanChange("removed", "outcome", o.description, before=o))
    for lid, a in new_a.items():
        if lid not in old_a:
            changes.append(PlanChange("added", "action", a.description, after=a))
            continue
        fields = tuple(f for f in ACTION_FIELDS if getattr(old_a[lid], f) != getattr(a, f))
        if fields:
            changes.append(PlanChange("changed", "action", a.description, fields, old_a[lid], a))
    for lid, a in old_a.items():
        if lid not in new_a:
            changes.append(PlanChange("removed", "action", a.description, before=a))
    return changes
