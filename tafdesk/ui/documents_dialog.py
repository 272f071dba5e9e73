"""Documents of a case: print one through the system print dialog or save it as PDF, and the
case's document ledger (what was given to whom, when and how), where "how it was given" is set.

Every copy printed or saved is recorded in the ledger (``documents/produce``) once it has
actually been printed or written, never before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..documents.produce import kind_of_ledger_type, record_produced, render_document, takes
from ..documents.registry import DocumentKind, RenderOptions, document_kinds
from ..i18n.catalog import available_languages
from ..i18n.ui import N_, _
from ..models import vocab as v
from ..models.errors import TafdeskError
from ..models.services import ledger
from .ops import CaseOps
from .printing import PrintFailed, ask_and_print, print_pdf

Index = QModelIndex | QPersistentModelIndex
HEADERS = (N_("Document"), N_("Version"), N_("Language"), N_("For"), N_("Produced"), N_("How it was given"),
           N_("Given"))
METHODS = [v.IssueMethod.NOT_GIVEN, v.IssueMethod.IN_PERSON, v.IssueMethod.POST, v.IssueMethod.EMAIL,
           v.IssueMethod.SECURE_EMAIL, v.IssueMethod.SHOWN_AT_MEETING]


def language_names(code: str) -> tuple[str, str]:
    """(its own name, its English name); the code itself when tafdesk has no name for it."""
    from ..i18n.scripts import FAMILY_LANGUAGES

    lang = next((x for x in FAMILY_LANGUAGES if x.code == code), None)
    return (lang.native, lang.english) if lang else (code, code)


def _when(at: Any) -> str:
    return at.astimezone().strftime("%d %b %Y %H:%M") if at else ""


class LedgerModel(QAbstractTableModel):
    """The case's ledger rows, newest first (read in one short session on ``reload``)."""

    def __init__(self, ops: CaseOps, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.case_id = ops, case_id
        self.rows: list[ledger.LedgerRow] = []
        kinds = document_kinds()
        self._titles = {k: kind.title for k, kind in kinds.items()}

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.ops.read(lambda s: ledger.ledger_of(s, self.case_id))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def title(self, r: ledger.LedgerRow) -> str:
        key, family = kind_of_ledger_type(r.doc_type)
        title = self._titles.get(key, key)
        return _("{document} (family copy)", document=title) if family else title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            col = index.column()
            if col == 0:
                fmt = _(ledger.FORMAT_LABELS.get(r.format, r.format))
                return _("{document}: {format}", document=self.title(r), format=fmt)
            return [None, r.doc_version, language_names(r.language)[1], r.for_whom or _("Not recorded"),
                    _when(r.issued_at), _(ledger.METHOD_LABELS.get(r.method, r.method)), _when(r.given_at)][col]
        return None


class DocumentsDialog(QDialog):
    """Choose a document and its options, print or save it; below, the ledger of the case."""

    def __init__(self, ops: CaseOps, case_id: str, parent: QWidget | None = None, *,
                 ask_path: Callable[[str], Path | None] | None = None) -> None:
        super().__init__(parent)
        self.ops, self.case_id = ops, case_id
        self._ask_path = ask_path or self._choose_path
        self.setWindowTitle(_("Documents and printing"))
        self.setAccessibleName(_("Documents and printing"))
        self.kinds: list[DocumentKind] = list(document_kinds().values())
        self._preferred: dict[str, str] = {}  # person id -> their preferred language
        people, meetings = ops.read(self._facts)

        choose = QGroupBox(_("Produce a document"), self)
        form = QFormLayout(choose)
        self.kind = QComboBox(choose)
        for kind in self.kinds:
            label = kind.title if kind.audience != "professional" else _("{document} (for professionals)",
                                                                          document=kind.title)
            self.kind.addItem(label, kind.key)
        self.language = QComboBox(choose)
        for code in available_languages():
            native, english = language_names(code)
            self.language.addItem(english if native == english else f"{english} \u2013 {native}", code)
        self.bilingual = QCheckBox(_("&Bilingual: English beside the family's language"), choose)
        self.child = QComboBox(choose)
        for pid, name, is_child in people:
            if is_child:
                self.child.addItem(name, pid)
        self.meeting = QComboBox(choose)
        self.meeting.addItem(_("The latest"), None)
        for number, when in meetings:
            self.meeting.addItem(_("Meeting {number}, {date}", number=number, date=when), number)
        self.family_copy = QCheckBox(_("&Family copy: leave out what may not be shared with the family"), choose)
        self.large_print = QCheckBox(_("&Large print"), choose)
        self.for_person = QComboBox(choose)
        self.for_person.addItem(_("Nobody in particular"), None)
        for pid, name, _child in people:
            self.for_person.addItem(name, pid)
        self.recipient = QLineEdit(choose)
        self.recipient.setMaxLength(200)
        self.recipient.setPlaceholderText(_("e.g. School nurse"))
        self.method = QComboBox(choose)
        for m in METHODS:
            self.method.addItem(_(ledger.METHOD_LABELS[m]), str(m))
        rows: list[tuple[str, QWidget]] = [
            (_("&Document:"), self.kind), (_("Lan&guage:"), self.language), ("", self.bilingual),
            (_("C&hild:"), self.child), (_("&Meeting:"), self.meeting), ("", self.family_copy),
            ("", self.large_print), (_("For &whom:"), self.for_person), (_("Or someone &else:"), self.recipient),
            (_("How it will be gi&ven:"), self.method)]
        self._labels: dict[QWidget, QLabel] = {}
        for text, widget in rows:
            if text:
                label = QLabel(text, choose)
                label.setBuddy(widget)
                self._labels[widget] = label
                form.addRow(label, widget)
                widget.setAccessibleName(label.text().replace("&", "").rstrip(":"))
            else:
                form.addRow(widget)
                widget.setAccessibleName(widget.text().replace("&", ""))
        self.print_button = QPushButton(_("&Print\u2026"), choose)
        self.save_button = QPushButton(_("&Save as PDF\u2026"), choose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.status = QLabel(choose)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("What happened"))
        form.addRow(self.status)

        given = QGroupBox(_("Documents produced for this case"), self)
        box = QVBoxLayout(given)
        self.model = LedgerModel(ops, case_id, self)
        self.table = QTableView(given)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setAccessibleName(_("Document ledger"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # whole words; scrolls sideways
        header.setStretchLastSection(True)
        table_label = QLabel(_("Ledger (&newest first):"), given)
        table_label.setBuddy(self.table)
        self.set_method = QComboBox(given)
        for m in METHODS:
            self.set_method.addItem(_(ledger.METHOD_LABELS[m]), str(m))
        method_label = QLabel(_("Set h&ow the chosen document was given:"), given)
        method_label.setBuddy(self.set_method)
        self.set_method.setAccessibleName(_("How the chosen document was given"))
        self.apply_method = QPushButton(_("Se&t"), given)
        self.apply_method.setAccessibleName(_("Set how the chosen document was given"))
        row = QHBoxLayout()
        row.addWidget(method_label)
        row.addWidget(self.set_method, 1)
        row.addWidget(self.apply_method)
        box.addWidget(table_label)
        box.addWidget(self.table, 1)
        box.addLayout(row)
        close = QPushButton(_("&Close"), self)
        close.clicked.connect(self.accept)
        outer = QVBoxLayout(self)
        outer.addWidget(choose)
        outer.addWidget(given, 1)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(close)
        outer.addLayout(end)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.print_button.clicked.connect(lambda: self.print_document())
        self.for_person.currentIndexChanged.connect(self._person_chosen)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.apply_method.clicked.connect(self.set_given)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.reload()
        self._kind_changed()
        em, line = self.fontMetrics().horizontalAdvance("m"), self.fontMetrics().height()
        width, height = em * 110, line * 42
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # large fonts: never bigger than the screen
            width, height = min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9))
        self.resize(width, height)
        self.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    # Reading.
    def _facts(self, s: Session) -> tuple[list[tuple[str, str, bool]], list[tuple[int, str]]]:
        from sqlalchemy import select

        from ..models.orm import Person
        from ..models.services.meetings import meetings_of

        rows = s.scalars(select(Person).where(Person.case_id == self.case_id).order_by(Person.kind, Person.given_name))
        people = []
        for p in rows:
            people.append((p.id, p.display_name, p.kind == v.PersonKind.CHILD))
            self._preferred[p.id] = p.preferred_language or p.first_language or "en"
        meetings = [(n, m.starts_at.strftime("%d %b %Y")) for n, m in enumerate(meetings_of(s, self.case_id), 1)]
        return people, meetings

    def _person_chosen(self) -> None:
        """A document for someone starts in their preferred language (and, for a child's own
        document, for that child); the user can still change both."""
        pid = self.for_person.currentData()
        if pid is None:
            return
        at = self.language.findData(self._preferred.get(pid, "en"))
        if at >= 0:
            self.language.setCurrentIndex(at)
        at = self.child.findData(pid)
        if at >= 0:
            self.child.setCurrentIndex(at)

    @property
    def current_kind(self) -> DocumentKind:
        return self.kinds[max(0, self.kind.currentIndex())]

    def _kind_changed(self) -> None:
        kind = self.current_kind
        for option, widget in (("language", self.language), ("bilingual", self.bilingual),
                               ("child_id", self.child), ("meeting_number", self.meeting),
                               ("family_copy", self.family_copy), ("large_print", self.large_print)):
            on = takes(kind, option) and (option != "child_id" or self.child.count() > 0)
            widget.setEnabled(on)
            widget.setVisible(on)
            if widget in self._labels:
                self._labels[widget].setVisible(on)
        # A record with a professionals' version is offered as the family's copy first: this
        # dialog is where documents for the family are made.
        self.family_copy.setChecked(kind.audience == "both")

    def options(self) -> RenderOptions:
        kind = self.current_kind
        chosen: dict[str, Any] = {
            "language": self.language.currentData() or "en", "bilingual": self.bilingual.isChecked(),
            "child_id": self.child.currentData(), "meeting_number": self.meeting.currentData(),
            "family_copy": self.family_copy.isChecked(), "large_print": self.large_print.isChecked(),
        }
        return RenderOptions(**{k: val for k, val in chosen.items() if takes(kind, k) and val not in (None, False)})

    # Producing.
    def _render(self) -> bytes | None:
        kind, options = self.current_kind, self.options()
        try:
            return self.ops.read(lambda s: render_document(s, self.case_id, kind, options))
        except TafdeskError as exc:
            self._say(_("The document could not be made: {problem}", problem=str(exc)))
            return None

    def _record(self, pdf: bytes, fmt: str) -> bool:
        kind, options = self.current_kind, self.options()
        data = {"method": self.method.currentData(), "for_person_id": self.for_person.currentData(),
                "recipient": self.recipient.text().strip()}
        try:
            with self.ops.db.session() as s:
                if self.ops.viewer is not None:
                    from ..models.case_access import check_change

                    check_change(s, self.ops.viewer, self.case_id)
                record_produced(s, self.case_id, kind, options, pdf, user=self.ops.user, format=fmt, **data)
        except TafdeskError as exc:
            self._say(_("It was produced, but could not be recorded in the ledger: {problem}", problem=str(exc)))
            return False
        self.model.reload()
        self.ops.changed.emit(self.case_id, {"documents"})
        return True

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Print through the system dialog (or on ``printer`` as given, without asking)."""
        pdf = self._render()
        if pdf is None:
            return False
        title = self.kind.currentText()
        try:
            pages = ask_and_print(pdf, self, title) if printer is None else print_pdf(pdf, printer)
        except PrintFailed as exc:
            self._say(str(exc))
            return False
        if pages is None:
            self._say(_("Printing was cancelled; nothing was recorded."))
            return False
        if self._record(pdf, v.DocumentFormat.PRINT):
            self._say(_("{document}: {pages} pages sent to the printer and recorded in the ledger.",
                        document=title, pages=pages))
        return True

    def _choose_path(self, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the document as PDF"),
                                                    str(Path.home() / suggested), _("PDF (*.pdf)"))
        return Path(path) if path else None

    def save_pdf(self, path: Path | None = None) -> bool:
        kind, options = self.current_kind, self.options()
        suffix = "-family-copy" if options.family_copy else ""
        suffix += "-large-print" if options.large_print else ""
        lang = f"-{options.language}" if options.language != "en" else ""
        target = path or self._ask_path(f"{kind.key}{lang}{suffix}.pdf")
        if target is None:
            return False
        pdf = self._render()
        if pdf is None:
            return False
        from ..cli import _write_private

        try:
            _write_private(target, pdf)
        except OSError as exc:
            self._say(_("The PDF could not be saved: {problem}.", problem=exc.strerror or str(exc)))
            return False
        if self._record(pdf, v.DocumentFormat.PDF):
            self._say(_("Saved {file} and recorded it in the ledger.", file=target.name))
        return True

    # The ledger.
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            method = self.model.rows[current.row()].method
            self.set_method.setCurrentIndex(max(0, self.set_method.findData(method)))

    def set_given(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            self._say(_("Choose a document in the ledger first."))
            return False
        row = self.model.rows[index.row()]
        method = self.set_method.currentData()
        try:
            with self.ops.db.session() as s:
                if self.ops.viewer is not None:
                    from ..models.case_access import check_change

                    check_change(s, self.ops.viewer, self.case_id)
                ledger.set_method(s, row.id, method, user=self.ops.user)
        except TafdeskError as exc:
            self._say(str(exc))
            return False
        self.model.reload()
        self.table.selectRow(index.row())
        self.ops.changed.emit(self.case_id, {"documents"})
        self._say(_("Recorded: {how}.", how=self.set_method.currentText()))
        return True

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.ops.message.emit(text)
