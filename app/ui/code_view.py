"""The results table view: numeric-aware header, type-ahead into the search box.

Nothing here names PySide6's ``Qt`` namespace before the first paint (see
``app.models.columns.DISPLAY_ROLE``): the header shows its titles from a small C++ model
(:class:`QStandardItemModel`) instead of calling the table model's ``headerData`` in Python,
and the handlers that need ``Qt`` import it when they first run.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.models.code_table import header_label
from app.models.columns import Column


class CodeTableView(QTableView):
    type_ahead = Signal(str)  # printable text typed while the table has focus
    escape_pressed = Signal()
    menu_requested = Signal(object)  # QPoint on the screen: show the context menu there

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(False)  # the model sorts; the header only asks it to
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self._titles = QStandardItemModel(0, len(Column), self)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionClicked.connect(self._sort_by)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.horizontalHeader().setModel(self._titles)  # see the module docstring

    def retranslate_ui(self) -> None:
        labels = [header_label(column) or "" for column in Column]
        self._titles.setHorizontalHeaderLabels(labels)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_requested.emit(event.globalPos())

    def apply_default_widths(self) -> None:
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        header.setSectionResizeMode(Column.PHRASE, QHeaderView.ResizeMode.Stretch)
        for column, sample in (
            (Column.CODE, "APIG.0101"),
            (Column.CLASS, "Class  "),
            (Column.CATEGORY, "Category  "),
            (Column.SOURCE, "Cloudflare  "),
        ):
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 8)

    def _sort_by(self, column: int) -> None:
        from PySide6.QtCore import Qt

        header = self.horizontalHeader()
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            order = (
                Qt.SortOrder.DescendingOrder
                if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        else:
            order = Qt.SortOrder.AscendingOrder
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        model = self.model()
        if model is not None:
            model.sort(column, order)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        text = event.text()
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        elif (
            text
            and text.isprintable()
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.type_ahead.emit(text)
        else:
            super().keyPressEvent(event)
