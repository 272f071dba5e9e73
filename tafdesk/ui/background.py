"""Running one plain function off the GUI thread and getting its outcome back on it.

Long work is a plain function (no Qt, testable synchronously); this thin adapter runs it on a
one-thread ``QThreadPool`` and hands the result, or the exception it raised, to a callback on
the GUI thread, so the window keeps painting meanwhile. The function must not touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

log = logging.getLogger(__name__)


class Background(QObject):
    """One job at a time; ``busy()`` says whether one is running."""

    _outcome = Signal(bool, object)  # emitted on the worker thread, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._callbacks: tuple[Callable[[Any], object], Callable[[Exception], object]] | None = None
        self._outcome.connect(self._deliver)

    def busy(self) -> bool:
        return self._callbacks is not None

    def run(self, work: Callable[[], Any], done: Callable[[Any], object],
            failed: Callable[[Exception], object]) -> None:
        """Run ``work()`` on the worker; then ``done(result)`` or ``failed(exception)`` here."""
        if self._callbacks is not None:
            raise RuntimeError("a background job is already running")
        self._callbacks = (done, failed)

        def job() -> None:
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which says what happened
                self._outcome.emit(False, exc)
            else:
                self._outcome.emit(True, result)

        self.pool.start(job)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running job (if any) has finished; for closing down."""
        return self.pool.waitForDone(msecs)

    def _deliver(self, ok: bool, value: object) -> None:
        callbacks, self._callbacks = self._callbacks, None
        if callbacks is None:
            log.warning("a background outcome arrived with nobody waiting for it")
            return
        done, failed = callbacks
        if ok:
            done(value)
        else:
            assert isinstance(value, Exception)
            failed(value)
