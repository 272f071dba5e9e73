"""The Early Help Assessment editor: its sections, a voice tab for every child, the parents'
and carers' views, the professionals' views and the needs; what is still missing, listed as
you work; completion, the manager's authorisation, the locked view and amendment; the PDF.

It behaves as one editor for the workspace (list, form, add and remove follow the tab in front).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..documents.registry import RenderOptions
from ..i18n.ui import _
from ..models.errors import TafdeskError, ValidationFailed
from ..models.orm import new_id
from ..models.services import assessment as A
from . import labels as L
from .assessment_parts_ui import (
    AdultViewsEditor,
    AssessmentPartEditor,
    NeedsEditor,
    ProfessionalViewsEditor,
    SectionsEditor,
    VoiceEditor,
)
from .editor import RecordEditor
from .forms import parse_day
from .journey_entities import ASSESSMENT
from .ops import CaseOps
from .tabbed import TabbedEditors
from .undo import Change
from .widgets import announce, heading, problem_colour, set_text_colour


class AssessmentEditor(TabbedEditors, QWidget):
    drafts_changed = Signal()

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.assessment_id: str | None = None
        self.status_code = ""
        self.missing: list[str] = []
        self.setAccessibleName(_("Assessment editor"))
        self.sections = SectionsEditor(ops)
        self.sections.new_record = self.start  # type: ignore[method-assign]
        self.adults = AdultViewsEditor(ops)
        self.professionals = ProfessionalViewsEditor(ops)
        self.needs = NeedsEditor(ops)
        self.voices: dict[str, VoiceEditor] = {}
        self._build()
        for e in self.fixed_editors():
            e.drafts_changed.connect(self.drafts_changed)
        ops.changed.connect(self._changed)

    def _build(self) -> None:
        self.version = heading("", self, 1.05)
        self.version.setAccessibleName(_("Assessment version and state"))
        self.checklist = QLabel(self)
        self.checklist.setWordWrap(True)
        self.checklist.setAccessibleName(_("What is still missing"))
        self.checklist.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("Why that could not be done"))
        set_text_colour(self.problem, problem_colour(self))
        self.problem.hide()
        self.start_button = QPushButton(_("&Start the assessment"), self)
        self.start_button.clicked.connect(self.start)
        self.complete_button = QPushButton(_("&Mark complete"), self)
        self.complete_button.clicked.connect(self.mark_complete)
        self.amend_button = QPushButton(_("A&mend"), self)
        self.amend_button.setToolTip(_("Start a new version to change the authorised assessment; "
                                       "the authorised one is kept as it was"))
        self.amend_button.clicked.connect(self.amend)
        self.family_copy = QCheckBox(_("Family copy"), self)
        self.family_copy.setToolTip(_("Leave out everything marked as not to be shared with the family"))
        self.pdf_button = QPushButton(_("Save as &PDF\u2026"), self)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.manager = QLineEdit(self)
        self.manager.setAccessibleName(_("Authorising manager"))
        self.manager.setPlaceholderText(_("Manager's name"))
        self.authorised_on = QLineEdit(self)
        self.authorised_on.setAccessibleName(_("Date of authorisation"))
        self.authorised_on.setPlaceholderText(_("YYYY-MM-DD or DD/MM/YYYY"))
        self.authorise_button = QPushButton(_("&Authorise and lock"), self)
        self.authorise_button.clicked.connect(self.authorise)
        m_label = QLabel(_("Manager:"), self)
        m_label.setBuddy(self.manager)
        d_label = QLabel(_("Authorised on:"), self)
        d_label.setBuddy(self.authorised_on)
        actions = QHBoxLayout()
        for w in (self.start_button, self.complete_button, self.amend_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.family_copy)
        actions.addWidget(self.pdf_button)
        sign = QHBoxLayout()
        for w in (m_label, self.manager, d_label, self.authorised_on, self.authorise_button):
            sign.addWidget(w)
        self.sign_row = QWidget(self)
        self.sign_row.setLayout(sign)
        sign.setContentsMargins(0, 0, 0, 0)
        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        bl = QVBoxLayout(box)
        bl.addWidget(self.version)
        bl.addWidget(self.checklist)
        bl.addWidget(self.problem)
        bl.addLayout(actions)
        bl.addWidget(self.sign_row)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Parts of the assessment"))
        self.tabs.addTab(self.sections, _("The family's s&tory"))
        self.tabs.addTab(self.adults, _("Parents and &carers"))
        self.tabs.addTab(self.professionals, _("P&rofessionals"))
        self.tabs.addTab(self.needs, _("&Needs"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(self.tabs, 1)

    # The workspace talks to the editor of the tab in front.
    def active(self) -> RecordEditor:
        w = self.tabs.currentWidget()
        return w if isinstance(w, RecordEditor) else self.sections

    def fixed_editors(self) -> list[AssessmentPartEditor]:
        return [self.sections, self.adults, self.professionals, self.needs]

    def editors(self) -> list[AssessmentPartEditor]:
        return [self.sections, *self.voices.values(), self.adults, self.professionals, self.needs]

    def set_case(self, case_id: str) -> None:
        self.case_id = case_id
        self.assessment_id = None
        self.refresh(reload_editors=True)

    def flush(self, *, explicit: bool = True) -> bool:
        return all([e.flush(explicit=explicit) for e in self.editors()])  # noqa: C419 (save every one)

    def has_drafts(self) -> bool:
        return any(e.has_drafts() for e in self.editors())

    def _changed(self, case_id: str, kinds: set[str]) -> None:
        if case_id == self.case_id and kinds & {"assessment", "people", "team"}:
            self.refresh()

    # Reading the state.
    def refresh(self, *, reload_editors: bool = False) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id

        def read(s: Session) -> tuple[Any, ...]:
            a = A.current_assessment(s, case_id)
            kids = [(p.id, p.known_as or p.given_name or p.display_name, p.display_name)
                    for p in A.children_in_family(s, case_id)]
            if a is None:
                return None, "", "", [], kids, False, ""
            gaps = A.what_is_missing(s, a.id)
            who = _("Authorised by {manager} on {day}.", manager=a.authorised_by,
                    day=L.day(a.authorised_on)) if a.authorised_on else ""
            return a.id, a.status, A.version_label(a), gaps, kids, bool(a.amends_id), who

        aid, status, label, gaps, kids, _amends, who = self.ops.read(read)
        switched = aid != self.assessment_id
        self.assessment_id, self.status_code, self.missing = aid, status, gaps
        self._sync_voice_tabs(kids)
        if reload_editors or switched:
            for e in self.editors():
                e.set_case(case_id)
        locked = status == A.AUTHORISED
        for e in self.editors():
            e.set_locked(locked or aid is None)
        self._show_state(aid, status, label, gaps, who)

    def _show_state(self, aid: str | None, status: str, label: str, gaps: list[str], who: str) -> None:
        authorised = status == A.AUTHORISED
        if aid is None:
            self.version.setText(_("No assessment yet"))
            self.checklist.setText(_("Start the assessment with the family. Every child gets a voice section and "
                                     "every parent or carer an entry for their views."))
        else:
            self.version.setText(label[0].upper() + label[1:])
            if authorised:
                self.checklist.setText(_("{authorised} The assessment is locked; choose \u201cAmend\u201d to change "
                                         "it. The authorised version is kept as it is.", authorised=who))
            elif gaps:
                self.checklist.setText(_("Still missing before it can be marked complete:\n{gaps}",
                                         gaps="\n".join(f"\u2022 {g}" for g in gaps)))
            else:
                self.checklist.setText(
                    _("Nothing is missing: every child's voice, every parent's or carer's views, the needs and "
                      "the sections are recorded. Waiting for a manager's authorisation.") if status == "complete"
                    else _("Nothing is missing: every child's voice, every parent's or carer's views, the needs "
                           "and the sections are recorded."))
        self.tabs.setVisible(aid is not None)
        self.start_button.setVisible(aid is None)
        self.complete_button.setVisible(aid is not None and status == "draft")
        self.complete_button.setEnabled(not gaps)
        self.sign_row.setVisible(status == "complete")
        self.amend_button.setVisible(authorised)
        self.pdf_button.setEnabled(aid is not None)
        self.family_copy.setEnabled(aid is not None)
        if not self.authorised_on.text():
            self.authorised_on.setText(date.today().isoformat())

    def _sync_voice_tabs(self, kids: list[tuple[str, str, str]]) -> None:
        """One tab per child of the family, after the sections, oldest first."""
        wanted = [k[0] for k in kids]
        for child_id in [c for c in self.voices if c not in wanted]:
            editor = self.voices.pop(child_id)
            editor.flush(explicit=True)
            self.tabs.removeTab(self.tabs.indexOf(editor))
            editor.deleteLater()
        for i, (child_id, short, full) in enumerate(kids, start=1):
            editor = self.voices.get(child_id)
            if editor is None:
                editor = VoiceEditor(self.ops, child_id, full)
                editor.drafts_changed.connect(self.drafts_changed)
                self.voices[child_id] = editor
                if self.case_id:
                    editor.set_case(self.case_id)
            if self.tabs.indexOf(editor) != i:
                if self.tabs.indexOf(editor) >= 0:
                    self.tabs.removeTab(self.tabs.indexOf(editor))
                self.tabs.insertTab(i, editor, _("{name}'s voice", name=short))
            self.tabs.setTabToolTip(i, _("What {name} said, in their own words, and the direct work", name=full))

    # Acting on the whole assessment.
    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if problem:
            announce(self, problem)

    def _settled(self) -> bool:
        if self.flush(explicit=True):
            return True
        self._say(_("First correct the fields marked in red, or discard those changes."))
        return False

    def _run(self, fn: Any) -> bool:
        try:
            with self.ops.db.session() as s:
                fn(s)
        except ValidationFailed as exc:
            self._say(" ".join(_(p) for p in exc.problems.values()))
            return False
        except TafdeskError as exc:
            self._say(str(exc))
            return False
        self._say("")
        assert self.case_id is not None
        self.ops.changed.emit(self.case_id, {"assessment"})
        return True

    def start(self) -> None:
        if self.case_id is None or self.assessment_id is not None:
            return
        rid = new_id()
        problem = self.ops.apply(Change("add", ASSESSMENT, self.case_id, record_id=rid, reuse=rid,
                                        after={"started_on": date.today().isoformat()}))
        self._say(str(problem) if problem else "")
        if problem is None:
            self.tabs.setCurrentWidget(self.sections)
            self.sections.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def mark_complete(self) -> None:
        aid, user, viewer = self.assessment_id, self.ops.user, self.ops.viewer
        if aid and self._settled() and self._run(lambda s: A.mark_complete(s, aid, user=user, viewer=viewer)):
            self.manager.setFocus(Qt.FocusReason.OtherFocusReason)

    def authorise(self) -> None:
        aid, user, viewer = self.assessment_id, self.ops.user, self.ops.viewer
        typed = self.authorised_on.text().strip()
        data = {"authorised_by": self.manager.text(), "authorised_on": parse_day(typed) or typed or None}
        if aid and self._settled():
            self._run(lambda s: A.authorise(s, aid, data, user=user, viewer=viewer))

    def amend(self) -> None:
        aid, user, viewer = self.assessment_id, self.ops.user, self.ops.viewer
        if aid and self._run(lambda s: A.amend_assessment(s, aid, user=user, viewer=viewer)):
            self.tabs.setCurrentWidget(self.sections)

    def choose_pdf(self) -> None:
        suffix = "-family-copy" if self.family_copy.isChecked() else ""
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the assessment as PDF"),
                                                    str(Path.home() / f"assessment{suffix}.pdf"), _("PDF (*.pdf)"))
        if path:
            self.save_pdf(Path(path), family_copy=self.family_copy.isChecked())

    def save_pdf(self, path: Path, *, family_copy: bool) -> bool:
        from .produce_ui import save_document

        if self.case_id is None:
            return False
        problem = save_document(self.ops, self.case_id, "assessment", RenderOptions(family_copy=family_copy), path)
        if problem:
            self._say(problem)
            return False
        self.ops.message.emit(_("Saved {file} (family copy).", file=path.name) if family_copy
                              else _("Saved {file}.", file=path.name))
        return True
