"""Unlocking the encrypted database: set a passphrase on first run, enter it afterwards.

Opening derives the key with argon2id (a few tenths of a second), short enough to do on the GUI
thread behind a wait cursor. A wrong passphrase is said in the dialog, which stays open with what
was typed; each wrong one makes the next try wait longer (``models.passphrase.RetryGuard``, kept
across restarts), and the dialog counts the wait down.
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

from ..i18n.ui import _
from ..models.errors import TafdeskError, WrongPassphrase
from ..models.passphrase import (
    TOO_MANY_TEXT,
    WRONG_TEXT,
    RetryGuard,
    TooSoon,
    open_counted,
    wrong_message,
)
from ..models.storage import Database, check_new_passphrase, database_exists, open_database
from .widgets import app_icon, heading, problem_colour, set_text_colour

Opener = Callable[..., Database]


class UnlockDialog(QDialog):
    """After ``exec()`` returns Accepted, ``database`` is the open database."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, *,
                 opener: Opener = open_database, guard: RetryGuard | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.first_run = not database_exists(self.db_path)
        self.database: Database | None = None
        self._open = opener
        self.guard = guard or RetryGuard(self.db_path)
        self._reason = TOO_MANY_TEXT
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self.refresh_wait)
        self.setWindowTitle(_("Create the tafdesk database") if self.first_run else _("Unlock tafdesk"))
        self.setWindowIcon(app_icon())

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_("Passphrase again"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Problem"))
        set_text_colour(self.message, problem_colour(self))
        self.message.hide()
        where = QLabel(_("Database: {path}", path=str(self.db_path)), self)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        if self.first_run:
            layout.addWidget(heading(_("Choose a passphrase"), self))
            intro = QLabel(_(
                "Case records are kept encrypted on this computer. Choose a passphrase of at least "
                "8 characters; a few unrelated words are easy to remember and hard to guess."), self)
            intro.setWordWrap(True)
            warning = QLabel(_(
                "<b>Keep the passphrase safe.</b> Nobody can recover it: if it is lost, the records "
                "in this database cannot be opened again."), self)
            warning.setWordWrap(True)
            warning.setAccessibleName(_("Warning"))
            layout.addWidget(intro)
            layout.addWidget(warning)
            self._row(form, _("&Passphrase:"), self.passphrase)
            self._row(form, _("&Again:"), self.repeat)
            ok_text = _("Create database")
        else:
            layout.addWidget(heading(_("Enter your passphrase"), self))
            self._row(form, _("&Passphrase:"), self.passphrase)
            self.repeat.hide()
            ok_text = _("Unlock")
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(where)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(em * 36)
        if not self.first_run:
            self.refresh_wait()  # a wait left from wrong tries before a restart

    def _row(self, form: QFormLayout, text: str, field: QLineEdit) -> None:
        label = QLabel(text, self)
        label.setBuddy(field)
        form.addRow(label, field)

    def _say(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        self.message.show()
        self.adjustSize()  # room for the message: never clip it
        field.setAccessibleDescription(text)
        field.setFocus()
        field.selectAll()

    def try_open(self) -> None:
        passphrase = self.passphrase.text()
        if self.first_run:
            problem = check_new_passphrase(passphrase)
            if problem:
                self._say(problem, self.passphrase)
                return
            if self.repeat.text() != passphrase:
                self._say(_("The two passphrases are not the same. Type it again in both fields."), self.repeat)
                return
        elif not passphrase:
            self._say(_("Type your passphrase."), self.passphrase)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.first_run:
                self.database = self._open(db_path=self.db_path, passphrase=passphrase, create=True)
            else:
                self.database = open_counted(self.db_path, passphrase, self.guard, opener=self._open)
        except TooSoon:
            self._reason = TOO_MANY_TEXT
            self.refresh_wait()
            return
        except WrongPassphrase:
            self._reason = WRONG_TEXT
            self._say(wrong_message(self.guard.wait_seconds()), self.passphrase)
            self.countdown.start()
            return
        except TafdeskError as exc:
            self._say(str(exc), self.passphrase)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.passphrase.clear()  # not kept in the dialog any longer than needed
        self.repeat.clear()
        self.accept()

    def refresh_wait(self) -> None:
        """Say how long before the next try; the typed passphrase stays as it is in its field."""
        wait = self.guard.wait_seconds()
        if wait > 0:
            self._note(wrong_message(wait, self._reason))
            self.countdown.start()
        else:
            self.countdown.stop()
            if "Try again in" in self.message.text():
                self._note(_("You can try your passphrase again now."))

    def _note(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.passphrase.setAccessibleDescription(text)
