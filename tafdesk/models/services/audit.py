"""The audit trail: who did what and when, each event chained to the one before by a hash.

Every event's hash covers the previous event's hash and its own time, user, action, case,
record and detail, so changing, deleting or inserting a row breaks the chain at that point and
``verify_chain`` names the first event that no longer fits. Anyone able to write to the database
could recompute the whole chain: the check protects against a row being altered, not against a
determined administrator rewriting history (docs/security.md, "Audit").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..orm import AuditEvent, Case, utcnow

GENESIS = "0" * 64
CHAIN_LOCK = 0x7AFD_A0D1  # PostgreSQL advisory lock key held while appending


def _digest(prev_hash: str, ev: AuditEvent) -> str:
    body = json.dumps(
        [prev_hash, ev.at.isoformat(), ev.user, ev.action, ev.case_id, ev.entity, ev.entity_id, ev.detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def record_event(
    session: Session,
    *,
    user: str,
    action: str,
    case_id: str | None = None,
    entity: str = "",
    entity_id: str = "",
    detail: str = "",
) -> AuditEvent:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # Two users saving at once would both chain to the same head: take turns instead.
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
    last = session.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
    prev = last.hash if last is not None else GENESIS
    ev = AuditEvent(
        at=utcnow(), user=user, action=action, case_id=case_id, entity=entity,
        entity_id=entity_id, detail=detail, prev_hash=prev,
    )
    ev.hash = _digest(prev, ev)
    session.add(ev)
    session.flush()
    return ev


@dataclass(frozen=True)
class ChainCheck:
    """``events`` counts every row; ``first_broken_seq`` is the first that does not fit."""

    events: int
    first_broken_seq: int | None
    reason: str = ""
    head: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(session: Session) -> ChainCheck:
    prev = GENESIS
    count = 0
    broken: tuple[int, str] | None = None
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
        count += 1
        if broken is None:
            if ev.prev_hash != prev:
                broken = (ev.seq, "it does not follow the event before it (an event was removed or inserted)")
            elif ev.hash != _digest(prev, ev):
                broken = (ev.seq, "its contents were changed after it was recorded")
        prev = ev.hash
    if broken is None:
        return ChainCheck(count, None, head=prev)
    return ChainCheck(count, broken[0], broken[1], head=prev)


@dataclass(frozen=True)
class EventRow:
    seq: int
    at: datetime
    user: str
    action: str
    case_reference: str
    entity: str
    entity_id: str
    detail: str


def list_events(session: Session, case_id: str | None = None, *, limit: int | None = None) -> list[EventRow]:
    """Events oldest first (of one case, or all), with the case reference rather than its id."""
    q = (select(AuditEvent, Case.reference).outerjoin(Case, Case.id == AuditEvent.case_id)
         .order_by(AuditEvent.seq))
    if case_id is not None:
        q = q.where(AuditEvent.case_id == case_id)
    if limit is not None:
        q = q.order_by(None).order_by(AuditEvent.seq.desc()).limit(limit)
    rows = [EventRow(ev.seq, ev.at, ev.user, ev.action, ref or "", ev.entity, ev.entity_id, ev.detail)
            for ev, ref in session.execute(q)]
    return sorted(rows, key=lambda r: r.seq)
