"""Changing the passphrase from the app: the current one, the new one twice.

What is typed in the workspace is saved first; then the app closes its own connections, the
database is written again under a new key and salt (``models.rekey``), and the app carries on
with the same open ``Database``, now keyed with the new passphrase. A wrong current passphrase
is counted like any other (``RetryGuard``) and the dialog counts the wait down.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..models.errors import TafdeskError, WrongPassphrase
from ..models.passphrase import (
    TOO_MANY_TEXT,
    WRONG_TEXT,
    RetryGuard,
    TooSoon,
    check_passphrase,
    wrong_message,
)
from ..models.rekey import change_passphrase, rebind
from ..models.storage import Database, check_new_passphrase
from .widgets import heading, problem_colour, set_text_colour


class ChangePassphraseDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, guard: RetryGuard | None = None,
                 before_change: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = Path(db.location)
        self.guard = guard or RetryGuard(self.path)
        self._reason = TOO_MANY_TEXT
        self.before_change = before_change
        self.setWindowTitle("Change the passphrase")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Change the passphrase", self))
        intro = QLabel(
            "The database is written again under a key made from the new passphrase. Nobody can "
            "recover a lost passphrase: keep the new one safe. The old one stops working at once.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current = self._field(form, "&Current passphrase:", "Current passphrase")
        self.new = self._field(form, "&New passphrase:", "New passphrase")
        self.again = self._field(form, "New passphrase &again:", "New passphrase again")
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Problem")
        set_text_colour(self.message, problem_colour(self))
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("C&hange passphrase")
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self.refresh_wait)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 38)
        self.current.setFocus()
        self.refresh_wait()

    def _field(self, form: QFormLayout, text: str, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        label = QLabel(text, self)
        label.setBuddy(field)
        form.addRow(label, field)
        return field

    def _say(self, text: str, field: QLineEdit | None = None) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.adjustSize()
        if field is not None:
            field.setAccessibleDescription(text)
            field.setFocus()
            field.selectAll()

    def refresh_wait(self) -> None:
        wait = self.guard.wait_seconds()
        if wait > 0:
            self.message.setText(wrong_message(wait, self._reason))
            self.message.show()
            self.countdown.start()
        else:
            self.countdown.stop()
            if "Try again in" in self.message.text():
                self.message.setText("You can try the current passphrase again now.")

    def change(self) -> None:
        current, new = self.current.text(), self.new.text()
        if not current:
            self._say("Type the current passphrase.", self.current)
            return
        problem = check_new_passphrase(new)
        if problem:
            self._say(problem, self.new)
            return
        if self.again.text() != new:
            self._say("The two new passphrases are not the same. Type it again in both fields.", self.again)
            return
        if new == current:
            self._say("The new passphrase is the same as the current one; choose a different one.", self.new)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check_passphrase(self.path, current, self.guard)  # before closing anything
            if self.before_change is not None:
                self.before_change()
            self.db.engine.dispose()  # the file is replaced: no connection may stay on the old one
            change_passphrase(self.path, current, new, guard=self.guard)
            rebind(self.db, new)
        except TooSoon:
            self._reason = TOO_MANY_TEXT
            self.refresh_wait()
            return
        except WrongPassphrase:
            self._reason = WRONG_TEXT
            self._say(wrong_message(self.guard.wait_seconds()), self.current)
            self.countdown.start()
            return
        except TafdeskError as exc:
            self._say(str(exc), self.current)
            return
        finally:
            QApplication.restoreOverrideCursor()
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()


def change_passphrase_from(window: QWidget, db: Database, save: Callable[[], object]) -> bool:
    """The File menu's "Change passphrase": True once the database has its new passphrase."""
    from PySide6.QtWidgets import QMessageBox

    if not db.encrypted:
        QMessageBox.information(window, "Change the passphrase",
                                "This shared database has no passphrase of its own: your password "
                                "is managed on the database server by its administrator.")
        return False
    dialog = ChangePassphraseDialog(db, window, before_change=save)
    return dialog.exec() == QDialog.DialogCode.Accepted
