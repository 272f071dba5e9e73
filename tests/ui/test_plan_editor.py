"""The plan and the meetings in the case workspace: SMART findings as you type, versions, and
arranging a meeting then starting its live minutes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from tafdesk.models.services import plan as P
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.meetings_editor import MeetingsEditor
from tafdesk.ui.minutes_mode import MinutesMode
from tafdesk.ui.plan_editor import PlanPanel

from .helpers import replace_text

pytestmark = pytest.mark.gui


def choose(combo: QComboBox, text_start: str) -> None:
    for i in range(combo.count()):
        if combo.itemText(i).startswith(text_start):
            combo.setCurrentIndex(i)
            return
    raise AssertionError(f"{text_start!r} is not a choice")


def test_plan_step_shows_versions_findings_and_checks_a_new_action(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    ws = workspace_window.workspace
    ws.show_section("plan")
    panel = ws.current_editor()
    assert isinstance(panel, PlanPanel)
    versions = [panel.versions.item(i).text() for i in range(panel.versions.count())]
    assert versions[0] == "Version 1 (agreed 08 Oct 2026)" and "Version 2 (agreed 19 Nov 2026)" in versions
    assert any(v.strip().startswith("changed action (status)") for v in versions)
    assert panel.plan_findings.item(0).text() == "The plan passes the SMART check."

    actions = panel.actions
    actions.new_record()
    desc = actions.form.widget("description")
    assert isinstance(desc, QPlainTextEdit)
    desc.setFocus()
    qtbot.keyClicks(desc, "Support Leo.")
    text = actions.findings.text()
    assert "no owner" in text and "no date" in text and "can be seen or counted" in text
    replace_text(qtbot, desc, "Take Leo to football training every Saturday.")
    owner = actions.form.widget("owner")
    assert isinstance(owner, QComboBox)
    choose(owner, "Dean Carter")
    outcome = actions.form.widget("outcome_id")
    assert isinstance(outcome, QComboBox)
    choose(outcome, "2. Leo is calmer")
    due = actions.form.widget("due_on")
    assert isinstance(due, QLineEdit)
    replace_text(qtbot, due, "19/12/2026")
    measure = actions.form.widget("measure")
    measure.setFocus()
    qtbot.keyClicks(measure, "Leo goes to 4 of the 4 sessions.")
    assert actions.findings.text() == "SMART: nothing to point out."
    qtbot.waitUntil(lambda: not actions.dirty(), timeout=3000)
    with demo_db.session() as s:
        dto = P.plan_dto(s, P.current_plan(s, demo_case_id).id)
    (added,) = [a for a in dto.outcomes[1].actions if a.description.startswith("Take Leo to football")]
    assert added.owner == "Dean Carter" and added.due_on.isoformat() == "2026-12-19"


def test_arrange_a_meeting_and_start_live_minutes(qtbot: Any, workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    ws.show_section("meetings")
    editor = ws.current_editor()
    assert isinstance(editor, MeetingsEditor)
    assert editor.list.count() == 2
    editor.new_record()
    when = editor.form.widget("starts_at")
    assert isinstance(when, QLineEdit)
    replace_text(qtbot, when, "31/12/2026 3pm")
    assert not editor.flush(explicit=True)
    assert "YYYY-MM-DD HH:MM" in editor.form.summary.text()
    assert when.text() == "31/12/2026 3pm"  # kept as typed
    replace_text(qtbot, when, "2026-12-31 15:30")
    assert editor.flush(explicit=True)
    assert editor.list.count() == 3 and "31 Dec 2026 15:30 (planned)" in editor.list.item(2).text()
    editor.list.setCurrentRow(2)
    editor.start_live()
    live = editor.live
    assert isinstance(live, MinutesMode)
    qtbot.addWidget(live)
    assert live.data.title == "TAF review meeting" and len(live.data.actions) == 8
    live.close()


def test_a_need_left_out_is_answered_with_a_reason(qtbot: Any, workspace_window: MainWindow, demo_db: Database,
                                                   demo_case_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from tafdesk.models.orm import Outcome

    with demo_db.session() as s:  # the housing need drops out of the third outcome
        third = P.outcomes_of(s, P.current_plan(s, demo_case_id).id)[2]
        s.get(Outcome, third.id).need_ids = third.need_ids[:1]
    ws = workspace_window.workspace
    ws.show_section("plan")
    panel = ws.current_editor()
    assert isinstance(panel, PlanPanel)
    panel.refresh()
    findings = [panel.plan_findings.item(i).text() for i in range(panel.plan_findings.count())]
    assert any("Overcrowding" in f and "record why" in f for f in findings)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("The housing officer leads on this through the council.", True))
    panel.record_reason()
    findings = [panel.plan_findings.item(i).text() for i in range(panel.plan_findings.count())]
    assert not any("Overcrowding" in f for f in findings)
    with demo_db.session() as s:
        dto = P.plan_dto(s, P.current_plan(s, demo_case_id).id)
    assert [n.uncovered_reason for n in dto.needs if n.uncovered_reason] == [
        "The housing officer leads on this through the council."]
