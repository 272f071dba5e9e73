"""Killing the app (kill -9) while the chair types minutes loses at most 2 s of typing, and the
database is never corrupt."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tafdesk.models.services import meetings as M
from tafdesk.models.storage import Database, open_database

pytestmark = [pytest.mark.gui, pytest.mark.slow]
TYPIST = Path(__file__).with_name("minutes_typist.py")
HEADINGS = ("worries", "working_well", "needs_to_happen")


def test_kill_9_while_typing_minutes(demo_db: Database, demo_case_id: str, db_path: Path, passphrase: str) -> None:
    from tests.ui.minutes_typist import TEXT

    with demo_db.session() as s:
        meeting_id = M.schedule_meeting(s, demo_case_id, {"kind": "review", "starts_at": "2026-12-31T15:30"},
                                        user="t").id
    demo_db.close()
    rnd = random.Random(2026)
    env = dict(os.environ, TAFDESK_PASSPHRASE=passphrase, QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    report = []
    for heading in HEADINGS:
        proc = subprocess.Popen([sys.executable, str(TYPIST), str(db_path), demo_case_id, meeting_id, heading],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        stop_after = rnd.uniform(2.5, 5.0)
        times: dict[int, float] = {}
        start = time.monotonic()
        while time.monotonic() - start < stop_after:
            n, t = proc.stdout.readline().split()
            times[int(n)] = float(t)
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        for line in proc.stdout:  # characters typed between the last read and the kill
            n, t = line.split()
            times[int(n)] = float(t)
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
        typed = max(times)

        db = open_database(db_path=db_path, passphrase=passphrase)
        try:
            with db.engine.connect() as con:
                assert con.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            with db.session() as s:
                saved = next((m.text for m in M.minutes_of(s, meeting_id) if m.heading == heading), "")
        finally:
            db.close()
        assert TEXT.startswith(saved), "what was saved is exactly what was typed, in order"
        lost = typed - len(saved)
        lost_seconds = killed_at - times[len(saved) + 1] if lost > 0 else 0.0
        report.append((heading, typed, len(saved), round(lost_seconds, 2)))
        assert len(saved) > 0
        assert lost_seconds <= 2.0, report
    print("kill -9 rounds (heading, typed, saved, seconds lost):", report)
