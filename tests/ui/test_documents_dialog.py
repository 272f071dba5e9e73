"""The Documents dialog: printing through the print dialog (to a PDF file here), saving, large
print, and the document ledger, by keyboard."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

import tafdesk.ui.documents_dialog as dd
from tafdesk.models.services.ledger import fingerprint, ledger_of
from tafdesk.models.storage import Database
from tafdesk.ui.documents_dialog import DocumentsDialog, LedgerModel
from tafdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture
def dialog(qtbot: Any, workspace_window: MainWindow, demo_case_id: str, monkeypatch: pytest.MonkeyPatch,
           tmp_path: Path) -> DocumentsDialog:
    """Opened with Ctrl+P from the case, as a user would (exec kept from blocking the test)."""
    opened: list[DocumentsDialog] = []
    monkeypatch.setattr(DocumentsDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(workspace_window.workspace.nav, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    dlg = opened[0]
    qtbot.addWidget(dlg)
    dlg._ask_path = lambda name: tmp_path / name
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)  # mnemonics need the active window
    return dlg


def _choose(combo: QComboBox, data: Any) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_print_and_save_are_recorded_in_the_ledger(qtbot: Any, dialog: DocumentsDialog, demo_db: Database,
                                                   demo_case_id: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert dialog.model.rowCount() == 0
    _choose(dialog.kind, "plan")
    _choose(dialog.language, "pl")
    dialog.for_person.setCurrentIndex(dialog.for_person.findText("Agnieszka Nowak"))
    _choose(dialog.method, "in_person")
    printed = tmp_path / "printed.pdf"
    seen: list[bytes] = []

    def system_dialog(pdf: bytes, parent: Any, title: str) -> int:  # the user presses Print in it
        seen.append(pdf)
        return dd.print_pdf(pdf, _pdf_printer(printed))

    monkeypatch.setattr(dd, "ask_and_print", system_dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Print...
    qtbot.waitUntil(lambda: "ledger" in dialog.status.text())  # a mnemonic clicks after a short animation
    assert printed.exists() and _pages(printed) >= 2, dialog.status.text()
    assert "recorded in the ledger" in dialog.status.text()

    _choose(dialog.kind, "feedback-form")
    dialog.large_print.setChecked(True)
    _choose(dialog.method, "not_given")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Save as PDF...
    qtbot.waitUntil(lambda: "Saved" in dialog.status.text() or "not" in dialog.status.text())
    [saved] = tmp_path.glob("feedback-form*-large-print.pdf")  # (in the family's language if it has one)
    assert saved.exists()

    with demo_db.session() as s:
        rows = ledger_of(s, demo_case_id)
    assert [(r.doc_type, r.format, r.method) for r in rows] == [
        ("feedback-form", "pdf", "not_given"), ("plan", "print", "in_person")]
    assert rows[1].language == "pl" and rows[1].for_whom == "Agnieszka Nowak"
    assert rows[1].sha256 == fingerprint(seen[0]) and rows[0].sha256 == fingerprint(saved.read_bytes())
    assert dialog.model.rowCount() == 2
    assert "Family plan" in dialog.model.index(1, 0).data() and "Printed" in dialog.model.index(1, 0).data()


def test_how_it_was_given_is_set_later_by_keyboard(qtbot: Any, dialog: DocumentsDialog, demo_db: Database,
                                                   demo_case_id: str, tmp_path: Path) -> None:
    _choose(dialog.kind, "minutes")
    assert dialog.family_copy.isChecked()  # offered as the family's copy first
    assert dialog.save_pdf(tmp_path / "minutes.pdf")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Home)
    assert dialog.table.currentIndex().row() == 0
    _choose(dialog.set_method, "post")
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Se&t
    qtbot.waitUntil(lambda: "Recorded" in dialog.status.text())
    with demo_db.session() as s:
        [row] = ledger_of(s, demo_case_id)
    assert (row.doc_type, row.method) == ("minutes:family-copy", "post") and row.given_at is not None
    assert dialog.model.index(0, 5).data() == "Posted"


def test_printing_to_a_printer_prints_every_page_and_large_print_needs_more(
        dialog: DocumentsDialog, tmp_path: Path) -> None:
    _choose(dialog.kind, "assessment")
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    assert dialog.print_document(_pdf_printer(normal))
    dialog.large_print.setChecked(True)
    assert dialog.print_document(_pdf_printer(large))
    assert _pages(large) > _pages(normal) >= 3
    assert dialog.model.rowCount() == 2


def test_cancel_and_failures_record_nothing_and_say_why(dialog: DocumentsDialog, demo_db: Database,
                                                        demo_case_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _choose(dialog.kind, "plan")
    monkeypatch.setattr(dd, "ask_and_print", lambda pdf, parent, title: None)
    assert not dialog.print_document()
    assert "cancelled" in dialog.status.text()
    _choose(dialog.kind, "closure-letter")  # the case has not ended: there is no letter to make
    assert not dialog.save_pdf(Path("/nonexistent-folder/x.pdf"))
    assert dialog.status.text().startswith("The document could not be made: ")
    dialog.recipient.setText("x" * 200)
    _choose(dialog.kind, "plan")
    assert not dialog.save_pdf(Path("/nonexistent-folder/plan.pdf"))
    assert "could not be saved" in dialog.status.text()
    with demo_db.session() as s:
        assert ledger_of(s, demo_case_id) == []


def test_every_control_is_named_and_reachable(dialog: DocumentsDialog) -> None:
    for widget in [*dialog.findChildren(QComboBox), *dialog.findChildren(QCheckBox), *dialog.findChildren(QLineEdit)]:
        assert widget.accessibleName(), widget
    assert dialog.table.accessibleName() == "Document ledger"
    _choose(dialog.kind, "plan")
    assert dialog.language.isVisibleTo(dialog) and not dialog.family_copy.isVisibleTo(dialog)
    _choose(dialog.kind, "closure-summary")
    assert "(for professionals)" in dialog.kind.currentText()
    assert not dialog.language.isVisibleTo(dialog) and dialog.large_print.isVisibleTo(dialog)


def test_ledger_model_is_a_well_behaved_model(qtmodeltester: Any, demo_db: Database, demo_case_id: str,
                                              workspace_window: MainWindow) -> None:
    from tafdesk.models.services.ledger import record_issue

    with demo_db.session() as s:
        record_issue(s, demo_case_id, {"doc_type": "plan", "method": "post"}, user="t")
        record_issue(s, demo_case_id, {"doc_type": "assessment:family-copy", "recipient": "Health visitor"}, user="t")
    model = LedgerModel(workspace_window.ops, demo_case_id)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_a_document_for_someone_starts_in_their_language(dialog: DocumentsDialog) -> None:
    names = [dialog.for_person.itemText(i) for i in range(dialog.for_person.count())]
    _choose(dialog.kind, "child-plan")
    dialog.for_person.setCurrentIndex(next(i for i, n in enumerate(names) if n.startswith("Agnieszka")))
    assert dialog.language.currentData() == "pl"  # her preferred language
    dialog.for_person.setCurrentIndex(next(i for i, n in enumerate(names) if n.startswith("Dean")))
    assert dialog.language.currentData() == "en"
    leo = next(i for i, n in enumerate(names) if n.startswith("Leo"))
    dialog.for_person.setCurrentIndex(leo)
    assert dialog.child.currentData() == dialog.for_person.currentData()  # his own My plan
