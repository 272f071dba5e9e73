"""The app's automatic backups: one on start in the background, one on quit if still missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tafdesk.models.backup import daily_backups
from tafdesk.models.storage import Database
from tafdesk.ui.backups import DailyBackups

pytestmark = pytest.mark.gui


def test_start_makes_todays_backup_and_quit_does_not_repeat_it(demo_db: Database) -> None:
    folder = Path(demo_db.location).parent / "backups"
    backups = DailyBackups(demo_db)
    backups.start()
    backups.finish()
    kept = daily_backups(folder)
    assert [d for d, _p in kept] == [date.today()]
    stamp = kept[0][1].stat().st_mtime_ns
    DailyBackups(demo_db).finish()
    assert daily_backups(folder) == kept and kept[0][1].stat().st_mtime_ns == stamp


def test_a_failing_backup_does_not_stop_the_app(demo_db: Database, caplog: pytest.LogCaptureFixture) -> None:
    folder = Path(demo_db.location).parent / "backups"
    folder.write_text("a file where the folder should be")
    DailyBackups(demo_db).finish()
    assert "automatic backup failed" in caplog.text
