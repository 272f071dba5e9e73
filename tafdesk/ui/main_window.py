"""The main window: the case list and the case workspace, the menus, the status bar. Thin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ..i18n.ui import _
from ..models.storage import Database
from .actions import Actions, make_actions
from .case_list import CaseListPanel
from .caseload import CaseloadPanel
from .lock import screen_guard_for
from .ops import CaseOps
from .widgets import app_icon
from .workspace import Workspace

APP_NAME = "tafdesk"
MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    def __init__(self, db: Database, *, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.ops = CaseOps(db, user, self)
        self.actions: Actions = make_actions(self)
        self.case_list = CaseListPanel(self.ops)
        self.workspace = Workspace(self.ops)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.case_list)
        self.pages.addWidget(self.workspace)
        self.caseload = CaseloadPanel(self.ops)
        self.pages.addWidget(self.caseload)
        self.setCentralWidget(self.pages)
        self.screen_guard = screen_guard_for(db, self)  # idle lock and privacy screen
        self._menus()
        self._connect()
        self.ops.message.connect(self.say)
        self.statusBar()
        em = self.fontMetrics().horizontalAdvance("m")
        width, height = em * 110, self.fontMetrics().height() * 44
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # large fonts: never bigger than the screen
            width, height = min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9))
        self.resize(width, height)
        self.show_case_list()

    def _menus(self) -> None:
        a = self.actions
        file = self.menuBar().addMenu(_("&File"))
        file.addActions([a.new_case, a.step_down, a.open_case, a.back, a.save])
        file.addAction(a.documents)
        file.addActions([a.translate_export, a.translate_import])
        file.addSeparator()
        file.addActions([a.lock_now, a.change_passphrase, a.manage_users])
        file.addSeparator()
        file.addAction(a.quit)
        edit = self.menuBar().addMenu(_("&Edit"))
        edit.addActions([a.undo, a.redo])
        edit.addSeparator()
        edit.addActions([a.new_person, a.new_professional, a.new_consent, a.remove])
        edit.addSeparator()
        edit.addAction(a.find)
        view = self.menuBar().addMenu(_("&View"))
        view.addAction(a.show_caseload)
        view.addSeparator()
        view.addActions([a.show_journey, a.show_next])
        view.addSeparator()
        view.addActions([a.show_people, a.show_team, a.show_consent])
        view.addSeparator()
        view.addAction(a.privacy)
        view.addSeparator()
        view.addAction(a.ui_language)

    def _connect(self) -> None:
        a, ws = self.actions, self.workspace
        a.open_case.triggered.connect(self.case_list.open_selected)
        a.new_case.triggered.connect(self.new_case)
        a.step_down.triggered.connect(self.step_down)
        a.back.triggered.connect(self.show_case_list)
        a.save.triggered.connect(self.save_now)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.find.triggered.connect(self.find)
        a.new_person.triggered.connect(lambda: self._new("people"))
        a.new_professional.triggered.connect(lambda: self._new("team"))
        a.new_consent.triggered.connect(lambda: self._new("consent"))
        a.remove.triggered.connect(self._remove)
        a.show_journey.triggered.connect(lambda: ws.nav.setFocus(Qt.FocusReason.ShortcutFocusReason))
        a.show_next.triggered.connect(ws.show_next_step)
        a.show_people.triggered.connect(lambda: self._go("people"))
        a.show_team.triggered.connect(lambda: self._go("team"))
        a.show_consent.triggered.connect(lambda: self._go("consent"))
        self.case_list.open_requested.connect(self.open_case)
        self.case_list.new_requested.connect(self.new_case)
        a.show_caseload.triggered.connect(self.show_caseload)
        a.lock_now.triggered.connect(self.screen_guard.lock)
        a.privacy.triggered.connect(self.screen_guard.toggle_privacy)
        a.change_passphrase.triggered.connect(self.change_passphrase)
        a.documents.triggered.connect(self.show_documents)
        a.translate_export.triggered.connect(lambda: self.show_translation("export"))
        a.translate_import.triggered.connect(lambda: self.show_translation("import"))
        a.manage_users.setVisible(self.ops.viewer is not None and self.ops.viewer.role == "administrator")
        a.manage_users.triggered.connect(self.manage_users)
        a.ui_language.triggered.connect(self.choose_language)
        self.caseload.open_requested.connect(self.open_case_at)
        group = self.ops.undo_group
        group.canUndoChanged.connect(a.undo.setEnabled)
        group.canRedoChanged.connect(a.redo.setEnabled)
        group.undoTextChanged.connect(
            lambda t: a.undo.setText(_("&Undo {change}", change=t) if t else _("&Undo")))
        group.redoTextChanged.connect(
            lambda t: a.redo.setText(_("&Redo {change}", change=t) if t else _("&Redo")))
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)

    # Pages.
    def open_case(self, case_id: str) -> bool:
        refusal = self.ops.open_refusal(case_id)  # a shared database: only the user's own cases
        if refusal:
            from PySide6.QtWidgets import QMessageBox

            self.say(refusal)
            QMessageBox.information(self, APP_NAME, refusal)
            return False
        self.workspace.open_case(case_id)
        self.pages.setCurrentWidget(self.workspace)
        view = self.workspace.view
        self.setWindowTitle(_("{case} \u2013 {app}", case=view.reference, app=APP_NAME) if view else APP_NAME)
        for action in self.actions.case_actions:
            action.setEnabled(True)
        self.actions.open_case.setEnabled(False)
        self.workspace.nav.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_caseload(self) -> None:
        """Overdue and due steps across the cases; Esc goes back to the case list."""
        if self.pages.currentWidget() is self.workspace:
            self.workspace.flush_all()
        self.ops.set_active_case(None)
        self.pages.setCurrentWidget(self.caseload)
        self.setWindowTitle(_("My caseload \u2013 {app}", app=APP_NAME))
        for action in self.actions.case_actions:
            action.setEnabled(False)
        self.actions.back.setEnabled(True)
        self.actions.open_case.setEnabled(False)
        self.caseload.reload()
        self.caseload.focus_table()

    def open_case_at(self, case_id: str, key: str) -> None:
        """Open a case at the part of its journey where a step is dealt with."""
        if not self.open_case(case_id):
            return
        self.workspace.show_section(key)  # a journey step or a part such as Visits
        self.workspace.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def step_down(self) -> str | None:
        """A family stepped down from social care: their case opens at the plan."""
        from .step_down import StepDownDialog

        if self.pages.currentWidget() is self.workspace and not self.workspace.flush_all():
            self.say(_("First correct the fields marked in red, or discard those changes."))
            return None
        dialog = StepDownDialog(self.ops, self)
        if not dialog.exec() or dialog.case_id is None:
            return None
        self.case_list.reload()
        self.open_case(dialog.case_id)
        self.workspace.show_section("plan")
        return dialog.case_id

    def new_case(self) -> str | None:
        """Ask for the family's name, create the case, and open it at its request."""
        from .front_door import NewCaseDialog

        if self.pages.currentWidget() is self.workspace and not self.workspace.flush_all():
            self.say(_("First correct the fields marked in red, or discard those changes."))
            return None
        dialog = NewCaseDialog(self.ops, self)
        if not dialog.exec() or dialog.case_id is None:
            return None
        self.open_case(dialog.case_id)
        self.workspace.show_section("request")
        editor = self.workspace.current_editor()
        if editor is not None:
            editor.new_record()
        return dialog.case_id

    def show_case_list(self) -> None:
        if self.pages.currentWidget() is self.workspace:
            self.workspace.flush_all()  # what cannot be saved stays as a draft
        self.ops.set_active_case(None)
        self.pages.setCurrentWidget(self.case_list)
        self.setWindowTitle(APP_NAME)
        for action in self.actions.case_actions:
            action.setEnabled(False)
        self.actions.open_case.setEnabled(True)
        self.case_list.reload()
        self.case_list.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def find(self) -> None:
        if self.pages.currentWidget() is not self.case_list:
            self.show_case_list()
        self.case_list.focus_search()

    def _go(self, key: str) -> None:
        self.workspace.show_section(key)
        editor = self.workspace.current_editor()
        if editor is not None:
            editor.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _new(self, key: str) -> None:
        self.workspace.show_section(key)
        editor = self.workspace.current_editor()
        if editor is not None:
            editor.new_record()

    def _remove(self) -> None:
        editor = self.workspace.current_editor()
        if editor is not None:
            editor.remove_record()

    # Saving, undo.
    def save_now(self) -> None:
        if self.workspace.flush_all():
            self.say(_("Everything is saved."))
        else:
            self.say(_("Some changes could not be saved: correct the marked fields. What you typed is kept."))
            editor = self.workspace.current_editor()
            if editor is not None:
                editor.form.focus_first_problem()

    def undo(self) -> None:
        if self._settled():
            self.ops.undo_group.undo()

    def redo(self) -> None:
        if self._settled():
            self.ops.undo_group.redo()

    def _settled(self) -> bool:
        """Undo and redo act on saved changes: first save what is typed; refuse if it is invalid."""
        if self.pages.currentWidget() is not self.workspace or self.workspace.flush_all():
            return True
        self.say(_("First correct the fields marked in red, or discard those changes; then undo."))
        return False

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def save_before_lock(self) -> None:
        """Called by the idle lock and the privacy screen before they hide the window."""
        self.workspace.flush_all()  # what cannot be saved stays as a draft

    def manage_users(self) -> None:
        from .users_dialog import open_users_dialog

        open_users_dialog(self, self.ops)

    def show_documents(self) -> None:
        """Print or save a document of the open case; the case's document ledger."""
        from .documents_dialog import DocumentsDialog

        case_id = self.workspace.case_id
        if case_id is None or self.pages.currentWidget() is not self.workspace or not self.workspace.flush_all():
            return
        DocumentsDialog(self.ops, case_id, self).exec()

    def show_translation(self, which: str) -> None:
        """Export a family document's free text for a translator, or import the translation."""
        from .translation_ui import open_translation

        case_id = self.workspace.case_id
        if case_id is None or self.pages.currentWidget() is not self.workspace or not self.workspace.flush_all():
            return
        open_translation(self.ops, case_id, which, self)

    def change_passphrase(self) -> None:
        from .passphrase_dialog import change_passphrase_from

        if change_passphrase_from(self, self.ops.db, self.workspace.flush_all):
            self.say(_("The passphrase is changed. Use the new one from now on."))

    def choose_language(self) -> None:
        from .language_dialog import LanguageDialog

        dialog = LanguageDialog(self)
        if dialog.exec() and dialog.chosen:
            self.say(dialog.confirmation())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Whatever cannot be saved is already kept as a draft, so closing never loses typing.
        self.workspace.flush_all()
        self.screen_guard.stop()
        event.accept()
