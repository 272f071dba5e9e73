"""The unlock dialog: first run sets a passphrase, later runs ask for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tafdesk.models.storage import Database, database_exists
from tafdesk.ui.unlock import UnlockDialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: Any, path: Path) -> UnlockDialog:
    dialog = UnlockDialog(path)
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
    dialog = _dialog(qtbot, db_path)
    assert not dialog.first_run and not dialog.repeat.isVisible()

    _submit(qtbot, dialog, "not the passphrase")
    assert "not right" in dialog.message.text()
    assert dialog.isVisible() and dialog.database is None
    assert dialog.passphrase.hasFocus() and dialog.passphrase.selectedText() == "not the passphrase"

    _submit(qtbot, dialog, passphrase)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.database is not None
    dialog.database.close()


def test_fields_are_labelled_for_screen_readers(qtbot: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "x.db")
    assert dialog.passphrase.accessibleName() and dialog.repeat.accessibleName()
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
