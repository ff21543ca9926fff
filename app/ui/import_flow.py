"""The import workflow: pick or drop a file → parse it in a worker thread (progress,
cancel) → preview → save to the store in a worker thread → the window reloads.

Dialogs are opened non-modally to the event loop (``open()``, not ``exec()``), so the UI
stays responsive and tests can drive each step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.registry.entry import StatusEntry
from app.services.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:  # the dialogs and the worker are imported when first opened or started
    from PySide6.QtWidgets import QProgressDialog

    from app.registry.importers import ImportedRow, ImportResult
    from app.registry.store import RegistryStore
    from app.ui.background import BackgroundTask
    from app.ui.import_dialog import ImportPreviewDialog
    from app.ui.registries_dialog import RegistriesDialog

#: %1 is the list of patterns, one per file suffix the importers know.
FILE_FILTER = QT_TRANSLATE_NOOP("ImportFlow", "Code tables (%1);;All files (*)")


class ImportController(QObject):
    registries_changed = Signal()
    message = Signal(str)  # for the status bar

    def __init__(self, parent: QWidget, builtin: list[StatusEntry], data_root: Path) -> None:
        super().__init__(parent)
        self._parent = parent
        self._builtin = builtin
        self._data_root = data_root
        self._store: RegistryStore | None = None
        self.task: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None
        self.preview: ImportPreviewDialog | None = None
        self.manager: RegistriesDialog | None = None

    # ------------------------------------------------------------------ store
    def store(self) -> RegistryStore | None:
        """The registry store, opened on first use; None (with a message) if it cannot be."""
        if self._store is None:
            from app.registry.store import RegistryStore, StoreError

            try:
                self._store = RegistryStore(self._data_root)
            except StoreError as error:
                self._warn(
                    translate("ImportFlow", "Imported registries are unavailable"), str(error)
                )
                return None
            for warning in self._store.warnings:
                self._warn(translate("ImportFlow", "Imported registries"), warning)
        return self._store

    # ------------------------------------------------------------------ import
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from app.registry.importers import FILE_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in FILE_SUFFIXES)
        path, _filter = QFileDialog.getOpenFileName(
            self._parent,
            translate("ImportFlow", "Import a code table"),
            str(Path.home()),
            translate("ImportFlow", FILE_FILTER).replace("%1", patterns),
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        if self.task is not None:
            return  # one import at a time

        def job(progress, cancelled):  # type: ignore[no-untyped-def]
            from app.registry.importers import parse_file

            return parse_file(path, progress=progress, cancelled=cancelled)

        self._run(
            job,
            translate("ImportFlow", "Reading %1…").replace("%1", Path(path).name),
            lambda result: self._show_preview(result, path),
        )

    def _show_preview(self, result: ImportResult, path: str) -> None:
        from app.ui.import_dialog import ImportPreviewDialog

        name = Path(path).stem[:80] or "imported"
        dialog = ImportPreviewDialog(result, Path(path).name, name, self._builtin, self._parent)
        from PySide6.QtCore import Qt  # after the first paint only (app.ui.code_view)

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.save(dialog.name(), dialog.rows(), path, dialog.roles())
        )
        self.preview = dialog
        dialog.open()

    def save(
        self,
        name: str,
        rows: list[ImportedRow],
        path: str | None,
        roles: list[list[str | None]] | None = None,
    ) -> None:
        store = self.store()
        if store is None:
            return
        from PySide6.QtWidgets import QMessageBox

        if (
            name in store
            and QMessageBox.question(
                self._parent,
                translate("ImportFlow", "Replace registry"),
                translate("ImportFlow", "A registry named “%1” exists. Replace its codes?").replace(
                    "%1", name
                ),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return

        def job(progress, cancelled):  # type: ignore[no-untyped-def]
            return store.save(name, rows, path, roles=roles)

        self._run(
            job,
            translate("ImportFlow", "Saving %1…").replace("%1", name),
            lambda count: self._saved(name, count),
        )

    def _saved(self, name: str, count: object) -> None:
        self.message.emit(
            translate("ImportFlow", "Imported %1 codes into “%2”.")
            .replace("%1", f"{count:,}")
            .replace("%2", name)
        )
        self.registries_changed.emit()

    def reimport(self, name: str) -> None:
        store = self.store()
        if store is None:
            return

        def job(progress, cancelled):  # type: ignore[no-untyped-def]
            return store.reimport(name, progress=progress, cancelled=cancelled)

        self._run(
            job,
            translate("ImportFlow", "Re-importing %1…").replace("%1", name),
            lambda count: self._saved(name, count),
        )

    # ------------------------------------------------------------------ manager
    def manage(self) -> None:
        store = self.store()
        if store is None:
            return
        from app.ui.registries_dialog import RegistriesDialog

        dialog = RegistriesDialog(store, self.reimport, self._parent)
        from PySide6.QtCore import Qt  # after the first paint only (app.ui.code_view)

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.registries_changed)
        self.registries_changed.connect(dialog.refresh)
        self.manager = dialog
        dialog.open()

    # ------------------------------------------------------------------ plumbing
    def _run(self, job, label: str, on_success) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QProgressDialog

        from app.ui.background import BackgroundTask

        task = BackgroundTask(job, self)
        progress = QProgressDialog(label, translate("ImportFlow", "Cancel"), 0, 1000, self._parent)
        progress.setObjectName("importProgress")
        progress.setWindowTitle(translate("ImportFlow", "Statuscope"))
        from PySide6.QtCore import Qt  # after the first paint only (app.ui.code_view)

        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)
        task.progress.connect(progress.setValue)
        task.succeeded.connect(on_success)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        self.task, self.progress = task, progress
        task.start()

    def _finished(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        if self.task is not None:
            self.task.deleteLater()
        self.task = self.progress = None

    def _failed(self, error: object) -> None:
        from app.registry.importers import ImportFailed
        from app.registry.store import StoreError

        if self.task is not None and self.task.cancelled:
            self.message.emit(translate("ImportFlow", "Import cancelled."))
            return
        if isinstance(error, ImportFailed | StoreError | ValueError | OSError):
            self._warn(translate("ImportFlow", "Import failed"), str(error))
        else:
            raise error  # type: ignore[misc]  # a bug: the global handler logs and shows it

    def _warn(self, title: str, text: str) -> None:
        from PySide6.QtCore import Qt  # after the first paint only (app.ui.code_view)
        from PySide6.QtWidgets import QMessageBox

        self.message.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._parent
        )
        box.setObjectName("importMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and reasons are untrusted
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
