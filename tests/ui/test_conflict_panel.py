"""Two people edit the same family member at once (two windows over one database, as two
users of a shared database would): the second save is held back, both versions are shown,
and the user keeps theirs, takes the other's or merges field by field. Nothing is overwritten
without the user choosing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLineEdit, QPlainTextEdit

from tafdesk.models.orm import Person
from tafdesk.models.storage import Database
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.people_editor import PeopleEditor

from .helpers import replace_text
from .test_people_editor import people_editor, select_person

pytestmark = pytest.mark.gui


def _maja(db: Database) -> Person:
    from sqlalchemy import select

    with db.session() as s:
        return s.scalar(select(Person).where(Person.given_name == "Maja"))


@pytest.fixture
def two_editors(qtbot: Any, make_window: Callable[[Database], MainWindow], demo_db: Database,
                demo_case_id: str, reopen: Callable[[], Database]) -> tuple[PeopleEditor, PeopleEditor, Database]:
    editors = []
    for db in (demo_db, reopen()):
        window = make_window(db)
        window.open_case(demo_case_id)
        editor = people_editor(window)
        select_person(editor, "Maja Nowak")
        editors.append(editor)
    return editors[0], editors[1], demo_db


def _type(qtbot: Any, editor: PeopleEditor, field: str, text: str) -> None:
    w = editor.form.widget(field)
    assert isinstance(w, QLineEdit | QPlainTextEdit)
    replace_text(qtbot, w, text)


def _save(qtbot: Any, editor: PeopleEditor) -> bool:
    editor.window().activateWindow()
    return editor.flush(explicit=True)


def test_the_second_save_shows_both_versions_and_merges_field_by_field(
        qtbot: Any, two_editors: tuple[PeopleEditor, PeopleEditor, Database]) -> None:
    alice, bob, db = two_editors
    _type(qtbot, alice, "known_as", "Mai")
    assert _save(qtbot, alice)
    _type(qtbot, bob, "phone", "07700 900999")
    assert not _save(qtbot, bob)  # held back: Alice saved first
    assert bob.in_conflict() and bob.conflict.isVisible() and not bob.form.isVisible()
    assert "Someone else changed this family member" in bob.conflict.detail.text()
    assert sorted(bob.conflict.differing()) == ["known_as", "phone"]
    # Alice's field starts on hers, Bob's on his; the panel has the focus (keyboard users).
    assert bob.conflict.choices["known_as"].currentData() == "theirs"
    assert bob.conflict.choices["phone"].currentData() == "mine"
    assert bob.focusWidget() is bob.conflict.choices["known_as"]
    maja = _maja(db)
    assert (maja.known_as, maja.phone) == ("Mai", "")  # nothing of Bob's written yet
    assert bob.has_drafts()  # and his typing is kept meanwhile
    bob.window().grab().save("/tmp/conflict_panel.png")
    # Autosave does not sneak past the conflict.
    assert not bob.flush(explicit=False) and bob.in_conflict()
    qtbot.mouseClick(bob.conflict.merge, Qt.MouseButton.LeftButton)
    assert not bob.in_conflict() and not bob.conflict.isVisible() and bob.form.isVisible()
    maja = _maja(db)
    assert (maja.known_as, maja.phone) == ("Mai", "07700 900999")  # both changes kept
    assert bob.form.raw()["known_as"] == "Mai" and not bob.dirty() and not bob.has_drafts()
    # Bob's next edit saves straight away: he is now working from the newest version.
    _type(qtbot, bob, "email", "maja@example.org")
    assert _save(qtbot, bob) and not bob.in_conflict()


def test_both_changed_the_same_field_take_theirs_or_keep_mine(
        qtbot: Any, two_editors: tuple[PeopleEditor, PeopleEditor, Database]) -> None:
    alice, bob, db = two_editors
    _type(qtbot, alice, "notes", "Alice wrote this")
    assert _save(qtbot, alice)
    _type(qtbot, bob, "notes", "Bob wrote this")
    assert not _save(qtbot, bob)
    assert bob.conflict.differing() == ["notes"]
    assert [b.title() for b in bob.conflict.findChildren(QGroupBox)] == ["Notes (changed by both of you)"]
    assert _maja(db).notes == "Alice wrote this"
    qtbot.mouseClick(bob.conflict.take_theirs, Qt.MouseButton.LeftButton)
    assert _maja(db).notes == "Alice wrote this" and bob.form.raw()["notes"] == "Alice wrote this"
    assert not bob.dirty()
    # Now Alice, still on her old version, changes the notes again: she keeps hers, knowingly.
    _type(qtbot, bob, "notes", "Bob again")
    assert _save(qtbot, bob)
    _type(qtbot, alice, "notes", "Alice again")
    assert not _save(qtbot, alice) and alice.in_conflict()
    assert _maja(db).notes == "Bob again"
    qtbot.mouseClick(alice.conflict.keep_mine, Qt.MouseButton.LeftButton)
    assert _maja(db).notes == "Alice again" and not alice.in_conflict()


def test_leaving_the_record_in_conflict_keeps_the_typing_and_the_conflict(
        qtbot: Any, two_editors: tuple[PeopleEditor, PeopleEditor, Database]) -> None:
    alice, bob, db = two_editors
    _type(qtbot, alice, "known_as", "Mai")
    assert _save(qtbot, alice)
    _type(qtbot, bob, "known_as", "MJ")
    assert not _save(qtbot, bob)
    select_person(bob, "Leo")  # away and back: the draft is offered again
    select_person(bob, "Mai Nowak")  # the list now shows the name Alice saved
    assert bob.banner.isVisible() and bob.form.raw()["known_as"] == "Mai"
    bob.restore_draft()  # restoring typing made over the old version shows the conflict again
    assert bob.in_conflict() and bob.conflict.differing() == ["known_as"]
    assert _maja(db).known_as == "Mai"
    bob.conflict.choose("known_as", "mine")
    qtbot.mouseClick(bob.conflict.merge, Qt.MouseButton.LeftButton)
    assert _maja(db).known_as == "MJ"
