"""Category filters: class toggles (1xx–5xx) and Normal/Error, status and source choices.

The bar owns no filtering logic: it turns its widgets into a ``Filters`` value and emits
``changed`` when that value changes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from app.models.columns import CATEGORY_NAMES, CLASS_NAMES, LIFECYCLE_NAMES
from app.registry.entry import CLASSES, LIFECYCLES
from app.registry.filters import Filters
from app.services.i18n import translate

OFFICIAL = frozenset(lc for lc in LIFECYCLES if lc != "unofficial")


class FilterBar(QWidget):
    changed = Signal(Filters)

    def __init__(self, sources: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._sources = sources
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.class_buttons: dict[str, QToolButton] = {}
        for cls in CLASSES:
            button = QToolButton(self)
            button.setObjectName(f"classFilter{cls}")
            button.setText(cls)
            button.setCheckable(True)
            button.toggled.connect(self._emit)
            layout.addWidget(button)
            self.class_buttons[cls] = button
        layout.addSpacing(8)
        self.category_label = QLabel(self)
        self.category = self._combo("categoryFilter", layout, self.category_label)
        self.status_label = QLabel(self)
        self.status = self._combo("statusFilter", layout, self.status_label)
        self.source_label = QLabel(self)
        self.source = self._combo("sourceFilter", layout, self.source_label)
        layout.addStretch(1)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.retranslate_ui()

    def _combo(self, name: str, layout: QHBoxLayout, label: QLabel) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.currentIndexChanged.connect(self._emit)
        label.setBuddy(combo)
        layout.addWidget(label)
        layout.addWidget(combo)
        return combo

    # ------------------------------------------------------------------ text
    def retranslate_ui(self) -> None:
        for cls, button in self.class_buttons.items():
            button.setToolTip(translate("Classes", CLASS_NAMES[cls]))
            button.setAccessibleName(f"{cls} {translate('Classes', CLASS_NAMES[cls])}")
        self.category_label.setText(translate("FilterBar", "&Category:"))
        self.status_label.setText(translate("FilterBar", "S&tatus:"))
        self.source_label.setText(translate("FilterBar", "&Source:"))
        self.clear_button.setText(translate("FilterBar", "Clear filters"))
        categories = [
            ("", translate("FilterBar", "All")),
            *((key, translate("Categories", name)) for key, name in CATEGORY_NAMES.items()),
        ]
        statuses = [
            ("", translate("FilterBar", "All")),
            ("official", translate("FilterBar", "Official")),
            *((key, translate("Lifecycle", name)) for key, name in LIFECYCLE_NAMES.items()),
        ]
        sources = [("", translate("FilterBar", "All")), *((s, s) for s in self._sources)]
        for combo, items in (
            (self.category, categories),
            (self.status, statuses),
            (self.source, sources),
        ):
            self._fill(combo, items)

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for key, text in items:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def set_sources(self, sources: list[str]) -> None:
        self._sources = sources
        self._fill(self.source, [("", translate("FilterBar", "All")), *((s, s) for s in sources)])

    # ------------------------------------------------------------------ value
    def filters(self) -> Filters:
        status = self.status.currentData() or ""
        lifecycles = OFFICIAL if status == "official" else frozenset({status} - {""})
        return Filters(
            classes=frozenset(c for c, b in self.class_buttons.items() if b.isChecked()),
            categories=frozenset({self.category.currentData() or ""} - {""}),
            lifecycles=lifecycles,
            sources=frozenset({self.source.currentData() or ""} - {""}),
        )

    def set_filters(self, classes: list[str], category: str, status: str, source: str) -> None:
        """Restore saved filters without emitting per widget; emits once at the end."""
        self.blockSignals(True)
        for cls, button in self.class_buttons.items():
            button.setChecked(cls in classes)
        for combo, key in ((self.category, category), (self.status, status), (self.source, source)):
            combo.setCurrentIndex(max(0, combo.findData(key)))
        self.blockSignals(False)
        self._emit()

    def saved_state(self) -> dict[str, list[str]]:
        return {
            "filters/classes": [c for c, b in self.class_buttons.items() if b.isChecked()],
            "filters/categories": [self.category.currentData() or ""],
            "filters/lifecycles": [self.status.currentData() or ""],
            "filters/sources": [self.source.currentData() or ""],
        }

    def clear(self) -> None:
        self.set_filters([], "", "", "")

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.filters())
