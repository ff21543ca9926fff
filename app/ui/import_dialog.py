"""Preview of an import before anything is saved: the registry name, each table's detected
column roles (re-mappable), the parsed rows, warnings, and where the vendor's phrase differs
from the IANA phrase. Nothing here writes to disk; the caller saves what ``accepted`` gives."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.columns import CATEGORY_NAMES
from app.registry.entry import StatusEntry
from app.registry.importers import (
    ROLES,
    ImportedRow,
    ImportResult,
    ParsedTable,
    compare_with_builtin,
    remap,
)
from app.services.i18n import QT_TRANSLATE_NOOP, translate

PREVIEW_ROWS = 500  # rows shown per table; all rows are imported
ROLE_NAMES = {
    "status": QT_TRANSLATE_NOOP("ImportDialog", "HTTP status code"),
    "error_code": QT_TRANSLATE_NOOP("ImportDialog", "Vendor error code"),
    "phrase": QT_TRANSLATE_NOOP("ImportDialog", "Message / phrase"),
    "translation": QT_TRANSLATE_NOOP("ImportDialog", "Phrase in the other language"),
    "description": QT_TRANSLATE_NOOP("ImportDialog", "Description"),
    "solution": QT_TRANSLATE_NOOP("ImportDialog", "Solution"),
    "module": QT_TRANSLATE_NOOP("ImportDialog", "Module"),
    "category": QT_TRANSLATE_NOOP("ImportDialog", "Category"),
}


def _roles_text(table: ParsedTable) -> str:
    """Which column gives the code, the phrase and the description, in one line."""
    parts = []
    for role in ("error_code", "status", "phrase", "description"):
        if role in table.roles:
            header = table.headers[table.roles.index(role)] or translate(
                "ImportDialog", "(untitled)"
            )
            parts.append(
                translate("ImportDialog", "%1 from “%2”")
                .replace("%1", translate("ImportDialog", ROLE_NAMES[role]))
                .replace("%2", header)
            )
    return " · ".join(parts)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text: imported cells are never rendered as HTML
    item.setToolTip(text[:2000])
    return item


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        result: ImportResult,
        source_name: str,
        default_name: str,
        builtin: Sequence[StatusEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(translate("ImportDialog", "Import %1").replace("%1", source_name))
        self.resize(900, 620)
        self._builtin = builtin
        self.tables: list[ParsedTable] = list(result.tables)
        self._base_warnings = list(result.warnings)
        self.name_edit = QLineEdit(default_name, self)
        self.name_edit.setObjectName("importName")
        self.name_edit.setMaxLength(80)
        summary = QLabel(self)
        summary.setObjectName("importSummary")
        self.summary = summary
        form = QFormLayout()
        form.addRow(translate("ImportDialog", "Registry name:"), self.name_edit)
        form.addRow(translate("ImportDialog", "Found:"), summary)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("importTables")
        self.role_boxes: list[list[QComboBox]] = []
        self.row_tables: list[QTableWidget] = []
        self.role_labels: list[QLabel] = []
        for number, table in enumerate(self.tables):
            title = translate("ImportDialog", "Table %1").replace("%1", str(table.index))
            name = table.caption or table.section
            if name:
                title = f"{title}: {name if len(name) <= 30 else name[:29] + '…'}"
            self.tabs.addTab(self._table_page(number, table), title)
        self.warnings = QPlainTextEdit(self)
        self.warnings.setObjectName("importWarnings")
        self.warnings.setReadOnly(True)
        self.differences = QTableWidget(0, 3, self)
        self.differences.setObjectName("importDifferences")
        self.differences.setHorizontalHeaderLabels(
            [
                translate("ImportDialog", "Code"),
                translate("ImportDialog", "Vendor phrase"),
                translate("ImportDialog", "IANA phrase"),
            ]
        )
        self.differences.horizontalHeader().setStretchLastSection(True)
        details = QTabWidget(self)
        details.addTab(self.differences, translate("ImportDialog", "Differences from IANA"))
        details.addTab(self.warnings, translate("ImportDialog", "Warnings"))
        self.details = details
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(translate("ImportDialog", "Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._refresh_state)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(details, 1)
        layout.addWidget(buttons)
        self._refresh()
        if not self.differences.rowCount():
            details.setCurrentWidget(self.warnings)  # nothing to compare: show what was skipped

    def _table_page(self, number: int, table: ParsedTable) -> QWidget:
        page = QWidget(self)
        columns = QTableWidget(len(table.headers), 3, page)
        columns.setObjectName(f"importColumns{number}")
        columns.setHorizontalHeaderLabels(
            [
                translate("ImportDialog", "Column"),
                translate("ImportDialog", "Meaning"),
                translate("ImportDialog", "First value"),
            ]
        )
        columns.horizontalHeader().setStretchLastSection(True)
        boxes: list[QComboBox] = []
        for column, header in enumerate(table.headers):
            columns.setItem(column, 0, _item(header))
            box = QComboBox(columns)
            box.addItem(translate("ImportDialog", "Other (kept as extra)"), None)
            for role in ROLES:
                box.addItem(translate("ImportDialog", ROLE_NAMES[role]), role)
            box.setCurrentIndex(max(0, box.findData(table.roles[column])))
            box.currentIndexChanged.connect(lambda _i, n=number: self._remap(n))
            columns.setCellWidget(column, 1, box)
            sample = next(
                (
                    row[column]
                    for row in table.raw_rows
                    if column < len(row) and row[column].strip()
                ),
                "",
            )
            columns.setItem(column, 2, _item(sample))
            boxes.append(box)
        columns.resizeColumnsToContents()  # counts the role boxes, so no choice is cut off
        self.role_boxes.append(boxes)
        rows = QTableWidget(0, 4, page)
        rows.setObjectName(f"importRows{number}")
        rows.setHorizontalHeaderLabels(
            [
                translate("ImportDialog", "Code"),
                translate("ImportDialog", "Phrase"),
                translate("ImportDialog", "Category"),
                translate("ImportDialog", "Other columns"),
            ]
        )
        rows.horizontalHeader().setStretchLastSection(True)
        self.row_tables.append(rows)
        layout = QVBoxLayout(page)
        places = []
        if table.caption:
            places.append(translate("ImportDialog", "Caption: %1").replace("%1", table.caption))
        if table.section and table.section != table.caption:
            places.append(translate("ImportDialog", "Section: %1").replace("%1", table.section))
        if places:
            place = QLabel(" · ".join(places), page)
            place.setObjectName(f"importPlace{number}")
            place.setTextFormat(Qt.TextFormat.PlainText)  # vendor text is never rich text
            layout.addWidget(place)
        roles_label = QLabel(page)
        roles_label.setObjectName(f"importRoles{number}")
        roles_label.setTextFormat(Qt.TextFormat.PlainText)
        self.role_labels.append(roles_label)
        layout.addWidget(roles_label)
        layout.addWidget(columns, 1)
        layout.addWidget(rows, 2)
        return page

    # ------------------------------------------------------------------ updates
    def _remap(self, number: int) -> None:
        roles = [box.currentData() for box in self.role_boxes[number]]
        try:
            self.tables[number] = remap(self.tables[number], roles)
        except ValueError as error:
            self._role_error = str(error)
        else:
            self._role_error = ""
        self._refresh()

    _role_error = ""

    def _refresh(self) -> None:
        for table, label in zip(self.tables, self.role_labels, strict=True):
            label.setText(_roles_text(table))
        for table, widget in zip(self.tables, self.row_tables, strict=True):
            shown = table.rows[:PREVIEW_ROWS]
            widget.setRowCount(len(shown))
            for r, row in enumerate(shown):
                widget.setItem(r, 0, _item(row.code))
                widget.setItem(r, 1, _item(row.phrase))
                category = CATEGORY_NAMES.get(row.category or "", "")
                widget.setItem(r, 2, _item(translate("Categories", category) if category else ""))
                widget.setItem(r, 3, _item("; ".join(f"{k}: {v}" for k, v in row.extra.items())))
            widget.resizeColumnToContents(0)  # codes such as Forbidden.NoPermission in full
        total = len(self.rows())
        self.summary.setText(
            translate("ImportDialog", "%1 codes in %2 tables")
            .replace("%1", f"{total:,}")
            .replace("%2", str(len(self.tables)))
        )
        # An OpenAPI response description ("Pet not found") is no reason phrase to compare.
        phrases = [r for t in self.tables if t.kind != "OpenAPI responses" for r in t.rows]
        differences = compare_with_builtin(phrases, self._builtin)
        self.differences.setRowCount(len(differences))
        for r, (code, vendor, iana) in enumerate(differences):
            for c, text in enumerate((code, vendor, iana)):
                self.differences.setItem(r, c, _item(text))
        self.differences.resizeColumnsToContents()
        # Row warnings come from the tables, all of them (the result's own list is capped).
        table_warnings = [w for t in self.tables for w in t.warnings]
        known = set(table_warnings)
        warnings = [
            w for w in self._base_warnings if w not in known and not w.startswith("… and ")
        ] + table_warnings
        if self._role_error:
            warnings.insert(0, self._role_error)
        self.warnings.setPlainText("\n".join(warnings) or translate("ImportDialog", "No warnings."))
        self._refresh_state()

    def _refresh_state(self) -> None:
        self.import_button.setEnabled(
            bool(self.name_edit.text().strip()) and bool(self.rows()) and not self._role_error
        )

    # ------------------------------------------------------------------ results
    def name(self) -> str:
        return self.name_edit.text().strip()

    def rows(self) -> list[ImportedRow]:
        return [row for table in self.tables for row in table.rows]

    def roles(self) -> list[list[str | None]]:
        return [list(table.roles) for table in self.tables]
