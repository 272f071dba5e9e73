"""The case journey in the GUI: a new request, consent, allocation, the assessment with two
children's voices and direct work, completeness shown as you go, authorisation and the lock."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
)

from tafdesk.models.orm import Case
from tafdesk.models.services import assessment as A
from tafdesk.models.services import assessment_parts as P
from tafdesk.models.services.casework import entries_of
from tafdesk.models.storage import Database
from tafdesk.ui.front_door import NewCaseDialog
from tafdesk.ui.main_window import MainWindow

from .helpers import replace_text

pytestmark = pytest.mark.gui


def choose(widget: Any, text: str) -> None:
    assert isinstance(widget, QComboBox)
    i = widget.findText(text)
    assert i >= 0, f"{text!r} not offered"
    widget.setCurrentIndex(i)


def tick(widget: Any, *texts: str) -> None:
    assert isinstance(widget, QListWidget)
    for text in texts:
        items = widget.findItems(text, Qt.MatchFlag.MatchExactly)
        assert items, f"{text!r} not offered"
        items[0].setCheckState(Qt.CheckState.Checked)


def fill_new_case_dialog(qtbot: Any, names: list[str]) -> None:
    """Answer the dialog as a user would: each name in turn, pressing "Start the case"."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewCaseDialog)
        for name in names:
            replace_text(qtbot, dialog.name, name)
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
            if dialog.isVisible():
                assert dialog.problem.text() == "Give the family's name (the name the family is known by)."
    QTimer.singleShot(0, answer)


