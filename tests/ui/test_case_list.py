"""The case list: search, filters, its item model, and opening a case by keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tafdesk.models.services.cases import create_case, list_cases
from tafdesk.models.storage import Database
from tafdesk.ui.case_list import CaseListModel
from tafdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def two_cases(demo_db: Database) -> Database:
    with demo_db.session() as s:
        create_case(s, {"family_name": "Okafor", "level_of_need": "level_3"}, user="tester")
    return demo_db


def families(window: MainWindow) -> list[str]:
    model = window.case_list.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_case_list_model_passes_the_model_tester(qtmodeltester: Any, two_cases: Database) -> None:
    model = CaseListModel()
    with two_cases.session() as s:
        model.set_rows(list_cases(s))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    model.set_rows([])
    qtmodeltester.check(model)


def test_search_finds_a_family_by_a_childs_name(
        qtbot: Any, make_window: Any, two_cases: Database) -> None:
    window = make_window(two_cases)
    assert sorted(families(window)) == ["Carter-Nowak", "Okafor"]
    qtbot.keyClicks(window.case_list.search, "maja")
    assert families(window) == ["Carter-Nowak"]
    assert window.case_list.model.index(0, 0).data() == "EH-2026-0001"
    window.case_list.search.clear()
    qtbot.keyClicks(window.case_list.search, "nobody of that name")
    assert families(window) == []
    assert "No cases match" in window.case_list.count.text()
    assert not window.case_list.open_button.isEnabled()


def test_status_and_lead_professional_filters(qtbot: Any, make_window: Any, two_cases: Database) -> None:
    window = make_window(two_cases)
    panel = window.case_list
    panel.status.setCurrentIndex(panel.status.findData("requested"))
    assert families(window) == ["Okafor"]
    panel.status.setCurrentIndex(panel.status.findData("closed"))
    assert families(window) == []
    panel.status.setCurrentIndex(0)
    assert [panel.lead.itemText(i) for i in range(panel.lead.count())] == [
        "All lead professionals", "Sarah Whitfield"]
    panel.lead.setCurrentIndex(1)
    assert families(window) == ["Carter-Nowak"]
    assert window.case_list.model.index(0, 4).data() == "Sarah Whitfield"


def test_ctrl_f_moves_to_the_search_field(qtbot: Any, window: MainWindow) -> None:
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.case_list.search.hasFocus()


def test_a_case_opens_by_keyboard_and_escape_goes_back(qtbot: Any, window: MainWindow) -> None:
    table = window.case_list.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.windowTitle().startswith("EH-2026-0001")
    assert window.workspace.nav.hasFocus()
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.case_list
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.workspace
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.case_list


def test_enter_in_the_search_field_opens_the_only_match(qtbot: Any, make_window: Any, two_cases: Database) -> None:
    window = make_window(two_cases)
    qtbot.keyClicks(window.case_list.search, "okafor")
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.title.text() == "Okafor family"
