"""Changing the passphrase from the app: the current one, the new one twice.

What is typed in the workspace is saved first; then the app closes its own connections, the
database is written again under a new key and salt (``models.rekey``), and the app carries on
with the same open ``Database``, now keyed with the new passphrase. A wrong current passphrase
is counted like any other (``RetryGuard``) and the dialog counts the wait down.

Checking the passphrase (argon2) and writing the file again (seconds for a large database) run
on a worker thread (``Background``): the dialog stays modal with a busy bar and keeps painting,
cannot be closed halfway, and the ``Database`` refuses every other use while its file is being
replaced (``rekey.suspend``). A failure is said in words and what was typed stays in the fields.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
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
    check_passphrase,
    passphrase_opens,
    wrong_message,
)
from ..models.rekey import change_passphrase, resume, suspend
from ..models.storage import Database, check_new_passphrase, open_encrypted
from .background import Background
from .widgets import heading, problem_colour, set_text_colour

log = logging.getLogger(__name__)
ChangeFile = Callable[..., dict[str, int]]


class _NotChanged(Exception):
    """The file could not be written again; the current passphrase still opens it."""


class _NotReopened(Exception):
    """The file has the new passphrase but could not be opened again with it."""


class ChangePassphraseDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, guard: RetryGuard | None = None,
                 before_change: Callable[[], object] | None = None,
                 change_file: ChangeFile = change_passphrase) -> None:
        super().__init__(parent)
        self.setModal(True)  # nothing else in the app is used while the passphrase changes
        self.db = db
        self.change_file = change_file
        self.worker = Background(self)
        self.counts: dict[str, int] = {}
        self._held: Any = None  # the app's engine, while the file is being replaced
        self.path = Path(db.location)
        self.guard = guard or RetryGuard(self.path)
        self._reason = TOO_MANY_TEXT
        self.before_change = before_change
        self.setWindowTitle(_("Change the passphrase"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Change the passphrase"), self))
        intro = QLabel(_(
            "The database is written again under a key made from the new passphrase. Nobody can "
            "recover a lost passphrase: keep the new one safe. The old one stops working at once."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current = self._field(form, _("&Current passphrase:"), _("Current passphrase"))
        self.new = self._field(form, _("&New passphrase:"), _("New passphrase"))
        self.again = self._field(form, _("New passphrase &again:"), _("New passphrase again"))
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Problem"))
        set_text_colour(self.message, problem_colour(self))
        self.message.hide()
        layout.addWidget(self.message)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("What is happening"))
        self.status.hide()
        layout.addWidget(self.status)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: how long it takes is not known in advance
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_("Working"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("C&hange passphrase"))
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
                self.message.setText(_("You can try the current passphrase again now."))

    def change(self) -> None:
        current, new = self.current.text(), self.new.text()
        if not current:
            self._say(_("Type the current passphrase."), self.current)
            return
        problem = check_new_passphrase(new)
        if problem:
            self._say(problem, self.new)
            return
        if self.again.text() != new:
            self._say(_("The two new passphrases are not the same. Type it again in both fields."),
                      self.again)
            return
        if new == current:
            self._say(_("The new passphrase is the same as the current one; choose a different one."),
                      self.new)
            return
        try:
            self.guard.check()  # at once, without starting anything
        except TooSoon as exc:
            self._failed(exc)
            return
        self._set_busy(_("Checking the current passphrase..."))
        # Checked before anything is saved or closed.
        self.worker.run(lambda: check_passphrase(self.path, current, self.guard),
                        lambda _result: self._write(current, new), self._failed)

    def busy(self) -> bool:
        return self.worker.busy()

    def _set_busy(self, text: str) -> None:
        self.message.hide()
        self.status.setText(text)
        for w in (self.status, self.progress):
            w.show()
        for w in (self.current, self.new, self.again, self.buttons):
            w.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.adjustSize()

    def _set_idle(self) -> None:
        for w in (self.status, self.progress):
            w.hide()
        for w in (self.current, self.new, self.again, self.buttons):
            w.setEnabled(True)
        self.unsetCursor()
        self.adjustSize()

    def _write(self, current: str, new: str) -> None:
        try:
            if self.before_change is not None:
                self.before_change()  # what is typed in the workspace is saved first
        except TafdeskError as exc:
            self._failed(exc)
            return
        # The file is replaced: no connection may stay on the old one, and none may open meanwhile.
        self._held = suspend(self.db)
        self._set_busy(_("Writing the database again under the new passphrase. For a large "
                         "database this takes a few seconds; tafdesk is ready again when it is done."))
        path, change_file, guard = self.path, self.change_file, self.guard

        def work() -> tuple[dict[str, int], Any]:
            try:
                counts = change_file(path, current, new, guard=guard)
            except TafdeskError:
                raise
            except Exception as exc:
                if passphrase_opens(path, current):
                    raise _NotChanged(str(exc)) from exc
                raise
            try:
                return counts, open_encrypted(path, new).engine
            except Exception as exc:
                raise _NotReopened(str(exc)) from exc

        self.worker.run(work, self._written, self._failed)

    def _written(self, outcome: tuple[dict[str, int], Any]) -> None:
        self.counts, engine = outcome
        held, self._held = self._held, None
        resume(self.db, engine)
        held.dispose()
        self._set_idle()
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        if self._held is not None and not isinstance(exc, _NotReopened):
            resume(self.db, self._held)  # the file is as it was: carry on with the current key
            self._held = None
        self._set_idle()
        if isinstance(exc, TooSoon):
            self._reason = TOO_MANY_TEXT
            self.refresh_wait()
        elif isinstance(exc, WrongPassphrase):
            self._reason = WRONG_TEXT
            self._say(wrong_message(self.guard.wait_seconds()), self.current)
            self.countdown.start()
        elif isinstance(exc, TafdeskError):
            self._say(str(exc), self.current)
        elif isinstance(exc, _NotChanged):
            self._say(_("The passphrase could not be changed: {reason}. Nothing was changed; the "
                        "current passphrase still opens the database.", reason=str(exc)), self.current)
        elif isinstance(exc, _NotReopened):
            self._say(_("The passphrase is changed, but tafdesk could not open the database again "
                        "with it: {reason}. Quit tafdesk and start it again with the new passphrase.",
                        reason=str(exc)))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        else:
            log.error("changing the passphrase failed", exc_info=exc)
            self._say(_("The passphrase could not be changed: {reason}. Quit tafdesk and start it "
                        "again: if the current passphrase no longer opens the database, the new one "
                        "does.", reason=str(exc) or type(exc).__name__), self.current)

    def reject(self) -> None:
        if not self.busy():  # halfway through, closing would leave the database unusable
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            event.ignore()
            return
        super().closeEvent(event)


def change_passphrase_from(window: QWidget, db: Database, save: Callable[[], object]) -> bool:
    """The File menu's "Change passphrase": True once the database has its new passphrase."""
    from PySide6.QtWidgets import QMessageBox

    if not db.encrypted:
        QMessageBox.information(window, _("Change the passphrase"),
                                _("This shared database has no passphrase of its own: your password "
                                  "is managed on the database server by its administrator."))
        return False
    dialog = ChangePassphraseDialog(db, window, before_change=save)
    return dialog.exec() == QDialog.DialogCode.Accepted
