"""The genogram and ecomap editor: diagram and lists over the same data, moves remembered, undo,
snapshots, export; driven as a user drives it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

from tafdesk.models.services import genogram as geno
from tafdesk.models.storage import Database
from tafdesk.ui.genogram_editor import GenogramPanel
from tafdesk.ui.main_window import MainWindow

from .helpers import replace_text

pytestmark = pytest.mark.gui


def open_panel(window: MainWindow) -> GenogramPanel:
    ws = window.workspace
    ws.show_section("genogram")
    panel = ws.current_editor()
    assert isinstance(panel, GenogramPanel)
    assert ws.section_title.text() == "Genogram and ecomap"
    return panel  # type: ignore[return-value]


def people(db: Database, case_id: str) -> dict[str, str]:
    with db.session() as s:
        return {p.name: p.id for p in geno.network_of_case(s, case_id).persons}


def test_drag_a_person_then_undo_and_redo(qtbot: Any, workspace_window: MainWindow, demo_db: Database,
                                          demo_case_id: str) -> None:
    panel = open_panel(workspace_window)
    view = panel.genogram
    assert len(view.groups) == 7  # everyone in the demo family has a symbol
    maja = people(demo_db, demo_case_id)["Maja Nowak"]
    group = view.groups[maja]
    view.ensureVisible(group)
    start = view.mapFromScene(group.sceneBoundingRect().center())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(step * 8, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(40, 0))
    with demo_db.session() as s:
        moved = geno.positions(s, demo_case_id, "genogram")
    assert list(moved) == [maja]
    x_after = moved[maja][0]
    assert panel.genogram.groups[maja].centre[0] == pytest.approx(x_after)  # redrawn where it was put
    workspace_window.undo()
    with demo_db.session() as s:
        assert geno.positions(s, demo_case_id, "genogram") == {}
    workspace_window.redo()
    with demo_db.session() as s:
        assert geno.positions(s, demo_case_id, "genogram")[maja][0] == x_after
    panel.relayout()
    with demo_db.session() as s:
        assert geno.positions(s, demo_case_id, "genogram") == {}


def test_keyboard_picks_and_moves(qtbot: Any, workspace_window: MainWindow, demo_db: Database,
                                  demo_case_id: str) -> None:
    panel = open_panel(workspace_window)
    view = panel.genogram
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    first = view.chosen()
    assert first and panel.details.current_id == first  # the list follows the diagram
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    with demo_db.session() as s:
        assert first in geno.positions(s, demo_case_id, "genogram")
    qtbot.keyClick(panel.genogram, Qt.Key.Key_Return)
    assert panel.tabs.currentWidget() is panel.details


def test_details_and_a_new_partnership_show_on_the_diagram(
        qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str) -> None:
    panel = open_panel(workspace_window)
    ids = people(demo_db, demo_case_id)
    panel.open_person(ids["Barbara Nowak"])
    replace_text(qtbot, panel.details.form.widget("death_year"), "1955")  # before she was born
    assert panel.details.flush(explicit=True) is False
    assert "cannot be before" in panel.details.form.error_label("death_year").text()
    replace_text(qtbot, panel.details.form.widget("death_year"), "")
    assert panel.details.flush(explicit=True)
    replace_text(qtbot, panel.details.form.widget("birth_year"), "1959")
    assert panel.details.flush(explicit=True)
    with demo_db.session() as s:
        barbara = next(p for p in geno.network_of_case(s, demo_case_id).persons if p.id == ids["Barbara Nowak"])
    assert barbara.birth_year == 1959
    texts = [i.text() for i in panel.genogram.scene().items() if hasattr(i, "text") and callable(i.text)]
    assert any("b. 1959" in t for t in texts)

    panel.tabs.setCurrentWidget(panel.partnerships)
    panel.new_record()
    form = panel.partnerships.form
    for name, person in (("partner_a_id", "Barbara Nowak"), ("partner_b_id", "Tomasz Nowak")):
        combo = form.widget(name)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(ids[person]))
    dating = form.widget("type")
    assert isinstance(dating, QComboBox)
    dating.setCurrentIndex(dating.findData("dating"))
    assert panel.partnerships.flush(explicit=True)
    with demo_db.session() as s:
        assert len(geno.network_of_case(s, demo_case_id).unions) == 3
    workspace_window.undo()
    with demo_db.session() as s:
        assert len(geno.network_of_case(s, demo_case_id).unions) == 2


def test_snapshots_and_export(qtbot: Any, workspace_window: MainWindow, demo_db: Database, demo_case_id: str,
                              tmp_path: Path) -> None:
    panel = open_panel(workspace_window)
    panel.take_snapshot("At assessment")
    assert panel.when.count() == 2 and "At assessment" in panel.when.itemText(1)
    panel.when.setCurrentIndex(1)
    assert not panel.genogram.editable and "read only" in panel.note.text()
    panel.when.setCurrentIndex(0)
    assert panel.genogram.editable
    panel.export_png(tmp_path / "g.png")
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"
    panel.export_pdf(tmp_path / "g.pdf")
    assert (tmp_path / "g.pdf").read_bytes()[:5] == b"%PDF-"
    panel.tabs.setCurrentWidget(panel.ecomap)
    assert len(panel.ecomap.groups) == 9  # the demo's ecomap systems
    workspace_window.resize(1500, 950)
    panel.tabs.setCurrentWidget(panel.genogram)
    panel.genogram.fit()
    workspace_window.grab().save("/tmp/geno/editor.png") if Path("/tmp/geno").is_dir() else None


def test_a_relationship_started_from_the_diagram(qtbot: Any, workspace_window: MainWindow, demo_db: Database,
                                                 demo_case_id: str) -> None:
    panel = open_panel(workspace_window)
    ids = people(demo_db, demo_case_id)
    texts = [a.text() for a in panel.genogram.actions()]
    assert "Add a relationship line from this person" in texts
    assert panel.genogram.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    panel.genogram.choose("")
    next(a for a in panel.genogram.actions() if a.text().startswith("Add a child")).trigger()
    assert "Choose a person in the genogram first" in panel.note.text()
    panel.genogram.choose(ids["Leo Carter"])
    next(a for a in panel.genogram.actions() if a.text().startswith("Add a relationship")).trigger()
    assert panel.tabs.currentWidget() is panel.relationships
    assert panel.relationships.form.raw()["from_person_id"] == ids["Leo Carter"]
    to = panel.relationships.form.widget("to_person_id")
    assert isinstance(to, QComboBox)
    to.setCurrentIndex(to.findData(ids["Ruby Carter"]))
    assert panel.relationships.flush(explicit=True)
    rows = [panel.relationships.list.item(i).text() for i in range(panel.relationships.list.count())]
    assert any("Leo Carter" in r and "Ruby Carter" in r for r in rows), rows
    from sqlalchemy import select

    from tafdesk.models.orm import EmotionalRelationship

    with demo_db.session() as s:
        pairs = s.execute(select(EmotionalRelationship.from_person_id, EmotionalRelationship.to_person_id)).all()
    assert (ids["Leo Carter"], ids["Ruby Carter"]) in pairs
