"""When an editor saves by itself, and where unsaved input waits for recovery.

``Autosave`` calls its ``save`` function after a pause in typing (800 ms), at the latest 1.5 s
after the first unsaved keystroke even while typing goes on, and when focus leaves the form; so
at most two seconds of typing are ever at risk (the half second left covers the save itself and
a busy machine: tests/ui/test_record_editor_kill.py kills the app while typing to check it). ``DraftStore`` keeps input that could not
be saved (it is invalid, or saving failed) inside the encrypted database, never in a plain file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .ops import CaseOps

PAUSE_MS = 800
MAX_WAIT_MS = 1500


class Autosave(QObject):
    """Debounced saving of one form. ``save`` is called with no arguments."""

    def __init__(self, form: QWidget, save: Callable[[], object], *, pause_ms: int | None = None,
                 max_wait_ms: int | None = None) -> None:
        super().__init__(form)
        self._form = form
        self._save = save
        self._pause = QTimer(self, singleShot=True, interval=pause_ms or PAUSE_MS)
        self._limit = QTimer(self, singleShot=True, interval=max_wait_ms or MAX_WAIT_MS)
        self._pause.timeout.connect(self._fire)
        self._limit.timeout.connect(self._fire)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def edited(self) -> None:
        """The user changed something: (re)start the pause, and the limit if not running."""
        self._pause.start()
        if not self._limit.isActive():
            self._limit.start()

    def cancel(self) -> None:
        self._pause.stop()
        self._limit.stop()

    @property
    def pending(self) -> bool:
        return self._pause.isActive() or self._limit.isActive()

    def _fire(self) -> None:
        self.cancel()
        self._save()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not self.pending or old is None or not self._form.isAncestorOf(old):
            return
        # Leaving a field saves. Deferred, so that a click which moved the focus (on another
        # record, say) is handled first and saves through its own path.
        QTimer.singleShot(0, self, self._fire_if_pending)

    def _fire_if_pending(self) -> None:
        if self.pending:
            self._fire()


class DraftStore:
    """Drafts of one kind of record in one case, and which records have one."""

    def __init__(self, ops: CaseOps, entity: str) -> None:
        self.ops = ops
        self.entity = entity
        self.case_id: str | None = None
        self.with_drafts: set[str] = set()

    def open_case(self, case_id: str, record_ids: list[str]) -> None:
        """Note which records (and "" for a record not created yet) have a draft waiting."""
        self.case_id = case_id
        self.with_drafts = self.ops.draft_ids(case_id, self.entity) & {"", *record_ids}

    def keep(self, record_id: str, raw: dict[str, Any]) -> bool:
        assert self.case_id is not None
        ok = self.ops.save_draft(self.case_id, self.entity, record_id, raw)
        if ok:
            self.with_drafts.add(record_id)
        return ok

    def find(self, record_id: str) -> tuple[dict[str, Any], datetime] | None:
        assert self.case_id is not None
        return self.ops.load_draft(self.case_id, self.entity, record_id)

    def discard(self, record_id: str) -> None:
        if self.case_id is not None and record_id in self.with_drafts:
            self.ops.discard_draft(self.case_id, self.entity, record_id)
            self.with_drafts.discard(record_id)
