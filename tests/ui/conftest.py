"""Fixtures for the GUI tests: a main window over the demo database, and helpers to drive it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tafdesk.models.storage import Database, open_database
from tafdesk.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot: Any) -> Iterator[Callable[[Database], MainWindow]]:
    """Build main windows over open databases; they are closed (and so saved) at the end."""
    made: list[MainWindow] = []

    def make(db: Database) -> MainWindow:
        window = MainWindow(db, user="tester")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts and focus need an active window
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(make_window: Callable[[Database], MainWindow], demo_db: Database) -> MainWindow:
    return make_window(demo_db)


@pytest.fixture
def workspace_window(window: MainWindow, demo_case_id: str) -> MainWindow:
    window.open_case(demo_case_id)
    return window


@pytest.fixture
def reopen(db_path: Path, passphrase: str) -> Iterator[Callable[[], Database]]:
    """Open the same database file again, as a restarted app would."""
    opened: list[Database] = []

    def again() -> Database:
        db = open_database(db_path=db_path, passphrase=passphrase)
        opened.append(db)
        return db

    yield again
    for db in opened:
        db.close()


# The offscreen platform warns whenever a window's size limits change; that says nothing about
# tafdesk, and warnings otherwise fail the tests (qt_log_level_fail).
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
