"""A child process for the record editor kill test: the whole app window, a case open, a family
member's notes being typed steadily until the process is killed.

    python tests/ui/record_typist.py DB CASE_ID PERSON_NAME

Prints "ready", then "N T" after each character typed (N characters so far, T monotonic time).
The passphrase comes from TAFDESK_PASSPHRASE.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXT = "Grandmother says the school run works now and the children settle well at night. " * 40
INTERVAL_MS = 20  # 50 characters a second: a fast typist


def main() -> int:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from tafdesk.models.storage import open_database
    from tafdesk.ui.main_window import MainWindow

    db_path, case_id, person = sys.argv[1:4]
    app = QApplication(sys.argv[:1])
    db = open_database(db_path=Path(db_path), passphrase=os.environ["TAFDESK_PASSPHRASE"])
    window = MainWindow(db, user="typist")
    window.show()
    window.activateWindow()
    window.open_case(case_id)
    window.workspace.show_section("people")
    editor = window.workspace.people_editor
    row = next(i for i in range(editor.list.count()) if editor.list.item(i).text().startswith(person))
    editor.list.setCurrentRow(row)
    notes = editor.form.widget("notes")
    assert isinstance(notes, QPlainTextEdit)
    notes.setFocus()
    notes.moveCursor(QTextCursor.MoveOperation.End)
    typed = 0

    def type_one() -> None:
        nonlocal typed
        ch = TEXT[typed % len(TEXT)]
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(notes, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        typed += 1
        print(f"{typed} {time.monotonic():.4f}", flush=True)

    timer = QTimer(interval=INTERVAL_MS)
    timer.timeout.connect(type_one)
    timer.start()
    print("ready", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
