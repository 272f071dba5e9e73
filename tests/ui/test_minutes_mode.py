"""A whole review meeting of the demo family, run by keyboard in the live minutes mode."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.services import meetings as M
from tafdesk.models.services import plan as P
from tafdesk.models.storage import Database
from tafdesk.ui.minutes_mode import MinutesMode
from tafdesk.ui.ops import CaseOps

pytestmark = pytest.mark.gui
TODAY = date(2026, 12, 31)


@pytest.fixture
def mode(qtbot: Any, demo_db: Database, demo_case_id: str) -> MinutesMode:
    with demo_db.session() as s:
        meeting = M.schedule_meeting(s, demo_case_id, {"kind": "review", "starts_at": "2026-12-31T15:30",
                                                        "venue": "Riverside Academy"}, user="t")
        meeting_id = meeting.id
    ops = CaseOps(demo_db, "chair")
    w = MinutesMode(ops, demo_case_id, meeting_id, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def key(qtbot: Any, widget: Any, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, k, mods)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    f = tmp_path / "x.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_a_whole_review_meeting(qtbot: Any, mode: MinutesMode, demo_db: Database, demo_case_id: str,
                                tmp_path: Path) -> None:
    # Introductions: attendance by one key per person.
    assert mode.heading_key() == "introductions"
    mode.attendance.setFocus()
    mode.attendance.setCurrentRow(0)
    key(qtbot, mode.attendance, Qt.Key.Key_P)
    key(qtbot, mode.attendance, Qt.Key.Key_Down)
    key(qtbot, mode.attendance, Qt.Key.Key_A)
    assert mode.attendance.item(0).text().endswith(": present")
    assert mode.attendance.item(1).text().endswith(": apologies")
    # Notes under the child's views, typed and saved without any save command.
    key(qtbot, mode.notes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert mode.heading_key() == "child_views"
    mode.notes.setFocus()
    qtbot.keyClicks(mode.notes, "Maja says school feels easier now.")
    qtbot.waitUntil(lambda: mode.status.text() == "All notes saved.", timeout=2500)
    # The review of actions: walk and set with single keys.
    mode.agenda.setCurrentRow([k for k, _h, _p in M.AGENDA].index("action_review"))
    mode.action_frame.setFocus()
    key(qtbot, mode.action_frame, Qt.Key.Key_Right)  # the second action: daily check-in
    key(qtbot, mode.action_frame, Qt.Key.Key_D)
    key(qtbot, mode.action_frame, Qt.Key.Key_G)
    assert "Where it stands: Done (Green)" in mode.action_detail.text()
    key(qtbot, mode.action_frame, Qt.Key.Key_Right)
    key(qtbot, mode.action_frame, Qt.Key.Key_S)
    # Two new actions, one line each; a bad line keeps what was typed and says why.
    mode.agenda.setCurrentRow([k for k, _h, _p in M.AGENDA].index("new_actions"))
    mode.action_line.setFocus()
    qtbot.keyClicks(mode.action_line, "Jo: call the housing officer by 15/01/2027")
    key(qtbot, mode.action_line, Qt.Key.Key_Return)
    assert "how everyone will know" in mode.action_problem.text()
    assert mode.action_line.text() == "Jo: call the housing officer by 15/01/2027"
    qtbot.keyClicks(mode.action_line, "; measure: date of the housing visit agreed")
    key(qtbot, mode.action_line, Qt.Key.Key_Return)
    qtbot.keyClicks(mode.action_line, "Amira: book the young carers summer camp by 28/02/2027; measure: place confirmed")
    key(qtbot, mode.action_line, Qt.Key.Key_Return)
    assert mode.captured.count() == 2 and mode.action_line.text() == ""
    # Next review: 6 weeks by default, a warning beyond.
    mode.agenda.setCurrentRow(len(M.AGENDA) - 1)
    assert mode.review_date.text() == "2027-02-11"
    mode.review_date.setText("2027-03-01")
    assert "within 6 weeks" in mode.review_warning.text()
    mode.review_date.setText("2027-02-11")
    assert mode.review_warning.text() == ""
    mode.finish_button.click()
    assert mode.status.text().startswith("Meeting finished")

    with demo_db.session() as s:
        plan = P.plan_dto(s, P.current_plan(s, demo_case_id).id)
        minutes = pdf_text(document_kinds()["minutes"].render(s, demo_case_id, RenderOptions()), tmp_path)
        plan_pdf = pdf_text(document_kinds()["plan"].render(s, demo_case_id, RenderOptions()), tmp_path)
    assert plan.number == 3 and plan.status == "agreed" and plan.review_by == date(2027, 2, 11)
    statuses = [(a.description[:14], a.status, a.rag) for a in plan.outcomes[0].actions[:3]]
    assert statuses[1] == ("Daily attendan", "done", "green") and statuses[2][1] == "stopped"
    assert "Maja says school feels easier now." in minutes
    assert "Call the housing officer." in minutes and "Book the young carers summer camp." in minutes
    assert "The next review meeting: Thursday, 11 February 2027." in minutes
    assert "Apologies" in minutes and "Stopped" in minutes
    assert "3, agreed 31 December 2026" in plan_pdf and "Call the housing officer." in plan_pdf


def test_the_projector_shows_only_what_the_room_may_see(qtbot: Any, mode: MinutesMode) -> None:
    mode.toggle_projector()
    wall = mode.projector
    assert wall is not None and wall.isVisible()
    mode.notes.setFocus()
    qtbot.keyClicks(mode.notes, "PRIVATE chair note about the police call-out")
    mode.agenda.setCurrentRow([k for k, _h, _p in M.AGENDA].index("action_review"))
    shown = wall.shown_text()
    assert "Review of each action" in shown and "Action 1 of 8" in shown
    assert "PRIVATE" not in shown and "police" not in shown
    assert "Willow Road" not in shown and "EH-2026" not in shown
    wall.grab().save("/tmp/shot-projector.png")
    mode.grab().save("/tmp/shot-minutes-mode.png")
    key(qtbot, mode, Qt.Key.Key_F5)
    assert not wall.isVisible()


def test_an_action_status_set_by_mistake_is_undone(qtbot: Any, mode: MinutesMode) -> None:
    mode.agenda.setCurrentRow([k for k, _h, _p in M.AGENDA].index("action_review"))
    mode.action_frame.setFocus()
    key(qtbot, mode.action_frame, Qt.Key.Key_Right)
    assert "Where it stands: In progress" in mode.action_detail.text()
    key(qtbot, mode.action_frame, Qt.Key.Key_S)
    assert "Where it stands: Stopped" in mode.action_detail.text()
    key(qtbot, mode.action_frame, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Where it stands: In progress" in mode.action_detail.text()
    key(qtbot, mode.action_frame, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "Where it stands: Stopped" in mode.action_detail.text()
