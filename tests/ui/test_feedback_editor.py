"""Typing in the family's feedback answers: checked, saved, cleared, undone."""

from __future__ import annotations

from typing import Any

import pytest

from tafdesk.models.services.feedback import feedback_of
from tafdesk.models.storage import Database
from tafdesk.ui.feedback_editor import FeedbackEditor
from tafdesk.ui.main_window import MainWindow

from .helpers import replace_text

pytestmark = pytest.mark.gui


def answers(db: Database, case_id: str) -> list[tuple[Any, ...]]:
    with db.session() as s:
        return [(f.respected, f.listened_to, f.helped, f.comments) for f in feedback_of(s, case_id)]


def test_feedback_answers_by_keyboard(qtbot: Any, workspace_window: MainWindow, demo_db: Database,
                                      demo_case_id: str) -> None:
    ws = workspace_window.workspace
    ws.show_section("feedback")
    editor = ws.current_editor()
    assert isinstance(editor, FeedbackEditor) and ws.section_title.text() == "Feedback from the family"
    editor.new_record()
    form = editor.form
    replace_text(qtbot, form.widget("given_on"), "20/11/2026")
    replace_text(qtbot, form.widget("respected"), "7")
    replace_text(qtbot, form.widget("comments"), "Thank you for listening to Maja.")
    assert editor.flush() is False
    assert form.error_label("respected").text()  # 7 is not an answer on the form
    assert answers(demo_db, demo_case_id) == []
    replace_text(qtbot, form.widget("respected"), "5")
    replace_text(qtbot, form.widget("helped"), "4")
    assert editor.flush() is True, form.summary.text()
    assert answers(demo_db, demo_case_id) == [(5, None, 4, "Thank you for listening to Maja.")]
    replace_text(qtbot, form.widget("helped"), "")  # cleared: it was not answered after all
    assert editor.flush() is True
    assert answers(demo_db, demo_case_id) == [(5, None, None, "Thank you for listening to Maja.")]
    assert "respect 5, listened –, helped –" in editor.list.item(0).text()
    workspace_window.actions.undo.trigger()
    assert answers(demo_db, demo_case_id) == [(5, None, 4, "Thank you for listening to Maja.")]
