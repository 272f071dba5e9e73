"""File > Users: an administrator of a shared PostgreSQL database manages users by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from tafdesk.models.services.users import list_users
from tafdesk.models.storage import Database, open_url
from tafdesk.ui.ops import CaseOps
from tafdesk.ui.users_dialog import UsersDialog
from tests.partnership import Partnership, partnership

pytestmark = pytest.mark.gui


@pytest.fixture
def shared(pg_url: str) -> Iterator[Partnership]:
    with partnership(pg_url) as p:
        yield p


@pytest.fixture
def connect(shared: Partnership) -> Iterator[Any]:
    opened: list[Database] = []

    def as_login(login: str) -> Database:
        db = open_url(shared.url(login))
        opened.append(db)
        return db

    yield as_login
    for db in opened:
        db.close()


def _users(shared: Partnership) -> dict[str, Any]:
    with shared.db.session() as s:
        return {u.login: u for u in list_users(s)}


def test_an_administrator_adds_a_user_and_changes_roles_by_keyboard(qtbot: Any, shared: Partnership,
                                                                     connect: Any) -> None:
    ops = CaseOps(connect("admin"), "ignored")
    dialog = UsersDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # mnemonics need an active window
    assert dialog.list.topLevelItemCount() == 8
    # Every field and button has an accessible name or a label that is its buddy.
    buddies = {lbl.buddy() for lbl in dialog.findChildren(QLabel) if lbl.buddy() is not None}
    for field in [*dialog.findChildren(QLineEdit), dialog.new_role, dialog.new_professional, dialog.role,
                  dialog.list, dialog.team]:
        if field is dialog.new_professional.lineEdit():
            continue
        assert field.accessibleName() and field in buddies, field
    assert all(b.text() for b in dialog.findChildren(QPushButton))

    shared.add_login("karen")
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.new_login
    qtbot.keyClicks(dialog.new_login, "karen")
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.new_name, "Karen Doyle")
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.new_professional.lineEdit() or \
        QApplication.focusWidget() is dialog.new_professional
    qtbot.keyClicks(dialog.new_professional, "Karen Doyle")
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "karen" in _users(shared))
    karen = _users(shared)["karen"]
    assert (karen.name, karen.role, karen.professional, karen.active) == (
        "Karen Doyle", "practitioner", "Karen Doyle", True)
    assert dialog.chosen_login() == "karen" and dialog.new_login.text() == ""
    dialog.grab().save("/tmp/users_dialog.png")

    # A refusal is shown in words, and what was typed stays.
    qtbot.keyClicks(dialog.new_login, "sarah")
    qtbot.keyClicks(dialog.new_name, "Someone")
    dialog.add_button.click()
    assert "already a user with the login 'sarah'" in dialog.message.text() and dialog.message.isVisible()
    assert (dialog.new_login.text(), dialog.new_name.text()) == ("sarah", "Someone")

    # The chosen user (karen) becomes a manager of Tom Reed's cases, then is disabled.
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _users(shared)["karen"].role == "manager")
    assert dialog.team.isEnabled() and not dialog.message.isVisible()
    tom = next(i for i in range(dialog.team.count()) if dialog.team.item(i).text() == "Tom Reed")
    dialog.team.item(tom).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _users(shared)["karen"].manages == "Tom Reed")
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not _users(shared)["karen"].active)
    assert dialog.active_button.text() == "Ena&ble"

    # The last administrator cannot take away their own right to manage users.
    admin_row = next(i for i in range(dialog.list.topLevelItemCount())
                     if dialog.list.topLevelItem(i).text(0) == "admin")
    dialog.list.setCurrentItem(dialog.list.topLevelItem(admin_row))
    dialog.active_button.click()
    assert "only active administrator" in dialog.message.text()
    assert _users(shared)["admin"].active


def test_the_menu_entry_and_dialog_are_for_administrators_only(qtbot: Any, shared: Partnership,
                                                                connect: Any) -> None:
    from tafdesk.ui.main_window import MainWindow

    window = MainWindow(connect("sarah"), user="ignored")
    qtbot.addWidget(window)
    assert not window.actions.manage_users.isVisible()
    admin_window = MainWindow(connect("admin"), user="ignored")
    qtbot.addWidget(admin_window)
    assert admin_window.actions.manage_users.isVisible()
    dialog = UsersDialog(window.ops)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 0 and not dialog.add_button.isEnabled()
    assert dialog.message.text() == "Only a tafdesk administrator manages users."
