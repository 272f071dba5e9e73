"""A child process for the kill test: opens the live minutes and types steadily until killed.

    python tests/ui/minutes_typist.py DB CASE_ID MEETING_ID HEADING

Prints "ready", then "N T" after each character typed (N characters so far, T monotonic time).
The passphrase comes from TAFDESK_PASSPHRASE.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXT = "The family said mornings are calmer and Maja is sleeping better. " * 40
INTERVAL_MS = 20  # 50 characters a second: a fast typist


def main() -> int:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from tafdesk.models.services.meetings import AGENDA
    from tafdesk.models.storage import open_database
    from tafdesk.ui.minutes_mode import MinutesMode
    from tafdesk.ui.ops import CaseOps

    db_path, case_id, meeting_id, heading = sys.argv[1:5]
    app = QApplication(sys.argv[:1])
    db = open_database(db_path=Path(db_path), passphrase=os.environ["TAFDESK_PASSPHRASE"])
    mode = MinutesMode(CaseOps(db, "chair"), case_id, meeting_id)
    mode.show()
    mode.agenda.setCurrentRow([k for k, _h, _p in AGENDA].index(heading))
    mode.notes.setFocus()
    typed = 0

    def type_one() -> None:
        nonlocal typed
        ch = TEXT[typed % len(TEXT)]
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(mode.notes, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        typed += 1
        print(f"{typed} {time.monotonic():.4f}", flush=True)

    timer = QTimer(interval=INTERVAL_MS)
    timer.timeout.connect(type_one)
    timer.start()
    print("ready", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
