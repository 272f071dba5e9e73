"""Family members: autosave that survives a restart, validation that keeps what was typed,
undo and redo, and recovery of unsaved input after a crash."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tafdesk.models.services.demo import find_demo
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.people_editor import PeopleEditor

from .helpers import replace_text

pytestmark = pytest.mark.gui


def people_editor(window: MainWindow) -> PeopleEditor:
    window.workspace.show_section("people")
    editor = window.workspace.people_editor
    assert window.workspace.current_editor() is editor
    return editor


def select_person(editor: PeopleEditor, name: str) -> None:
    for i in range(editor.list.count()):
        if editor.list.item(i).text().startswith(name):
            editor.list.setCurrentRow(i)
            return
    raise AssertionError(f"{name} is not in the list")


def names_in(db: Database) -> list[str]:
    with db.session() as s:
        case = find_demo(s)
        assert case is not None
        return [p.display_name for p in list_people(s, case.id)]


def line(editor: PeopleEditor, field: str) -> QLineEdit:
    w = editor.form.widget(field)
    assert isinstance(w, QLineEdit)
    return w


def test_an_edit_is_saved_by_itself_and_is_there_after_a_restart(
        qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database,
        demo_case_id: str, reopen: Callable[[], Database]) -> None:
    window = make_window(demo_db)
    window.open_case(demo_case_id)
    editor = people_editor(window)
    select_person(editor, "Maja Nowak")
    replace_text(qtbot, line(editor, "given_name"), "Maya")
    assert editor.dirty()
    # No save, no Enter, no leaving the field: the pause in typing saves it (within 2 s).
    qtbot.waitUntil(lambda: not editor.dirty(), timeout=2500)
    assert editor.status.text() == "All changes saved."
    window.close()
    demo_db.close()

    db = reopen()
    assert "Maya Nowak" in names_in(db) and "Maja Nowak" not in names_in(db)
    again = make_window(db)
    again.open_case(demo_case_id)
    editor = people_editor(again)
    select_person(editor, "Maya Nowak")
    assert line(editor, "given_name").text() == "Maya"


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("date_of_birth", "2099-01-01", "A date of birth cannot be in the future."),
    ("date_of_birth", "31/02/2012", "Give a date as YYYY-MM-DD, e.g. 2026-03-14."),
    ("email", "maja-at-example", "This does not look like an email address (name@example.org)."),
    ("first_language", "Polish", "Use a language code such as en, pl, ur or pa-Guru."),
])
def test_bad_input_is_explained_next_to_the_field_and_kept(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database,
        field: str, typed: str, message: str) -> None:
    editor = people_editor(workspace_window)
    select_person(editor, "Maja Nowak")
    replace_text(qtbot, line(editor, field), typed)
    assert editor.flush(explicit=False) is False
    error = editor.form.error_label(field)
    assert error.isVisible() and error.text() == message
    assert line(editor, field).text() == typed  # nothing the user typed is lost
    assert line(editor, field).accessibleDescription() == f"Problem: {message}"
    assert "has not been saved" in editor.form.summary.text()
    assert "What you typed is kept" in editor.status.text()
    with demo_db.session() as s:  # and nothing was saved
        maja = next(p for p in list_people(s, find_demo(s).id) if p.given_name == "Maja")  # type: ignore[union-attr]
        assert (maja.date_of_birth.isoformat(), maja.email, maja.first_language) == ("2012-03-14", "", "pl")
    replace_text(qtbot, line(editor, field), "")  # correcting it clears the message
    assert editor.flush() is True
    assert not error.isVisible() and not editor.form.summary.isVisible()


def test_a_date_in_uk_order_is_understood(qtbot: Any, workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    select_person(editor, "Leo Carter")
    replace_text(qtbot, line(editor, "date_of_birth"), "03/06/2017")
    assert editor.flush() is True
    with demo_db.session() as s:
        leo = next(p for p in list_people(s, find_demo(s).id) if p.given_name == "Leo")  # type: ignore[union-attr]
        assert leo.date_of_birth.isoformat() == "2017-06-03"


def test_undo_and_redo_an_edit(qtbot: Any, workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    select_person(editor, "Maja Nowak")
    replace_text(qtbot, line(editor, "given_name"), "Maya")
    assert editor.flush() is True
    assert "Maya Nowak" in names_in(demo_db)
    actions = workspace_window.actions
    assert actions.undo.isEnabled() and actions.undo.text() == "&Undo Edit Maya Nowak"

    editor.list.setFocus()
    actions.undo.trigger()
    assert "Maja Nowak" in names_in(demo_db) and "Maya Nowak" not in names_in(demo_db)
    assert line(editor, "given_name").text() == "Maja"  # the form follows the record
    assert editor.list.currentItem().text().startswith("Maja Nowak")
    actions.redo.trigger()
    assert "Maya Nowak" in names_in(demo_db)
    assert line(editor, "given_name").text() == "Maya"


def test_typing_on_in_one_field_is_one_step_of_undo(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    select_person(editor, "Maja Nowak")
    field = line(editor, "known_as")
    for text in ("M", "Ma", "Maj"):  # three autosaves while typing one word
        replace_text(qtbot, field, text)
        assert editor.flush(explicit=False)
    stack = workspace_window.ops.undo_group.activeStack()
    assert stack.count() == 1
    workspace_window.actions.undo.trigger()
    assert field.text() == ""


def test_undo_and_redo_an_added_family_member(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    workspace_window.actions.new_person.trigger()
    assert editor.current_id == "" and line(editor, "given_name").hasFocus()
    qtbot.keyClicks(line(editor, "given_name"), "Zofia")
    qtbot.keyClicks(line(editor, "family_name"), "Nowak")
    assert editor.flush() is True
    new_id = editor.current_id
    assert new_id and "Zofia Nowak" in names_in(demo_db)
    assert any(editor.list.item(i).text().startswith("Zofia Nowak") for i in range(editor.list.count()))

    workspace_window.actions.undo.trigger()
    assert "Zofia Nowak" not in names_in(demo_db)
    assert editor.list.count() == 7
    workspace_window.actions.redo.trigger()
    assert "Zofia Nowak" in names_in(demo_db)
    with demo_db.session() as s:  # the same record again, not a copy
        assert new_id in {p.id for p in list_people(s, find_demo(s).id)}  # type: ignore[union-attr]


def test_a_new_member_needs_a_name_and_only_touched_fields_are_complained_about(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    editor.new_record()
    replace_text(qtbot, line(editor, "school_or_setting"), "Riverside Academy")
    assert editor.flush(explicit=False) is False  # autosave: no name yet, but no telling off
    assert not editor.form.error_label("given_name").isVisible()
    assert editor.status.text() == "Not saved yet: some details are still needed."
    assert editor.flush(explicit=True) is False  # leaving or Ctrl+S: now it is said
    assert editor.form.error_label("given_name").text() == "Give at least a first name or a family name."
    assert len(names_in(demo_db)) == 7


def test_removing_a_member_and_undoing_it(qtbot: Any, workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    editor.new_record()
    qtbot.keyClicks(line(editor, "given_name"), "Temporary")
    assert editor.flush()
    added = editor.current_id
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert "Temporary" not in names_in(demo_db)
    assert "Undo with Ctrl+Z" in editor.status.text()
    workspace_window.actions.undo.trigger()
    assert "Temporary" in names_in(demo_db)
    with demo_db.session() as s:
        assert added in {p.id for p in list_people(s, find_demo(s).id)}  # type: ignore[union-attr]


def test_a_member_linked_to_other_records_is_not_removed(workspace_window: MainWindow, demo_db: Database) -> None:
    editor = people_editor(workspace_window)
    select_person(editor, "Agnieszka Nowak")
    workspace_window.actions.remove.trigger()
    assert "Agnieszka Nowak" in names_in(demo_db)
    assert "Agnieszka Nowak is not removed" in editor.status.text()
    assert "consents" in editor.status.text() and "restrictions" in editor.status.text()


def test_invalid_input_is_recovered_after_a_crash(
        qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database,
        demo_case_id: str, reopen: Callable[[], Database]) -> None:
    crashed = make_window(demo_db)
    crashed.open_case(demo_case_id)
    editor = people_editor(crashed)
    select_person(editor, "Maja Nowak")
    replace_text(qtbot, line(editor, "date_of_birth"), "2099-01-01")
    qtbot.keyClicks(line(editor, "date_of_birth"), "")
    qtbot.waitUntil(lambda: editor.form.error_label("date_of_birth").isVisible(), timeout=2500)
    # The process dies here: no close, no save. Start again on the same file.
    crashed.hide()

    db = reopen()
    window = make_window(db)
    window.open_case(demo_case_id)
    assert "Unsaved changes kept" in window.workspace.nav.findItems(
        "Family members", Qt.MatchFlag.MatchStartsWith)[0].text()
    editor = people_editor(window)
    assert editor.list.currentItem().text().startswith("Maja Nowak")
    assert "(unsaved changes kept)" in editor.list.currentItem().text()
    assert editor.banner.isVisible()
    assert editor.banner_text.text().startswith("Restore unsaved changes from ")
    assert line(editor, "date_of_birth").text() == "2012-03-14"  # the record as saved, until asked
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert line(editor, "date_of_birth").text() == "2099-01-01"
    assert editor.form.error_label("date_of_birth").text() == "A date of birth cannot be in the future."
    assert not editor.banner.isVisible()

    replace_text(qtbot, line(editor, "date_of_birth"), "2012-03-15")  # corrected: saved, draft gone
    assert editor.flush()
    assert editor.ops.load_draft(demo_case_id, "people", editor.current_id) is None
    assert "(unsaved changes kept)" not in editor.list.currentItem().text()


def test_a_recovered_draft_can_be_discarded(
        qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database,
        demo_case_id: str) -> None:
    first = make_window(demo_db)
    first.open_case(demo_case_id)
    editor = people_editor(first)
    select_person(editor, "Leo Carter")
    replace_text(qtbot, line(editor, "email"), "leo at school")
    assert editor.flush(explicit=False) is False
    first.hide()

    window = make_window(demo_db)
    window.open_case(demo_case_id)
    editor = people_editor(window)
    assert editor.banner.isVisible()
    qtbot.mouseClick(editor.drop_button, Qt.MouseButton.LeftButton)
    assert not editor.banner.isVisible()
    assert editor.ops.load_draft(demo_case_id, "people", editor.current_id) is None
    assert line(editor, "email").text() == ""
