"""The unlock dialog: first run sets a passphrase, later runs ask for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tafdesk.models.passphrase import RetryGuard, tries_path
from tafdesk.models.storage import Database, database_exists
from tafdesk.ui.unlock import UnlockDialog
from tests.models.test_passphrase import FakeTime

pytestmark = pytest.mark.gui


def _dialog(qtbot: Any, path: Path, guard: RetryGuard | None = None) -> UnlockDialog:
    dialog = UnlockDialog(path, guard=guard)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _submit(qtbot: Any, dialog: UnlockDialog, first: str, again: str | None = None) -> None:
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, first)
    if again is not None:
        dialog.repeat.clear()
        qtbot.keyClicks(dialog.repeat, again)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_first_run_sets_the_passphrase_twice_with_a_warning(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "new" / "tafdesk.db"
    dialog = _dialog(qtbot, path)
    assert dialog.first_run and dialog.repeat.isVisible()
    assert "cannot be opened again" in " ".join(
        w.text() for w in dialog.findChildren(type(dialog.message)))

    _submit(qtbot, dialog, "short", "short")
    assert "at least 8 characters" in dialog.message.text()
    assert dialog.isVisible() and dialog.database is None and not database_exists(path)

    _submit(qtbot, dialog, "correct horse battery", "correct horse batteries")
    assert "not the same" in dialog.message.text()
    assert dialog.isVisible() and not database_exists(path)

    _submit(qtbot, dialog, "correct horse battery", "correct horse battery")
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.database is not None and database_exists(path)
    dialog.database.close()


def test_wrong_passphrase_is_said_and_the_dialog_stays(
        qtbot: Any, tmp_db: Database, db_path: Path, passphrase: str) -> None:
    tmp_db.close()
    t = FakeTime()
    dialog = _dialog(qtbot, db_path, RetryGuard(db_path, clock=t.clock))
    assert not dialog.first_run and not dialog.repeat.isVisible()

    _submit(qtbot, dialog, "not the passphrase")
    assert "not right" in dialog.message.text()
    assert dialog.isVisible() and dialog.database is None
    assert dialog.passphrase.hasFocus() and dialog.passphrase.selectedText() == "not the passphrase"

    t.now += 1  # the wait after one wrong try
    _submit(qtbot, dialog, passphrase)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.database is not None
    dialog.database.close()


def test_fields_are_labelled_for_screen_readers(qtbot: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "x.db")
    assert dialog.passphrase.accessibleName() and dialog.repeat.accessibleName()
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password


def test_each_wrong_passphrase_makes_the_next_try_wait_longer_even_after_a_restart(
        qtbot: Any, tmp_db: Database, db_path: Path, passphrase: str) -> None:
    tmp_db.close()
    t = FakeTime()
    dialog = _dialog(qtbot, db_path, RetryGuard(db_path, clock=t.clock))
    _submit(qtbot, dialog, "wrong one")
    assert "Try again in 1 second." in dialog.message.text()
    t.now += 1
    _submit(qtbot, dialog, "wrong two")
    assert "Try again in 2 seconds." in dialog.message.text()
    # Too soon: the right passphrase is not even tried, and stays typed, ready for Enter.
    _submit(qtbot, dialog, passphrase)
    assert dialog.database is None and "Try again in 2 seconds" in dialog.message.text()
    assert dialog.passphrase.text() == passphrase
    t.now += 1.2
    dialog.refresh_wait()  # the countdown's tick
    assert "Try again in 1 second." in dialog.message.text()
    assert dialog.passphrase.text() == passphrase and not dialog.passphrase.selectedText()
    dialog.close()

    # Quit and start again: the count is in a file beside the database.
    assert tries_path(db_path).exists()
    again = _dialog(qtbot, db_path, RetryGuard(db_path, clock=t.clock))
    assert "Try again in 1 second." in again.message.text() and again.message.isVisible()
    t.now += 1
    again.refresh_wait()
    assert "try your passphrase again now" in again.message.text()
    _submit(qtbot, again, passphrase)
    assert again.result() == UnlockDialog.DialogCode.Accepted and again.database is not None
    assert again.passphrase.text() == "" and not tries_path(db_path).exists()
    again.database.close()
