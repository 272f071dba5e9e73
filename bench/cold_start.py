"""One cold start, in a fresh process: ``bare`` (an empty PySide6 main window) or ``app`` (tafdesk:
open the encrypted database with the passphrase, migrations check, main window with the case list).

Prints ``painted <seconds since this interpreter started>`` at the first paint of the main window,
then ``peak-rss <KiB>`` (the process's peak resident memory so far), then quits. bench/run.py
starts this script many times and compares the two.
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()  # (the parent also times from before the process starts)


def peak_rss_kib() -> int:
    """This process's peak resident memory. Linux: VmHWM, which starts afresh at exec (getrusage's
    ru_maxrss keeps the high-water mark of the parent's copy from before exec); elsewhere ru_maxrss."""
    try:
        with open("/proc/self/status") as fh:
            return int(next(ln for ln in fh if ln.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> int:
    kind = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 (Qt name)
            if ev.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                print(f"painted {time.perf_counter() - T0:.4f}", flush=True)
                print(f"peak-rss {peak_rss_kib()}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("tafdesk"))
        window.resize(1100, 700)
    else:
        from pathlib import Path

        from tafdesk.models.storage import open_database
        from tafdesk.ui.app import application, current_user
        from tafdesk.ui.main_window import MainWindow

        app = application()
        db = open_database(db_path=Path(sys.argv[2]), passphrase=sys.argv[3])
        window = MainWindow(db, user=current_user())
        if kind == "app-check":
            n = window.case_list.model.rowCount() if hasattr(window.case_list, "model") else -1
            print(f"rows {n}", flush=True)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
