"""My caseload: overdue and due steps across cases, reached and used by keyboard alone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tafdesk.models.orm import Request
from tafdesk.models.services.cases import create_case
from tafdesk.models.storage import Database
from tafdesk.ui.caseload import COLUMNS, CaseloadModel
from tafdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
TODAY = date(2026, 12, 1)  # Tuesday


def texts(window: MainWindow) -> list[list[str]]:
    m = window.caseload.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


@pytest.fixture
def two_cases(demo_db: Database) -> Database:
    with demo_db.session() as s:
        new = create_case(s, {"family_name": "Lee"}, user="t", received_on=date(2026, 11, 30))
        s.add(Request(case_id=new.id, received_at=datetime(2026, 11, 30, 9, tzinfo=UTC), source="school",
                      outcome="open_early_help", decided_at=datetime(2026, 11, 30, 12, tzinfo=UTC)))
    return demo_db


def test_caseload_by_keyboard_and_opening_a_row_goes_to_the_step(
        qtbot: Any, make_window: Any, two_cases: Database) -> None:
    window = make_window(two_cases)
    window.caseload.today = lambda: TODAY
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.caseload
    assert window.caseload.table.hasFocus()
    rows = texts(window)
    assert [r[0] for r in rows] == ["Overdue by 22 working days", "Overdue by 8 working days", "Due this week",
                                    "Due next week"]
    assert rows[0][1:5] == ["30 Oct 2026", "EH-2026-0001", "Carter-Nowak", "Next supervision"]
    assert rows[1][4:7] == ["Next visit", "Sarah Whitfield", "At least every 10 working days; last visit 05 Nov 2026."]
    assert rows[2][3:5] == ["Lee", "Allocation to a lead professional"]
    assert window.caseload.summary.text() == ("2 overdue, 1 due this week, 1 due next week, in 2 cases.")
    assert window.caseload.why.text() == ("Next supervision (Carter-Nowak): At least every 4 weeks; "
                                          "last supervision 02 Oct 2026.")
    # Down to the visit, Enter: the demo case opens at its visits.
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.current_key() == "visits"
    assert window.workspace.title.text() == "Carter-Nowak family"
    # Back to the caseload, then Esc to the case list.
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.caseload
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.case_list


def test_filter_by_lead_and_later_steps(qtbot: Any, make_window: Any, two_cases: Database) -> None:
    window = make_window(two_cases)
    window.caseload.today = lambda: TODAY
    window.show_caseload()
    panel = window.caseload
    panel.lead.setCurrentIndex(panel.lead.findText("Sarah Whitfield"))
    assert {r[3] for r in texts(window)} == {"Carter-Nowak"}
    panel.later.setChecked(True)
    steps = [r[4] for r in texts(window)]
    assert "Next review TAF meeting" in steps and "Length of intervention" in steps
    assert panel.summary.text().endswith("2 later, in 1 case.")
    assert panel.lead.accessibleName() == "Whose cases"
    overdue = panel.model.index(0, 0)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert panel.model.index(3, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole) == "When: Overdue by 22 working days"
    assert overdue.data(Qt.ItemDataRole.ToolTipRole).startswith("At least every 4 weeks")


def test_nothing_due_says_so(qtbot: Any, make_window: Any, tmp_db: Database) -> None:
    window = make_window(tmp_db)
    window.show_caseload()
    assert window.caseload.summary.text() == "Nothing is overdue or due in the next two weeks."
    assert not window.caseload.open_button.isEnabled()


def test_the_model_passes_the_model_tester(qtmodeltester: Any, qtbot: Any, make_window: Any,
                                           two_cases: Database) -> None:
    window = make_window(two_cases)
    window.caseload.today = lambda: TODAY
    window.show_caseload()
    model = window.caseload.model
    assert model.rowCount() == 4 and model.columnCount() == len(COLUMNS)
    qtmodeltester.check(model)
    qtmodeltester.check(CaseloadModel())

