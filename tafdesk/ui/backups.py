"""Automatic daily backups while the app runs: one on start (in the background, so the window
opens at once) and, if the day has turned or the first failed, one on quit. Never in the way:
a failure is logged and left for the next start."""

from __future__ import annotations

import logging
import threading

from ..models.backup import auto_backup
from ..models.storage import Database

log = logging.getLogger(__name__)


def _run(db: Database) -> None:
    try:
        auto_backup(db, log=log.info)
    except Exception:  # a full disk or a locked folder must not stop anyone working
        log.exception("automatic backup failed")


class DailyBackups:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if not self.db.encrypted:
            return
        self.thread = threading.Thread(target=_run, args=(self.db,), name="tafdesk-backup", daemon=True)
        self.thread.start()

    def finish(self) -> None:
        """On quit, before the database is closed."""
        if not self.db.encrypted:
            return
        if self.thread is not None:
            self.thread.join()
        _run(self.db)
