"""Changing the passphrase in the app: rules, slowed retries, and the app carrying on re-keyed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from tafdesk.models.passphrase import RetryGuard, passphrase_opens
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database, open_database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.passphrase_dialog import ChangePassphraseDialog
from tests.models.test_passphrase import FakeTime

from .helpers import replace_text

pytestmark = pytest.mark.gui
NEW = "tea kettle harbour lamp"


def _fill(qtbot: Any, dialog: ChangePassphraseDialog, current: str, new: str, again: str) -> None:
    for field, text in ((dialog.current, current), (dialog.new, new), (dialog.again, again)):
        replace_text(qtbot, field, text)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _names(db: Database, case_id: str) -> list[str]:
    with db.session() as s:
        return [p.display_name for p in list_people(s, case_id)]


def test_change_the_passphrase_while_working(
        qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database, demo_case_id: str,
        db_path: Path, passphrase: str) -> None:
    win = make_window(demo_db)
    win.open_case(demo_case_id)
    win.workspace.show_section("people")
    editor = win.workspace.people_editor
    for i in range(editor.list.count()):
        if editor.list.item(i).text().startswith("Maja Nowak"):
            editor.list.setCurrentRow(i)
    field = editor.form.widget("given_name")
    assert isinstance(field, QLineEdit)
    replace_text(qtbot, field, "Majka")
    assert editor.dirty()
    header = db_path.read_bytes()[:16]

    t = FakeTime()
    dialog = ChangePassphraseDialog(demo_db, win, guard=RetryGuard(db_path, clock=t.clock),
                                    before_change=win.workspace.flush_all)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for f in (dialog.current, dialog.new, dialog.again):
        assert f.accessibleName() and f.echoMode() == QLineEdit.EchoMode.Password
        assert any(label.buddy() is f for label in dialog.findChildren(QLabel))

    _fill(qtbot, dialog, passphrase, "short", "short")
    assert "at least 8" in dialog.message.text() and dialog.new.hasFocus()
    _fill(qtbot, dialog, passphrase, NEW, NEW + "x")
    assert "not the same" in dialog.message.text() and dialog.again.hasFocus()
    _fill(qtbot, dialog, passphrase, passphrase, passphrase)
    assert "same as the current" in dialog.message.text()
    _fill(qtbot, dialog, "not the passphrase", NEW, NEW)
    qtbot.waitUntil(lambda: not dialog.busy())  # checked on the worker thread
    assert "not right" in dialog.message.text() and "Try again in 1 second" in dialog.message.text()
    _fill(qtbot, dialog, passphrase, NEW, NEW)
    assert "Try again in 1 second" in dialog.message.text() and dialog.isVisible()  # too soon
    assert db_path.read_bytes()[:16] == header and passphrase_opens(db_path, passphrase)

    t.now += 1
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    assert all(f.text() == "" for f in (dialog.current, dialog.new, dialog.again))
    # Re-keyed with a fresh salt; the old passphrase no longer opens it; nothing else left behind.
    assert db_path.read_bytes()[:16] != header
    assert not passphrase_opens(db_path, passphrase) and passphrase_opens(db_path, NEW)
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["tafdesk.db"]
    # What was typed was saved first, and the app carries on with the same database.
    assert "Majka Nowak" in _names(demo_db, demo_case_id)
    replace_text(qtbot, field, "Maja")
    qtbot.waitUntil(lambda: not editor.dirty(), timeout=2500)
    assert "Maja Nowak" in _names(demo_db, demo_case_id)
    win.close()
    demo_db.close()
    again = open_database(db_path=db_path, passphrase=NEW)
    try:
        assert "Maja Nowak" in _names(again, demo_case_id)
    finally:
        again.close()


def test_the_menu_offers_it(make_window: Callable[[Database], MainWindow], demo_db: Database) -> None:
    win = make_window(demo_db)
    file_menu = win.menuBar().actions()[0].menu()
    assert win.actions.change_passphrase in file_menu.actions()
    assert win.actions.lock_now in file_menu.actions()
