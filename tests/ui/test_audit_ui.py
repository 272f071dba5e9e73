"""What the app writes to the audit log when a case is opened or a PDF is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tafdesk.models.services import audit
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow

from .test_genogram_editor import open_panel

pytestmark = pytest.mark.gui


def newest(db: Database, case_id: str, n: int = 1) -> list[audit.EventRow]:
    with db.session() as s:
        return audit.list_events(s, case_id, limit=n)


def test_opening_a_case_and_saving_a_diagram_are_recorded(workspace_window: MainWindow, demo_db: Database,
                                                         demo_case_id: str, tmp_path: Path) -> None:
    opened = newest(demo_db, demo_case_id)[0]
    assert (opened.user, opened.action, opened.entity) == ("tester", "open", "cases")
    workspace_window.open_case(demo_case_id)  # every opening counts, not only the first
    assert newest(demo_db, demo_case_id)[0].seq == opened.seq + 1

    panel = open_panel(workspace_window)
    panel.export_pdf(tmp_path / "g.pdf")
    panel.export_png(tmp_path / "g.png")
    saved = newest(demo_db, demo_case_id, 2)
    assert [(e.user, e.action, e.entity) for e in saved] == [
        ("tester", "issue", "issued_documents"), ("tester", "export", "documents")]
    assert saved[0].detail.startswith("genogram ") and saved[1].detail == "genogram PNG"
    with demo_db.session() as s:
        assert audit.verify_chain(s).ok
