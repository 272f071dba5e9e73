"""The one path for every change the GUI makes (after Anki's CollectionOp and OpChanges).

An editor builds a ``Change`` and hands it to ``CaseOps.apply``: the service runs inside one
database session, a refusal comes back as the service's ``TafdeskError`` (never a traceback),
success goes onto the case's undo stack, and ``changed(case_id, kinds)`` tells every view what
to refresh. Views never poke each other.

Service calls here are small (milliseconds), so they run on the GUI thread; long work (documents,
imports) gets a thread-pool adapter when it arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..i18n.ui import _
from ..models.case_access import Viewer, check_change, current_viewer, require_read
from ..models.errors import StorageError, TafdeskError
from ..models.services import drafts
from ..models.storage import Database
from .undo import Change, ChangeCommand, IdMap

T = TypeVar("T")
log = logging.getLogger(__name__)


class CaseOps(QObject):
    """Runs services for the GUI, records undo per case, and announces what changed."""

    changed = Signal(str, object)  # case id, set of kinds ("people", "team", "consent")
    message = Signal(str)  # something the user should read in the status bar

    def __init__(self, db: Database, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        # A shared database's signed-in user (the database login), whose access is checked; None
        # for the local file, whose one user holds every case.
        self.viewer: Viewer | None = self.read(current_viewer)
        if self.viewer is not None:
            self.user = self.viewer.login  # the audit trail names the authenticated login
        self.ids = IdMap()
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}

    # Undo stacks: one per case, the open case's is the active one.
    def stack_for(self, case_id: str) -> QUndoStack:
        stack = self._stacks.get(case_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[case_id] = stack
        return stack

    def set_active_case(self, case_id: str | None) -> None:
        self.undo_group.setActiveStack(self.stack_for(case_id) if case_id else None)

    # Reading: plain values out of one short session.
    def read(self, fn: Callable[[Session], T]) -> T:
        with self.db.session() as s:
            return fn(s)

    def open_refusal(self, case_id: str) -> str | None:
        """Why the signed-in user may not open this case, or None."""
        try:
            self.read(lambda s: require_read(s, self.viewer, case_id))
        except TafdeskError as exc:
            return str(exc)
        return None

    # Changing.
    def apply(self, change: Change) -> TafdeskError | None:
        """Make the change; on refusal return the reason and change nothing."""
        problem = self._execute(change, forward=True)
        if problem is not None:
            return problem
        if change.action == "update" and not change.fields:
            return None  # saved, but nothing was different: no step to undo
        self.stack_for(change.case_id).push(ChangeCommand(change, self._replay))
        self.changed.emit(change.case_id, {change.entity.kind})
        return None

    def _execute(self, change: Change, *, forward: bool) -> TafdeskError | None:
        try:
            with self.db.session() as s:
                if self.viewer is not None:
                    action_id = self.ids.resolve(change.record_id) if change.entity.noun == "action" else None
                    check_change(s, self.viewer, change.case_id, action_id=action_id or None)
                if forward:
                    change.apply(s, self.user, self.ids)
                else:
                    change.revert(s, self.user, self.ids)
        except TafdeskError as exc:
            return exc
        except SQLAlchemyError as exc:
            log.exception("database error while saving")
            return StorageError(_("The change could not be saved to the database ({error}).",
                                   error=type(exc).__name__))
        return None

    def _replay(self, change: Change, forward: bool) -> bool:
        problem = self._execute(change, forward=forward)
        if problem is not None:
            self.message.emit(
                _("Could not redo \u201c{change}\u201d: {problem}", change=change.text, problem=str(problem))
                if forward else
                _("Could not undo \u201c{change}\u201d: {problem}", change=change.text, problem=str(problem)))
            return False
        self.changed.emit(change.case_id, {change.entity.kind})
        return True

    # Drafts of unsaved input, kept in the encrypted database for recovery after a crash.
    def save_draft(self, case_id: str, entity: str, entity_id: str, data: dict[str, Any]) -> bool:
        try:
            with self.db.session() as s:
                drafts.save_draft(s, case_id, entity, entity_id, data)
        except (TafdeskError, SQLAlchemyError):
            log.exception("could not keep a draft")
            self.message.emit(_("Your unsaved text could not be kept as a draft; do not close tafdesk yet."))
            return False
        return True

    def draft_ids(self, case_id: str, entity: str) -> set[str]:
        """Ids of the records of one kind ("" for a new one) with a draft waiting."""
        with self.db.session() as s:
            return {rid for kind, rid, _at in drafts.list_drafts(s, case_id) if kind == entity}

    def load_draft(self, case_id: str, entity: str, entity_id: str) -> tuple[dict[str, Any], datetime] | None:
        with self.db.session() as s:
            return drafts.load_draft(s, case_id, entity, entity_id)

    def discard_draft(self, case_id: str, entity: str, entity_id: str) -> None:
        try:
            with self.db.session() as s:
                drafts.discard_draft(s, case_id, entity, entity_id)
        except (TafdeskError, SQLAlchemyError):
            log.exception("could not discard a draft")

    # The audit log of what was looked at or taken away (opening a case, saving a PDF, exporting).
    def record(self, action: str, case_id: str | None, *, entity: str = "", detail: str = "") -> bool:
        from ..models.services.audit import record_event

        try:
            with self.db.session() as s:
                record_event(s, user=self.user, action=action, case_id=case_id, entity=entity, detail=detail)
        except (TafdeskError, SQLAlchemyError):
            log.exception("could not write to the audit log")
            self.message.emit(_("This could not be written to the audit log."))
            return False
        return True
