"""The last step of the journey: closure, step up to social care, or an ending on withdrawn
consent, and the documents that go with it.

Unlike other editors this one never saves by itself: ending a case is a decision, taken with
the "Record the ending" button. What is typed is still kept (as a draft in the encrypted
database) so that nothing is lost on a crash.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n.ui import N_, _
from ..models.errors import TafdeskError, ValidationFailed
from ..models.services import endings as E
from . import labels as L
from .autosave import Autosave
from .forms import Field, RecordForm
from .widgets import add_context_action, announce

DATE_HINT = N_("YYYY-MM-DD or DD/MM/YYYY")
KINDS = (("closure", N_("Closure: the plan's outcomes are met")),
         ("step_up", N_("Step up to children's social care")),
         ("consent_withdrawn", N_("Ending because consent was withdrawn")))
FIELDS = (
    Field("kind", N_("How the case ends"), "choice", KINDS),
    Field("decided_on", N_("Decided on"), "date", hint=DATE_HINT),
    Field("reason", N_("Why"), "multiline",
          hint=N_("Closure: what has changed. Step up: the risk or what got worse. Withdrawal: what the family "
                  "said.")),
    Field("summary", N_("Summary, and what was tried"), "multiline"),
    Field("continuing_service", N_("Who carries on (universal service)")),
    Field("referral_reference", N_("Social care referral reference")),
    Field("manager", N_("Manager who agreed it")),
    Field("ending_meeting_on", N_("Ending meeting held on"), "date", hint=DATE_HINT, section=N_("Ending meeting")),
    Field("ending_meeting_venue", N_("Where")),
)
DOCS = (("closure-letter", N_("Closure &letter to the family…")), ("closure-summary", N_("Closure &summary…")),
        ("step-up-pack", N_("Step-up &pack…")))


class EndingPanel(QWidget):
    drafts_changed = Signal()
    add_text = N_("Record the ending")
    remove_text = N_("Re-open the case")

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.setAccessibleName(_("Closure, step up or step down"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("How this case ended"))
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 4)
        add_context_action(self.list, _(self.add_text), self.new_record)
        add_context_action(self.list, _(self.remove_text), self.remove_record)
        self.form = RecordForm(FIELDS, self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Ending status"))
        self.record_button = QPushButton(_("&Record the ending"), self)
        self.record_button.clicked.connect(self.record)
        self.reopen_button = QPushButton(_("Re-&open the case…"), self)
        self.reopen_button.clicked.connect(self.remove_record)
        self.doc_buttons = {}
        docs = QHBoxLayout()
        for key, text in DOCS:
            b = QPushButton(_(text), self)
            b.clicked.connect(lambda _c=False, k=key: self.save_document(k))
            self.doc_buttons[key] = b
            docs.addWidget(b)
        docs.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        v = QVBoxLayout(self)
        v.addWidget(self.list)
        v.addWidget(self.form, 1)
        v.addLayout(buttons)
        v.addLayout(docs)
        v.addWidget(self.status)
        self.autosave = Autosave(self.form, self._keep_draft)
        self.form.edited.connect(lambda _f: self.autosave.edited())

    # What the workspace asks of an editor.
    def set_case(self, case_id: str) -> None:
        self.autosave.cancel()
        self.case_id = case_id
        self.refresh()

    def flush(self, *, explicit: bool = True) -> bool:
        self._keep_draft()
        return True

    def has_drafts(self) -> bool:
        return self.case_id is not None and bool(self.ops.draft_ids(self.case_id, "ending"))

    def new_record(self) -> None:
        self.form.widget("kind").setFocus()

    def refresh(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        ending = self.ops.read(lambda s: E.ending_of(s, case_id))
        self.list.clear()
        ended = ending is not None
        if ended:
            kinds = dict(KINDS)
            label = _(kinds[ending.kind]) if ending.kind in kinds else ending.kind
            self.list.addItem(_("{ending}, {day}. {reason}", ending=label, day=L.day(ending.decided_on),
                                reason=ending.reason))
        else:
            self.list.addItem(_("The case is open."))
        self.form.setEnabled(not ended)
        self.record_button.setEnabled(not ended)
        self.reopen_button.setEnabled(ended)
        for key, b in self.doc_buttons.items():
            b.setEnabled(ended and (key == "step-up-pack") == (ending.kind == "step_up"))
        draft = self.ops.load_draft(case_id, "ending", "") if not ended else None
        self.form.set_raw(draft[0] if draft else self.form.to_raw({"kind": "closure", "decided_on": date.today()}))
        if draft:
            self.status.setText(_("What you typed before is back; the case is not ended until you record it."))

    def _keep_draft(self) -> None:
        if self.case_id is not None and self.form.isEnabled():
            self.ops.save_draft(self.case_id, "ending", "", self.form.raw())
            self.drafts_changed.emit()

    # Deciding.
    def record(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        self.autosave.cancel()
        data = self.form.to_data(self.form.raw())
        try:
            self.ops.read(lambda s: E.end_case(s, case_id, data, user=self.ops.user))
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            self.status.setText(_("Not recorded: correct the marked fields. What you typed is kept."))
            self._keep_draft()
            self.form.focus_first_problem()
            return
        except TafdeskError as exc:
            self.status.setText(str(exc))
            return
        self.form.clear_problems()
        self.ops.discard_draft(case_id, "ending", "")
        self.ops.changed.emit(case_id, {"ending", "cases"})
        self.refresh()
        self.status.setText(_("The ending is recorded. Save the letter or pack for the family or social care "
                              "below."))
        announce(self, self.status.text())

    def remove_record(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        reason, ok = QInputDialog.getText(self, _("Re-open the case"), _("Why is the case re-opened?"))
        if not ok:
            return
        try:
            self.ops.read(lambda s: E.reopen_case(s, case_id, user=self.ops.user, reason=reason))
        except TafdeskError as exc:
            self.status.setText(str(exc))
            return
        self.ops.changed.emit(case_id, {"ending", "cases"})
        self.refresh()
        self.status.setText(_("The case is open again."))

    def save_document(self, key: str) -> None:
        from ..documents.registry import RenderOptions

        if self.case_id is None:
            return
        case_id = self.case_id
        suggested = f"{key}.pdf"  # a file name, not text to translate
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), suggested, _("PDF (*.pdf)"))
        if not path:
            return
        from .produce_ui import save_document

        problem = save_document(self.ops, case_id, key, RenderOptions(), Path(path))
        if problem:
            self.status.setText(problem)
            return
        self.status.setText(_("Saved {file}.", file=Path(path).name))
        announce(self, self.status.text())
