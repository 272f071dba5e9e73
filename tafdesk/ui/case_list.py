"""The case list: search by name or reference, filter by status and lead professional."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n.ui import N_, _
from ..models.services.cases import CaseSummary, lead_professionals, list_cases
from . import labels as L
from .ops import CaseOps
from .widgets import add_context_action, heading

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", N_("Reference")),
    ("family_name", N_("Family")),
    ("status", N_("Status")),
    ("level_of_need", N_("Level of need")),
    ("lead_professional", N_("Lead professional")),
    ("opened_on", N_("Opened")),
)
CASE_ID_ROLE = Qt.ItemDataRole.UserRole


class CaseListModel(QAbstractTableModel):
    """Rows of ``CaseSummary`` as the services return them; replaced whole on each search."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []

    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, key)
        if role == CASE_ID_ROLE:
            return row.id
        return None

    @staticmethod
    def _text(row: CaseSummary, key: str) -> str:
        if key == "status":
            return L.label(L.CASE_STATUS, row.status)
        if key == "level_of_need":
            return L.label(L.LEVEL_OF_NEED, row.level_of_need, _("Not decided"))
        if key == "opened_on":
            return L.day(row.opened_on)
        if key == "lead_professional":
            return row.lead_professional or _("Not allocated")
        return str(getattr(row, key))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return _(COLUMNS[section][1])
        return None

    def case_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), -1)


class CaseListPanel(QWidget):
    """Search field, two filters and the table. Enter or double-click opens a case."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setAccessibleName(_("Case list"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Name of anyone in the family, or a case reference"))
        self.search.setAccessibleName(_("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Filter by status"))
        self.status.addItem(_("All statuses"), None)
        for value, text in L.CASE_STATUS.items():
            self.status.addItem(_(text), value.value)
        self.lead = QComboBox(self)
        self.lead.setAccessibleName(_("Filter by lead professional"))
        self.model = CaseListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # measure the first rows only: fast with 10,000 cases
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the family's name
        header.setHighlightSections(False)
        self.table.activated.connect(self._activated)
        add_context_action(self.table, _("Open case"), self.open_selected)
        self.count = QLabel(self)
        self.open_button = QPushButton(_("Open case"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton(_("New request for early help\u2026"), self)
        self.new_button.setToolTip(_("Start a new family's case by recording their request (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)

        find_label = QLabel(_("&Search:"), self)
        find_label.setBuddy(self.search)
        status_label = QLabel(_("S&tatus:"), self)
        status_label.setBuddy(self.status)
        lead_label = QLabel(_("&Lead professional:"), self)
        lead_label.setBuddy(self.lead)
        filters = QHBoxLayout()
        filters.addWidget(find_label)
        filters.addWidget(self.search, 3)
        filters.addSpacing(12)
        filters.addWidget(status_label)
        filters.addWidget(self.status, 1)
        filters.addSpacing(12)
        filters.addWidget(lead_label)
        filters.addWidget(self.lead, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.count, 1)
        foot.addWidget(self.new_button)
        foot.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Cases"), self))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)

        self.search.textChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.lead.currentIndexChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._search_enter)

    def reload(self) -> None:
        """Read the lead professionals again (they change), then the cases."""
        keep = self.lead.currentData()
        leads = self.ops.read(lead_professionals)
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem(_("All lead professionals"), None)
        for pid, name in leads:
            self.lead.addItem(name, pid)
        self.lead.setCurrentIndex(max(0, self.lead.findData(keep)))
        self.lead.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_case_id()
        text, status, lead = self.search.text(), self.status.currentData(), self.lead.currentData()
        rows = self.ops.read(
            lambda s: list_cases(s, text=text, status=status, lead_professional_id=lead, viewer=self.ops.viewer))
        self.model.set_rows(rows)
        n = len(rows)
        filtered = bool(text.strip() or status or lead)
        if n == 0:
            self.count.setText(_("No cases match the search and filters.") if filtered
                               else _("No cases yet."))
        elif filtered:
            self.count.setText(_("1 case matches") if n == 1 else _("{count} cases match", count=n))
        else:
            self.count.setText(_("1 case") if n == 1 else _("{count} cases", count=n))
        row = self.model.row_of(selected) if selected else -1
        if n:
            self.table.selectRow(row if row >= 0 else 0)
        self.open_button.setEnabled(n > 0)

    def selected_case_id(self) -> str | None:
        idx = self.table.currentIndex()
        return self.model.case_id(idx.row()) if idx.isValid() else None

    def open_selected(self) -> None:
        case_id = self.selected_case_id()
        if case_id:
            self.open_requested.emit(case_id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id:
            self.open_requested.emit(case_id)

    def _search_enter(self) -> None:
        """Enter in the search field opens the case when exactly one matches, else goes to the list."""
        if self.model.rowCount() == 1:
            self.open_selected()
        elif self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
