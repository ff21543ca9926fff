"""``statuscope --self-test``: prove the GUI starts, loads data and paints, then exit.

Prints one line (entries loaded, milliseconds from process start to first paint) and exits
0; on any failure prints the reason to stderr and exits 1. Used from source and from the
frozen bundle's smoke test.
"""

from __future__ import annotations

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


def run_self_test(app: QApplication, window: MainWindow, start: float) -> int:
    watcher = _PaintWatcher(start)
    window.table.viewport().installEventFilter(watcher)
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
    window.close()
    return 0
