"""Export for translation and Import translation from the case, as a user would: the demo plan
in Polish out to a file, the translator's file back, refusals in words with the fields kept."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from tafdesk.models.orm import AuditEvent, TranslatedSegment
from tafdesk.models.storage import Database
from tafdesk.models.xliff import NS
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.translation_ui import ExportDialog, ImportDialog

pytestmark = pytest.mark.gui
Q = f"{{{NS}}}"


def _opened(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, cls: type[QDialog],
            name: str) -> Any:
    """The dialog the File menu's entry opens (exec kept from blocking the test), active."""
    opened: list[QDialog] = []
    monkeypatch.setattr(cls, "exec", lambda self: opened.append(self) or 0)
    action = getattr(window.actions, name)
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions() and action.isEnabled() and "&" in action.text()
    action.trigger()
    assert len(opened) == 1
    dialog = opened[0]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # mnemonics need the active window
    return dialog


def _translate_every_other(raw: bytes) -> tuple[bytes, dict[str, str]]:
    root = ET.fromstring(raw)
    done: dict[str, str] = {}
    for n, unit in enumerate(root.iter(f"{Q}trans-unit")):
        if n % 2 == 0:
            ET.SubElement(unit, f"{Q}target", {"state": "translated"}).text = done[unit.get("id")] = f"PLTEKST{n}"
    ET.register_namespace("", NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), done


def test_export_the_plan_in_polish_and_import_the_translation(qtbot: Any, workspace_window: MainWindow,
                                                             demo_db: Database, demo_case_id: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    export = _opened(qtbot, workspace_window, monkeypatch, ExportDialog, "translate_export")
    asked: list[str] = []
    export._ask_path = lambda name: asked.append(name) or tmp_path / name
    assert [export.kind.itemData(i) for i in range(export.kind.count())] == [k.key for k in export.kinds]
    assert "closure-summary" not in [k.key for k in export.kinds] and "child-plan" in [k.key for k in export.kinds]
    languages = [export.language.itemData(i) for i in range(export.language.count())]
    assert "en" not in languages and "pl" in languages
    export.kind.setCurrentIndex(export.kind.findData("minutes"))
    assert export.meeting.isVisible() and not export.child.isVisible()
    assert export.meeting.currentData() == export.meeting.count()  # the latest meeting, by number
    export.kind.setCurrentIndex(export.kind.findData("child-plan"))
    assert export.child.isVisible() and not export.meeting.isVisible()
    export.kind.setCurrentIndex(export.kind.findData("plan"))
    export.language.setCurrentIndex(export.language.findData("pl"))
    assert export.meeting.currentData() is None  # the current plan
    qtbot.keyClick(export, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # &Export...
    qtbot.waitUntil(lambda: "saved in" in export.status.text())
    out = tmp_path / asked[0]
    assert asked == ["EH-2026-0001-plan-pl.xlf"] and out.stat().st_mode & 0o077 == 0  # the user's only
    raw = out.read_bytes()
    units = list(ET.fromstring(raw).iter(f"{Q}trans-unit"))
    assert f"{len(units)} pieces of text (0 already translated)" in export.status.text()
    filled, done = _translate_every_other(raw)
    back = tmp_path / "back.xlf"
    back.write_bytes(filled)
    (tmp_path / "broken.xlf").write_bytes(filled[:300])

    imp = _opened(qtbot, workspace_window, monkeypatch, ImportDialog, "translate_import")
    assert imp.on.date().toPython() == date.today()
    imp._ask_path = lambda typed: tmp_path / "broken.xlf"
    qtbot.keyClick(imp, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hoose...
    qtbot.waitUntil(lambda: imp.path.text().endswith("broken.xlf"))
    assert imp.translator.hasFocus()
    imp.run_import()  # no translator's name: refused, nothing typed is lost
    assert "translator" in imp.status.text() and imp.path.text().endswith("broken.xlf")
    qtbot.keyClicks(imp.translator, "Anna Kowalska")
    qtbot.keyClick(imp, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # &Import
    qtbot.waitUntil(lambda: "not well-formed" in imp.status.text())
    assert imp.status.text().count("\n") == 0 and imp.translator.text() == "Anna Kowalska" and imp.report is None
    with demo_db.session() as s:
        assert s.scalars(select(TranslatedSegment)).first() is None
    imp.path.setText(str(back))
    qtbot.keyClick(imp, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: imp.report is not None)
    lines = imp.status.text().splitlines()
    skipped = len(units) - len(done)
    assert lines[0] == f"{len(done)} translations stored."
    assert lines[1] == f"{skipped} units skipped:" and lines[2].startswith(f"\u2022 {skipped} with no translation")
    with demo_db.session() as s:
        rows = s.scalars(select(TranslatedSegment).where(TranslatedSegment.case_id == demo_case_id)).all()
        assert {r.source_hash: r.translation for r in rows} == done
        assert {(r.translator, r.translated_on, r.lang) for r in rows} == {("Anna Kowalska", date.today(), "pl")}
        events = {e.action: e for e in s.scalars(select(AuditEvent).where(AuditEvent.case_id == demo_case_id))}
    assert events["translation_export"].user == events["translation_import"].user == "tester"
    assert "Anna Kowalska" in events["translation_import"].detail
