"""The search box: types go to the query; Up/Down/PgUp/PgDn move the table selection
without leaving the box; Enter focuses the table; Esc clears."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.services.i18n import translate


class SearchBox(QLineEdit):
    navigate = Signal(QKeyEvent)  # forwarded navigation key, for the table
    activated = Signal()  # Enter pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(
            translate("SearchBox", "Search codes, phrases, headers, log lines…")
        )
        self.setAccessibleName(translate("SearchBox", "Search"))
        self.setToolTip(
            translate(
                "SearchBox",
                "Examples: 503 · 4xx · 500-504 · payload too large · "
                "nginx · 未找到 · a pasted log line (Ctrl+F)",
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # named after the first paint only (app.ui.code_view)

        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.navigate.emit(event)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        else:
            super().keyPressEvent(event)
