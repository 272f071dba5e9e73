"""Optimistic locking: nobody's change silently overwrites someone else's.

Every row carries ``row_version`` (SQLAlchemy's version counter, raised by each UPDATE). An
editor remembers the version it showed the user; when it saves, the service compares that with
the version now stored and raises ``EditConflict`` when someone else saved in between. The
database checks once more at the moment of writing (``UPDATE ... WHERE row_version = ?``): a
save that races another one in the same instant fails with ``StaleDataError``, which
``stale_as_conflict`` turns into the same ``EditConflict``. The front end then shows both
versions and lets the user keep theirs, take the other, or merge field by field.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .errors import ValidationFailed
from .orm import AuditEvent, Base


@dataclass(frozen=True)
class LastChange:
    user: str
    at: datetime


class EditConflict(ValidationFailed):
    """Someone else saved this record after the user opened it; nothing was saved."""

    def __init__(self, noun: str, record_id: str, expected_version: int, current_version: int | None,
                 last: LastChange | None = None) -> None:
        self.noun = noun
        self.record_id = record_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.last = last
        by = f" ({last.user}, at {last.at:%H:%M on %d %b})" if last else ""
        who = f"Someone else changed this {noun}{by}"
        versions = (f" (you started from version {expected_version}; the saved one is now "
                    f"version {current_version})" if current_version is not None else "")
        super().__init__({"": f"{who} since you opened it{versions}. Nothing was saved, so "
                              "neither change is lost."})


def last_change(session: Session, record_id: str) -> LastChange | None:
    """Who last changed a record, and when, from the audit trail."""
    ev = session.scalar(select(AuditEvent).where(AuditEvent.entity_id == record_id)
                        .order_by(AuditEvent.seq.desc()).limit(1))
    return LastChange(ev.user, ev.at) if ev is not None else None


def loaded_version(session: Session, record_id: str) -> int | None:
    """The version of the record with this id: as the session loaded it when it still holds the
    row (the identity map is weak), otherwise read from whichever table has that id (ids are
    UUIDs, unique across tables). None when no record has it."""
    for obj in session.identity_map.values():
        if getattr(obj, "id", None) == record_id and hasattr(obj, "row_version"):
            return int(obj.row_version)
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if hasattr(cls, "row_version") and hasattr(cls, "id"):
            found = session.scalar(select(cls.row_version).where(cls.id == record_id))
            if found is not None:
                return int(found)
    return None


def check_version(session: Session, row: Any, expected_version: int | None, *, noun: str) -> None:
    """Refuse (EditConflict) when ``row`` is no longer the version the user started from."""
    if expected_version is None or row.row_version == expected_version:
        return
    raise EditConflict(noun, row.id, expected_version, row.row_version, last_change(session, row.id))


def check_loaded(session: Session, record_id: str, expected_version: int | None, *, noun: str) -> None:
    """``check_version`` for a record some service has just loaded into the session."""
    current = loaded_version(session, record_id)
    if expected_version is None or current is None or current == expected_version:
        return
    raise EditConflict(noun, record_id, expected_version, current, last_change(session, record_id))


@contextmanager
def stale_as_conflict(session: Session, record_id: str, expected_version: int | None, *,
                      noun: str) -> Iterator[None]:
    """A write that lost a race with another user's write, as an EditConflict."""
    try:
        yield
    except StaleDataError:
        session.rollback()
        raise EditConflict(noun, record_id, expected_version or 0, None) from None
