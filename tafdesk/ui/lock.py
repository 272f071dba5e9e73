"""The idle lock and the privacy screen: every tafdesk window hides its case data at once.

``ScreenGuard`` watches the whole application. After the idle time with no key press or mouse
use, or at once on "Lock now", it first saves what is being typed (each window's
``save_before_lock()``: the workspace's editors, the live minutes), then covers every tafdesk
window: the content is hidden (not just painted over, so neither Tab nor a screen reader reaches
it), window titles lose the case reference, and every shortcut is stopped. Each cover asks for the
passphrase, which is checked against the database itself (never kept). The projector window
shows plain black: the room sees neither the case nor the lock.

The privacy screen (F12, from any tafdesk window, even behind a dialog) covers every window the
same way without asking anything; F12 again brings them back, unless they have been hidden
longer than the idle time: then the passphrase is needed.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n.ui import N_, _
from ..models.errors import TafdeskError, WrongPassphrase
from ..models.passphrase import (
    TOO_MANY_TEXT,
    WRONG_TEXT,
    RetryGuard,
    TooSoon,
    check_passphrase,
    wrong_message,
)
from ..models.storage import Database, default_data_dir
from .projector import ProjectorWindow
from .widgets import announce, heading, problem_colour, set_text_colour

PRIVACY_KEY = Qt.Key.Key_F12
DEFAULT_IDLE_MINUTES = 5
OPEN, PRIVATE, LOCKED = "open", "private", "locked"
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel, QEvent.Type.TouchBegin}
LOCKED_TITLE = N_("tafdesk (locked)")
PRIVATE_TITLE = "tafdesk"


@dataclass
class Verifier:
    """How the lock checks a passphrase: ``check`` raises ``TafdeskError`` (wrong, too soon)."""

    check: Callable[[str], None]
    wait_seconds: Callable[[], float]


class Cover(QFrame):
    """Covers one window: a blank (projector), the privacy notice, or the unlock form."""

    def __init__(self, window: QWidget, guard: ScreenGuard) -> None:
        super().__init__(window)
        self.setObjectName("tafdesk_cover")
        self.window_ = window
        self.blank = isinstance(window, ProjectorWindow)
        self.setAutoFillBackground(True)
        if self.blank:
            pal = self.palette()
            pal.setColor(QPalette.ColorRole.Window, QColor("black"))
            self.setPalette(pal)
        self.setAccessibleName(_("tafdesk is hidden"))
        outer = QVBoxLayout(self)
        self.body = QWidget(self)
        v = QVBoxLayout(self.body)
        self.title = heading("", self.body)
        self.note = QLabel(self.body)
        self.note.setWordWrap(True)
        self.passphrase = QLineEdit(self.body)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.label = QLabel(_("&Passphrase:"), self.body)
        self.label.setBuddy(self.passphrase)
        self.message = QLabel(self.body)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Problem"))
        set_text_colour(self.message, problem_colour(self))
        self.unlock_button = QPushButton(_("&Unlock"), self.body)
        self.unlock_button.setDefault(True)
        self.passphrase.returnPressed.connect(lambda: guard.try_unlock(self))
        self.unlock_button.clicked.connect(lambda: guard.try_unlock(self))
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        for w in (self.title, self.note):
            v.addWidget(w)
        v.addLayout(row)
        v.addWidget(self.message)
        em = self.fontMetrics().horizontalAdvance("m")
        self.body.setMaximumWidth(em * 44)
        self.body.setMinimumWidth(min(em * 30, max(em * 10, window.width() - 2 * em)))
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.body, 10)
        middle.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.body.setVisible(not self.blank)

    def show_mode(self, mode: str) -> None:
        asking = mode == LOCKED
        if mode == PRIVATE:
            self.title.setText(_("The screen is hidden"))
            self.note.setText(_("Press F12 to show tafdesk again. After a while hidden, it asks for "
                                "the passphrase."))
        else:
            self.title.setText(_("tafdesk is locked"))
            self.note.setText(_("Everything you typed is saved. Enter your passphrase to carry on."))
        for w in (self.label, self.passphrase, self.unlock_button):
            w.setVisible(asking)
        self.message.setVisible(bool(self.message.text()) and asking)
        self.setGeometry(self.window_.rect())
        self.show()
        self.raise_()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text) and not self.blank)
        self.passphrase.setAccessibleDescription(text)

    def shown_text(self) -> str:
        """Every piece of text the cover shows (for checking what can be read)."""
        if self.blank:
            return ""
        return "\n".join(w.text() for w in self.findChildren(QLabel) if w.isVisible())


class _Covered:
    """What a cover hid in one window, to put back exactly."""

    def __init__(self, window: QWidget, cover: Cover) -> None:
        self.window, self.cover = window, cover
        self.title = window.windowTitle()
        self.focus = window.focusWidget()
        self.hidden = [w for w in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                       if w is not cover and not w.isWindow() and w.isVisible()]
        for w in self.hidden:
            w.hide()

    def restore(self) -> None:
        self.cover.hide()
        self.cover.deleteLater()
        for w in self.hidden:
            w.show()
        self.window.setWindowTitle(self.title)
        if self.focus is not None and self.focus.isVisible():
            self.focus.setFocus(Qt.FocusReason.OtherFocusReason)


class ScreenGuard(QObject):
    """Idle lock and privacy screen over every tafdesk window of the application."""

    def __init__(self, verifier: Verifier, *, idle_ms: int = DEFAULT_IDLE_MINUTES * 60_000,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.verifier = verifier
        self.idle_ms = idle_ms
        self.clock = clock
        self.state = OPEN
        self.hidden_since = 0.0
        self._reason = TOO_MANY_TEXT
        self.covered: dict[int, _Covered] = {}
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.tick = QTimer(self)  # counts down a retry wait on the covers
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._count_down)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.idle.start(self.idle_ms)

    def set_idle_ms(self, ms: int) -> None:
        self.idle_ms = ms
        if self.state == OPEN:
            self.idle.start(ms)

    def stop(self) -> None:
        """Stop watching (the main window is closing)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle.stop()
        self.tick.stop()

    # Watching the application.
    def eventFilter(self, obj: Any, event: Any) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self._is_privacy_key(event):
            event.accept()  # F12 is ours in every window: no shortcut or field takes it
            if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self.toggle_privacy()
            return True
        if self.state == OPEN:
            if kind in ACTIVITY:
                self.idle.start(self.idle_ms)
            return False
        if kind == QEvent.Type.Shortcut and not self._inside_cover(obj):
            return True  # while hidden, no command runs (open a case, print, quit...)
        if kind == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            QTimer.singleShot(0, self._cover_all)  # a window opened while hidden: cover it too
        if kind == QEvent.Type.Resize and id(obj) in self.covered:
            self.covered[id(obj)].cover.setGeometry(obj.rect())
        return False

    @staticmethod
    def _is_privacy_key(event: Any) -> bool:
        return event.key() == PRIVACY_KEY and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)

    def _inside_cover(self, obj: Any) -> bool:
        while isinstance(obj, QObject):
            if isinstance(obj, Cover):
                return True
            obj = obj.parent()
        return False

    # Hiding.
    def lock(self) -> None:
        """Save what is typed, then hide every window until the passphrase is given."""
        if self.state == LOCKED:
            return
        if self.state == OPEN:
            self._save_all()
        self.state = LOCKED
        self.idle.stop()
        self._cover_all()
        self._focus_field()
        self._count_down()

    def toggle_privacy(self) -> None:
        if self.state == OPEN:
            self._save_all()
            self.state = PRIVATE
            self.hidden_since = self.clock()
            self._cover_all()
            self.idle.start(self.idle_ms)  # hidden this long: the passphrase is needed
        elif self.state == PRIVATE:
            if (self.clock() - self.hidden_since) * 1000 >= self.idle_ms:
                self.lock()
            else:
                self._reveal()

    def _save_all(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for window in self._windows():
            save = getattr(window, "save_before_lock", None)
            if callable(save):
                save()

    def _windows(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)]

    def _cover_all(self) -> None:
        if self.state == OPEN:
            return
        for window in self._windows():
            done = self.covered.get(id(window))
            if done is None:
                done = _Covered(window, Cover(window, self))
                self.covered[id(window)] = done
            window.setWindowTitle(_(LOCKED_TITLE) if self.state == LOCKED else PRIVATE_TITLE)
            done.cover.show_mode(self.state)

    def _focus_field(self) -> None:
        target = QApplication.activeModalWidget() or QApplication.activeWindow()
        chosen = self.covered.get(id(target)) if target is not None else None
        if chosen is None or chosen.cover.blank:
            chosen = next((c for c in self.covered.values() if not c.cover.blank), None)
        if chosen is not None:
            chosen.cover.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def covers(self) -> list[Cover]:
        return [c.cover for c in self.covered.values()]

    # Coming back.
    def try_unlock(self, cover: Cover) -> bool:
        if self.state != LOCKED:
            return False
        passphrase = cover.passphrase.text()
        if not passphrase:
            self._say(_("Type your passphrase."))
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.verifier.check(passphrase)
        except TafdeskError as exc:
            self._reason = TOO_MANY_TEXT if isinstance(exc, TooSoon) else WRONG_TEXT
            self._say(str(exc))
            cover.passphrase.selectAll()  # kept, so a slip can be corrected
            if isinstance(exc, WrongPassphrase | TooSoon):
                self.tick.start()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        for c in self.covers():
            c.passphrase.clear()
        self._reveal()
        return True

    def _say(self, text: str) -> None:
        for c in self.covers():
            c.say(text)
        if self.covers():
            announce(self.covers()[0], text)

    def _count_down(self) -> None:
        """Keep "Try again in N seconds" true while the wait after wrong passphrases runs."""
        if self.state != LOCKED:
            self.tick.stop()
            return
        wait = self.verifier.wait_seconds()
        if wait > 0:
            self._say(wrong_message(wait, self._reason))
            self.tick.start()
        else:
            if any("Try again in" in c.message.text() for c in self.covers()):
                self._say(_("You can try your passphrase again now."))
            self.tick.stop()

    def _reveal(self) -> None:
        for done in self.covered.values():
            done.restore()
        self.covered.clear()
        self.state = OPEN
        self.tick.stop()
        self.idle.start(self.idle_ms)


def verifier_for(db: Database) -> Verifier:
    """The encrypted file: its passphrase, checked by opening the file with it. A shared database:
    the password of the connection (the database server checked it when tafdesk started)."""
    if db.encrypted:
        path = Path(db.location)
        guard = RetryGuard(path)
        return Verifier(lambda text: check_passphrase(path, text, guard), guard.wait_seconds)
    password = db.engine.url.password
    guard = RetryGuard(default_data_dir() / "shared-database")

    def check(text: str) -> None:
        guard.check()
        if password is None:
            raise TafdeskError(_("This connection has no password to check. Close tafdesk (what you "
                                 "typed is saved) and start it again."))
        if not hmac.compare_digest(text.encode("utf-8"), str(password).encode("utf-8")):
            raise WrongPassphrase(wrong_message(guard.failed()))
        guard.succeeded()

    return Verifier(check, guard.wait_seconds)


def screen_guard_for(db: Database, parent: QObject) -> ScreenGuard:
    """The guard for the main window, with the idle time from the settings file."""
    from .settings_ui import load_for_ui

    settings, _problem = load_for_ui()  # a bad file means the default; the window says why
    return ScreenGuard(verifier_for(db), idle_ms=settings.idle_lock_minutes * 60_000, parent=parent)
