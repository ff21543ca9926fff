"""The search box: types go to the query; Up/Down/PgUp/PgDn move the table selection
without leaving the box; Enter focuses the table; Esc clears."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.services.i18n import QT_TRANSLATE_NOOP, translate

#: The search grammar (``app.registry.query``), one tooltip line each; rich text, translated.
_GRAMMAR = (
    QT_TRANSLATE_NOOP("SearchBox", "<b>Search</b> (Ctrl+F): every part must match."),
    QT_TRANSLATE_NOOP(
        "SearchBox",
        "<b>503</b> · <b>50</b> · <b>4xx</b> · <b>500-504</b>: a code, prefix, class or range"
        " (several: any of them); 503 also finds imported codes returned with HTTP 503",
    ),
    QT_TRANSLATE_NOOP(
        "SearchBox", "<b>4xx quota</b> · <b>500-504 gateway</b>: codes combined with words"
    ),
    QT_TRANSLATE_NOOP(
        "SearchBox",
        "<b>source:nginx</b> · <b>category:error</b> · <b>class:4xx</b> · <b>status:400</b>:"
        " only that source, category, class or HTTP status",
    ),
    QT_TRANSLATE_NOOP(
        "SearchBox",
        "<b>APIG.0101</b> · <b>payload too large</b> · <b>未找到</b>: vendor codes, words,"
        " Chinese text; the last word may be unfinished, small typos are forgiven",
    ),
    QT_TRANSLATE_NOOP("SearchBox", "A pasted status line or log line finds its status code."),
)


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
            "<p>" + "<br>".join(translate("SearchBox", line) for line in _GRAMMAR) + "</p>"
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
