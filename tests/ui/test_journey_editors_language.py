"""The journey editors show their fixed text in the user's language: with a test language whose
catalogue marks every message «like this», the assessment, plan and meetings editors and the live
minutes (with what it sends to the projector) show the marked text in their labels, buttons, tabs,
choices and accessible names, and English stays the default."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabBar, QTabWidget, QWidget

from tafdesk.i18n import catalog
from tafdesk.i18n import ui as ui_language
from tafdesk.models.services import meetings as M
from tafdesk.models.storage import Database
from tafdesk.ui.assessment_editor import AssessmentEditor
from tafdesk.ui.meetings_editor import MeetingsEditor
from tafdesk.ui.minutes_mode import MinutesMode
from tafdesk.ui.ops import CaseOps
from tafdesk.ui.plan_editor import PlanPanel

pytestmark = pytest.mark.gui
_codes = count()


class _Marked(dict[str, str]):
    """A catalogue that has every message, translated as «message»."""

    def get(self, message: str, default: Any = None) -> str:  # type: ignore[override]
        return f"\u00ab{message}\u00bb"

    def __contains__(self, message: object) -> bool:
        return True


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The UI speaks a test language (a fresh code each time: translators are cached per language)."""
    lang = f"qq-{next(_codes)}"
    real = catalog._catalog
    monkeypatch.setattr(catalog, "_catalog", lambda code: _Marked() if code == lang else real(code))
    monkeypatch.setattr(ui_language, "_current", lang)
    yield lang


def _m(text: str) -> str:
    return f"\u00ab{text}\u00bb"


def tabs(widget: QTabWidget) -> list[str]:
    return [widget.tabText(i) for i in range(widget.count())]


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def unmarked_buttons_and_names(root: QWidget) -> list[str]:
    """Buttons whose text, and widgets whose accessible name, is not in the test language (Qt's own
    tab scroll buttons follow Qt's translation)."""
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w.parentWidget(), QTabBar):
            continue
        name = w.accessibleName()
        if name and not name.startswith("\u00ab"):
            found.append(f"{type(w).__name__} named {name!r}")
        if isinstance(w, QAbstractButton) and w.text() and not w.text().startswith("\u00ab"):
            found.append(f"{type(w).__name__} {w.text()!r}")
    return found


def labels(root: QWidget) -> list[str]:
    return [lbl.text() for lbl in root.findChildren(QLabel)]


@pytest.fixture
def ops(demo_db: Database) -> CaseOps:
    return CaseOps(demo_db, "tester")


def test_assessment_editor_in_the_users_language(marked: str, qtbot: Any, ops: CaseOps, demo_case_id: str) -> None:
    editor = AssessmentEditor(ops)
    qtbot.addWidget(editor)
    editor.set_case(demo_case_id)
    assert editor.accessibleName() == _m("Assessment editor")
    assert editor.checklist.accessibleName() == _m("What is still missing")
    assert editor.amend_button.text() == _m("A&mend")  # the demo assessment is authorised
    assert editor.amend_button.toolTip().startswith("\u00abStart a new version")
    assert editor.family_copy.text() == _m("Family copy")
    assert editor.manager.placeholderText() == _m("Manager's name")
    names = tabs(editor.tabs)
    assert names[0] == _m("The family's s&tory") and names[-1] == _m("&Needs")
    voices = [t for t in names[1:] if t.endswith("'s voice\u00bb")]
    assert len(voices) == 3 and all(t.startswith("\u00ab") for t in voices)
    assert editor.checklist.text().startswith("\u00ab\u00abAuthorised by")  # locked, and who authorised it
    sections = editor.sections
    assert sections.accessibleName() == _m(f"{_m('Assessment')} editor")
    assert sections.form.widget("started_on").accessibleName() == _m("Started")
    assert sections.form.widget("started_on").toolTip() == _m("YYYY-MM-DD or DD/MM/YYYY")
    assert items(sections.form.widget("level_of_need"))[0] == _m("Not decided")
    assert any(_m("Level of need") in text for text in labels(sections.form))
    assert any(_m("Sharing with the family") == text for text in labels(sections.form))
    assert sections.form.toolTip().startswith("\u00abThis assessment is authorised and locked")
    voice = next(iter(editor.voices.values()))
    assert voice.form.widget("words").accessibleName() == _m("In the child's own words")
    assert items(voice.form.widget("seen_alone")) == [_m("Not recorded"), _m("Yes"), _m("No")]
    assert voice.pictures.add_button.text() == _m("Add drawing or photo\u2026")
    assert editor.adults.add_button.text() == _m("Add another adult's views")
    rows = [editor.adults.list.item(i).text() for i in range(editor.adults.list.count())]
    assert rows and all(r.startswith("\u00ab") for r in rows)
    assert unmarked_buttons_and_names(editor) == []


