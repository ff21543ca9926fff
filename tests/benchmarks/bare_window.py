"""The floor for the cold-start benchmark: a bare PySide6 QMainWindow holding an empty
QTableView, started like the app (``python <script>``), quitting after its first paint.

Prints one line, like ``python -m app --self-test`` does, once the event loop has ended.
"""

from __future__ import annotations

import sys
import time

_START = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402


class _PaintWatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted_ms: float | None = None

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_ms is None:
            self.painted_ms = (time.perf_counter() - _START) * 1000
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView(window)
    window.setCentralWidget(table)
    window.resize(1100, 700)
    watcher = _PaintWatcher()
    table.viewport().installEventFilter(watcher)
    QTimer.singleShot(20_000, app.quit)
    window.show()
    app.exec()
    if watcher.painted_ms is None:
        print("bare window did not paint", file=sys.stderr)
        return 1
    print(f"bare window ok: first paint {watcher.painted_ms:.0f} ms after start")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
