"""Someone else saved the record being edited: show both versions and let the user choose.

Shown inside the editor (not a pop-up, so typing elsewhere is not interrupted): one row per
field where the user's copy and the saved one differ, each with a choice of keeping theirs or
taking the other person's. Fields only the other person changed start on their value, fields
only this user changed start on this user's; fields both changed are marked. Nothing is saved
until the user picks "Keep all of mine", "Take all of theirs" or "Save the merged record".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n.ui import _
from .forms import Raw, RecordForm
from .widgets import scaled_font

MINE, THEIRS = "mine", "theirs"
MAX_SHOWN = 300  # characters of a long text shown per side


class ConflictPanel(QFrame):
    """The fields that differ, mine beside theirs, a choice per field, and three ways out."""

    resolved = Signal(object)  # the raw values to save (to show in the form, then save)

    def __init__(self, form: RecordForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Conflicting changes"))
        self.mine: Raw = {}
        self.theirs: Raw = {}
        self.choices: dict[str, QComboBox] = {}
        lay = QVBoxLayout(self)
        self.heading = QLabel(_("Someone else saved this record while you were changing it"), self)
        self.heading.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.heading.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                            | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows_host = QWidget(self)
        self.rows = QVBoxLayout(self.rows_host)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.keep_mine = QPushButton(_("Keep all of &mine"), self)
        self.keep_mine.setAccessibleName(_("Keep all of my version"))
        self.take_theirs = QPushButton(_("Take all of &theirs"), self)
        self.take_theirs.setAccessibleName(_("Take all of their version"))
        self.merge = QPushButton(_("Save the mer&ged record"), self)
        self.merge.setAccessibleName(_("Save the merged record, field by field as chosen"))
        self.keep_mine.clicked.connect(lambda: self.resolved.emit(dict(self.mine)))
        self.take_theirs.clicked.connect(lambda: self.resolved.emit(dict(self.theirs)))
        self.merge.clicked.connect(lambda: self.resolved.emit(self.merged()))
        buttons = QVBoxLayout()  # one under the other: fits a narrow editor and a large font
        for b in (self.merge, self.keep_mine, self.take_theirs):
            row = QHBoxLayout()
            row.addWidget(b)
            row.addStretch(1)
            buttons.addLayout(row)
        lay.addWidget(self.heading)
        lay.addWidget(self.detail)
        lay.addWidget(self.rows_host)
        lay.addLayout(buttons)
        lay.addStretch(1)

    def differing(self) -> list[str]:
        return list(self.choices)

    def show_conflict(self, message: str, mine: Raw, theirs: Raw, base: Raw) -> None:
        self.mine, self.theirs = dict(mine), dict(theirs)
        self._clear()
        self.detail.setText(_("{problem} Choose, for each field below, which value to keep.", problem=message))
        for name, field in self.form.fields.items():
            if _same(mine.get(name), theirs.get(name)):
                continue
            both = not _same(mine.get(name), base.get(name)) and not _same(theirs.get(name), base.get(name))
            label = _(field.label)
            box = QGroupBox(_("{field} (changed by both of you)", field=label) if both else label,
                            self.rows_host)
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            yours = self._value(name, mine.get(name), box)
            other = self._value(name, theirs.get(name), box)
            combo = QComboBox(box)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            keep_yours, take_theirs = _("Keep yours"), _("Take theirs")
            combo.setMinimumContentsLength(max(len(keep_yours), len(take_theirs)))
            combo.addItem(keep_yours, MINE)
            combo.addItem(take_theirs, THEIRS)
            combo.setAccessibleName(_("{field}: keep yours ({yours}) or take theirs ({theirs})",
                                      field=label, yours=yours.text(), theirs=other.text()))
            only_theirs = _same(mine.get(name), base.get(name))
            combo.setCurrentIndex(1 if only_theirs else 0)
            form.addRow(_("Yours:"), yours)
            form.addRow(_("Theirs (saved):"), other)
            keep = QLabel(_("&Keep:"), box)
            keep.setBuddy(combo)
            form.addRow(keep, combo)
            self.choices[name] = combo
            self.rows.addWidget(box)
        self.show()

    def merged(self) -> Raw:
        out = dict(self.mine)
        for name, combo in self.choices.items():
            if combo.currentData() == THEIRS:
                out[name] = self.theirs.get(name)
        return out

    def choose(self, name: str, which: str) -> None:
        combo = self.choices[name]
        combo.setCurrentIndex(combo.findData(which))

    def first_control(self) -> QWidget:
        return next(iter(self.choices.values()), self.merge)

    def _value(self, name: str, value: Any, parent: QWidget) -> QLabel:
        text = _shown(self.form, name, value)
        lbl = QLabel(text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…", parent)
        lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lbl.setWordWrap(True)
        lbl.setToolTip(text if len(text) > MAX_SHOWN else "")
        return lbl

    def _clear(self) -> None:
        self.choices = {}
        while self.rows.count():
            item = self.rows.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.deleteLater()


def _same(a: Any, b: Any) -> bool:
    def norm(v: Any) -> Any:
        if v is None:
            return ""
        if isinstance(v, str):
            return v.strip()
        if isinstance(v, list):
            return sorted(str(x) for x in v)
        return v
    return bool(norm(a) == norm(b))


def _shown(form: RecordForm, name: str, value: Any) -> str:
    """A raw value as the form would show it: the label of a choice, Yes/No for a tick."""
    field = form.fields[name]
    if field.kind == "check":
        return _("Yes") if value else _("No")
    widget = form.widget(name)
    if field.kind == "choice" and isinstance(widget, QComboBox):
        i = widget.findData(value)
        return widget.itemText(i) if i >= 0 else str(value or _("(none)"))
    if field.kind == "multi":
        labels = dict(field.choices)
        return ", ".join(_(labels[v]) if v in labels else str(v) for v in value or []) or _("(none)")
    text = str(value or "").strip()
    return text if text else _("(empty)")
