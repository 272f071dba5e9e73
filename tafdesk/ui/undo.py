"""Undo as data: a change to one record, kept with what is needed to apply and revert it.

A ``Change`` is plain data (the record, the data before and after) plus the service calls of its
``Entity``; ``ChangeCommand`` is the thin QUndoCommand that asks ``CaseOps`` to replay it.

People and consent come back under their own id. A team member comes back as a new membership
of the same professional, so commands keep the id the record first had and resolve it through
an ``IdMap``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.concurrency import (
    EditConflict,
    check_loaded,
    last_change,
    loaded_version,
    stale_as_conflict,
)
from ..models.orm import CaseProfessional, Consent
from ..models.services import consent as consent_svc
from ..models.services import people as people_svc
from ..models.services import team as team_svc

Data = dict[str, Any]


@dataclass(frozen=True)
class Entity:
    """How to add, change, remove and snapshot one kind of record, through the services."""

    kind: str  # also the "what changed" word views listen for
    noun: str
    add: Callable[[Session, str, Data, str, str | None], str]  # -> id of the new record
    update: Callable[[Session, str, Data, str], None]
    remove: Callable[[Session, str, str], None]
    snapshot: Callable[[Session, str], Data]
    reuse_id: Callable[[Session, str], str | None]  # the id to re-create the record with
    name_of: Callable[[Data], str]


def _person_name(data: Data) -> str:
    given = data.get("known_as") or data.get("given_name") or ""
    return f"{given} {data.get('family_name') or ''}".strip() or _("(unnamed)")


PEOPLE = Entity(
    kind="people",
    noun=N_("family member"),  # English (code compares it); shown through _()
    add=lambda s, case_id, data, user, rid: people_svc.add_person(
        s, case_id, data, user=user, person_id=rid).id,
    update=lambda s, rid, data, user: (people_svc.update_person(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: people_svc.remove_person(s, rid, user=user),
    snapshot=lambda s, rid: people_svc.person_form_data(people_svc.get_person(s, rid)),
    reuse_id=lambda s, rid: rid,
    name_of=_person_name,
)


def _existing(s: Session, model: type[Any], record_id: str, gone: str) -> Any:
    """The record, or NotFound with the sentence the user sees when it has gone."""
    from ..models.errors import NotFound

    row = s.get(model, record_id)
    if row is None:
        raise NotFound(gone)
    return row


def _member(s: Session, member_id: str) -> CaseProfessional:
    return _existing(s, CaseProfessional, member_id, _("That professional is no longer in this team."))  # type: ignore[no-any-return]


TEAM = Entity(
    kind="team",
    noun=N_("professional"),
    # Re-adding after an undo reuses the professional (who stays in the directory).
    add=lambda s, case_id, data, user, rid: team_svc.add_to_team(
        s, case_id, data, user=user, professional_id=rid).id,
    update=lambda s, rid, data, user: (team_svc.update_team_member(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: team_svc.remove_from_team(s, rid, user=user),
    snapshot=lambda s, rid: team_svc.professional_form_data(_member(s, rid)),
    reuse_id=lambda s, rid: _member(s, rid).professional_id,
    name_of=lambda data: str(data.get("name") or _("(unnamed)")),
)


def _consent(s: Session, consent_id: str) -> Consent:
    return _existing(s, Consent, consent_id, _("That consent record is no longer there."))  # type: ignore[no-any-return]


CONSENT = Entity(
    kind="consent",
    noun=N_("consent"),
    add=lambda s, case_id, data, user, rid: consent_svc.record_consent(
        s, case_id, data, user=user, consent_id=rid).id,
    update=lambda s, rid, data, user: (consent_svc.update_consent(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: consent_svc.remove_consent(s, rid, user=user),
    snapshot=lambda s, rid: consent_svc.consent_form_data(_consent(s, rid)),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: _("consent"),
)


class IdMap:
    """The current id of a record that undo/redo re-created under a new id."""

    def __init__(self) -> None:
        self._now: dict[str, str] = {}

    def resolve(self, first_id: str) -> str:
        return self._now.get(first_id, first_id)

    def moved(self, first_id: str, now_id: str) -> None:
        """``first_id``'s record now has ``now_id``; so does every id that pointed where it did."""
        old = self.resolve(first_id)
        if old == now_id:
            return
        for key, value in self._now.items():
            if value == old:
                self._now[key] = now_id
        self._now[first_id] = now_id
        self._now[old] = now_id


