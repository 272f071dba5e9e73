"""The audit trail: who did what and when, each event chained to the one before by a hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..orm import AuditEvent, utcnow

GENESIS = "0" * 64


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
    events: int
    first_broken_seq: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(session: Session) -> ChainCheck:
    prev = GENESIS
    count = 0
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        count += 1
        if ev.prev_hash != prev or ev.hash != _digest(prev, ev):
            return ChainCheck(count, ev.seq)
        prev = ev.hash
    return ChainCheck(count, None)
