"""The front door: requests for early help and their decisions, new cases, and allocation.

The case follows its newest request: a decision to open it (early help, or a TAF led by a
partner) opens the case at the level of need decided; a redirection or advice leaves it
"redirected"; no decision yet leaves it "requested". The lead professional is the one of the
newest allocation; earlier allocations end when the next one starts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from .. import vocab as v
from ..errors import NotFound, ValidationFailed
from ..orm import Allocation, Case, CaseProfessional, Request
from ..schemas.requests import AllocationForm, NewCaseForm, RequestForm, day_of, local_text
from .audit import record_event
from .cases import create_case, validate

REQUEST_FIELDS = tuple(RequestForm.model_fields)
ALLOCATION_FIELDS = tuple(AllocationForm.model_fields)
FRONT_DOOR_STATUSES = (v.CaseStatus.REQUESTED, v.CaseStatus.OPEN, v.CaseStatus.REDIRECTED)
OPENS = (v.RequestOutcome.OPEN, v.RequestOutcome.TAF_BY_PARTNER)


# Requests.

def request_form_data(req: Request) -> dict[str, Any]:
    data = {f: getattr(req, f) for f in REQUEST_FIELDS}
    data["received_at"] = local_text(req.received_at)
    data["decided_at"] = local_text(req.decided_at)
    return data


def requests_of(session: Session, case_id: str) -> list[Request]:
    """Every request for this case, the newest first."""
    return list(session.scalars(
        select(Request).where(Request.case_id == case_id).order_by(Request.received_at.desc(), Request.id)))


def get_request(session: Session, request_id: str) -> Request:
    req = session.get(Request, request_id)
    if req is None:
        raise NotFound("That request is no longer in the record.")
    return req


def record_request(session: Session, case_id: str, data: dict[str, Any], *, user: str,
                   today: date | None = None, request_id: str | None = None) -> Request:
    form: RequestForm = validate(RequestForm, data, today=today)
    req = Request(case_id=case_id, **form.model_dump())
    if request_id:
        req.id = request_id
    session.add(req)
    session.flush()
    _follow_requests(session, case_id)
    record_event(session, user=user, action="create", case_id=case_id, entity="requests", entity_id=req.id)
    return req


def update_request(session: Session, request_id: str, data: dict[str, Any], *, user: str,
                   today: date | None = None) -> Request:
    req = get_request(session, request_id)
    form: RequestForm = validate(RequestForm, data, today=today)
    changed = [k for k, val in form.model_dump().items() if getattr(req, k) != val]
    for key in changed:
        setattr(req, key, getattr(form, key))
    session.flush()
    _follow_requests(session, req.case_id)
    if changed:
        action = "decide_request" if "outcome" in changed else "update"
        record_event(session, user=user, action=action, case_id=req.case_id, entity="requests",
                     entity_id=req.id, detail=",".join(changed))
    return req


def remove_request(session: Session, request_id: str, *, user: str) -> None:
    req = session.get(Request, request_id)
    if req is None:
        return
    case_id = req.case_id
    session.delete(req)
    session.flush()
    _follow_requests(session, case_id)
    record_event(session, user=user, action="delete", case_id=case_id, entity="requests", entity_id=request_id)


def _follow_requests(session: Session, case_id: str) -> None:
    """The case's status, level of need and opening date follow its newest request, while the
    case is at the front door (an ended case keeps its ending)."""
    case = session.get(Case, case_id)
    if case is None or case.status not in FRONT_DOOR_STATUSES:
        return
    reqs = requests_of(session, case_id)
    newest = reqs[0] if reqs else None
    if newest is None or newest.outcome is None:
        case.status = v.CaseStatus.REQUESTED
        case.opened_on = None
    elif newest.outcome in OPENS:
        case.status = v.CaseStatus.OPEN
        case.level_of_need = newest.level_of_need
        case.opened_on = day_of(newest.decided_at) if newest.decided_at else None
    else:
        case.status = v.CaseStatus.REDIRECTED
        case.opened_on = None
    session.flush()


def start_case(session: Session, data: dict[str, Any], *, user: str, today: date | None = None) -> Case:
    """A new case for a family, from the case list; with ``request`` in ``data``, its request too."""
    request = data.get("request")
    form: NewCaseForm = validate(NewCaseForm, {k: val for k, val in data.items() if k != "request"})
    problems: dict[str, str] = {}
    if request is not None:
        try:
            validate(RequestForm, request, today=today)
        except ValidationFailed as exc:
            problems = {f"request.{k}" if k else "": m for k, m in exc.problems.items()}
    if problems:
        raise ValidationFailed(problems)
    case = create_case(session, {"family_name": form.family_name}, user=user, received_on=today)
    if request is not None:
        record_request(session, case.id, request, user=user, today=today)
    return case


# Allocation.

def allocation_form_data(a: Allocation) -> dict[str, Any]:
    data = {f: getattr(a, f) for f in ALLOCATION_FIELDS}
    data["allocated_at"] = local_text(a.allocated_at)
    return data


def allocations_of(session: Session, case_id: str) -> list[Allocation]:
    """Every allocation, the newest (the current one) first."""
    return list(session.scalars(
        select(Allocation).where(Allocation.case_id == case_id)
        .order_by(Allocation.allocated_at.desc(), Allocation.id)))


def get_allocation(session: Session, allocation_id: str) -> Allocation:
    a = session.get(Allocation, allocation_id)
    if a is None:
        raise NotFound("That allocation is no longer in the record.")
    return a


def _check_allocation(session: Session, case_id: str, form: AllocationForm) -> None:
    member = session.scalar(select(CaseProfessional).where(
        CaseProfessional.case_id == case_id, CaseProfessional.professional_id == form.professional_id))
    if member is None:
        raise ValidationFailed({"professional_id": S_("Choose a member of the team around the family "
                                                   "(add the lead professional to the team first).")})
    first = session.scalar(select(Request.received_at).where(Request.case_id == case_id)
                           .order_by(Request.received_at).limit(1))
    if first is not None and form.allocated_at is not None and form.allocated_at < first:
        raise ValidationFailed({"allocated_at": "The allocation cannot come before the request was received "
                                                f"({local_text(first)})."})


def allocate(session: Session, case_id: str, data: dict[str, Any], *, user: str,
             today: date | None = None, allocation_id: str | None = None) -> Allocation:
    form: AllocationForm = validate(AllocationForm, data, today=today)
    _check_allocation(session, case_id, form)
    a = Allocation(case_id=case_id, **form.model_dump())
    if allocation_id:
        a.id = allocation_id
    session.add(a)
    session.flush()
    _follow_allocations(session, case_id)
    record_event(session, user=user, action="allocate", case_id=case_id, entity="allocations", entity_id=a.id)
    return a


def update_allocation(session: Session, allocation_id: str, data: dict[str, Any], *, user: str,
                      today: date | None = None) -> Allocation:
    a = get_allocation(session, allocation_id)
    form: AllocationForm = validate(AllocationForm, data, today=today)
    _check_allocation(session, a.case_id, form)
    changed = [k for k, val in form.model_dump().items() if getattr(a, k) != val]
    for key in changed:
        setattr(a, key, getattr(form, key))
    session.flush()
    _follow_allocations(session, a.case_id)
    if changed:
        record_event(session, user=user, action="update", case_id=a.case_id, entity="allocations",
                     entity_id=a.id, detail=",".join(changed))
    return a


def remove_allocation(session: Session, allocation_id: str, *, user: str) -> None:
    a = session.get(Allocation, allocation_id)
    if a is None:
        return
    case_id = a.case_id
    session.delete(a)
    session.flush()
    _follow_allocations(session, case_id)
    record_event(session, user=user, action="delete", case_id=case_id, entity="allocations", entity_id=allocation_id)


def _follow_allocations(session: Session, case_id: str) -> None:
    """Each allocation ends when the next begins; the newest one's professional leads the case."""
    rows = allocations_of(session, case_id)
    later = None
    for a in rows:
        ended = later.allocated_at if later is not None else None
        if a.ended_at != ended:
            a.ended_at = ended
        later = a
    case = session.get(Case, case_id)
    if case is not None:
        lead = rows[0].professional_id if rows else None
        if case.lead_professional_id != lead:
            case.lead_professional_id = lead
    session.flush()
