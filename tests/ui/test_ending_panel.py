"""Ending a case from the journey: an explicit decision, clear refusals, letters, re-opening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QInputDialog, QPlainTextEdit

from tafdesk.models.orm import Case
from tafdesk.models.storage import Database
from tafdesk.ui.ending_panel import EndingPanel
from tafdesk.ui.main_window import MainWindow

from .helpers import replace_text

pytestmark = pytest.mark.gui


def panel_of(window: MainWindow) -> EndingPanel:
    window.workspace.show_section("ending")
    panel = window.workspace.current_editor()
    assert isinstance(panel, EndingPanel)
    return panel


def status(db: Database, case_id: str) -> str:
    with db.session() as s:
        return s.get(Case, case_id).status


def test_step_up_needs_a_manager_then_closes_and_reopens(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_of(workspace_window)
    kind = panel.form.widget("kind")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("step_up"))
    reason = panel.form.widget("reason")
    assert isinstance(reason, QPlainTextEdit)
    reason.setFocus()
    qtbot.keyClicks(reason, "Maja disclosed that she is being hurt at home.")
    panel.record_button.click()
    assert "Not recorded" in panel.status.text()
    assert status(demo_db, demo_case_id) == "open"  # nothing happened without the decision's details
    assert reason.toPlainText() == "Maja disclosed that she is being hurt at home."
    summary = panel.form.widget("summary")
    summary.setFocus()
    qtbot.keyClicks(summary, "Young carers support, routines, GP review.")
    replace_text(qtbot, panel.form.widget("manager"), "Mark Ellis")
    panel.record_button.click()
    assert status(demo_db, demo_case_id) == "stepped_up"
    assert "Step up to children's social care" in panel.list.item(0).text()
    assert not panel.form.isEnabled() and panel.doc_buttons["step-up-pack"].isEnabled()
    assert not panel.doc_buttons["closure-letter"].isEnabled()
    steps = workspace_window.workspace.view.journey.steps
    assert steps[-1].detail.startswith("Stepped up to children's social care on")

    out = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    panel.doc_buttons["step-up-pack"].click()
    assert out.read_bytes().startswith(b"%PDF") and "Saved pack.pdf." in panel.status.text()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Recorded against the wrong family.", True))
    panel.reopen_button.click()
    assert status(demo_db, demo_case_id) == "open" and panel.form.isEnabled()


def test_what_is_typed_for_an_ending_survives_a_restart(
        qtbot: Any, make_window: Any, demo_db: Database, demo_case_id: str, reopen: Any) -> None:
    window = make_window(demo_db)
    window.open_case(demo_case_id)
    panel = panel_of(window)
    reason = panel.form.widget("reason")
    reason.setFocus()
    qtbot.keyClicks(reason, "Outcomes met; Maja back in school full time.")
    panel.flush(explicit=True)
    assert status(demo_db, demo_case_id) == "open"  # a draft, not a decision
    window.close()
    demo_db.close()
    again = make_window(reopen())
    again.open_case(demo_case_id)
    restored = panel_of(again)
    assert restored.form.widget("reason").toPlainText() == "Outcomes met; Maja back in school full time."
    assert "not ended until you record it" in restored.status.text()


def test_a_family_stepped_down_from_social_care(qtbot: Any, make_window: Any, demo_db: Database) -> None:
    from tafdesk.models.journey import StepState
    from tafdesk.ui.step_down import StepDownDialog

    window = make_window(demo_db)
    dialog = StepDownDialog(window.ops, window)
    qtbot.addWidget(dialog)
    replace_text(qtbot, dialog.form.widget("family_name"), "Okafor")
    dialog.create()
    assert "Not yet" in dialog.status.text() and dialog.case_id is None
    assert dialog.form.widget("family_name").text() == "Okafor"
    replace_text(qtbot, dialog.form.widget("social_worker"), "Grace Adeyemi")
    outcomes = dialog.form.widget("outcomes")
    outcomes.setFocus()
    qtbot.keyClicks(outcomes, "Tobi attends school every day")
    qtbot.keyClick(outcomes, Qt.Key.Key_Return)
    qtbot.keyClicks(outcomes, "Mum keeps the routine chart going")
    dialog.create()
    assert dialog.case_id is not None
    window.open_case(dialog.case_id)
    steps = {s.key: s for s in window.workspace.view.journey.steps}
    assert steps["assessment"].state is StepState.NOT_NEEDED
    assert "Version 1" in steps["plan"].detail
