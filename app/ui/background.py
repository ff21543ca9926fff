"""Run a slow, pure-Python job (parsing an import, loading a registry) off the UI thread,
with progress and cancellation, and get the result back on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Job = Callable[[Callable[[float], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progress = Signal(int)  # 0..1000
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, job: Job, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(
                lambda f: self.progress.emit(int(max(0.0, min(1.0, f)) * 1000)), self._cancel.is_set
            )
        except Exception as error:  # handed to the UI thread, which shows it
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """``task.start()`` runs ``job(progress, cancelled)`` in a QThread; ``cancel()`` asks it to
    stop. ``succeeded(result)`` / ``failed(exception)`` arrive on the thread that made it."""

    progress = Signal(int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(job, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, msecs: int = 30_000) -> bool:
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
