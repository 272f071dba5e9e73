"""A form built from field declarations: labelled, accessible, showing problems next to fields.

The form deals in *raw* values (exactly what is in the widgets: text, a choice, a tick) so that
what the user typed is never replaced when it is refused. ``to_data`` turns raw values into the
service's form data; ``to_raw`` the other way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..i18n.ui import N_, _
from .widgets import problem_colour, scaled_font, set_text_colour

Kind = Literal["text", "multiline", "date", "choice", "check", "multi"]
Raw = dict[str, Any]
DATE_HINT = N_("YYYY-MM-DD")


@dataclass(frozen=True)
class Field:
    """Label, hint, section and choice texts are English, marked N_ where declared; the form
    shows them through _()."""

    name: str
    label: str
    kind: Kind = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label); a form may replace them later
    hint: str = ""
    section: str = ""  # starts a new section with this heading


_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_day(text: str) -> str | None:
    """ISO text for a date typed as 2012-03-14 or 14/03/2012 (UK order); None if it is not one."""
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = pattern.match(text)
        if m:
            parts = [int(g) for g in m.groups()]
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]]).isoformat()
            except ValueError:
                return None
    return None


class RecordForm(QWidget):
    """The fields of one record. Emits ``edited(field)`` when the user changes anything."""

    edited = Signal(str)

    def __init__(self, fields: Iterable[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self._widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Problems with this form"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self.summary, problem_colour(self))
        self.summary.hide()
        outer.addWidget(self.summary)
        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(layout)
        outer.addStretch(1)
        for f in self.fields.values():
            if f.section:
                head = QLabel(_(f.section), self)
                head.setFont(scaled_font(head.font(), 1.1, bold=True))
                layout.addRow(head)
            widget = self._make(f)
            self._widgets[f.name] = widget
            error = QLabel(self)
            error.setWordWrap(True)
            error.setAccessibleName(_("Problem with {label}", label=_(f.label)))
            set_text_colour(error, problem_colour(self))
            error.hide()
            self._errors[f.name] = error
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(error)
            if f.kind == "check":
                layout.addRow("", cell)
            else:
                lbl = QLabel(_("{label}:", label=_(f.label)), self)
                lbl.setBuddy(widget)
                layout.addRow(lbl, cell)

    def _make(self, f: Field) -> QWidget:
        w: QWidget
        if f.kind in ("text", "date"):
            line = QLineEdit(self)
            line.setPlaceholderText(_(f.hint) if f.hint else (_(DATE_HINT) if f.kind == "date" else ""))
            line.textEdited.connect(lambda _t, n=f.name: self._edited(n))
            w = line
        elif f.kind == "multiline":
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setPlaceholderText(_(f.hint) if f.hint else "")
            lines = 3.6
            text.setFixedHeight(int(text.fontMetrics().lineSpacing() * lines + 2 * text.frameWidth() + 8))
            text.textChanged.connect(lambda n=f.name: self._edited(n))
            w = text
        elif f.kind == "choice":
            combo = QComboBox(self)
            self._fill_combo(combo, self._shown_choices(f))
            combo.currentIndexChanged.connect(lambda _i, n=f.name: self._edited(n))
            w = combo
        elif f.kind == "check":
            box = QCheckBox(_(f.label), self)
            box.toggled.connect(lambda _c, n=f.name: self._edited(n))
            w = box
        else:
            lst = QListWidget(self)
            lst.setFixedHeight(lst.fontMetrics().lineSpacing() * 5 + 12)
            lst.itemChanged.connect(lambda _i, n=f.name: self._edited(n))
            self._fill_multi(lst, self._shown_choices(f), [])
            w = lst
        w.setAccessibleName(_(f.label))
        if f.hint:
            w.setToolTip(_(f.hint))
        return w

    @staticmethod
    def _shown_choices(f: Field) -> tuple[tuple[str, str], ...]:
        """The declared choices in the user's language (choices set later are shown as given)."""
        return tuple((value, _(text)) for value, text in f.choices)

    def _edited(self, name: str) -> None:
        if not self._loading:
            self.edited.emit(name)

    # Values.
    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def error_label(self, name: str) -> QLabel:
        return self._errors[name]

    def raw(self) -> Raw:
        out: Raw = {}
        for name, w in self._widgets.items():
            if isinstance(w, QLineEdit):
                out[name] = w.text()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, QComboBox):
                out[name] = w.currentData() if w.currentIndex() >= 0 else ""
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QListWidget):
                out[name] = [
                    w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked
                ]
        return out

    def set_raw(self, raw: Raw) -> None:
        """Show these values without counting it as an edit; leaves equal text alone (no cursor jump)."""
        self._loading = True
        try:
            for name, value in raw.items():
                w = self._widgets.get(name)
                if isinstance(w, QLineEdit):
                    if w.text() != str(value):
                        w.setText(str(value))
                elif isinstance(w, QPlainTextEdit):
                    if w.toPlainText() != str(value):
                        w.setPlainText(str(value))
                elif isinstance(w, QComboBox):
                    i = w.findData(value)
                    if i < 0 and value:  # a stored value no longer offered: show it as it is
                        w.addItem(str(value), value)
                        i = w.count() - 1
                    w.setCurrentIndex(i)
                elif isinstance(w, QCheckBox):
                    w.setChecked(bool(value))
                elif isinstance(w, QListWidget):
                    ticked = set(value or [])
                    for i in range(w.count()):
                        item = w.item(i)
                        on = item.data(Qt.ItemDataRole.UserRole) in ticked
                        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def set_choices(self, name: str, choices: Iterable[tuple[str, str]]) -> None:
        """Replace the choices of a field, keeping what is chosen."""
        w = self._widgets[name]
        keep = self.raw()[name]
        self._loading = True
        try:
            if isinstance(w, QComboBox):
                self._fill_combo(w, tuple(choices))
            elif isinstance(w, QListWidget):
                self._fill_multi(w, tuple(choices), keep)
        finally:
            self._loading = False
        self.set_raw({name: keep})

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: tuple[tuple[str, str], ...]) -> None:
        combo.clear()
        for value, text in choices:
            combo.addItem(text, value)

    @staticmethod
    def _fill_multi(lst: QListWidget, choices: tuple[tuple[str, str], ...], ticked: list[str]) -> None:
        lst.clear()
        for value, text in choices:
            item = QListWidgetItem(text, lst)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked)

    def to_data(self, raw: Raw) -> dict[str, Any]:
        """Form data for the service. Dates typed in UK order are understood; anything that is not
        a date is passed on as typed, so that the service's message explains the problem."""
        data: dict[str, Any] = {}
        for name, value in raw.items():
            kind = self.fields[name].kind if name in self.fields else "text"
            if kind == "date":
                text = str(value).strip()
                data[name] = None if not text else (parse_day(text) or text)
            elif kind == "choice":
                if value not in ("", None):  # nothing chosen: the service says what is missing
                    data[name] = value
            else:
                data[name] = value
        return data

    def to_raw(self, data: dict[str, Any]) -> Raw:
        raw: Raw = {}
        for name, f in self.fields.items():
            value = data.get(name)
            if f.kind == "check":
                raw[name] = bool(value)
            elif f.kind == "multi":
                raw[name] = list(value or [])
            elif isinstance(value, date):
                raw[name] = value.isoformat()
            else:
                raw[name] = "" if value is None else str(value)
        return raw

    # Problems.
    def show_problems(self, problems: dict[str, str], *, only: set[str] | None = None) -> int:
        """Show each problem under its field (and whole-form ones at the top). With ``only``,
        fields the user has not touched yet are not complained about. Returns how many are shown."""
        self.clear_problems()
        shown: list[str] = []
        for key, message in problems.items():
            msg = _(message) if message else ""  # the services' sentences, in the user's language
            name = key.split(".")[0]
            if name in self._errors and (only is None or name in only):
                self._errors[name].setText(msg)
                self._errors[name].show()
                self._widgets[name].setAccessibleDescription(_("Problem: {problem}", problem=msg))
                shown.append(_("{label}: {problem}", label=_(self.fields[name].label), problem=msg))
            elif name not in self._errors:
                shown.append(msg)
        if shown:
            problems_text = " ".join(shown)
            self.summary.setText(
                _("This has not been saved. {problem}", problem=problems_text) if len(shown) == 1
                else _("This has not been saved: {count} problems. {problems}", count=len(shown),
                       problems=problems_text))
            self.summary.show()
        return len(shown)

    def clear_problems(self) -> None:
        self.summary.clear()
        self.summary.hide()
        for name, err in self._errors.items():
            if err.text():
                err.clear()
                err.hide()
                self._widgets[name].setAccessibleDescription("")

    def problem_fields(self) -> list[str]:
        return [n for n, e in self._errors.items() if e.text()]

    def focus_first_problem(self) -> None:
        for name in self.problem_fields():
            self._widgets[name].setFocus(Qt.FocusReason.OtherFocusReason)
            return
