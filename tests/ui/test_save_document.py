"""Every editor's "Save as PDF" goes through one path: the file is private and the ledger lists it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tafdesk.documents.registry import RenderOptions
from tafdesk.models.services import ledger
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.produce_ui import save_document

pytestmark = pytest.mark.gui


def rows(db: Database, case_id: str) -> list[ledger.LedgerRow]:
    with db.session() as s:
        return ledger.ledger_of(s, case_id)


def test_a_saved_pdf_is_private_and_in_the_ledger(workspace_window: MainWindow, demo_db: Database,
                                                  demo_case_id: str, tmp_path: Path) -> None:
    ops = workspace_window.ops
    before = len(rows(demo_db, demo_case_id))
    target = tmp_path / "assessment-family.pdf"
    assert save_document(ops, demo_case_id, "assessment", RenderOptions(family_copy=True), target) is None
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    after = rows(demo_db, demo_case_id)
    assert len(after) == before + 1
    assert after[0].doc_type == "assessment:family-copy" and after[0].sha256 == ledger.fingerprint(target.read_bytes())


def test_a_failure_says_why_and_records_nothing(workspace_window: MainWindow, demo_db: Database,
                                                demo_case_id: str, tmp_path: Path) -> None:
    ops = workspace_window.ops
    before = len(rows(demo_db, demo_case_id))
    problem = save_document(ops, demo_case_id, "plan", RenderOptions(), tmp_path / "no-such-folder" / "plan.pdf")
    assert problem is not None and problem.startswith("The PDF could not be saved")
    problem = save_document(ops, demo_case_id, "no-such-document", RenderOptions(), tmp_path / "x.pdf")
    assert problem is not None and "no document called" in problem
    assert len(rows(demo_db, demo_case_id)) == before


def test_the_meeting_papers_are_private_and_their_pdfs_in_the_ledger(
        workspace_window: MainWindow, demo_db: Database, demo_case_id: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tafdesk.ui.meetings_editor import MeetingsEditor

    ws = workspace_window.workspace
    ws.show_section("meetings")
    editor = ws.current_editor()
    assert isinstance(editor, MeetingsEditor)
    editor.list.setCurrentRow(1)  # the review meeting
    papers = tmp_path / "papers"
    papers.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(papers))
    editor.save_papers()
    written = sorted(papers.iterdir())
    assert len(written) == 5 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    recorded = {(r.doc_type, r.doc_version) for r in rows(demo_db, demo_case_id)}
    assert {("minutes", "meeting 2 2026-11-19"), ("minutes:family-copy", "meeting 2 2026-11-19"),
            ("plan", "v2 agreed 2026-11-19")} <= recorded
