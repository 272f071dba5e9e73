"""Re-keying off the GUI thread: the dialog keeps painting behind a busy bar, the database
refuses every other use until the new file is in place, and failures keep what was typed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tafdesk.models.errors import StorageError
from tafdesk.models.passphrase import passphrase_opens
from tafdesk.models.rekey import REKEYING_TEXT, change_passphrase
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.passphrase_dialog import ChangePassphraseDialog

from .helpers import replace_text

pytestmark = pytest.mark.gui
NEW = "tea kettle harbour lamp"


def _open(qtbot: Any, win: MainWindow, db: Database, **kw: Any) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(db, win, before_change=win.workspace.flush_all, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _fill(qtbot: Any, dialog: ChangePassphraseDialog, current: str, new: str) -> None:
    for field, text in ((dialog.current, current), (dialog.new, new), (dialog.again, new)):
        replace_text(qtbot, field, text)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)


def _people(db: Database, case_id: str) -> int:
    with db.session() as s:
        return len(list_people(s, case_id))


def test_the_window_keeps_painting_and_the_database_waits(
        qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database, demo_case_id: str,
        db_path: Path, passphrase: str) -> None:
    win = make_window(demo_db)
    win.open_case(demo_case_id)
    people = _people(demo_db, demo_case_id)
    release, started = threading.Event(), threading.Event()
    workers: list[str] = []

    def slow_change(*args: Any, **kw: Any) -> dict[str, int]:
        workers.append(threading.current_thread().name)
        started.set()
        assert release.wait(20), "the test never let the re-key go on"
        return change_passphrase(*args, **kw)

    dialog = _open(qtbot, win, demo_db, change_file=slow_change)
    _fill(qtbot, dialog, passphrase, NEW)
    qtbot.waitUntil(started.is_set, timeout=10_000)

    # Busy: a bar and a sentence, nothing to type into or press, the rest of the app behind a modal.
    assert dialog.busy() and dialog.progress.isVisible() and dialog.progress.maximum() == 0
    assert "Writing the database again" in dialog.status.text() and dialog.status.accessibleName()
    assert not any(w.isEnabled() for w in (dialog.current, dialog.new, dialog.again, dialog.ok_button))
    assert QApplication.activeModalWidget() is dialog
    # The GUI thread is free: timers fire and the dialog repaints while the worker runs.
    ticks: list[int] = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=3000)
    timer.stop()
    assert workers and workers[0] != threading.current_thread().name
    dialog.grab().save("/tmp/a2_rekey_busy.png")
    # Nobody else reaches the file while it is being replaced, and the dialog cannot be closed.
    with pytest.raises(StorageError) as refused:
        _people(demo_db, demo_case_id)
    assert str(refused.value) == REKEYING_TEXT
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible() and dialog.busy()

    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    assert dialog.counts["cases"] >= 1 and dialog.counts["people"] >= people
    assert all(f.text() == "" for f in (dialog.current, dialog.new, dialog.again))
    assert passphrase_opens(db_path, NEW) and not passphrase_opens(db_path, passphrase)
    assert _people(demo_db, demo_case_id) == people  # the same Database carries on, re-keyed


@pytest.mark.parametrize("problem, words", [
    (OSError(28, "No space left on device"),
     "could not be changed: [Errno 28] No space left on device. Nothing was changed"),
    (StorageError("The database is open in another tafdesk window or command. Close it there, then "
                  "change the passphrase again."), "open in another tafdesk window"),
])
def test_a_failure_is_said_in_words_and_keeps_what_was_typed(
        qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database, demo_case_id: str,
        db_path: Path, passphrase: str, problem: Exception, words: str) -> None:
    win = make_window(demo_db)
    header = db_path.read_bytes()[:16]

    def failing_change(*args: Any, **kw: Any) -> dict[str, int]:
        raise problem

    dialog = _open(qtbot, win, demo_db, change_file=failing_change)
    _fill(qtbot, dialog, passphrase, NEW)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and not dialog.busy(), timeout=10_000)
    assert words in dialog.message.text()
    assert dialog.isVisible() and not dialog.progress.isVisible() and dialog.ok_button.isEnabled()
    assert (dialog.current.text(), dialog.new.text(), dialog.again.text()) == (passphrase, NEW, NEW)
    assert dialog.current.hasFocus()
    # The file is untouched and the app goes on with it under the current passphrase.
    assert db_path.read_bytes()[:16] == header and passphrase_opens(db_path, passphrase)
    assert _people(demo_db, demo_case_id) > 0
    dialog.grab().save("/tmp/a2_rekey_failed.png")
    # Trying again with the real re-key works from the same dialog.
    dialog.change_file = change_passphrase
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert passphrase_opens(db_path, NEW) and _people(demo_db, demo_case_id) > 0
