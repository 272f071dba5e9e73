"""The Qt binding itself must be sound: PySide6 6.12.0 on Python 3.11 drops a reference to None on
every call of a method returning nothing, so a session aborts ("deallocating None") after a few
thousand calls. This keeps a release with that defect from being installed unnoticed."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


def test_void_calls_do_not_leak_references_to_none(qtbot: Any) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.update()
        label.setText("y")
    assert sys.getrefcount(None) - before > -50  # a leak would show as about -4000