def test_the_whole_journey_from_request_to_authorised_assessment(
        qtbot: Any, make_window: Any, tmp_db: Database, tmp_path: Path) -> None:
    window: MainWindow = make_window(tmp_db)
    fill_new_case_dialog(qtbot, ["", "Okafor"])
    case_id = window.new_case()
    assert case_id is not None
    ws = window.workspace
    assert ws.current_key() == "request" and ws.title.text() == "Okafor family"

    # The request, then the decision.
    req = ws.current_editor()
    assert req is not None and req.current_id == ""
    form = req.form
    choose(form.widget("source"), "School")
    qtbot.keyClicks(form.widget("source_name"), "Ms Grant, DSL, Hill Primary")
    assert req.flush() is False
    assert form.error_label("reasons").text() == "Say why help is asked for: the needs the family or the referrer describe."
    qtbot.keyClicks(form.widget("reasons"), "Ada is often late and tired; mum is struggling since the baby.")
    tick(form.widget("presenting_needs"), "School non-attendance")
    replace_text(qtbot, form.widget("received_at"), "2026-11-02 09:30")
    assert req.flush() is True
    choose(form.widget("outcome"), "Open to early help")
    replace_text(qtbot, form.widget("decided_at"), "2026-11-02 14:00")
    qtbot.keyClicks(form.widget("decided_by"), "Early Help Hub")
    assert req.flush() is False
    assert form.error_label("level_of_need").text() == "Choose the level of need: Level 2 or Level 3."
    choose(form.widget("level_of_need"), "Level 2 (Universal Plus)")
    assert req.flush() is True
    with tmp_db.session() as s:
        assert s.get(Case, case_id).status == "open"
    assert ws.step("request").state == "done"

    # The family, and the mother's consent.
    for name, kind, dob in (("Ada", "Child or young person", "2015-04-01"), ("Ben", "Child or young person", "2019-09-09"),
                            ("Grace", "Adult", "")):
        window.actions.new_person.trigger()
        pe = ws.people_editor
        choose(pe.form.widget("kind"), kind)
        qtbot.keyClicks(pe.form.widget("given_name"), name)
        qtbot.keyClicks(pe.form.widget("family_name"), "Okafor")
        if dob:
            qtbot.keyClicks(pe.form.widget("date_of_birth"), dob)
        assert pe.flush() is True
    window.actions.new_consent.trigger()
    ce = ws.consent_editor
    choose(ce.form.widget("person_id"), "Grace Okafor (adult)")
    ce.form.widget("share_with_all_taf").setChecked(True)
    assert ce.flush() is True
    assert ws.step("consent").state == "done"

    # Allocation to a lead professional from the team.
    window.actions.new_professional.trigger()
    qtbot.keyClicks(ws.team_editor.form.widget("name"), "Jo Bennett")
    assert ws.team_editor.flush() is True
    ws.show_section("allocation")
    al = ws.current_editor()
    al.new_record()
    assert al.form.widget("note").toPlainText().startswith("Children: Ada Okafor (")
    choose(al.form.widget("professional_id"), "Jo Bennett")
    replace_text(qtbot, al.form.widget("allocated_at"), "2026-11-03 10:00")
    qtbot.keyClicks(al.form.widget("note"), "attendance, mum's wellbeing. Timescales: visit by 10 Nov.")
    assert al.flush() is True
    assert ws.step("allocation").state == "done" and "Lead professional: Jo Bennett" in ws.facts.text()

    # The assessment: a voice tab for each child, what is missing listed as we go.
    ws.show_section("assessment")
    ae = ws.assessment_editor
    assert ws.current_editor() is ae and ae.start_button.isVisible()
    ae.start_button.click()
    tabs = [ae.tabs.tabText(i) for i in range(ae.tabs.count())]
    assert tabs == ["The family's s&tory", "Ada's voice", "Ben's voice", "Parents and &carers", "P&rofessionals", "&Needs"]
    assert "Voice of Ada Okafor: record what the child said" in ae.checklist.text()
    assert not ae.complete_button.isEnabled()

    sections = ae.sections.form
    for name, text in (("strengths", "Grace is loving and organised."), ("worries", "Ada is late most days."),
                       ("family_goals", "Calm mornings."), ("analysis", "Support with routines should be enough.")):
        qtbot.keyClicks(sections.widget(name), text)
    choose(sections.widget("level_of_need"), "Level 2 (Universal Plus)")
    assert ae.sections.flush() is True

    for child, words in (("Ada", "I want to get to school on time."), ("Ben", "I like my big sister.")):
        ve = next(e for e in ae.voices.values() if e.child_name == f"{child} Okafor")
        ae.tabs.setCurrentWidget(ve)
        qtbot.keyClicks(ve.form.widget("words"), words)
        qtbot.keyClicks(ve.form.widget("gathered_by"), "Jo Bennett")
        choose(ve.form.widget("seen_alone"), "Yes")
        qtbot.keyClicks(ve.form.widget("gathered_on"), "2099-01-01")
        assert ve.flush() is False
        assert ve.form.error_label("gathered_on").text() == (
            "The date the child's views were gathered cannot be in the future.")
        replace_text(qtbot, ve.form.widget("gathered_on"), "10/11/2026")
        assert ve.flush() is True
    ada = next(e for e in ae.voices.values() if e.child_name == "Ada Okafor")
    drawing = tmp_path / "three-houses.png"
    Image.new("RGB", (300, 200), "orange").save(drawing)
    not_a_picture = tmp_path / "notes.txt"
    not_a_picture.write_text("hello")
    assert ada.pictures.add_files([drawing, not_a_picture]) == [
        "notes.txt is not a picture tafdesk can read; add a photo or scan as PNG or JPEG."]
    assert ada.pictures.list.count() == 1 and not ada.pictures.list.item(0).icon().isNull()

    ae.tabs.setCurrentWidget(ae.adults)
    assert "Views of Grace Okafor" not in ae.checklist.text()  # not linked to the children yet
    ae.new_record()
    choose(ae.adults.form.widget("person_id"), "Grace Okafor")
    qtbot.keyClicks(ae.adults.form.widget("views"), "Mornings are hard with the baby.")
    assert ae.adults.flush() is True

    ae.tabs.setCurrentWidget(ae.needs)
    window.actions.remove.trigger()  # nothing chosen: nothing happens
    ae.new_record()
    qtbot.keyClicks(ae.needs.form.widget("description"), "Ada is late to school most days.")
    assert ae.needs.flush() is True
    assert "Need 1 (\u201cAda is late to school most days.\u201d): choose at least one outcome area." in ae.checklist.text()
    tick(ae.needs.form.widget("outcome_areas"), "Getting a good education")
    tick(ae.needs.form.widget("person_ids"), "Ada Okafor")
    assert ae.needs.flush() is True
    assert ae.checklist.text().startswith("Nothing is missing")

    ae.complete_button.click()
    assert ae.sign_row.isVisible() and ws.step("assessment").state == "in_progress"
    ae.manager.clear()
    qtbot.keyClicks(ae.manager, "Mark Ellis")
    replace_text(qtbot, ae.authorised_on, "2099-01-01")
    ae.authorise_button.click()
    assert ae.problem.text() == "The date of the authorisation cannot be in the future."
    replace_text(qtbot, ae.authorised_on, "2026-11-01")
    ae.authorise_button.click()
    assert ae.problem.text().startswith("The authorisation cannot come before the assessment was completed")
    replace_text(qtbot, ae.authorised_on, date.today().strftime("%d/%m/%Y"))
    ae.authorise_button.click()
    assert ws.step("assessment").state == "done"
    assert ae.checklist.text().startswith(f"Authorised by Mark Ellis on {date.today():%d %b %Y}.")
    assert ae.amend_button.isVisible()
    words = ada.form.widget("words")
    assert isinstance(words, QPlainTextEdit) and words.isReadOnly()
    assert not ada.pictures.add_button.isEnabled()

    pdf = tmp_path / "a.pdf"
    assert ae.save_pdf(pdf, family_copy=False)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "I want to get to school on time." in text and "I like my big sister." in text

    # A later change is an amendment; the authorised version stays as it was.
    ae.amend_button.click()
    assert ae.version.text() == "Amendment 1 (version 2): in progress" and not words.isReadOnly()
    with tmp_db.session() as s:
        assert [a.status for a in A.versions_of(s, case_id)] == ["draft", "authorised"]
        new = A.current_assessment(s, case_id)
        assert len(P.parts_of(s, new.id, "child_voices")) == 2