def test_plan_editor_in_the_users_language(marked: str, qtbot: Any, ops: CaseOps, demo_case_id: str) -> None:
    panel = PlanPanel(ops)
    qtbot.addWidget(panel)
    panel.set_case(demo_case_id)
    assert panel.accessibleName() == _m("Family plan editor")
    assert tabs(panel.tabs) == [_m("&Actions"), _m("O&utcomes"), _m("&SMART check"), _m("&Versions")]
    assert panel.reason_button.text() == _m("Record why a &need is left out of the plan…")
    assert panel.versions.item(0).text().startswith("\u00abVersion 1 (agreed ")
    actions = panel.actions
    assert actions.add_button.text() == _m("Add an action")
    assert actions.form.widget("description").accessibleName() == _m("What will be done")
    assert actions.form.widget("description").placeholderText() == _m("Something that can be seen or counted")
    assert items(actions.form.widget("status")) == [_m(s) for s in ("Not started", "In progress", "Done", "Stopped")]
    assert items(actions.form.widget("owner"))[0] == _m("No owner yet")
    assert actions.findings.accessibleName() == _m("SMART check of this action")
    assert _m("Progress") in labels(actions.form)
    rows = [actions.list.item(i).text() for i in range(actions.list.count())]
    assert rows and all(r.startswith("\u00ab") and r[1].isdigit() for r in rows)
    assert unmarked_buttons_and_names(panel) == []


def test_meetings_and_live_minutes_in_the_users_language(
        marked: str, qtbot: Any, ops: CaseOps, demo_db: Database, demo_case_id: str) -> None:
    editor = MeetingsEditor(ops)
    qtbot.addWidget(editor)
    editor.set_case(demo_case_id)
    assert editor.accessibleName() == _m("TAF meetings editor")
    assert editor.list.accessibleName() == _m("TAF meetings")
    assert editor.live_button.text() == _m("Start live &minutes (Ctrl+M)")
    assert editor.add_button.text() == _m("Arrange a meeting")
    assert items(editor.form.widget("kind")) == [_m("Initial TAF meeting"), _m("TAF review meeting"),
                                                 _m("TAF ending meeting")]
    assert editor.list.item(0).text().startswith("\u00ab1. \u00abInitial TAF meeting\u00bb, ")
    assert unmarked_buttons_and_names(editor) == []

    with demo_db.session() as s:
        meeting_id = M.schedule_meeting(s, demo_case_id, {"kind": "review", "starts_at": "2026-12-31T15:30",
                                                          "venue": "Riverside Academy"}, user="t").id
    mode = MinutesMode(ops, demo_case_id, meeting_id)
    qtbot.addWidget(mode)
    shown: list[Any] = []
    mode.screen_changed.connect(shown.append)
    assert mode.windowTitle() == _m(f"Minutes: {_m('TAF review meeting')}")
    assert mode.agenda.item(0).text() == _m(f"1. {_m('Introductions and confidentiality')}")
    assert mode.projector_button.text() == _m("Projector view (F5)")
    assert mode.finish_button.text() == _m("&Finish the meeting and agree the plan")
    assert mode.action_line.placeholderText().startswith("\u00abJo Bennett")
    assert any(t.startswith(_m("&Who is here")[:-1]) for t in labels(mode))
    attendance = [mode.attendance.item(i).text() for i in range(mode.attendance.count())]
    assert attendance and all(t.startswith("\u00ab") and t.endswith("\u00bb\u00bb") for t in attendance)
    mode.move_heading(4)  # the review of actions
    assert mode.heading_key() == "action_review"
    assert mode.action_detail.text().startswith("\u00abWho: ")
    assert mode.notes.accessibleName() == _m(f"Notes: {_m('Review of each action')}")
    # The projector gets the fixed text in the chair's language, and still only what may be shared.
    screen = shown[-1]
    assert screen.title == _m("TAF review meeting") and screen.heading == _m("Review of each action")
    mode.notes.setPlainText("Chair's private note about the family")
    mode.save_notes()
    mode.move_heading(1)
    assert "private note" not in repr(shown[-1])
    assert unmarked_buttons_and_names(mode) == []
    mode.close()


