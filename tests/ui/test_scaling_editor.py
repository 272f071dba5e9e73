"""Scaling scores in the workspace: typed by keyboard, checked, saved, undone, and charted."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox

from tafdesk.models.services.scaling import rounds_of
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.scaling_editor import ScalingPanel

from .helpers import replace_text

pytestmark = pytest.mark.gui


def rounds(db: Database, case_id: str) -> list[tuple[str, str, dict[str, int]]]:
    with db.session() as s:
        return [(r.person, r.occasion, r.scores) for r in rounds_of(s, case_id)]


def test_record_scores_for_maja_then_undo(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    ws = workspace_window.workspace
    ws.show_section("scaling")
    panel = ws.current_editor()
    assert isinstance(panel, ScalingPanel) and ws.section_title.text() == "Scaling scores"
    # The demo's existing rounds are charted: Agnieszka's assessment and review.
    assert panel.charts.person.currentText() == "Agnieszka Nowak"
    assert "Getting a good education 4" in panel.charts.spider.accessibleDescription()
    assert "Getting a good education: from 4 to 6 (+2)" in panel.charts.distance.accessibleDescription()

    panel.new_record()
    editor = panel.editor
    form = editor.form
    person = form.widget("person_id")
    assert isinstance(person, QComboBox)
    person.setCurrentIndex(person.findText("Maja Nowak"))
    replace_text(qtbot, form.widget("scored_on"), "19/11/2026")
    replace_text(qtbot, form.widget("score__good_education"), "12")
    assert editor.flush() is False
    assert form.error_label("score__good_education").text().startswith("Give a whole number from 1")
    assert ("Maja Nowak", "review", {"good_education": 12}) not in rounds(demo_db, demo_case_id)
    replace_text(qtbot, form.widget("score__good_education"), "5")
    replace_text(qtbot, form.widget("score__family_relationships"), "7")
    replace_text(qtbot, form.widget("notes__family_relationships"), "Close to her gran")
    assert editor.flush() is True
    assert ("Maja Nowak", "review", {"good_education": 5, "family_relationships": 7}) in rounds(
        demo_db, demo_case_id)
    assert "Maja Nowak" in [panel.charts.person.itemText(i) for i in range(panel.charts.person.count())]

    workspace_window.actions.undo.trigger()
    assert all(r[0] != "Maja Nowak" for r in rounds(demo_db, demo_case_id))
    workspace_window.actions.redo.trigger()
    assert any(r[0] == "Maja Nowak" for r in rounds(demo_db, demo_case_id))


def test_charts_follow_the_chosen_person_and_name_everything(
        qtbot: Any, workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    ws.show_section("scaling")
    panel = ws.current_editor()
    assert isinstance(panel, ScalingPanel)
    panel.tabs.setCurrentWidget(panel.charts)
    for w in (panel.charts.person, panel.charts.spider, panel.charts.distance, panel.editor.list):
        assert w.accessibleName()
    labels = panel.charts.spider.labels
    assert labels[0] == "Getting a good education" and len(labels) == 5
    panel.charts.resize(900, 800)
    image = panel.charts.grab()
    # Something was painted in the chart's own colours (not an empty widget).
    spider = panel.charts.spider.grab().toImage()
    colours = {spider.pixelColor(x, y).name() for x in range(0, spider.width(), 7)
               for y in range(0, spider.height(), 7)}
    assert len(colours) > 5 and not image.isNull()
