"""Manage imported registries: list, rename, enable/disable, re-import, remove."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.store import RegistryInfo, RegistryStore, StoreError
from app.services.i18n import translate


class RegistriesDialog(QDialog):
    changed = Signal()  # the stored registries changed; the window reloads

    def __init__(
        self, store: RegistryStore, reimport: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registriesDialog")
        self.setWindowTitle(translate("RegistriesDialog", "Imported registries"))
        self.resize(760, 360)
        self.store = store
        self._reimport = reimport
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("registriesTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("RegistriesDialog", "Enabled"),
                translate("RegistriesDialog", "Name"),
                translate("RegistriesDialog", "Codes"),
                translate("RegistriesDialog", "Imported"),
                translate("RegistriesDialog", "Source file"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemChanged.connect(self._toggled)
        buttons = QHBoxLayout()
        self.rename_button = self._button(
            "renameRegistry", translate("RegistriesDialog", "Rename…"), self.rename
        )
        self.reimport_button = self._button(
            "reimportRegistry", translate("RegistriesDialog", "Re-import"), self.reimport_selected
        )
        self.remove_button = self._button(
            "removeRegistry", translate("RegistriesDialog", "Remove…"), self.remove
        )
        for button in (self.rename_button, self.reimport_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        self.table.blockSignals(True)
        infos = self.store.list()
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            enabled = QTableWidgetItem()
            enabled.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            enabled.setCheckState(
                Qt.CheckState.Checked if info.enabled else Qt.CheckState.Unchecked
            )
            enabled.setData(Qt.ItemDataRole.UserRole, info.name)
            self.table.setItem(row, 0, enabled)
            for column, text in enumerate(
                (info.name, f"{info.row_count:,}", info.imported_at, info.source_path or ""),
                start=1,
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self._update_buttons()

    def selected(self) -> RegistryInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 1)
        name = item.text() if item is not None else ""
        return next((i for i in self.store.list() if i.name == name), None)

    def _update_buttons(self) -> None:
        info = self.selected()
        for button in (self.rename_button, self.remove_button):
            button.setEnabled(info is not None)
        self.reimport_button.setEnabled(info is not None and bool(info.source_path))

    def _apply(self, action: Callable[[], None]) -> bool:
        try:
            action()
        except StoreError as error:
            QMessageBox.warning(
                self, translate("RegistriesDialog", "Imported registries"), str(error)
            )
            return False
        self.refresh()
        self.changed.emit()
        return True

    def _toggled(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            name = str(item.data(Qt.ItemDataRole.UserRole))
            checked = item.checkState() == Qt.CheckState.Checked
            self._apply(lambda: self.store.set_enabled(name, checked))

    def rename(self) -> None:
        info = self.selected()
        if info is None:
            return
        new, ok = QInputDialog.getText(
            self,
            translate("RegistriesDialog", "Rename registry"),
            translate("RegistriesDialog", "New name:"),
            text=info.name,
        )
        if ok and new.strip() and new.strip() != info.name:
            self._apply(lambda: self.store.rename(info.name, new.strip()))

    def remove(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            translate("RegistriesDialog", "Remove registry"),
            translate(
                "RegistriesDialog", "Remove “%1” and its %2 codes? The source file is not touched."
            )
            .replace("%1", info.name)
            .replace("%2", f"{info.row_count:,}"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(lambda: self.store.remove(info.name))

    def reimport_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self._reimport(info.name)
