"""Deadlines of one case or of a whole caseload, from the record (the rules are in timescales).

The facts of many cases are read with a handful of grouped queries, not a query per case, so
that a caseload of thousands is worked out in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..orm import (
    Allocation,
    Assessment,
    Case,
    CaseEnding,
    Meeting,
    Professional,
    Request,
    SupervisionNote,
    Visit,
)
from ..timescales import Bucket, Deadline, Rules, TimescaleFacts, bucket, deadlines
from ..workdays import local_day

OPEN_STATUSES = ("requested", "open")


def _scoped(q: Select[Any], col: Any, case_id: str | None, open_only: bool, lead: str | None) -> Select[Any]:
    if case_id is not None:
        return q.where(col == case_id)
    wanted = select(Case.id)
    if open_only:
        wanted = wanted.where(Case.status.in_(OPEN_STATUSES))
    if lead:
        wanted = wanted.where(Case.lead_professional_id == lead)
    return q.where(col.in_(wanted)) if open_only or lead else q


def timescale_facts(session: Session, case_id: str | None = None, *, open_only: bool = False,
                    lead_professional_id: str | None = None) -> dict[str, TimescaleFacts]:
    """The facts of one case (``case_id``) or of every case (only open ones with ``open_only``)."""
    cq = select(Case.id, Case.reference, Case.family_name, Case.status, Case.lead_professional_id,
                Professional.name, Case.opened_on).outerjoin(
        Professional, Professional.id == Case.lead_professional_id)
    if case_id is not None:
        cq = cq.where(Case.id == case_id)
    elif open_only:
        cq = cq.where(Case.status.in_(OPEN_STATUSES))
    if lead_professional_id:
        cq = cq.where(Case.lead_professional_id == lead_professional_id)
    base: dict[str, dict[str, Any]] = {}
    for cid, ref, fam, status, lead_id, lead, opened in session.execute(cq):
        base[cid] = {"case_id": cid, "reference": ref, "family_name": fam, "status": status,
                     "lead_professional_id": lead_id, "lead_professional": lead or "", "opened_on": opened}
    if not base:
        return {}

    def each(q: Select[Any], col: Any) -> Any:
        # Core rows, not ORM rows: these are plain columns, and thousands of them.
        return session.connection().execute(_scoped(q, col, case_id, open_only, lead_professional_id))

    # Plain rows folded here rather than GROUP BY in SQL: on an encrypted SQLite file a grouped
    # index walk decrypts pages at random, while a plain scan reads them once, in order.

    for cid, received, decided, outcome in each(
            select(Request.case_id, Request.received_at, Request.decided_at, Request.outcome)
            .order_by(Request.received_at), Request.case_id):
        if cid in base:  # the latest request is the one this episode answers
            base[cid].update(received_at=received, decided_at=decided, request_outcome=outcome)
    for cid, at in each(select(Allocation.case_id, Allocation.allocated_at), Allocation.case_id):
        if cid in base and (base[cid].get("allocated_at") is None or at < base[cid]["allocated_at"]):
            base[cid]["allocated_at"] = at  # the first allocation is the one the timescale measures
    for cid, day in each(select(Visit.case_id, Visit.visited_on), Visit.case_id):
        b = base.get(cid)
        if b is not None:
            if b.get("first_visit_on") is None or day < b["first_visit_on"]:
                b["first_visit_on"] = day
            if b.get("last_visit_on") is None or day > b["last_visit_on"]:
                b["last_visit_on"] = day
    for cid, completed, authorised, shared in each(
            select(Assessment.case_id, Assessment.completed_on, Assessment.authorised_on,
                   Assessment.shared_with_family_on).where(Assessment.amends_id.is_(None))
            .order_by(Assessment.number.desc()), Assessment.case_id):
        if cid in base:  # the first (lowest-numbered) original assessment wins
            base[cid].update(assessment_completed_on=completed, assessment_authorised_on=authorised,
                             shared_with_family_on=shared)
    for cid, kind, day in each(select(CaseEnding.case_id, CaseEnding.kind, CaseEnding.decided_on),
                               CaseEnding.case_id):
        b = base.get(cid)
        if b is not None:
            key = "stepped_down_on" if kind == "step_down_in" else "ended_on"
            if b.get(key) is None or (day < b[key] if key == "stepped_down_on" else day > b[key]):
                b[key] = day
    latest: dict[str, Any] = {}
    for cid, kind, starts, next_review in each(
            select(Meeting.case_id, Meeting.kind, Meeting.starts_at, Meeting.next_review_on)
            .where(Meeting.status == "held", Meeting.kind.in_(("initial", "review"))), Meeting.case_id):
        b = base.get(cid)
        if b is None:
            continue
        if kind == "initial" and (b.get("_initial") is None or starts < b["_initial"]):
            b["_initial"] = starts
        if cid not in latest or starts > latest[cid][0]:
            latest[cid] = (starts, next_review)
    for cid, (starts, next_review) in latest.items():
        base[cid].update(last_taf_on=local_day(starts), next_review_on=next_review)
    for b in base.values():
        initial = b.pop("_initial", None)
        if initial is not None:
            b["initial_taf_on"] = local_day(initial)
    for cid, day in each(select(SupervisionNote.case_id, SupervisionNote.held_on), SupervisionNote.case_id):
        b = base.get(cid)
        if b is not None and (b.get("last_supervision_on") is None or day > b["last_supervision_on"]):
            b["last_supervision_on"] = day
    return {cid: TimescaleFacts(**values) for cid, values in base.items()}


def case_deadlines(session: Session, case_id: str, rules: Rules, today: date) -> list[Deadline]:
    facts = timescale_facts(session, case_id)
    return deadlines(facts[case_id], rules, today) if case_id in facts else []


@dataclass(frozen=True)
class CaseloadItem:
    """One step of one case that needs doing: what, by when, and why."""

    case_id: str
    reference: str
    family_name: str
    lead_professional: str
    deadline: Deadline
    bucket: Bucket


def caseload(session: Session, rules: Rules, today: date, *, lead_professional_id: str | None = None,
             buckets: tuple[Bucket, ...] = (Bucket.OVERDUE, Bucket.THIS_WEEK, Bucket.NEXT_WEEK)
             ) -> list[CaseloadItem]:
    """Open steps of open cases, most urgent first (overdue, then by due date)."""
    items = []
    for f in timescale_facts(session, open_only=True, lead_professional_id=lead_professional_id).values():
        for dl in deadlines(f, rules, today):
            if not dl.is_open:
                continue
            b = bucket(dl, today)
            if b in buckets:
                items.append(CaseloadItem(f.case_id, f.reference, f.family_name, f.lead_professional, dl, b))
    order = {b: i for i, b in enumerate(Bucket)}
    items.sort(key=lambda i: (order[i.bucket], i.deadline.due_on, i.reference, i.deadline.step))
    return items
