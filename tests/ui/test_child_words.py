"""Writing for a child's own plan in the plan editor: the reading-age warning appears as the
professional types, the suggested wording can be accepted (and is saved), a picture can be
chosen, and "My plan" is saved through the same rendering path as the command line."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit
from sqlalchemy import select

from tafdesk.models.orm import Action, Person
from tafdesk.models.storage import Database
from tafdesk.ui.child_words import write_child_plan
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.plan_editor import PlanPanel

from .helpers import replace_text

pytestmark = pytest.mark.gui


def select_action(panel: PlanPanel, text_start: str) -> None:
    lst = panel.actions.list
    for i in range(lst.count()):
        if lst.item(i).text().split(". ", 1)[-1].startswith(text_start):
            lst.setCurrentRow(i)
            return
    raise AssertionError(f"no action {text_start!r}")


def test_reading_age_warning_and_suggestion_as_you_type(qtbot: Any, workspace_window: MainWindow,
                                                         demo_db: Database, demo_case_id: str) -> None:
    ws = workspace_window.workspace
    ws.show_section("plan")
    panel = ws.current_editor()
    assert isinstance(panel, PlanPanel)
    select_action(panel, "Take Maja to drama club")
    words = panel.actions.child_words
    assert "Easy enough for Maja (14)" in words.check.text()
    assert words.check.accessibleName() and words.use.accessibleName()
    assert "Gran will take me to drama club on Thursdays." in words.suggestion.text()

    box = panel.actions.form.widget("child_friendly")
    assert isinstance(box, QPlainTextEdit)
    box.setFocus()
    replace_text(qtbot, box, "Comprehensive multidisciplinary facilitation of extracurricular participation.")
    qtbot.waitUntil(lambda: "This may be hard for Maja to read" in words.check.text())
    assert "Maja is 14" in words.check.text()

    # Accept the suggestion by keyboard: the mnemonic presses the button.
    assert words.use.isEnabled()
    qtbot.keyClick(box, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: box.toPlainText() == "Gran will take me to drama club on Thursdays.")
    assert "Easy enough for Maja" in words.check.text()

    pictures = panel.actions.form.widget("picture")
    assert isinstance(pictures, QComboBox) and pictures.accessibleName() == "Picture in the child's plan"
    assert not pictures.itemIcon(pictures.findData("play")).isNull()
    pictures.setCurrentIndex(pictures.findData("friends"))
    assert panel.actions.flush(explicit=True)
    with demo_db.session() as s:
        saved = s.scalars(select(Action).where(Action.case_id == demo_case_id,
                                               Action.description == "Take Maja to drama club on Thursdays.")).all()
        current = [a for a in saved if a.child_friendly.startswith("Gran")]
        assert len(current) == 1 and current[0].picture == "friends"


def test_an_action_for_the_youngest_child_is_checked_for_her_age(qtbot: Any, workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    ws.show_section("plan")
    panel = ws.current_editor()
    assert isinstance(panel, PlanPanel)
    select_action(panel, "Weekly home visits")
    words = panel.actions.child_words
    assert "Easy enough for Ruby (3)" in words.check.text()  # the youngest of the children it concerns
    assert "Suggested for Ruby (Under 8)" in words.suggestion.text()


def test_save_my_plan_writes_the_childs_pdf(qtbot: Any, workspace_window: MainWindow, demo_db: Database,
                                            demo_case_id: str, tmp_path: Path) -> None:
    ws = workspace_window.workspace
    ws.show_section("plan")
    panel = ws.current_editor()
    assert isinstance(panel, PlanPanel)
    assert panel.child_plan_button.accessibleName() == "Save My plan for a child"
    with demo_db.session() as s:
        leo = s.scalar(select(Person).where(Person.case_id == demo_case_id, Person.given_name == "Leo"))
        leo_id = leo.id
    out = tmp_path / "leo.pdf"
    assert write_child_plan(panel.ops, demo_case_id, leo_id, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "I am Leo." in text
    assert not write_child_plan(panel.ops, demo_case_id, leo_id, tmp_path / "no such folder" / "x.pdf")
