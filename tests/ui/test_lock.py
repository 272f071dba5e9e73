"""The idle lock and the privacy screen over every tafdesk window, projector included."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from tafdesk.models import passphrase as P
from tafdesk.models.services import meetings as M
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database
from tafdesk.ui.lock import LOCKED, OPEN, PRIVATE, Cover, ScreenGuard
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.minutes_mode import MinutesMode
from tests.models.test_passphrase import FakeTime

from .helpers import replace_text

pytestmark = pytest.mark.gui
FAMILY = "Carter-Nowak"


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """The retry wait's clock, so no test waits for real seconds."""
    t = FakeTime()
    monkeypatch.setattr(P, "CLOCK", t.clock)
    monkeypatch.setattr(P, "SLEEP", t.sleep)
    return t


@pytest.fixture
def win(fake_time: FakeTime, make_window: Callable[[Database], MainWindow], demo_db: Database,
        demo_case_id: str) -> MainWindow:
    window = make_window(demo_db)
    window.open_case(demo_case_id)
    return window


@pytest.fixture
def minutes(qtbot: Any, win: MainWindow, demo_db: Database, demo_case_id: str) -> Iterator[MinutesMode]:
    with demo_db.session() as s:
        meeting = M.schedule_meeting(s, demo_case_id, {"kind": "review", "starts_at": "2026-12-31T15:30",
                                                        "venue": "Riverside Academy"}, user="t")
        meeting_id = meeting.id
    mode = MinutesMode(win.ops, demo_case_id, meeting_id)
    qtbot.addWidget(mode)
    mode.resize(1000, 700)
    mode.show()
    qtbot.waitExposed(mode)
    mode.activateWindow()
    qtbot.waitUntil(mode.isActiveWindow)
    yield mode
    mode.close()


def readable_text(window: QWidget) -> str:
    """Every piece of text a person could read in the window, its title included."""
    parts = [window.windowTitle()]
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QLineEdit | QAbstractButton):
            parts.append(w.text() if not isinstance(w, QLineEdit) or w.echoMode() == QLineEdit.EchoMode.Normal else "")
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            parts.append(w.toPlainText())
    return "\n".join(parts)


def is_blank(image: QImage) -> bool:
    first = image.pixel(0, 0)
    step = max(1, min(image.width(), image.height()) // 60)
    return all(image.pixel(x, y) == first
               for x in range(0, image.width(), step) for y in range(0, image.height(), step))


def cover_of(guard: ScreenGuard, window: QWidget) -> Cover:
    return next(c for c in guard.covers() if c.window_ is window)


def test_idle_lock_saves_what_is_typed_hides_everything_and_unlocks_with_the_passphrase(
        qtbot: Any, win: MainWindow, demo_db: Database, demo_case_id: str, passphrase: str,
        fake_time: FakeTime) -> None:
    guard = win.screen_guard
    assert FAMILY in readable_text(win)
    win.workspace.show_section("people")
    editor = win.workspace.people_editor
    for i in range(editor.list.count()):
        if editor.list.item(i).text().startswith("Maja Nowak"):
            editor.list.setCurrentRow(i)
    field = editor.form.widget("given_name")
    assert isinstance(field, QLineEdit)
    replace_text(qtbot, field, "Majka")
    assert editor.dirty()  # typed, not saved yet

    guard.set_idle_ms(300)
    qtbot.waitUntil(lambda: guard.state == LOCKED, timeout=3000)
    # Saved before hiding, without anyone pressing save.
    with demo_db.session() as s:
        assert "Majka Nowak" in [p.display_name for p in list_people(s, demo_case_id)]
    # Nothing of the case can be read, the title included; the window asks for the passphrase.
    shown = readable_text(win)
    assert FAMILY not in shown and "EH-" not in shown and "Majka" not in shown
    assert not win.centralWidget().isVisible() and not win.menuBar().isVisible()
    assert "tafdesk is locked" in shown
    cover = cover_of(guard, win)
    assert cover.passphrase.hasFocus() and cover.passphrase.accessibleName() == "Passphrase"
    assert cover.label.buddy() is cover.passphrase
    assert is_blank(win.grab().copy(0, 0, win.width(), win.height() // 4).toImage())
    # No command runs behind the lock.
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert win.isVisible() and win.pages.currentWidget() is win.workspace and guard.state == LOCKED

    # A wrong passphrase: said, kept in the field, and the next try must wait.
    qtbot.keyClicks(cover.passphrase, "not the passphrase")
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Return)
    assert guard.state == LOCKED
    assert "not right" in cover.message.text() and "Try again in 1 second" in cover.message.text()
    assert cover.passphrase.text() == "not the passphrase" and cover.message.isVisible()
    cover.passphrase.clear()
    qtbot.keyClicks(cover.passphrase, passphrase)
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Return)
    assert guard.state == LOCKED and "Try again in 1 second" in cover.message.text()  # even the right one
    fake_time.now += 1
    guard._count_down()
    assert "try your passphrase again now" in cover.message.text()
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Return)
    # Back as it was: the case, the typed name, the title, the focus; the count cleared.
    assert guard.state == OPEN and not guard.covers()
    assert FAMILY in readable_text(win) and "EH-" in win.windowTitle()
    assert field.isVisible() and field.text() == "Majka"
    assert win.centralWidget().isVisible() and win.menuBar().isVisible()
    assert not P.tries_path(Path(demo_db.location)).exists()


