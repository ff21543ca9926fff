"""Run a slow, pure-Python job (parsing an import, loading a registry) off the UI thread,
with progress and cancellation, and get the result back on the UI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Job = Callable[[Callable[[float], None], Callable[[], bool]], Any]
#: Seconds a job pauses at its next ``cancelled()`` check after ``yield_to_ui`` (user input).
UI_QUIET_S = 0.3


class _Worker(QObject):
    progress = Signal(int)  # 0..1000
    ready = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, job: Job, cancelled: Callable[[], bool]) -> None:
        super().__init__()
        self._job = job
        self._cancelled = cancelled

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(
                lambda f: self.progress.emit(int(max(0.0, min(1.0, f)) * 1000)), self._cancelled
            )
        except Exception as error:  # handed to the UI thread, which shows it
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """``task.start()`` runs ``job(progress, cancelled)`` in a QThread; ``cancel()`` asks it to
    stop. ``succeeded(result)`` / ``failed(exception)`` arrive on the thread that made it, and
    so does ``ready(value)`` for each ``task.publish(value)`` the job makes while it goes on
    (an early, usable result)."""

    progress = Signal(int)
    ready = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._quiet_until = 0.0  # time.monotonic() until which the job pauses
        self._thread = QThread()
        self._worker = _Worker(job, self._check)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.ready.connect(self.ready)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)

    def start(self) -> None:
        self._thread.start()

    def publish(self, value: object) -> None:
        """From the job: hand ``value`` to the thread that made the task (``ready``)."""
        self._worker.ready.emit(value)

    def cancel(self) -> None:
        self._cancel.set()

    def yield_to_ui(self, seconds: float = UI_QUIET_S) -> None:
        """The user is typing or scrolling: let the job pause at its next check.

        A pure-Python job holds the interpreter lock; every one of the UI thread's many
        crossings between Qt and Python (each ``data()`` call of a repaint) then waits for it,
        up to the 5 ms switch interval each — a repaint took seconds while a million-row
        index was built. Pausing the job hands the UI thread the interpreter.
        """
        self._quiet_until = time.monotonic() + seconds

    def _check(self) -> bool:
        """The job's ``cancelled()``: pauses while the UI asked for quiet (worker thread)."""
        while not self._cancel.is_set() and time.monotonic() < self._quiet_until:
            time.sleep(0.01)
        return self._cancel.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._thread.wait(msecs)

    def stop(self, msecs: int = 30_000) -> bool:
        """Cancel and wait until the job has returned (e.g. when the window closes); its
        ``succeeded``/``failed`` are not awaited. True when the thread has ended."""
        self.cancel()
        self._thread.quit()  # ends the thread as soon as the job returns
        return self._thread.wait(msecs)

    def _stop_thread(self) -> None:
        self._thread.quit()
        self._thread.wait()

    def _succeeded(self, result: object) -> None:
        self._stop_thread()
        self.succeeded.emit(result)
        self.finished.emit()

    def _failed(self, error: object) -> None:
        self._stop_thread()
        self.failed.emit(error)
        self.finished.emit()
