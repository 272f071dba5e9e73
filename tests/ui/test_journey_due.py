"""The journey shows each step's due date, and says plainly when it is late."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.widgets import problem_colour

pytestmark = pytest.mark.gui


def test_due_dates_in_the_journey_and_the_next_step(window: MainWindow, demo_case_id: str) -> None:
    ws = window.workspace
    ws.today = lambda: date(2026, 12, 1)
    window.open_case(demo_case_id)
    nav = {ws.nav.item(i).data(Qt.ItemDataRole.UserRole): ws.nav.item(i) for i in range(ws.nav.count())}
    assert "Next review TAF meeting: Due 31 Dec 2026" in nav["meetings"].text()
    # The last visit (5 Nov) was due again by 19 Nov: shown against the plan, as late.
    assert "Next visit: Late: due 19 Nov 2026, 8 working days ago" in nav["plan"].text()
    assert "Late: due 19 Nov 2026" in nav["plan"].data(Qt.ItemDataRole.AccessibleTextRole)
    assert ws.next_due.text() == "Next review TAF meeting: Due 31 Dec 2026"
    ws.show_section("plan")
    assert ws.section_due.text() == "Next visit: Late: due 19 Nov 2026, 8 working days ago"
    assert ws.section_due.palette().color(ws.section_due.foregroundRole()) == problem_colour(ws.section_due)
    assert ws.section_state.text() == "Done: Version 2 agreed 19 Nov 2026."  # its own words unchanged
    ws.show_section("people")
    assert ws.section_due.isHidden()


def test_a_bad_settings_file_is_said_once_and_the_standard_timescales_used(
        qtbot, make_window, demo_db, demo_case_id, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "settings.toml"
    bad.write_text('[timescales]\nreview = { amount = 6, unit = "moons" }\n')
    monkeypatch.setenv("TAFDESK_SETTINGS", str(bad))
    w = make_window(demo_db)
    qtbot.waitUntil(lambda: "timescales.review.unit" in w.statusBar().currentMessage())
    assert "standard settings are used" in w.statusBar().currentMessage()
    w.workspace.today = lambda: date(2026, 12, 1)
    w.open_case(demo_case_id)
    assert w.workspace.next_due.text() == "Next review TAF meeting: Due 31 Dec 2026"