def test_chronology_visits_and_supervision_in_the_case_work_list(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    ws = workspace_window.workspace
    nav = [ws.nav.item(i).text() for i in range(ws.nav.count())]
    assert nav[nav.index("Case work") + 1:nav.index("Case work") + 4] == ["Chronology", "Visits", "Supervision"]
    ws.show_section("visits")
    editor = ws.current_editor()
    assert editor is not None and editor.list.count() == 3
    workspace_window.actions.undo.setEnabled(True)
    editor.new_record()
    qtbot.keyClicks(editor.form.widget("purpose"), "Seeing Leo alone after the exclusion.")
    tick(editor.form.widget("seen_alone_child_ids"), "Leo Carter")
    assert editor.flush() is False
    assert editor.form.error_label("seen_person_ids").text() == "Tick who was seen at the visit."
    tick(editor.form.widget("seen_person_ids"), "Leo Carter")
    assert editor.flush() is True
    with demo_db.session() as s:
        assert len(entries_of(s, demo_case_id, "visits")) == 4
    workspace_window.actions.undo.trigger()
    with demo_db.session() as s:
        assert len(entries_of(s, demo_case_id, "visits")) == 3
    ws.show_section("chronology")
    assert ws.section_title.text() == "Chronology" and ws.current_editor().list.count() == 4
    ws.show_section("supervision")
    sup = ws.current_editor()
    sup.new_record()
    qtbot.keyClicks(sup.form.widget("supervisor"), "Mark Ellis")
    replace_text(qtbot, sup.form.widget("held_on"), "someday")
    assert sup.flush() is False
    assert sup.form.error_label("held_on").text() == "Give a date as YYYY-MM-DD, e.g. 2026-03-14."
    assert sup.form.error_label("note").text() == "Write what was discussed and decided."
    assert sup.form.widget("held_on").text() == "someday"  # what was typed is kept


def test_the_demo_assessment_is_locked_and_shows_maja_s_direct_work(workspace_window: MainWindow) -> None:
    ws = workspace_window.workspace
    ws.show_section("assessment")
    ae = ws.assessment_editor
    assert ae.version.text() == "Assessment: authorised 02 Oct 2026"
    assert [ae.tabs.tabText(i) for i in range(1, 4)] == ["Maja's voice", "Leo's voice", "Ruby's voice"]
    maja = next(e for e in ae.voices.values() if e.child_name == "Maja Nowak")
    assert maja.pictures.list.count() == 1
    assert isinstance(maja.form.widget("gathered_by"), QLineEdit) and maja.form.widget("gathered_by").isReadOnly()
    ae.tabs.setCurrentWidget(ae.needs)
    workspace_window.actions.remove.trigger()
    assert "locked" in ae.needs.status.text() or not ae.needs.remove_button.isEnabled()


@pytest.mark.parametrize("section", ["request", "allocation", "assessment", "chronology", "visits", "supervision"])
def test_every_control_has_a_name_and_takes_keyboard_focus(workspace_window: MainWindow, section: str) -> None:
    from .test_workspace import editable

    ws = workspace_window.workspace
    ws.show_section(section)
    editor = ws.current_editor()
    assert editor is not None and ws.body.currentWidget() is editor
    controls = editable(editor)
    assert len(controls) > 5
    for w in controls:
        name = w.accessibleName() or (w.text() if isinstance(w, QPushButton | QCheckBox) else "")
        assert name, f"{type(w).__name__} in {section} has no accessible name"
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{name} cannot be reached with Tab"


def test_a_childs_words_survive_a_crash_as_a_draft_of_that_child_only(
        qtbot: Any, make_window: Any, tmp_db: Database) -> None:
    from tafdesk.models.services.cases import create_case
    from tafdesk.models.services.people import add_person

    with tmp_db.session() as s:
        case_id = create_case(s, {"family_name": "Okafor"}, user="t").id
        for name in ("Ada", "Ben"):
            add_person(s, case_id, {"kind": "child", "given_name": name, "family_name": "Okafor"}, user="t")
        A.start_assessment(s, case_id, {}, user="t")
    crashed = make_window(tmp_db)
    crashed.open_case(case_id)
    crashed.workspace.show_section("assessment")
    ada = next(e for e in crashed.workspace.assessment_editor.voices.values() if e.child_name == "Ada Okafor")
    crashed.workspace.assessment_editor.tabs.setCurrentWidget(ada)
    qtbot.keyClicks(ada.form.widget("words"), "I like drawing.")
    qtbot.keyClicks(ada.form.widget("gathered_on"), "2099-01-01")
    qtbot.waitUntil(lambda: ada.form.error_label("gathered_on").isVisible(), timeout=2500)  # autosave tried
    crashed.hide()  # gone without closing

    window = make_window(tmp_db)
    window.open_case(case_id)
    window.workspace.show_section("assessment")
    voices = {e.child_name: e for e in window.workspace.assessment_editor.voices.values()}
    assert voices["Ada Okafor"].banner.isVisibleTo(voices["Ada Okafor"])
    assert not voices["Ben Okafor"].banner.isVisibleTo(voices["Ben Okafor"])
    assert "Unsaved changes kept" in window.workspace.nav.currentItem().text()
    voices["Ada Okafor"].restore_button.click()
    assert voices["Ada Okafor"].form.widget("words").toPlainText() == "I like drawing."  # type: ignore[attr-defined]
    replace_text(qtbot, voices["Ada Okafor"].form.widget("gathered_on"), "2026-11-10")
    assert voices["Ada Okafor"].flush() is True
