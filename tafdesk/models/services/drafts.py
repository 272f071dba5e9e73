"""Editor drafts for crash recovery: what was typed but not yet saved to the record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..orm import Draft, utcnow


def save_draft(session: Session, case_id: str, entity: str, entity_id: str, data: dict[str, Any]) -> None:
    draft = session.scalar(
        select(Draft).where(Draft.case_id == case_id, Draft.entity == entity, Draft.entity_id == entity_id)
    )
    if draft is None:
        session.add(Draft(case_id=case_id, entity=entity, entity_id=entity_id, data=data, saved_at=utcnow()))
    else:
        draft.data = data
        draft.saved_at = utcnow()
    session.flush()


def load_draft(session: Session, case_id: str, entity: str, entity_id: str) -> tuple[dict[str, Any], datetime] | None:
    draft = session.scalar(
        select(Draft).where(Draft.case_id == case_id, Draft.entity == entity, Draft.entity_id == entity_id)
    )
    return (dict(draft.data), draft.saved_at) if draft else None


def discard_draft(session: Session, case_id: str, entity: str, entity_id: str) -> None:
    session.execute(
        delete(Draft).where(Draft.case_id == case_id, Draft.entity == entity, Draft.entity_id == entity_id)
    )


def list_drafts(session: Session, case_id: str) -> list[tuple[str, str, datetime]]:
    """(entity, entity_id, saved_at) of every draft kept for the case, oldest first."""
    rows = session.execute(
        select(Draft.entity, Draft.entity_id, Draft.saved_at)
        .where(Draft.case_id == case_id)
        .order_by(Draft.saved_at)
    )
    return [(r[0], r[1], r[2]) for r in rows]