def test_privacy_screen_blanks_every_window_and_the_projector_at_once(
        qtbot: Any, win: MainWindow, minutes: MinutesMode) -> None:
    guard = win.screen_guard
    minutes.agenda.setCurrentRow(1)
    minutes.notes.setFocus()
    qtbot.keyClicks(minutes.notes, "Maja said the new flat is damp")
    qtbot.keyClick(minutes.notes, Qt.Key.Key_F5)
    projector = minutes.projector
    assert projector is not None and projector.isVisible()
    assert projector.shown_text().strip() and not is_blank(projector.grab().toImage())
    minutes.activateWindow()
    qtbot.waitUntil(minutes.isActiveWindow)

    qtbot.keyClick(minutes.notes, Qt.Key.Key_F12)  # one key, in whichever window has the focus
    assert guard.state == PRIVATE
    assert "damp" not in minutes.notes.toPlainText() or not minutes.notes.isVisible()
    assert "Maja said the new flat is damp" in " ".join(t for _i, t in minutes.data.notes.values())  # saved
    assert "damp" not in readable_text(minutes) and FAMILY not in readable_text(minutes)
    assert FAMILY not in readable_text(win) and not win.centralWidget().isVisible()
    assert is_blank(projector.grab().toImage())  # the room sees nothing, not even a notice
    assert projector.windowTitle() == "tafdesk"
    # The notice says how to come back and asks nothing.
    assert "F12" in readable_text(win) and not cover_of(guard, win).passphrase.isVisible()
    # No key does anything while hidden (the minutes' own shortcuts neither), and F12 works from
    # the projector window too.
    qtbot.keyClick(minutes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(minutes, Qt.Key.Key_F5)
    assert minutes.agenda.currentRow() == 1 and projector.isVisible()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert projector.isVisible()
    qtbot.keyClick(projector, Qt.Key.Key_F12)
    assert guard.state == OPEN
    assert minutes.notes.toPlainText() == "Maja said the new flat is damp" and minutes.notes.isVisible()
    assert projector.shown_text().strip() and not is_blank(projector.grab().toImage())
    assert FAMILY in readable_text(win)


def test_hidden_longer_than_the_idle_time_needs_the_passphrase(
        qtbot: Any, win: MainWindow, passphrase: str) -> None:
    guard = win.screen_guard
    now = [100.0]
    guard.clock = lambda: now[0]
    guard.set_idle_ms(60_000)
    qtbot.keyClick(win, Qt.Key.Key_F12)
    assert guard.state == PRIVATE
    now[0] += 30
    qtbot.keyClick(win, Qt.Key.Key_F12)  # half a minute: straight back
    assert guard.state == OPEN
    qtbot.keyClick(win, Qt.Key.Key_F12)
    now[0] += 61
    qtbot.keyClick(win, Qt.Key.Key_F12)  # longer than the idle time: the passphrase
    assert guard.state == LOCKED
    cover = cover_of(guard, win)
    assert cover.passphrase.isVisible() and FAMILY not in readable_text(win)
    qtbot.keyClick(win, Qt.Key.Key_F12)  # F12 alone does not open a locked screen
    assert guard.state == LOCKED
    qtbot.keyClicks(cover.passphrase, passphrase)
    qtbot.mouseClick(cover.unlock_button, Qt.MouseButton.LeftButton)
    assert guard.state == OPEN and FAMILY in readable_text(win)
    assert cover.passphrase.text() == ""  # not kept


def test_idle_time_restarts_with_every_key_press(qtbot: Any, win: MainWindow) -> None:
    guard = win.screen_guard
    guard.set_idle_ms(600)
    for _ in range(8):
        qtbot.wait(150)
        qtbot.keyClick(win.workspace.nav, Qt.Key.Key_Down)
    assert guard.state == OPEN  # 1.2 s of use: never idle for 0.6 s
    qtbot.waitUntil(lambda: guard.state == LOCKED, timeout=3000)


def test_lock_now_from_the_menu_and_the_keyboard(qtbot: Any, win: MainWindow) -> None:
    action = win.actions.lock_now
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    qtbot.keyClick(win.workspace.nav, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.screen_guard.state == LOCKED
    assert win.actions.privacy.shortcut().toString() == "F12"


def test_f12_works_behind_a_dialog_and_covers_it_too(qtbot: Any, win: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "Remove", f"Remove {FAMILY} from the list?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, win)
    qtbot.addWidget(box)
    box.open()  # window-modal, as the app's questions are
    qtbot.waitExposed(box)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(box, Qt.Key.Key_F12)
    assert win.screen_guard.state == PRIVATE
    assert FAMILY not in readable_text(box) and FAMILY not in readable_text(win)
    qtbot.keyClick(box, Qt.Key.Key_Y)  # the question cannot be answered unseen
    assert box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_F12)
    assert win.screen_guard.state == OPEN and FAMILY in readable_text(box)
    box.done(0)
