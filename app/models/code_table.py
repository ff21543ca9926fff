"""``CodeTableModel``: a table of just the rows the query engine matched.

The engine computes the matching row numbers once per query; the model holds that list
and answers ``data()`` only for the rows the view paints. There is no
QSortFilterProxyModel: filtering through a proxy calls Python once per row per keystroke
(≈1.3 s at 100k rows); handing the view a model of the result list stays a few ms at a
million. Sorting re-orders the list in Python on precomputed native keys.

Column titles are not ``headerData``: Qt would call it with a ``Qt.Orientation`` while
painting, and converting that enum makes PySide6 build the whole ``Qt`` namespace (~17 ms)
before the first paint. The view shows :func:`header_label` from a C++ model instead
(``app.ui.code_view``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

from app.models.columns import (
    CATEGORY_NAMES,
    CONTEXT,
    DISPLAY_ROLE,
    HEADERS,
    TOOLTIP_ROLE,
    Column,
    Role,
)
from app.registry.entry import StatusEntry
from app.registry.sort_keys import entry_key, sort_keys
from app.services.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

ModelIndex = QModelIndex | QPersistentModelIndex
_COLUMNS = len(Column)
_HANDLED_ROLES = frozenset({DISPLAY_ROLE, TOOLTIP_ROLE, Role.ENTRY, Role.SORT})
_TEXT_CACHE_ROWS = 2_000  # a few screens of rows; cleared whenever the rows change


_FIELDS = {
    Column.CODE: "code",
    Column.PHRASE: "phrase",
    Column.CLASS: "class",
    Column.CATEGORY: "category",
    Column.SOURCE: "source",
}


class CodeTableModel(QAbstractTableModel):
    def __init__(self, entries: Sequence[StatusEntry] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: Sequence[StatusEntry] = entries
        self._rows: Sequence[int] = range(len(entries))
        self._language = "en"
        self._sort: tuple[Column, bool] | None = None  # (column, descending)
        self._texts: dict[int, tuple[str, ...]] = {}  # row → display texts, see data()
        self._category_names: dict[str, str] = {}
        self._keys: dict[Column, list[Any]] = {}  # column → sort key per entry

    # ------------------------------------------------------------------ state
    def set_entries(self, entries: Sequence[StatusEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self._rows = range(len(entries))
        self._texts.clear()
        self._keys.clear()
        self.endResetModel()

    @property
    def rows(self) -> Sequence[int]:
        """The entry numbers shown, in view order."""
        return self._rows

    def set_rows(self, rows: Sequence[int]) -> None:
        """Show exactly these entry numbers (the engine's ranked result)."""
        self.beginResetModel()
        self._rows = self._sorted(rows) if self._sort else rows
        self._texts.clear()
        self.endResetModel()

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        self._language = language
        self._texts.clear()
        self._category_names.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, _COLUMNS - 1))

    def entry(self, row: int) -> StatusEntry | None:
        if 0 <= row < len(self._rows):
            return self._entries[self._rows[row]]
        return None

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        # The view asks ~10 roles per cell on every repaint: answer the unused ones first and
        # build each visible row's texts once (this is the per-keystroke hot path).
        if role not in _HANDLED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == DISPLAY_ROLE:
            return self._row_texts(row)[index.column()]
        entry = self._entries[self._rows[row]]
        if role == Role.ENTRY:
            return entry
        if role == Role.SORT:
            return entry_key(entry, _FIELDS[Column(index.column())])
        if index.column() == Column.PHRASE:  # tooltip
            return entry.text("summary", self._language)
        return self._row_texts(row)[index.column()]

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            entry = self._entries[self._rows[row]]
            phrase = entry.text("phrase", self._language)
            category = self._category_names.get(entry.category)
            if category is None:
                category = translate(
                    "Categories", CATEGORY_NAMES.get(entry.category, entry.category)
                )
                self._category_names[entry.category] = category
            texts = (
                entry.code,
                phrase if phrase == entry.phrase else f"{phrase} · {entry.phrase}",
                entry.status_class,
                category,
                entry.source,
            )
            if len(self._texts) > _TEXT_CACHE_ROWS:
                self._texts.clear()
            self._texts[row] = texts
        return texts

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        if not 0 <= column < _COLUMNS:
            return
        from PySide6.QtCore import Qt

        self.layoutAboutToBeChanged.emit()
        self._sort = (Column(column), order == Qt.SortOrder.DescendingOrder)
        old = self.persistentIndexList()
        numbers = [self._rows[index.row()] for index in old]
        self._rows = self._sorted(self._rows)
        self._texts.clear()
        if old:  # keep the selection on the same entries, not the same row numbers
            position = {number: row for row, number in enumerate(self._rows)}
            moved = [self.index(position[n], i.column()) for n, i in zip(numbers, old, strict=True)]
            self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    def _sorted(self, rows: Sequence[int]) -> list[int]:
        assert self._sort is not None
        column, descending = self._sort
        keys = self._keys.get(column)
        if keys is None:  # once per registry and column, from columns where possible
            keys = self._keys[column] = sort_keys(self._entries, _FIELDS[column])
        return sorted(rows, key=keys.__getitem__, reverse=descending)


def header_label(section: int) -> str | None:
    """The translated title of a column (None outside the table)."""
    if 0 <= section < _COLUMNS:
        return translate(CONTEXT, HEADERS[Column(section)])
    return None
