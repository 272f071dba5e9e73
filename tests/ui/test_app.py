"""Starting the app: Qt is loaded only for the GUI; run_gui unlocks, adds the demo, runs, quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tafdesk.models.services.demo import find_demo
from tafdesk.models.storage import open_database
from tafdesk.ui.app import run_gui
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.unlock import UnlockDialog

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_gui_entry_point_does_not_load_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import sys, tafdesk.ui.app; print('PySide6' in sys.modules)"],
        capture_output=True, text=True, cwd=ROOT, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.stdout.strip() == "False"


def test_run_gui_creates_the_database_and_the_demo_family(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAFDESK_PASSPHRASE", "ignored by the GUI")
    path = tmp_path / "tafdesk.db"
    seen: dict[str, Any] = {}

    def unlock() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(20, unlock)
            return
        seen["first_run"] = dialog.first_run
        dialog.passphrase.setText("correct horse battery")
        dialog.repeat.setText("correct horse battery")
        dialog.ok_button.click()
        QTimer.singleShot(20, quit_window)

    def quit_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, quit_window)
            return
        seen["rows"] = windows[0].case_list.model.rowCount()
        windows[0].actions.quit.trigger()

    QTimer.singleShot(0, unlock)
    assert run_gui(path, demo=True) == 0
    assert seen == {"first_run": True, "rows": 1}
    db = open_database(db_path=path, passphrase="correct horse battery")
    try:
        with db.session() as s:
            assert find_demo(s) is not None
    finally:
        db.close()


def test_cancelling_the_unlock_quits_without_opening(qtbot: Any, tmp_path: Path) -> None:
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert run_gui(tmp_path / "tafdesk.db", demo=False) == 0
    assert not (tmp_path / "tafdesk.db").exists()
