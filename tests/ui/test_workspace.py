"""The case workspace: the journey's real states, the next step, keyboard and screen readers."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from tafdesk.models.services.cases import create_case
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def nav_texts(window: MainWindow) -> dict[str, str]:
    nav = window.workspace.nav
    return {nav.item(i).data(Qt.ItemDataRole.UserRole): nav.item(i).text()
            for i in range(nav.count()) if nav.item(i).data(Qt.ItemDataRole.UserRole)}


def test_the_journey_shows_each_steps_real_state(workspace_window: MainWindow) -> None:
    steps = nav_texts(workspace_window)
    assert list(steps)[:7] == ["request", "consent", "allocation", "assessment", "plan", "meetings", "ending"]
    assert "Done: Authorised 02 Oct 2026." in steps["assessment"]
    assert "Done: Version 2 agreed 19 Nov 2026." in steps["plan"]
    assert "Done: Lead professional: Sarah Whitfield" in steps["allocation"]
    assert "In progress: 2 held, last on 19 Nov 2026. Next review 31 Dec 2026." in steps["meetings"]
    assert "To do: Open." in steps["ending"]
    assert steps["people"] == "Family members (7)" and steps["team"] == "Team around the family (6)"
    ws = workspace_window.workspace
    assert ws.next_label.text() == "Next: TAF meetings and reviews. Hold the next review."
    assert ws.title.text() == "Carter-Nowak family"
    assert "Lead professional: Sarah Whitfield" in ws.facts.text()


def test_every_step_of_the_journey_opens_its_editor(workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    for key in ("request", "consent", "allocation", "assessment", "plan", "meetings", "ending"):
        ws.show_section(key)
        assert ws.current_editor() is not None, key
        assert ws.body.currentWidget() is ws.current_editor(), key
    assert ws.section_title.text() == "Closure, step up or step down"
    assert ws.section_state.text() == "To do: Open."


def test_the_app_guides_to_the_next_step_of_a_new_case(
        qtbot: Any, make_window: Any, tmp_db: Database) -> None:
    with tmp_db.session() as s:
        case_id = create_case(s, {"family_name": "Okafor"}, user="tester").id
    window = make_window(tmp_db)
    window.open_case(case_id)
    ws = window.workspace
    assert ws.next_label.text() == "Next: Request for early help. Record the request: when, from whom, why."
    assert ws.current_key() == "request"
    assert "To do: No consent recorded." in nav_texts(window)["consent"]
    assert "Level of need not decided" in ws.facts.text() and "No lead professional yet" in ws.facts.text()


def test_sections_by_keyboard(qtbot: Any, workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    qtbot.keyClick(ws.nav, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert ws.current_editor() is ws.people_editor and ws.people_editor.list.hasFocus()
    qtbot.keyClick(ws.people_editor.list, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert ws.current_editor() is ws.team_editor
    qtbot.keyClick(ws.team_editor.list, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert ws.current_editor() is ws.consent_editor and ws.current_key() == "consent"
    qtbot.keyClick(ws.consent_editor.list, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert ws.nav.hasFocus()
    qtbot.keyClick(ws.nav, Qt.Key.Key_Up)  # arrow keys walk the steps, skipping headings
    assert ws.current_key() == "request"
    qtbot.keyClick(ws.nav, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert ws.current_key() == "meetings"


def editable(widget: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractItemView, QPushButton)
    return [w for w in widget.findChildren(QWidget) if isinstance(w, kinds)
            and not isinstance(w.parent(), QComboBox) and w.isVisibleTo(widget)]


@pytest.mark.parametrize("section", ["people", "team", "consent"])
def test_every_control_has_a_name_and_takes_keyboard_focus(
        workspace_window: MainWindow, section: str) -> None:
    ws = workspace_window.workspace
    ws.show_section(section)
    editor = ws.current_editor()
    assert editor is not None
    controls = editable(editor)
    assert len(controls) > 8
    for w in controls:
        name = w.accessibleName() or (w.text() if isinstance(w, QPushButton | QCheckBox) else "")
        assert name, f"{type(w).__name__} has no accessible name"
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{name} cannot be reached with Tab"


def test_headings_follow_the_system_font(workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    base = ws.font().pointSizeF()
    assert ws.title.font().pointSizeF() == pytest.approx(base * 1.4)
    assert ws.facts.font().pointSizeF() == pytest.approx(base)
