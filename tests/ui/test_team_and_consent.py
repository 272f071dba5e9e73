"""The team and consent editors: validation, the rules the services enforce, undo, the journey."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit

from tafdesk.models.services.consent import consents_of
from tafdesk.models.services.team import team_of
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow

from .helpers import replace_text

pytestmark = pytest.mark.gui


def team_names(db: Database, case_id: str) -> list[str]:
    with db.session() as s:
        return [m.professional.name for m in team_of(s, case_id)]


def test_adding_a_professional_with_a_bad_email_then_fixing_it(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    workspace_window.actions.new_professional.trigger()
    editor = workspace_window.workspace.team_editor
    assert workspace_window.workspace.current_editor() is editor and editor.current_id == ""
    name, email = editor.form.widget("name"), editor.form.widget("email")
    assert isinstance(name, QLineEdit) and isinstance(email, QLineEdit) and name.hasFocus()
    qtbot.keyClicks(name, "Pat Example")
    qtbot.keyClicks(email, "pat.example.org")
    assert editor.flush() is False
    assert editor.form.error_label("email").text().startswith("This does not look like an email address")
    assert "Pat Example" not in team_names(demo_db, demo_case_id)
    assert name.text() == "Pat Example" and email.text() == "pat.example.org"

    replace_text(qtbot, email, "pat@example.org")
    assert editor.flush() is True
    assert "Pat Example" in team_names(demo_db, demo_case_id)
    assert "Team around the family (7)" in [
        workspace_window.workspace.nav.item(i).text() for i in range(workspace_window.workspace.nav.count())]

    workspace_window.actions.undo.trigger()
    assert "Pat Example" not in team_names(demo_db, demo_case_id)
    workspace_window.actions.redo.trigger()
    assert "Pat Example" in team_names(demo_db, demo_case_id)


def test_the_lead_professional_cannot_be_removed_from_the_team(
        workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    workspace_window.workspace.show_section("team")
    editor = workspace_window.workspace.team_editor
    row = next(i for i in range(editor.list.count()) if "(lead professional)" in editor.list.item(i).text())
    editor.list.setCurrentRow(row)
    workspace_window.actions.remove.trigger()
    assert editor.status.text() == "This is the lead professional; allocate another lead first."
    assert "Sarah Whitfield" in team_names(demo_db, demo_case_id)


def consent_editor_at(window: MainWindow, who: str) -> Any:
    window.workspace.show_section("consent")
    editor = window.workspace.consent_editor
    row = next(i for i in range(editor.list.count()) if editor.list.item(i).text().startswith(who))
    editor.list.setCurrentRow(row)
    return editor


def test_withdrawing_consent_needs_notes(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    editor = consent_editor_at(workspace_window, "Agnieszka Nowak")
    withdrawn = editor.form.widget("withdrawn_on")
    notes = editor.form.widget("withdrawal_notes")
    assert isinstance(withdrawn, QLineEdit) and isinstance(notes, QPlainTextEdit)
    qtbot.keyClicks(withdrawn, "2026-11-02")
    assert editor.flush() is False
    assert editor.form.error_label("withdrawal_notes").text() == (
        "Record what the person said and what follows from the withdrawal.")
    assert withdrawn.text() == "2026-11-02"
    with demo_db.session() as s:
        assert all(c.withdrawn_on is None for c in consents_of(s, demo_case_id))

    qtbot.keyClicks(notes, "Said by phone she no longer wants the school to share. Manager told.")
    assert editor.flush() is True
    with demo_db.session() as s:
        assert [c.withdrawn_on.isoformat() for c in consents_of(s, demo_case_id) if c.withdrawn_on] == ["2026-11-02"]
    assert "withdrawn 02 Nov 2026" in editor.list.currentItem().text()
    # The journey follows the record: Agnieszka no longer consents.
    consent_step = workspace_window.workspace.step("consent")
    assert consent_step is not None and consent_step.state == "in_progress"
    assert "Ask Agnieszka Nowak for consent" in consent_step.next_action


def test_recording_consent_and_undoing_it(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    workspace_window.actions.new_consent.trigger()
    editor = workspace_window.workspace.consent_editor
    person = editor.form.widget("person_id")
    agencies = editor.form.widget("scope_agency_ids")
    assert isinstance(person, QComboBox) and isinstance(agencies, QListWidget)
    assert person.currentIndex() == -1  # who gave it is chosen, never assumed
    assert editor.flush() is True  # nothing typed yet: nothing to save, nothing to complain about
    qtbot.keyClicks(editor.form.widget("recorded_by"), "Sarah Whitfield")
    assert editor.flush() is False
    assert editor.form.error_label("person_id").text() == "This is required."

    person.setCurrentIndex(person.findText("Tomasz Nowak (adult)"))
    school = agencies.findItems("Riverside Academy", Qt.MatchFlag.MatchExactly)[0]
    agencies.setCurrentItem(school)
    agencies.setFocus()
    qtbot.keyClick(agencies, Qt.Key.Key_Space)  # ticked by keyboard
    assert school.checkState() == Qt.CheckState.Checked
    assert editor.flush() is True
    with demo_db.session() as s:
        assert len(consents_of(s, demo_case_id)) == 5
    workspace_window.actions.undo.trigger()
    with demo_db.session() as s:
        assert len(consents_of(s, demo_case_id)) == 4
    workspace_window.actions.redo.trigger()
    with demo_db.session() as s:
        new = [c for c in consents_of(s, demo_case_id) if c.scope_agency_ids and not c.share_with_all_taf
               and c.given_on.isoformat() != "2026-09-14"]
        assert len(new) == 1 and len(new[0].scope_agency_ids) == 1


def test_undo_waits_for_invalid_input_to_be_corrected(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    editor = consent_editor_at(workspace_window, "Barbara Nowak")
    recorded = editor.form.widget("recorded_by")
    assert isinstance(recorded, QLineEdit)
    replace_text(qtbot, recorded, "Jo Bennett")
    assert editor.flush()
    replace_text(qtbot, editor.form.widget("given_on"), "someday")
    editor.list.setFocus()
    workspace_window.actions.undo.trigger()
    assert "First correct the fields marked in red" in workspace_window.statusBar().currentMessage()
    assert editor.form.widget("given_on").text() == "someday"  # type: ignore[attr-defined]
    with demo_db.session() as s:
        assert "Jo Bennett" in [c.recorded_by for c in consents_of(s, demo_case_id)]
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    workspace_window.actions.undo.trigger()
    with demo_db.session() as s:
        assert "Jo Bennett" not in [c.recorded_by for c in consents_of(s, demo_case_id)]


def test_a_new_record_that_was_never_valid_is_recovered_after_a_crash(
        qtbot: Any, make_window: Any, demo_db: Database, demo_case_id: str) -> None:
    crashed = make_window(demo_db)
    crashed.open_case(demo_case_id)
    crashed.actions.new_professional.trigger()
    editor = crashed.workspace.team_editor
    qtbot.keyClicks(editor.form.widget("name"), "Pat Example")
    qtbot.keyClicks(editor.form.widget("email"), "pat at example")
    qtbot.waitUntil(lambda: editor.form.error_label("email").isVisible(), timeout=2500)
    crashed.hide()  # gone without closing

    window = make_window(demo_db)
    window.open_case(demo_case_id)
    window.workspace.show_section("team")
    editor = window.workspace.team_editor
    assert editor.current_id == "" and editor.banner.isVisible()
    assert editor.form.widget("name").text() == ""  # type: ignore[attr-defined]
    editor.restore_button.click()
    assert editor.form.widget("name").text() == "Pat Example"  # type: ignore[attr-defined]
    assert editor.form.widget("email").text() == "pat at example"  # type: ignore[attr-defined]
    assert editor.form.widget("email").hasFocus()  # straight to what needs correcting
    assert "Pat Example" not in team_names(demo_db, demo_case_id)
    replace_text(qtbot, editor.form.widget("email"), "pat@example.org")
    assert editor.flush()
    assert "Pat Example" in team_names(demo_db, demo_case_id)


def test_escape_in_a_field_saves_and_goes_back_to_the_case_list(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    editor = consent_editor_at(workspace_window, "Barbara Nowak")
    recorded = editor.form.widget("recorded_by")
    replace_text(qtbot, recorded, "Jo Bennett")
    qtbot.keyClick(recorded, Qt.Key.Key_Escape)
    assert workspace_window.pages.currentWidget() is workspace_window.case_list
    with demo_db.session() as s:
        assert "Jo Bennett" in [c.recorded_by for c in consents_of(s, demo_case_id)]


def test_lists_have_context_menus_for_their_actions(workspace_window: MainWindow) -> None:
    for editor in workspace_window.workspace.editors.values():
        texts = [a.text() for a in editor.list.actions()]
        assert texts == [editor.add_text, editor.remove_text]
        assert editor.list.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [a.text() for a in workspace_window.case_list.table.actions()] == ["Open case"]
