"""``statuscope --self-test``: prove the GUI starts, loads data and paints, then exit.

Prints one line (entries loaded, milliseconds from process start to first paint) and exits
0; on any failure prints the reason to stderr and exits 1. With ``--self-test-crash`` it
also raises inside a slot and checks the global handler logged it and the app kept running
(the frozen bundle's smoke test uses both).
"""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow

TIMEOUT_MS = 20_000


class _PaintWatcher(QObject):
    def __init__(self, start: float) -> None:
        super().__init__()
        self.start = start
        self.painted_ms: float | None = None

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_ms is None:
            self.painted_ms = (time.perf_counter() - self.start) * 1000
            QTimer.singleShot(0, QApplication.quit)
        return False


CRASH_MARKER = "statuscope self-test: deliberate exception in a slot"


def _raise_in_slot() -> None:
    raise RuntimeError(CRASH_MARKER)


def check_crash_handler(app: QApplication, window: MainWindow) -> str:
    """Raise inside a Qt slot and check the global handler logged it and the window still
    answers a search. Returns "" when all is well, else the reason."""
    from app.services.errors import log_file

    QTimer.singleShot(0, _raise_in_slot)
    QTimer.singleShot(50, app.quit)
    app.exec()
    for handler in logging.getLogger().handlers:
        handler.flush()
    path = log_file()
    if not path.exists() or CRASH_MARKER not in path.read_text(encoding="utf-8"):
        return f"the exception was not written to {path}"
    window.search_box.setText("404")
    entry = window.current_entry()
    if entry is None or entry.code != "404":
        return "the window stopped answering after the exception"
    return ""


def run_self_test(app: QApplication, window: MainWindow, start: float, crash: bool = False) -> int:
    watcher = _PaintWatcher(start)
    window.table.viewport().installEventFilter(watcher)
    window.warm_up.cancel()  # like the bare window of the benchmark: nothing after the paint
    QTimer.singleShot(TIMEOUT_MS, app.quit)
    window.show()
    app.exec()
    entries = len(window.registry.entries)
    rows = window.model.rowCount()
    if watcher.painted_ms is None:
        print("self-test failed: the main window did not paint", file=sys.stderr)
        return 1
    if entries == 0 or rows == 0:
        print("self-test failed: the registry is empty", file=sys.stderr)
        return 1
    print(
        f"self-test ok: {entries} entries loaded, {rows} shown, "
        f"first paint {watcher.painted_ms:.0f} ms after start"
    )
    if crash:
        problem = check_crash_handler(app, window)
        if problem:
            print(f"self-test failed: crash handler: {problem}", file=sys.stderr)
            return 1
        print("crash handler ok: an exception in a slot was logged and the app kept running")
    window.close()
    return 0
