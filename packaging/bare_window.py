"""A bare PySide6 window for the bundle benchmark: search box + table + detail pane.

The reference point of ``bench_bundle.py``: it is bundled with the same spec rules
(``packaging/slim.py``) as Statuscope, so the difference in size and start-up time is what
the app itself costs. ``--self-test`` paints the window once, prints one line and exits 0,
like ``statuscope --self-test``. ``--qt-paths`` prints where Qt looks for plugins and
translations and whether Qt's zh_CN base translation loads (a check of the bundle layout).
"""

from __future__ import annotations

import sys
import time

_START = time.perf_counter()


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTimer, QTranslator
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QLineEdit,
        QMainWindow,
        QSplitter,
        QTableView,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication([sys.argv[0], *argv])
    if "--qt-paths" in argv:
        translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        translator = QTranslator()
        zh_ok = translator.load("qtbase_zh_CN", translations)
        print(f"plugins={plugins}\ntranslations={translations}\nqtbase_zh_CN={zh_ok}")
        return 0 if zh_ok else 1

    window = QMainWindow()
    window.setWindowTitle("Bare window")
    central = QWidget()
    layout = QVBoxLayout(central)
    search = QLineEdit()
    search.setPlaceholderText("Search")
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Code", "Title"])
    for code in range(100, 600, 7):
        model.appendRow([QStandardItem(str(code)), QStandardItem(f"Status {code}")])
    table = QTableView()
    table.setModel(model)
    detail = QTextBrowser()
    detail.setHtml("<h1>200 OK</h1><p>The request succeeded.</p>")
    splitter = QSplitter()
    splitter.addWidget(table)
    splitter.addWidget(detail)
    layout.addWidget(search)
    layout.addWidget(splitter)
    window.setCentralWidget(central)
    window.resize(900, 600)

    if "--self-test" not in argv:
        window.show()
        return app.exec()

    painted: list[float] = []

    class PaintWatcher(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append((time.perf_counter() - _START) * 1000)
                QTimer.singleShot(0, app.quit)
            return False

    watcher = PaintWatcher()
    table.viewport().installEventFilter(watcher)
    QTimer.singleShot(20_000, app.quit)
    window.show()
    app.exec()
    if not painted:
        print("self-test failed: the window did not paint", file=sys.stderr)
        return 1
    print(f"self-test ok: {model.rowCount()} rows shown, "
          f"first paint {painted[0]:.0f} ms after start")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
