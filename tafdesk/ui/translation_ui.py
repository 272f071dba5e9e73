"""Translating a family's documents from the app: a document's free text out to a translator as
an XLIFF file, and the translator's file back in.

Both dialogs call the same functions as ``tafdesk xliff export|import``
(``documents/translation_exchange``), with the signed-in user's access checked there: exporting
needs the case to be readable, importing needs the user to be able to change it. What comes back
is said in words: how many translations were stored, how many units were skipped and why. A
refused file is one sentence, and everything typed in the dialog stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..documents.registry import DocumentKind
from ..documents.translation_exchange import (
    ImportReport,
    export_xliff,
    import_xliff,
    translatable_kinds,
)
from ..i18n.catalog import available_languages
from ..i18n.scripts import FAMILY_LANGUAGES
from ..i18n.ui import N_, _
from ..models.errors import TafdeskError
from .ops import CaseOps

AskPath = Callable[[str], Path | None]
XLIFF_FILTER = N_("XLIFF translation files (*.xlf *.xliff)")
EXPORT_TITLE = N_("Export for translation")
IMPORT_TITLE = N_("Import translation")


def language_label(code: str) -> str:
    """"Polish – Polski": the English name and the language's own name."""
    lang = next((x for x in FAMILY_LANGUAGES if x.code == code), None)
    if lang is None:
        return code
    return lang.english if lang.native == lang.english else f"{lang.english} \u2013 {lang.native}"


def _form_row(form: QFormLayout, text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    form.addRow(label, widget)
    return label


def _status(parent: QWidget) -> QLabel:
    status = QLabel(parent)
    status.setWordWrap(True)
    status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                   | Qt.TextInteractionFlag.TextSelectableByMouse)
    status.setAccessibleName(_("What happened"))
    status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
    return status


def _size(dialog: QDialog, ems: int, lines: int) -> None:
    """A size from the font in use (large fonts make a larger dialog), never bigger than the screen."""
    em, line = dialog.fontMetrics().horizontalAdvance("m"), dialog.fontMetrics().height()
    width, height = em * ems, line * lines
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        width, height = min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9))
    dialog.resize(width, height)


