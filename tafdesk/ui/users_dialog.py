"""Users of a shared database, for its administrators (File > Users).

The list shows every user; below it the chosen user's role, whether they may sign in, and, for
a manager, the practitioners whose cases they oversee; then a form to add a user for a login
the database server already has. Every change goes through ``models/services/users.py``, which
checks again that the signed-in login is an administrator and records the change in the audit
trail. A refusal is shown in words under the list and nothing typed is cleared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from ..i18n.ui import N_, _
from ..models import vocab as v
from ..models.errors import TafdeskError
from ..models.orm import ManagedProfessional, Professional
from ..models.services import users as svc
from .ops import CaseOps
from .widgets import announce, heading, problem_colour, set_text_colour

ROLE_TITLES = {v.UserRole.PRACTITIONER: N_("Practitioner"), v.UserRole.MANAGER: N_("Manager"),
               v.UserRole.ADMINISTRATOR: N_("Administrator")}


class UsersDialog(QDialog):
    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(_("Users"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Users of this shared database"), self))
        lbl = QLabel(_("&Users:"), self)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(_("Users"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_("Login"), _("Name"), _("Role"), _("Professional record"),
                                   _("Oversees"), _("Signs in")])
        lbl.setBuddy(self.list)
        self.list.setMinimumHeight(self.fontMetrics().height() * 10)
        layout.addWidget(lbl)
        layout.addWidget(self.list, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Problem"))
        set_text_colour(self.message, problem_colour(self))
        self.message.hide()
        layout.addWidget(self.message)

        chosen = QGroupBox(_("The chosen user"), self)
        cform = QFormLayout(chosen)
        self.role = self._roles(chosen)
        self.role.setAccessibleName(_("Role of the chosen user"))
        self.manages_all = QCheckBox(_("Oversees e&very case"), chosen)
        self.manages_all.setAccessibleName(_("The chosen manager oversees every case"))
        self.set_role_button = QPushButton(_("&Set role"), chosen)
        row = QHBoxLayout()
        for w in (self.role, self.manages_all, self.set_role_button):
            row.addWidget(w)
        role_label = QLabel(_("&Role:"), chosen)
        role_label.setBuddy(self.role)
        cform.addRow(role_label, row)
        self.active_button = QPushButton(_("&Disable"), chosen)
        active_row = QHBoxLayout()
        active_row.addWidget(self.active_button)
        active_row.addStretch(1)
        cform.addRow(QLabel(_("Signing in:"), chosen), active_row)
        self.team = QListWidget(chosen)
        self.team.setAccessibleName(_("Practitioners the chosen manager oversees"))
        team_label = QLabel(_("Tea&m (for a manager):"), chosen)
        team_label.setBuddy(self.team)
        self.team_button = QPushButton(_("Save &team"), chosen)
        col = QVBoxLayout()
        col.addWidget(self.team)
        col.addWidget(self.team_button, 0, Qt.AlignmentFlag.AlignLeft)
        cform.addRow(team_label, col)
        layout.addWidget(chosen)

        new = QGroupBox(_("Add a user"), self)
        nform = QFormLayout(new)
        self.new_login = self._line(nform, new, _("&Login:"), _("Database login of the new user"))
        self.new_name = self._line(nform, new, _("&Name:"), _("Name of the new user"))
        self.new_role = self._roles(new)
        self.new_role.setAccessibleName(_("Role of the new user"))
        lbl = QLabel(_("R&ole:"), new)
        lbl.setBuddy(self.new_role)
        nform.addRow(lbl, self.new_role)
        self.new_professional = QComboBox(new)
        self.new_professional.setEditable(True)
        self.new_professional.setAccessibleName(_("Professional record of the new user"))
        lbl = QLabel(_("&Professional record:"), new)
        lbl.setBuddy(self.new_professional)
        nform.addRow(lbl, self.new_professional)
        self.new_agency = self._line(nform, new, _("Or a new record at a&gency:"),
                                     _("Agency of the new user, when they have no professional record yet"))
        self.new_manages_all = QCheckBox(_("Oversees every &case (a manager of the whole service)"), new)
        nform.addRow("", self.new_manages_all)
        self.add_button = QPushButton(_("&Add user"), new)
        nform.addRow("", self.add_button)
        layout.addWidget(new)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.list.currentItemChanged.connect(lambda *_a: self._show_chosen())
        self.set_role_button.clicked.connect(self.set_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.team_button.clicked.connect(self.save_team)
        self.add_button.clicked.connect(self.add)
        em = self.fontMetrics().horizontalAdvance("m")
        self.resize(em * 70, self.fontMetrics().height() * 48)
        self.users: list[svc.UserSummary] = []
        self.professionals: list[tuple[str, str]] = []
        self.allowed = ops.viewer is not None and ops.viewer.role == v.UserRole.ADMINISTRATOR
        if self.allowed:
            self.reload()
        else:  # the menu entry is only shown to administrators; the services refuse anyone else too
            for box in (chosen, new):
                box.setEnabled(False)
            self.say(_("Only a tafdesk administrator manages users."))
        self.list.setFocus()

    # Building.
    def _roles(self, parent: QWidget) -> QComboBox:
        box = QComboBox(parent)
        for role, title in ROLE_TITLES.items():
            box.addItem(_(title), str(role))
        return box

    def _line(self, form: QFormLayout, parent: QWidget, text: str, name: str) -> QLineEdit:
        field = QLineEdit(parent)
        field.setAccessibleName(name)
        label = QLabel(text, parent)
        label.setBuddy(field)
        form.addRow(label, field)
        return field

    # Reading.
    def reload(self, select_login: str | None = None) -> None:
        keep = select_login or self.chosen_login()
        with self.ops.db.session() as s:
            self.users = svc.list_users(s)
            self.professionals = [(p.id, p.name) for p in s.scalars(select(Professional).order_by(Professional.name))]
        self.list.clear()
        for u in self.users:
            item = QTreeWidgetItem([u.login, u.name, _(ROLE_TITLES.get(u.role, u.role)), u.professional or "",
                                    _("all cases") if u.manages == "all cases" else u.manages,
                                    _("yes") if u.active else _("no (disabled)")])
            item.setData(0, Qt.ItemDataRole.UserRole, u.login)
            self.list.addTopLevelItem(item)
            if u.login == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        for i in range(self.list.columnCount()):
            self.list.resizeColumnToContents(i)
        current = self.new_professional.currentText()
        self.new_professional.clear()
        self.new_professional.addItem("", "")
        for pid, name in self.professionals:
            self.new_professional.addItem(name, pid)
        self.new_professional.setEditText(current)
        self._show_chosen()

    def chosen_login(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(0, Qt.ItemDataRole.UserRole))

    def _chosen(self) -> svc.UserSummary | None:
        login = self.chosen_login()
        return next((u for u in self.users if u.login == login), None)

    def _show_chosen(self) -> None:
        u = self._chosen()
        for w in (self.role, self.manages_all, self.set_role_button, self.active_button, self.team,
                  self.team_button):
            w.setEnabled(u is not None)
        if u is None:
            return
        self.role.setCurrentIndex(max(0, self.role.findData(u.role)))
        self.manages_all.setChecked(u.manages == "all cases")
        self.active_button.setText(_("&Disable") if u.active else _("Ena&ble"))
        self.active_button.setAccessibleName(
            _("Disable {login}", login=u.login) if u.active else _("Enable {login}", login=u.login))
        with self.ops.db.session() as s:
            row = svc.get_user(s, u.login)
            team = set(s.scalars(select(ManagedProfessional.professional_id)
                                 .where(ManagedProfessional.manager_id == row.id)))
        self.team.clear()
        for pid, name in self.professionals:
            item = QListWidgetItem(name, self.team)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pid in team else Qt.CheckState.Unchecked)
        is_manager = u.role == v.UserRole.MANAGER
        self.team.setEnabled(is_manager)
        self.team_button.setEnabled(is_manager)

    # Changing.
    def _run(self, work: Callable[[Any], object], done: str, select_login: str | None = None) -> bool:
        try:
            with self.ops.db.session() as s:
                work(s)
        except TafdeskError as exc:
            self.say(str(exc))
            return False
        self.say("")
        self.reload(select_login)
        self.ops.message.emit(done)
        return True

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            announce(self.message, text)

    def set_role(self) -> None:
        login = self.chosen_login()
        if login is None:
            return
        role, every = str(self.role.currentData()), self.manages_all.isChecked()
        self._run(lambda s: svc.set_role(s, login, role, manages_all=every, viewer=self.ops.viewer,
                                         user=self.ops.user),
                  _("The role of {login} is changed.", login=login))

    def toggle_active(self) -> None:
        u = self._chosen()
        if u is None:
            return
        active = not u.active
        self._run(lambda s: svc.set_active(s, u.login, active, viewer=self.ops.viewer, user=self.ops.user),
                  _("{login} can sign in again.", login=u.login) if active
                  else _("{login} can no longer sign in.", login=u.login))

    def save_team(self) -> None:
        login = self.chosen_login()
        if login is None:
            return
        ids = [str(self.team.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.team.count())
               if self.team.item(i).checkState() == Qt.CheckState.Checked]
        self._run(lambda s: svc.set_team(s, login, ids, viewer=self.ops.viewer, user=self.ops.user),
                  _("The team of {login} is saved.", login=login))

    def add(self) -> None:
        prof_text = self.new_professional.currentText().strip()
        index = self.new_professional.findText(prof_text)
        professional = (self.new_professional.itemData(index) if index > 0 else prof_text) or None
        data = {"login": self.new_login.text(), "name": self.new_name.text(),
                "role": self.new_role.currentData(), "professional": professional,
                "agency": self.new_agency.text(), "manages_all": self.new_manages_all.isChecked()}
        login = self.new_login.text().strip()
        if self._run(lambda s: svc.add_user(s, data, viewer=self.ops.viewer, user=self.ops.user),
                     _("{login} is added.", login=login), select_login=login):
            for field in (self.new_login, self.new_name, self.new_agency):
                field.clear()
            self.new_professional.setEditText("")
            self.new_manages_all.setChecked(False)
            self.list.setFocus()


def open_users_dialog(parent: QWidget, ops: CaseOps) -> None:
    """File > Users: for an administrator of a shared database."""
    dialog = UsersDialog(ops, parent)
    dialog.exec()