def test_english_is_the_default(qtbot: Any, ops: CaseOps, demo_case_id: str) -> None:
    assert ui_language.ui_language() == "en"
    panel = PlanPanel(ops)
    qtbot.addWidget(panel)
    panel.set_case(demo_case_id)
    assert tabs(panel.tabs)[0] == "&Actions"
    assert panel.actions.form.widget("description").accessibleName() == "What will be done"


def test_sentences_the_domain_computes_are_in_the_users_language(
        marked: str, qtbot: Any, ops: CaseOps, demo_case_id: str) -> None:
    """The journey's steps, the caseload's reasons, SMART findings and validation messages."""
    from datetime import date

    from PySide6.QtCore import Qt

    from tafdesk.ui.caseload import COLUMNS, CaseloadPanel
    from tafdesk.ui.workspace import Workspace

    ws = Workspace(ops)
    qtbot.addWidget(ws)
    ws.today = lambda: date(2027, 3, 1)
    ws.open_case(demo_case_id)
    ws.show_section("allocation")
    assert ws.section_title.text() == _m("Allocation")
    assert ws.section_state.text().startswith("\u00ab\u00abDone\u00bb: \u00abLead professional: ")
    ws.show_section("meetings")
    assert ws.section_next.text() == _m(f"What comes next: {_m('Hold the next review.')}")
    assert ws.section_due.text().startswith("\u00ab\u00abNext review TAF meeting\u00bb: \u00ab")
    assert ws.next_label.text().startswith("\u00abNext: \u00ab")
    steps = [ws.nav.item(i) for i in range(1, 8)]
    assert all(item.text().startswith("\u00ab") and "\n\u00ab\u00ab" in item.text() for item in steps)
    assert all(item.data(Qt.ItemDataRole.AccessibleTextRole).count("\u00ab") >= 4 for item in steps)

    panel = CaseloadPanel(ops)
    qtbot.addWidget(panel)
    panel.today = lambda: date(2027, 3, 1)
    panel.later.setChecked(True)
    panel.refresh()
    why = [k for k, _label in COLUMNS].index("reason")
    reasons = [panel.model.index(r, why).data() for r in range(panel.model.rowCount())]
    assert reasons and all(r.startswith("\u00ab") and r.endswith("\u00bb") for r in reasons)
    assert panel.model.index(0, why).data(Qt.ItemDataRole.ToolTipRole) == reasons[0]
    assert panel.why.text().startswith("\u00ab\u00ab") and panel.why.text().endswith("\u00bb\u00bb")

    plan = PlanPanel(ops)
    qtbot.addWidget(plan)
    plan.set_case(demo_case_id)
    actions = plan.actions
    actions.list.setCurrentRow(0)
    description = actions.form.widget("description")
    description.setFocus()
    description.selectAll()
    qtbot.keyClicks(description, "Support the family")
    assert "\u2022 \u00ab\u201cSupport the family\u201d says what people intend" in actions.findings.text()
    description.selectAll()
    qtbot.keyClick(description, Qt.Key.Key_Delete)
    assert not actions.flush(explicit=True)
    assert actions.form.error_label("description").text() == _m("Say what will be done.")
    assert actions.form.summary.text().startswith("\u00abThis has not been saved. \u00ab")