class ExportDialog(QDialog):
    """Choose a document with free text, the family's language and, where it matters, the meeting
    or the child; save its free text as an XLIFF file for the translator."""

    def __init__(self, ops: CaseOps, case_id: str, parent: QWidget | None = None, *,
                 ask_path: AskPath | None = None) -> None:
        super().__init__(parent)
        self.ops, self.case_id = ops, case_id
        self._ask_path = ask_path or self._choose_path
        self.setWindowTitle(_(EXPORT_TITLE))
        self.setAccessibleName(_(EXPORT_TITLE))
        self.kinds: list[DocumentKind] = translatable_kinds()
        self.reference, meetings, children = ops.read(self._facts)

        intro = QLabel(_("What the professionals wrote (goals, actions, what was said) is translated by a "
                         "person. This saves the free text of one document as a file for a translation tool; "
                         "the family's copy shows each translation once you import the translator's file. "
                         "The file holds the family's details: keep it safe and delete it when done."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.kind = QComboBox(self)
        for kind in self.kinds:
            self.kind.addItem(kind.title, kind.key)
        self.language = QComboBox(self)
        for code in available_languages():
            if code != "en":
                self.language.addItem(language_label(code), code)
        self.meeting = QComboBox(self)
        self.meetings = meetings
        self.child = QComboBox(self)
        self.child.addItem(_("Every child"), None)
        for child_id, name in children:
            self.child.addItem(name, child_id)
        _form_row(form, _("&Document:"), self.kind, self)
        _form_row(form, _("Lan&guage:"), self.language, self)
        self._meeting_label = _form_row(form, _("&Meeting:"), self.meeting, self)
        self._child_label = _form_row(form, _("C&hild:"), self.child, self)
        self.export_button = QPushButton(_("&Export\u2026"), self)
        self.export_button.setDefault(True)
        self.status = _status(self)
        close = QPushButton(_("&Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(form)
        outer.addWidget(self.status)
        outer.addStretch(1)
        outer.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.export_button.clicked.connect(lambda: self.export())
        close.clicked.connect(self.accept)
        self._kind_changed()
        _size(self, 60, 20)
        self.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def _facts(self, s: Session) -> tuple[str, list[tuple[int, str]], list[tuple[str, str]]]:
        from ..documents.child_plan_data import children_for_menu
        from ..models.services.cases import get_case
        from ..models.services.meetings import meetings_of

        reference = get_case(s, self.case_id, viewer=self.ops.viewer).reference
        meetings = [(n, m.starts_at.strftime("%d %b %Y")) for n, m in enumerate(meetings_of(s, self.case_id), 1)]
        return reference, meetings, children_for_menu(s, self.case_id)

    @property
    def current_kind(self) -> DocumentKind:
        return self.kinds[max(0, self.kind.currentIndex())]

    def _kind_changed(self) -> None:
        kind = self.current_kind
        self.meeting.clear()
        if kind.key == "plan":
            self.meeting.addItem(_("The current plan"), None)
            for number, when in self.meetings:
                self.meeting.addItem(_("As agreed at meeting {number}, {date}", number=number, date=when), number)
        else:  # minutes: a fixed meeting, so that the translator's file comes back to the same one
            for number, when in self.meetings:
                self.meeting.addItem(_("Meeting {number}, {date}", number=number, date=when), number)
            self.meeting.setCurrentIndex(self.meeting.count() - 1)
        for option, widget, label in (("meeting_number", self.meeting, self._meeting_label),
                                      ("child_id", self.child, self._child_label)):
            on = option in kind.options and widget.count() > 0
            widget.setEnabled(on)
            widget.setVisible(on)
            label.setVisible(on)

    def _choose_path(self, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the file for the translator"),
                                                    str(Path.home() / suggested), _(XLIFF_FILTER))
        return Path(path) if path else None

    def export(self) -> Path | None:
        """Ask where, write the file (readable by the user only); None when nothing was written."""
        from ..cli import _write_private

        kind, lang = self.current_kind, self.language.currentData()
        meeting = self.meeting.currentData() if self.meeting.isEnabled() else None
        child = self.child.currentData() if self.child.isEnabled() else None
        tail = f"-meeting-{meeting}" if meeting is not None else ""
        path = self._ask_path(f"{self.reference}-{kind.key}{tail}-{lang}.xlf")
        if path is None:
            return None
        try:
            with self.ops.db.session() as s:
                raw, segments = export_xliff(s, self.case_id, kind.key, lang, user=self.ops.user, child_id=child,
                                             meeting_number=meeting, viewer=self.ops.viewer)
                _write_private(path, raw)  # inside the session: no file, no record of an export
        except TafdeskError as exc:
            self.status.setText(_("Nothing was exported: {problem}", problem=str(exc)))
            return None
        except OSError as exc:
            self.status.setText(_("The file could not be written: {problem}.",
                                  problem=exc.strerror or type(exc).__name__))
            return None
        done = sum(1 for x in segments if x.translation is not None)
        self.status.setText(_("{count} pieces of text ({done} already translated) saved in {file}. Send it to "
                              "the translator; when it comes back, use Import translation.",
                              count=len(segments), done=done, file=path.name))
        self.ops.message.emit(_("Saved {file} for the translator.", file=path.name))
        return path


class ImportDialog(QDialog):
    """Bring a translator's XLIFF file back: the translator's name is required, the date defaults
    to today; the outcome is said in words."""

    def __init__(self, ops: CaseOps, case_id: str, parent: QWidget | None = None, *,
                 ask_path: AskPath | None = None) -> None:
        super().__init__(parent)
        self.ops, self.case_id = ops, case_id
        self._ask_path = ask_path or self._choose_path
        self.report: ImportReport | None = None
        self.setWindowTitle(_(IMPORT_TITLE))
        self.setAccessibleName(_(IMPORT_TITLE))
        intro = QLabel(_("Choose the file the translator sent back. Each translation is checked against the "
                         "English the document has now; the family's copies show it from then on, and the "
                         "case's history records who translated it and when."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(_("The .xlf file from the translator"))
        self.choose = QPushButton(_("C&hoose\u2026"), self)
        self.choose.setAccessibleName(_("Choose the file from the translator"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        file_label = QLabel(_("&File:"), self)
        file_label.setBuddy(self.path)
        self.path.setAccessibleName(_("File"))
        form.addRow(file_label, file_row)
        self.translator = QLineEdit(self)
        self.translator.setMaxLength(200)
        self.translator.setPlaceholderText(_("e.g. Anna Kowalska"))
        _form_row(form, _("&Translated by:"), self.translator, self)
        self.on = QDateEdit(QDate.currentDate(), self)
        self.on.setCalendarPopup(True)
        self.on.setMaximumDate(QDate.currentDate())
        _form_row(form, _("&Date translated:"), self.on, self)
        self.import_button = QPushButton(_("&Import"), self)
        self.import_button.setDefault(True)
        self.status = _status(self)
        close = QPushButton(_("&Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(form)
        outer.addWidget(self.status, 1)
        outer.addLayout(buttons)

        self.choose.clicked.connect(self._choose)
        self.import_button.clicked.connect(lambda: self.run_import())
        close.clicked.connect(self.accept)
        _size(self, 60, 24)
        self.path.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose_path(self, _suggested: str) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Open the translator's file"), str(Path.home()),
                                                    _(XLIFF_FILTER))
        return Path(path) if path else None

    def _choose(self) -> None:
        path = self._ask_path(self.path.text())
        if path is not None:
            self.path.setText(str(path))
            self.translator.setFocus(Qt.FocusReason.OtherFocusReason)

    def run_import(self) -> ImportReport | None:
        """Import the chosen file; on refusal say why in one sentence and keep every field."""
        typed = self.path.text().strip()
        if not typed:
            self.status.setText(_("Choose the file from the translator first."))
            self.path.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        path = Path(typed).expanduser()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.status.setText(_("The file {file} could not be read: {problem}.", file=path.name,
                                  problem=exc.strerror or type(exc).__name__))
            return None
        on: date = self.on.date().toPython()  # type: ignore[assignment]
        try:
            with self.ops.db.session() as s:
                report = import_xliff(s, raw, translator=self.translator.text(), translated_on=on,
                                      user=self.ops.user, viewer=self.ops.viewer, case_id=self.case_id)
        except TafdeskError as exc:
            self.status.setText(_("The file was not imported: {problem}", problem=str(exc)))
            if not self.translator.text().strip():
                self.translator.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self.report = report
        self.status.setText(outcome(report))
        self.ops.message.emit(_("Translations imported from {file}.", file=path.name))
        return report


def outcome(report: ImportReport) -> str:
    """What an import did, in words: what was stored, and every unit skipped with the reason."""
    lines = [_("1 translation stored.") if report.imported == 1 else
             _("{count} translations stored.", count=report.imported)]
    if report.unchanged:
        lines.append(_("1 translation was already stored as it is.") if report.unchanged == 1 else
                     _("{count} translations were already stored as they are.", count=report.unchanged))
    skipped = report.empty + report.same_as_english + len(report.problems)
    if skipped:
        lines.append(_("1 unit skipped:") if skipped == 1 else _("{count} units skipped:", count=skipped))
    if report.empty:
        lines.append("\u2022 " + _("{count} with no translation in the file (still marked as not yet translated "
                                   "in the documents)", count=report.empty))
    if report.same_as_english:
        lines.append("\u2022 " + _("{count} where the translation is the same as the English",
                                   count=report.same_as_english))
    lines += ["\u2022 " + problem for problem in report.problems]
    return "\n".join(lines)


def open_translation(ops: CaseOps, case_id: str, which: str, parent: QWidget | None = None) -> None:
    """Show the export (``which`` "export") or import dialog for the open case."""
    try:
        dialog = ExportDialog(ops, case_id, parent) if which == "export" else ImportDialog(ops, case_id, parent)
    except TafdeskError as exc:  # e.g. the case can no longer be read by this user
        ops.message.emit(str(exc))
        return
    dialog.exec()