def plain(value: Any) -> Any:
    """A value as compared for "did anything change": dates as text, None as empty, no padding."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return sorted(plain(v) for v in value)
    return value


def changed_fields(before: Data, after: Data) -> frozenset[str]:
    return frozenset(k for k in after if plain(after[k]) != plain(before.get(k)))


CHANGE_TEXT = {"add": N_("Add {name}"), "update": N_("Edit {name}"), "remove": N_("Remove {name}")}
CONSENT_TEXT = {"add": N_("Record consent"), "update": N_("Edit consent"), "remove": N_("Remove consent")}


@dataclass
class Change:
    """One add, update or remove of one record. ``record_id`` is the id the record first had."""

    action: Literal["add", "update", "remove"]
    entity: Entity
    case_id: str
    record_id: str = ""
    after: Data | None = None
    before: Data | None = None
    reuse: str | None = None  # add: the id to create with; remove: the id to re-create with
    fields: frozenset[str] = field(default_factory=frozenset)
    # update: the version of the record the user started from (None: not checked); and the
    # record as saved, which undo expects to find before putting ``before`` back.
    expected_version: int | None = None
    saved: Data | None = None

    @property
    def text(self) -> str:
        data = self.after if self.action != "remove" else self.before
        name = self.entity.name_of(data or {})
        if self.entity is CONSENT:
            return _(CONSENT_TEXT[self.action])
        return _(CHANGE_TEXT[self.action], name=_(name))  # a name, or a marked noun ("need")

    @property
    def merge_key(self) -> tuple[str, str, str, frozenset[str]] | None:
        """Edits of the same fields of the same record in a row are one step of undo."""
        if self.action != "update":
            return None
        return (self.entity.kind, self.case_id, self.record_id, self.fields)

    def apply(self, s: Session, user: str, ids: IdMap) -> None:
        e = self.entity
        if self.action == "add":
            assert self.after is not None
            new_id = e.add(s, self.case_id, self.after, user, self.reuse)
            self.expected_version = loaded_version(s, new_id)
            if not self.record_id:
                self.record_id = new_id
                self.reuse = e.reuse_id(s, new_id)
            ids.moved(self.record_id, new_id)
        elif self.action == "update":
            assert self.after is not None
            rid = ids.resolve(self.record_id)
            current = e.snapshot(s, rid)
            if self.before is None:  # the first time: the user's edit of the version they saw
                check_loaded(s, rid, self.expected_version, noun=e.noun)
                self.before = current
                self.fields = changed_fields(self.before, self.after)
                data = self.after
            else:  # redo: only this change's fields, and only if nobody changed them since
                self._unchanged_since(s, rid, current, self.before)
                data = current | {k: self.after[k] for k in self.fields}
            self._update(s, rid, data, user)
        else:
            rid = ids.resolve(self.record_id)
            if self.before is None:
                self.before = e.snapshot(s, rid)
                self.reuse = e.reuse_id(s, rid)
            e.remove(s, rid, user)

    def revert(self, s: Session, user: str, ids: IdMap) -> None:
        e = self.entity
        if self.action == "add":
            e.remove(s, ids.resolve(self.record_id), user)
        elif self.action == "update":
            assert self.before is not None
            rid = ids.resolve(self.record_id)
            current = e.snapshot(s, rid)
            self._unchanged_since(s, rid, current, self.saved)
            # Only fields the record has: a change may also carry markers (e.g. which person a
            # diagram move was about) that keep steps apart but are not data to put back.
            self._update(s, rid, current | {k: self.before[k] for k in self.fields if k in self.before}, user)
        else:
            assert self.before is not None
            ids.moved(self.record_id, e.add(s, self.case_id, self.before, user, self.reuse))


    def _unchanged_since(self, s: Session, rid: str, current: Data, expected: Data | None) -> None:
        """Undo and redo put back this change's fields only, and only when nobody else (another
        user, in a shared database) has changed those fields in between."""
        if expected is None:
            return
        if any(plain(current.get(k)) != plain(expected.get(k)) for k in self.fields):
            version = loaded_version(s, rid) or 0
            raise EditConflict(self.entity.noun, rid, version, version, last_change(s, rid))

    def _update(self, s: Session, rid: str, data: Data, user: str) -> None:
        with stale_as_conflict(s, rid, self.expected_version, noun=self.entity.noun):
            self.entity.update(s, rid, data, user)
            s.flush()
        self.saved = self.entity.snapshot(s, rid)
        self.expected_version = loaded_version(s, rid)


Replay = Callable[[Change, bool], bool]  # (change, forward) -> succeeded


class ChangeCommand(QUndoCommand):
    """The undo stack's view of a Change that has already been applied once."""

    MERGE_ID = 0x7AF

    def __init__(self, change: Change, replay: Replay) -> None:
        super().__init__(change.text)
        self.change = change
        self._replay = replay
        self._applied = True  # CaseOps applied it before pushing, to report problems first

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self._replay(self.change, True):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._replay(self.change, False):
            self.setObsolete(True)

    def id(self) -> int:
        return self.MERGE_ID if self.change.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other.change.merge_key != self.change.merge_key:
            return False
        self.change.after = other.change.after
        self.change.saved = other.change.saved
        self.change.expected_version = other.change.expected_version
        self.setText(other.change.text)
        before = self.change.before or {}
        if not changed_fields(before, self.change.after or {}):
            self.setObsolete(True)  # typed back to what it was: nothing to undo
        return True
