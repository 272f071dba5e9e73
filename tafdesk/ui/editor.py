"""What every record editor shares: a list, a form, autosave, drafts, undoable changes.

A subclass declares its fields and ``Entity`` and says how to read its rows; everything it
changes goes through ``CaseOps`` as a ``Change``. Input is saved when valid; when it is not, it
stays in the form exactly as typed, the problems are shown next to the fields, and a draft is
kept in the encrypted database until it is corrected or discarded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.concurrency import EditConflict, loaded_version
from ..models.errors import NotFound, TafdeskError, ValidationFailed
from ..models.orm import new_id
from .autosave import Autosave, DraftStore
from .conflict import ConflictPanel
from .forms import Field, RecordForm
from .labels import moment
from .ops import CaseOps
from .undo import Change, Entity
from .widgets import add_context_action, announce

Row = tuple[str, str]  # (record id, text shown in the list)
VERSION_KEY = "__row_version__"  # kept with a draft: the version the typing started from
BASE_KEY = "__saved_then__"  # and the record as it was saved then (what the typing changed)


class RecordEditor(QWidget):
    """List of records on the left, the selected record's form on the right."""

    entity: Entity
    fields: tuple[Field, ...]
    listens: frozenset[str] = frozenset()  # other kinds of change that affect this editor
    # English, marked N_ by each editor; shown through _().
    title = ""
    add_text = N_("Add")
    remove_text = N_("Remove")
    empty_hint = ""
    reuse_new_id = False  # the service accepts the id of a new record (undo keeps it)

    drafts_changed = Signal()

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.current_id: str | None = None  # None: nothing chosen; "": a record not created yet
        self._new_id: str | None = None
        self._base: dict[str, Any] = {}
        self._saved_raw: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._saving = False
        self._stale = False
        self._in_row_change = False
        self._offered: dict[str, Any] | None = None
        self._version: int | None = None  # of the record as shown; a save from it checks it
        self._theirs: tuple[dict[str, Any], int | None] | None = None  # the other user's save
        self._typing_base: dict[str, Any] | None = None  # a restored draft's saved-then record
        self.drafts = DraftStore(ops, self.entity.kind)
        self._build()
        self.autosave = Autosave(self.form, lambda: self.flush(explicit=False))
        self.form.edited.connect(self._edited)
        ops.changed.connect(self._on_changed)

    # Layout.
    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("{title}:", title=_(self.title)), left)
        self.list = QListWidget(left)
        self.list.setAccessibleName(_(self.title))
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        caption.setBuddy(self.list)
        self.list.currentItemChanged.connect(self._row_changed)
        self.add_button = QPushButton(_(self.add_text), left)
        self.add_button.clicked.connect(self.new_record)
        self.remove_button = QPushButton(_(self.remove_text), left)
        self.remove_button.clicked.connect(self.remove_record)
        add_context_action(self.list, _(self.add_text), self.new_record)
        self.remove_action = add_context_action(self.list, _(self.remove_text), self.remove_record)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        lv.addWidget(caption)
        lv.addWidget(self.list, 1)
        lv.addLayout(buttons)

        right = QWidget(split)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.banner = QFrame(right)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        bl = QHBoxLayout(self.banner)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.restore_button = QPushButton(_("Restore"), self.banner)
        self.restore_button.setAccessibleName(_("Restore unsaved changes"))
        self.restore_button.clicked.connect(self.restore_draft)
        self.drop_button = QPushButton(_("Discard"), self.banner)
        self.drop_button.setAccessibleName(_("Discard unsaved changes from before"))
        self.drop_button.clicked.connect(self.discard_offered_draft)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.restore_button)
        bl.addWidget(self.drop_button)
        self.banner.hide()
        self.status = QLabel(right)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Save status"))
        self.form = RecordForm(self.fields, right)
        self.conflict = ConflictPanel(self.form, right)
        self.conflict.resolved.connect(self._resolve_conflict)
        scroll = QScrollArea(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.hint = QLabel(_(self.empty_hint), right)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pages = QStackedWidget(right)
        self.pages.addWidget(self.hint)
        self.pages.addWidget(scroll)
        conflict_scroll = QScrollArea(right)  # shown instead of the form until the user chooses
        conflict_scroll.setWidgetResizable(True)
        conflict_scroll.setFrameShape(QFrame.Shape.NoFrame)
        conflict_scroll.setWidget(self.conflict)
        self.pages.addWidget(conflict_scroll)
        self.revert_button = QPushButton(_("Discard unsaved changes"), right)
        self.revert_button.clicked.connect(self.revert)
        foot = QHBoxLayout()
        foot.addWidget(self.status, 1)
        foot.addWidget(self.revert_button)
        rv.addWidget(self.banner)
        rv.addWidget(self.pages, 1)
        rv.addLayout(foot)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self._show_record(False)

    # What a subclass provides.
    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        raise NotImplementedError

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {}

    def defaults(self) -> dict[str, Any]:
        return {}

    def check_remove(self, s: Session, record_id: str) -> str | None:
        """Why this record may not be removed here, or None."""
        return None

    # Opening a case.
    def set_case(self, case_id: str) -> None:
        self.autosave.cancel()
        self.case_id = case_id
        self.current_id = None
        self._reload_choices()
        rows = self._rows()
        self.drafts.open_case(case_id, [rid for rid, _ in rows])
        self._fill_list(rows)
        self._show_record(False)
        if "" in self.drafts.with_drafts:
            self.new_record()
        elif self.drafts.with_drafts:
            self.select(next(rid for rid, _ in rows if rid in self.drafts.with_drafts))
        elif rows:
            self.select(rows[0][0])
        self.drafts_changed.emit()

    def _rows(self) -> list[Row]:
        assert self.case_id is not None
        case_id = self.case_id
        return self.ops.read(lambda s: self.load_rows(s, case_id))

    def _reload_choices(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        for name, choices in self.ops.read(lambda s: self.load_choices(s, case_id)).items():
            self.form.set_choices(name, choices)

    def _fill_list(self, rows: list[Row] | None = None) -> None:
        """Show the rows, keeping the current record chosen. Rebuilding the list from inside its
        own selection signal is unsafe, so a changed set of rows is then shown a moment later."""
        if self._in_row_change and rows is None:
            QTimer.singleShot(0, self, self._fill_list)
            return
        rows = self._rows() if rows is None else rows
        current = self.ops.ids.resolve(self.current_id) if self.current_id else None
        self.list.blockSignals(True)
        try:
            same = [rid for rid, _ in rows] == self.row_ids()
            if not same:
                self.list.clear()
            for i, (rid, text) in enumerate(rows):
                if rid in self.drafts.with_drafts:
                    text = _("{record}  (unsaved changes kept)", record=text)
                if same:
                    item = self.list.item(i)
                    if item.text() != text:
                        item.setText(text)
                else:
                    item = QListWidgetItem(text, self.list)
                    item.setData(Qt.ItemDataRole.UserRole, rid)
                if rid == current and self.list.currentItem() is not item:
                    self.list.setCurrentItem(item)
            if current not in [rid for rid, _ in rows]:
                self.list.setCurrentRow(-1)
        finally:
            self.list.blockSignals(False)
        self._stale = False

    def row_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    # Choosing a record.
    def select(self, record_id: str | None) -> None:
        self.flush(explicit=True)
        self._load(record_id)
        self._fill_list()

    def _row_changed(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        rid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if rid == self.current_id:
            return
        self._in_row_change = True
        try:
            self.flush(explicit=True)
            self._load(rid)
            if self._stale:
                self._fill_list()
        finally:
            self._in_row_change = False

    def _load(self, record_id: str | None) -> None:
        self.autosave.cancel()
        self.banner.hide()
        self._end_conflict()
        self._offered = None
        self.form.clear_problems()
        self._touched = set()
        self.current_id = record_id
        if record_id is None:
            self._show_record(False)
            return
        try:
            data, self._version = self._read_saved(record_id)
        except NotFound:
            self.current_id = None
            self._show_record(False)
            return
        self._base = data
        self.form.set_raw(self.form.to_raw(data))
        self._saved_raw = self.form.raw()
        self.status.setText("")
        self._show_record(True)
        self._offer_draft(record_id)
        self._update_revert()

    def _read_saved(self, record_id: str) -> tuple[dict[str, Any], int | None]:
        """The record as saved now, and its version."""
        def read(s: Session) -> tuple[dict[str, Any], int | None]:
            rid = self.ops.ids.resolve(record_id)
            return self.entity.snapshot(s, rid), loaded_version(s, rid)
        return self.ops.read(read)

    def new_record(self) -> None:
        """Start a new record; it is created as soon as what is typed is valid."""
        if self.case_id is None:
            return
        self.flush(explicit=True)
        self._load(None)
        self.current_id = ""
        self._new_id = new_id() if self.reuse_new_id else None
        self._version = None
        self._base = dict(self.defaults())
        self.form.set_raw(self.form.to_raw(self._base))
        self._saved_raw = self.form.raw()
        self.status.setText(_("New {record}: it is saved as soon as the details are enough.",
                              record=_(self.entity.noun)))
        self._fill_list()
        self._show_record(True)
        self._offer_draft("")
        self._update_revert()
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget:
        return self.form.widget(self.fields[0].name)

    def _show_record(self, shown: bool) -> None:
        self.pages.setCurrentIndex(1 if shown else 0)
        self.remove_button.setEnabled(shown)
        self.remove_action.setEnabled(shown)
        self._update_revert()
        if not shown:
            self.status.setText("")

    def _update_revert(self) -> None:
        self.revert_button.setEnabled(self.dirty() or self.banner.isVisibleTo(self))

    # Saving.
    def dirty(self) -> bool:
        return self.current_id is not None and self.form.raw() != self._saved_raw

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self.status.setText(_("Unsaved changes…"))
        self.revert_button.setEnabled(True)
        self.autosave.edited()

    def flush(self, *, explicit: bool = True) -> bool:
        """Save what is typed if it is valid. False when input is left unsaved (and kept as a
        draft). ``explicit`` (leaving the record, Ctrl+S, closing) shows every problem; an
        autosave only complains about fields the user has touched."""
        self.autosave.cancel()
        if self.current_id is None or self.case_id is None:
            return True
        raw = self.form.raw()
        if self.in_conflict():  # nothing is saved until the user has chosen what to keep
            self.drafts.keep(self.current_id, self._draft(raw))
            self.status.setText(_("Not saved: someone else changed this record. Choose what to keep above."))
            return False
        if raw == self._saved_raw:
            if self.form.problem_fields() or self.form.summary.text():
                self.form.clear_problems()
            self.drafts.discard(self.current_id)
            return True
        data = {**self._base, **self.form.to_data(raw)}
        if self.current_id == "":
            change = Change("add", self.entity, self.case_id, after=data, reuse=self._new_id,
                            record_id=self._new_id or "")
        else:
            change = Change("update", self.entity, self.case_id, record_id=self.current_id, after=data,
                            expected_version=self._version)
        self._saving = True
        try:
            problem = self.ops.apply(change)
        finally:
            self._saving = False
        if problem is None:
            was_new = self.current_id == ""
            self.drafts.discard(self.current_id)
            if was_new:
                self.current_id = change.record_id
                self.drafts.discard(self.current_id)
            self._base = data
            self._saved_raw = raw
            self._version = change.expected_version
            self._typing_base = None
            self._touched = set()
            self.form.clear_problems()
            self.status.setText(_("All changes saved."))
            self._update_revert()
            if was_new or self._stale:
                self._fill_list()
            self.drafts_changed.emit()
            return True
        if isinstance(problem, EditConflict) and self._conflicted(problem, raw, explicit):
            return self.flush(explicit=explicit)  # they changed nothing shown here: saved over theirs
        if not isinstance(problem, EditConflict):
            self._refused(problem, raw, explicit)
        return False

    # Someone else saved the same record first (a shared database).
    def in_conflict(self) -> bool:
        return self._theirs is not None

    def _conflicted(self, problem: EditConflict, raw: dict[str, Any], explicit: bool) -> bool:
        """Show the other user's saved values beside the user's own. True when there is nothing
        to choose (their change touched no field of this form): then the save is simply retried
        from their version."""
        assert self.current_id is not None
        try:
            theirs, version = self._read_saved(self.current_id)
        except NotFound:
            self._refused(NotFound(_("Someone else removed this record while you were changing it. "
                                     "What you typed is kept as a draft.")), raw, explicit)
            return False
        their_raw = self.form.to_raw(theirs)
        base = self._saved_raw if self._typing_base is None else self._typing_base
        if their_raw == base:
            self._base, self._version = theirs, version
            return True
        self._theirs = (theirs, version)
        kept = self.drafts.keep(self.current_id, self._draft(raw))
        self.conflict.show_conflict(str(problem), raw, their_raw, base)
        self.pages.setCurrentIndex(2)
        self.status.setText(
            _("Not saved: someone else changed this record. Choose what to keep above.") if kept
            else _("Not saved: someone else changed this record. Choose what to keep above. "
                   "Your typing could not be kept as a draft."))
        announce(self, self.conflict.detail.text())
        self._update_revert()
        if explicit:
            self.conflict.first_control().setFocus(Qt.FocusReason.OtherFocusReason)
        if kept:
            self._fill_list()
            self.drafts_changed.emit()
        return False

    def _draft(self, raw: dict[str, Any]) -> dict[str, Any]:
        """What is kept of unsaved typing: the typing, and what it was typed over."""
        base = self._saved_raw if self._typing_base is None else self._typing_base
        return raw | {VERSION_KEY: self._version, BASE_KEY: base}

    def _resolve_conflict(self, raw: dict[str, Any]) -> None:
        """Save the user's choice on top of the other user's version."""
        if self._theirs is None:
            return
        theirs, version = self._theirs
        self._end_conflict()
        self._base, self._version = theirs, version
        self._saved_raw = self.form.to_raw(theirs)
        self.form.set_raw(raw)
        self._touched = set(self.form.fields)
        if self.flush(explicit=True):
            self.status.setText(_("Saved, with the choices you made between the two versions."))
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _end_conflict(self) -> None:
        self._theirs = None
        self._typing_base = None
        if self.pages.currentIndex() == 2:
            self.pages.setCurrentIndex(1)

    def _refused(self, problem: TafdeskError, raw: dict[str, Any], explicit: bool) -> None:
        problems = problem.problems if isinstance(problem, ValidationFailed) else {"": str(problem)}
        said = self.form.summary.text()
        shown = self.form.show_problems(problems, only=None if explicit else self._touched)
        if shown and self.form.summary.text() != said:
            announce(self, self.form.summary.text())
        assert self.current_id is not None
        had = self.current_id in self.drafts.with_drafts
        kept = self.drafts.keep(self.current_id, self._draft(raw))
        if not shown:
            self.status.setText(_("Not saved yet: some details are still needed."))
        elif kept:  # a field to correct, or a refusal (access, the shared directory) said above
            self.status.setText(_("Not saved: correct the marked fields. What you typed is kept.")
                                if isinstance(problem, ValidationFailed) else
                                _("Not saved: the reason is given above. What you typed is kept."))
        else:
            self.status.setText(_("Not saved, and could not be kept as a draft."))
        self._update_revert()
        if kept and not had:
            self._fill_list()
            self.drafts_changed.emit()

    # Drafts.
    def _offer_draft(self, record_id: str) -> None:
        found = self.drafts.find(record_id)
        if found is None:
            return
        data, saved_at = found
        if {k: v for k, v in data.items() if k in self.form.fields} == self._saved_raw:
            self.drafts.discard(record_id)
            return
        self._offered = data
        self.banner_text.setText(_("Restore unsaved changes from {moment}?", moment=moment(saved_at)))
        self.banner.show()
        self.drafts.with_drafts.add(record_id)

    def restore_draft(self) -> None:
        if self._offered is None:
            return
        self.form.set_raw({k: v for k, v in self._offered.items() if k in self.form.fields})
        if self._offered.get(VERSION_KEY) is not None and self.current_id:
            self._version = self._offered[VERSION_KEY]  # typed over that version: checked on saving
            self._typing_base = dict(self._offered.get(BASE_KEY) or {})
        self._touched = set(self.form.fields)
        self._offered = None
        self.banner.hide()
        self.flush(explicit=True)
        self.form.focus_first_problem()

    def discard_offered_draft(self) -> None:
        if self.current_id is not None:
            self.drafts.discard(self.current_id)
        self._offered = None
        self.banner.hide()
        self._fill_list()
        self.drafts_changed.emit()

    def revert(self) -> None:
        """Throw away unsaved input and show the record as saved."""
        rid = self.current_id
        if rid is None:
            return
        self.drafts.discard(rid)
        if rid == "":
            self._load(None)
        else:
            self._load(rid)
        self._fill_list()
        self.drafts_changed.emit()

    # Removing.
    def remove_record(self) -> None:
        rid = self.current_id
        if rid is None or self.case_id is None:
            return
        if rid == "":
            self.revert()
            return
        self.flush(explicit=True)
        refusal = self.ops.read(lambda s: self.check_remove(s, self.ops.ids.resolve(rid)))
        if refusal:
            self.status.setText(refusal)
            announce(self, refusal)
            return
        change = Change("remove", self.entity, self.case_id, record_id=rid)
        row = self.list.currentRow()
        self._saving = True
        try:
            problem = self.ops.apply(change)
        finally:
            self._saving = False
        if problem is not None:
            self.status.setText(str(problem))
            announce(self, str(problem))
            return
        self.drafts.discard(rid)
        self._load(None)
        self._fill_list()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.status.setText(_("{change} done. Undo with Ctrl+Z.", change=change.text))
        self.drafts_changed.emit()

    # Changes made elsewhere (undo, redo, other editors).
    def _on_changed(self, case_id: str, kinds: set[str]) -> None:
        if case_id != self.case_id or not (kinds & (self.listens | {self.entity.kind})):
            return
        if self._saving:
            self._stale = True
            return
        self._reload_choices()
        if self.current_id not in (None, "") and not self.dirty():
            self._load(self.current_id)
        self._fill_list()

    def has_drafts(self) -> bool:
        return bool(self.drafts.with_drafts)
