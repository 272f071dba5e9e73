"""The app in another language: every fixed text of the shell comes from the catalogue, Arabic lays
the windows out right to left, and the user chooses the language from the View menu.

A fake catalogue (every message shown as «message») proves the text is routed through ``_()``
whatever the shipped catalogues hold yet: English left on a button shows up as unmarked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget

from tafdesk.i18n import catalog
from tafdesk.i18n.ui import ENV_LANGUAGE, set_ui_language, ui_language
from tafdesk.models.storage import Database
from tafdesk.ui.app import LANGUAGE_KEY, apply_ui_language
from tafdesk.ui.language_dialog import LanguageDialog
from tafdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


class Marked(dict):  # type: ignore[type-arg]
    """A catalogue that has every message: «message» (placeholders kept)."""

    def get(self, message: str, default: Any = None) -> str:  # type: ignore[override]
        return f"\u00ab{message}\u00bb"

    def __contains__(self, message: object) -> bool:
        return True


def _marked(text: str) -> bool:
    return "\u00ab" in text


@pytest.fixture
def in_language(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Start the UI in a language as ``tafdesk --language`` would; English again afterwards."""
    monkeypatch.delenv(ENV_LANGUAGE, raising=False)

    def choose(lang: str, *, fake: bool = False) -> None:
        if fake:
            real = catalog._catalog
            monkeypatch.setattr(catalog, "_catalog", lambda code: Marked() if code == lang else real(code))
        assert apply_ui_language(qapp, lang) == lang

    yield choose
    set_ui_language("en")
    for translator in qapp.findChildren(QTranslator):  # Qt's own buttons back in English
        qapp.removeTranslator(translator)
        translator.deleteLater()
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def settings_in(tmp_path: Path) -> Iterator[Path]:
    """The user's settings file in a temporary folder (the test never touches the real one)."""
    fmt, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    before = QSettings(fmt, scope, "tafdesk-test-probe").fileName()
    QSettings.setPath(fmt, scope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path))
    yield tmp_path
    home = str(Path(before).parent)
    QSettings.setPath(fmt, scope, home)
    QSettings.setPath(QSettings.Format.IniFormat, scope, home)


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) of the fixed text under ``root``: buttons, labels that name a field, tooltips."""
    out = []
    for b in root.findChildren(QAbstractButton):
        if b.text():
            out.append((f"button {b.objectName() or type(b).__name__}", b.text()))
    for lbl in root.findChildren(QLabel):
        if lbl.buddy() is not None and lbl.text():
            out.append(("field label", lbl.text()))
    for w in [root, *root.findChildren(QWidget)]:
        if w.accessibleName():
            out.append((f"accessible name of {type(w).__name__}", w.accessibleName()))
    return out


def test_the_shell_shows_every_fixed_text_from_the_catalogue(
        in_language: Callable[..., None], make_window: Callable[[Database], MainWindow],
        demo_db: Database, demo_case_id: str) -> None:
    in_language("cy", fake=True)
    window = make_window(demo_db)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["\u00ab&File\u00bb", "\u00ab&Edit\u00bb", "\u00ab&View\u00bb"]
    every_action = [a for m in window.menuBar().findChildren(QMenu) for a in m.actions() if not a.isSeparator()]
    assert len(every_action) > 15
    assert [a.text() for a in every_action if not _marked(a.text())] == []
    assert window.actions.open_case.text() == "\u00ab&Open case\u00bb"
    assert window.actions.open_case.toolTip() == "\u00abOpen the case chosen in the list\u00bb"
    # Shortcuts are keys, not text: they stay as they are.
    assert window.actions.open_case.shortcut() == QKeySequence("Ctrl+O")

    panel = window.case_list
    assert panel.open_button.text() == "\u00abOpen case\u00bb"
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "\u00abReference\u00bb"
    assert panel.count.text() == "\u00ab1 case\u00bb"  # the demo family, a sentence per count
    assert panel.model.index(0, 2).data() == "\u00abOpen\u00bb"  # its status, a vocabulary label
    for root in (window.case_list, window.caseload, window.workspace.people_editor,
                 window.workspace.team_editor, window.workspace.consent_editor):
        unmarked = [(what, text) for what, text in _texts(root) if not _marked(text)]
        assert unmarked == [], f"{type(root).__name__} shows English: {unmarked}"

    window.open_case(demo_case_id)
    ws = window.workspace
    nav = [ws.nav.item(i).text() for i in range(ws.nav.count())]
    assert "\u00abThe family's journey\u00bb" in nav and "\u00abFamily members (7)\u00bb" in nav
    assert ws.title.text() == "\u00abCarter-Nowak family\u00bb"
    assert window.windowTitle().startswith("\u00ab")
    window.actions.show_people.trigger()
    editor = ws.people_editor
    assert editor.add_button.text() == "\u00abAdd family member\u00bb"
    assert "\u00abGiven name\u00bb" in next(lbl.text() for lbl in editor.form.findChildren(QLabel)
                                          if lbl.buddy() is editor.form.widget("given_name"))
    assert editor.form.widget("sex").itemText(0) == "\u00abFemale\u00bb"  # choices: vocabulary labels


def test_arabic_lays_the_windows_out_right_to_left(
        in_language: Callable[..., None], make_window: Callable[[Database], MainWindow],
        demo_db: Database, tmp_path: Path) -> None:
    in_language("ar")
    window = make_window(demo_db)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.case_list.table.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The search field sits right of its label: right to left, the label comes first on the right.
    panel = window.case_list
    label = next(lbl for lbl in panel.findChildren(QLabel) if lbl.buddy() is panel.search)
    assert label.mapTo(window, label.rect().center()).x() > panel.search.mapTo(
        window, panel.search.rect().center()).x()
    window.grab().save(str(tmp_path / "arabic.png"))
    assert (tmp_path / "arabic.png").stat().st_size > 0


def test_english_stays_left_to_right_and_unmarked(
        in_language: Callable[..., None], make_window: Callable[[Database], MainWindow],
        demo_db: Database) -> None:
    in_language("en")
    window = make_window(demo_db)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View"]


def test_the_language_is_chosen_by_keyboard_and_used_from_the_next_start(
        in_language: Callable[..., None], settings_in: Path, qtbot: Any,
        make_window: Callable[[Database], MainWindow], demo_db: Database,
        qapp: QApplication) -> None:
    in_language("en")
    window = make_window(demo_db)
    view = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&View")
    assert window.actions.ui_language in view.actions()
    dialog = LanguageDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(names) == len(catalog.available_languages()) > 5
    assert names[0] == "English" and dialog.list.currentItem().text() == "English"  # the one in use
    assert "Polski (Polish)" in names and "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 (Arabic)" in names
    assert dialog.list.accessibleName() == "Languages"
    assert dialog.list.hasFocus()
    polish = names.index("Polski (Polish)")
    for _step in range(polish):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == LanguageDialog.DialogCode.Accepted and dialog.chosen == "pl"
    assert QSettings().value(LANGUAGE_KEY) == "pl"
    assert dialog.confirmation() == "tafdesk will be in Polski the next time it starts."
    assert ui_language() == "en"  # this session carries on in English

    # The next start reads the saved choice.
    assert apply_ui_language(qapp) == "pl"
    assert ui_language() == "pl"
