"""Typing latency in the live minutes while autosave runs: keystroke to repaint, p50 and p99.

Runs in a fresh process (offscreen Qt) over an encrypted database holding the demo family.
Each character is delivered as a key event; the time runs from sending it until the notes
editor has painted the change (Qt's own paint event), with the autosave writing to the
encrypted database every 0.5-1.5 s as it does for a real chair.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def measure(chars: int = 3000) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from tafdesk.models.services import meetings as M
    from tafdesk.models.services.demo import create_demo
    from tafdesk.models.storage import open_database
    from tafdesk.ui.minutes_mode import MinutesMode
    from tafdesk.ui.ops import CaseOps

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(db_path=Path(tmp) / "bench.db", passphrase="benchmark passphrase", create=True)
        with db.session() as s:
            case_id = create_demo(s).id
            meeting_id = M.schedule_meeting(s, case_id, {"kind": "review", "starts_at": "2026-12-31T15:30"},
                                            user="bench").id
        mode = MinutesMode(CaseOps(db, "chair"), case_id, meeting_id)
        mode.resize(1280, 800)
        mode.show()
        mode.agenda.setCurrentRow([k for k, _h, _p in M.AGENDA].index("worries"))
        mode.notes.setFocus()
        app.processEvents()

        class Painted(QObject):
            seen = False

            def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
                if ev.type() == QEvent.Type.Paint:
                    self.seen = True
                return super().eventFilter(obj, ev)

        watcher = Painted()
        mode.notes.viewport().installEventFilter(watcher)
        text = "Agnieszka says the mornings are calmer; Leo had two good weeks at school. " * 60
        latencies, saves_before = [], mode.status.text()
        saves = 0
        start = time.perf_counter()
        for ch in text[:chars]:
            watcher.seen = False
            t0 = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(mode.notes, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
            while not watcher.seen:
                app.processEvents()
            latencies.append(time.perf_counter() - t0)
            # a fast typist (about 30 characters a second): the autosave fires every 1.5 s meanwhile
            until = time.perf_counter() + 0.03
            while time.perf_counter() < until:
                app.processEvents()
                if mode.status.text() == "All notes saved." and saves_before != "All notes saved.":
                    saves += 1
                saves_before = mode.status.text()
        elapsed = time.perf_counter() - start
        mode.close()
        db.close()
    ms = sorted(x * 1000 for x in latencies)
    return {"chars": len(ms), "p50": statistics.median(ms), "p99": ms[int(len(ms) * 0.99) - 1], "max": ms[-1],
            "saves": saves, "seconds": elapsed}


def main() -> None:
    r = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
    if "--json" in sys.argv:  # for bench/run.py's table
        import json

        print(json.dumps(r))
        return
    print(f"  {'characters typed':<22} {r['chars']} over {r['seconds']:.0f} s, {r['saves']} autosaves to the "
          "encrypted database")
    print(f"  {'keystroke to repaint':<22} p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, max {r['max']:.2f} ms")


if __name__ == "__main__":
    main()
