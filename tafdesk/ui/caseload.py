"""My caseload: what is overdue, due this week and due next week, per case and step, with why.

Opening a row (Enter or double-click) opens the case at the part of the journey where that step
is dealt with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n.ui import N_, _
from ..models.services.cases import lead_professionals
from ..models.services.deadlines import CaseloadItem, caseload
from ..models.timescales import BUCKET_TITLES, Bucket, Rules
from . import labels as L
from .ops import CaseOps
from .settings_ui import rules_for_ui
from .widgets import add_context_action, heading, problem_colour, set_text_colour

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str], ...] = (
    ("bucket", N_("When")),
    ("due", N_("Due")),
    ("reference", N_("Case")),
    ("family_name", N_("Family")),
    ("step", N_("Step")),
    ("lead_professional", N_("Lead professional")),
    ("reason", N_("Why")),
)
TARGET_ROLE = Qt.ItemDataRole.UserRole  # (case id, journey step key)
NEAR = (Bucket.OVERDUE, Bucket.THIS_WEEK, Bucket.NEXT_WEEK)


class CaseloadModel(QAbstractTableModel):
    """Rows of ``CaseloadItem``, most urgent first; replaced whole on each refresh."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadItem] = []
        self.today = date.today()
        self.late_colour: Any = None

    def set_rows(self, rows: list[CaseloadItem], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _("{column}: {value}", column=_(COLUMNS[index.column()][1]),
                     value=self._text(row, key))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(row.deadline.reason)
        if role == Qt.ItemDataRole.ForegroundRole and row.bucket is Bucket.OVERDUE and key in ("bucket", "due"):
            return self.late_colour
        if role == TARGET_ROLE:
            return (row.case_id, row.deadline.section_key)
        return None

    def _text(self, row: CaseloadItem, key: str) -> str:
        dl = row.deadline
        if key == "bucket":
            if row.bucket is Bucket.OVERDUE:
                return (_("Overdue by 1 working day") if dl.late_by == 1
                        else _("Overdue by {days} working days", days=dl.late_by))
            return _(BUCKET_TITLES[row.bucket])
        if key == "due":
            return L.day(dl.due_on)
        if key == "step":
            return _(dl.title)
        if key == "reason":
            return _(dl.reason)  # a sentence from the timescales, in the user's language
        if key == "lead_professional":
            return row.lead_professional or _("Not allocated")
        return str(getattr(row, key))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return _(COLUMNS[section][1])
        return None

    def item(self, row: int) -> CaseloadItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def target(self, row: int) -> tuple[str, str] | None:
        if 0 <= row < len(self._rows):
            r = self._rows[row]
            return r.case_id, r.deadline.section_key
        return None

    def counts(self) -> Counter[Bucket]:
        return Counter(r.bucket for r in self._rows)


class CaseloadPanel(QWidget):
    """The lead professional filter, "show later steps too", the table and a one-line summary."""

    open_requested = Signal(str, str)  # case id, journey step key

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setAccessibleName(_("My caseload"))
        self.rules: Rules
        self.rules, problem = rules_for_ui()
        self.today: Callable[[], date] = date.today  # the day due dates are judged on (tests fix it)
        self.problem = QLabel(problem, self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("Problem with the settings file"))
        set_text_colour(self.problem, problem_colour(self))
        self.problem.setVisible(bool(problem))
        self.lead = QComboBox(self)
        self.lead.setAccessibleName(_("Whose cases"))
        self.later = QCheckBox(_("Show steps due &after next week too"), self)
        self.model = CaseloadModel(self)
        self.model.late_colour = problem_colour(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Steps due, per case"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(60)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)  # the reason
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("m") * 4)
        header.setHighlightSections(False)
        self.table.activated.connect(lambda idx: self._open_row(idx.row()))
        add_context_action(self.table, _("Open this step of the case"), self.open_selected)
        self.why = QLabel(self)  # the chosen row's reason in full, however narrow the window
        self.why.setWordWrap(True)
        self.why.setAccessibleName(_("Why this step is due then"))
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_why(cur.row()))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Summary of the caseload"))
        self.open_button = QPushButton(_("&Open this step of the case"), self)
        self.open_button.clicked.connect(self.open_selected)
        lead_label = QLabel(_("&Whose cases:"), self)
        lead_label.setBuddy(self.lead)
        filters = QHBoxLayout()
        filters.addWidget(lead_label)
        filters.addWidget(self.lead, 1)
        filters.addSpacing(12)
        filters.addWidget(self.later)
        filters.addStretch(1)
        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("My caseload"), self))
        layout.addWidget(self.problem)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.why)
        layout.addLayout(foot)
        self.lead.currentIndexChanged.connect(self.refresh)
        self.later.toggled.connect(self.refresh)

    def reload(self) -> None:
        """Read the lead professionals again (they change), then the steps."""
        keep = self.lead.currentData()
        leads = self.ops.read(lead_professionals)
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem(_("Everyone's cases"), None)
        for pid, name in leads:
            self.lead.addItem(name, pid)
        self.lead.setCurrentIndex(max(0, self.lead.findData(keep)))
        self.lead.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        today, lead, rules = self.today(), self.lead.currentData(), self.rules
        buckets = tuple(Bucket) if self.later.isChecked() else NEAR
        rows = self.ops.read(lambda s: caseload(s, rules, today, lead_professional_id=lead, buckets=buckets))
        self.model.set_rows(rows, today)
        n = self.model.counts()
        counts = {"overdue": n[Bucket.OVERDUE], "this_week": n[Bucket.THIS_WEEK],
                  "next_week": n[Bucket.NEXT_WEEK], "later": n[Bucket.LATER]}
        cases = len({r.case_id for r in rows})
        if not rows:
            text = _("Nothing is overdue or due in the next two weeks.")
        elif self.later.isChecked():
            text = (_("{overdue} overdue, {this_week} due this week, {next_week} due next week, "
                      "{later} later, in 1 case.", **counts) if cases == 1 else
                    _("{overdue} overdue, {this_week} due this week, {next_week} due next week, "
                      "{later} later, in {cases} cases.", cases=cases, **counts))
        else:
            text = (_("{overdue} overdue, {this_week} due this week, {next_week} due next week, "
                      "in 1 case.", **counts) if cases == 1 else
                    _("{overdue} overdue, {this_week} due this week, {next_week} due next week, "
                      "in {cases} cases.", cases=cases, **counts))
        self.summary.setText(text)
        if rows:
            self.table.selectRow(0)
        self._show_why(self.table.currentIndex().row() if rows else -1)
        self.open_button.setEnabled(bool(rows))

    def _show_why(self, row: int) -> None:
        item = self.model.item(row)
        self.why.setText(_("{step} ({family}): {reason}", step=_(item.deadline.title),
                           family=item.family_name, reason=_(item.deadline.reason)) if item else "")

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_selected(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self._open_row(idx.row())

    def _open_row(self, row: int) -> None:
        target = self.model.target(row)
        if target is not None:
            self.open_requested.emit(*target)
