"""The main window: composes the search bar, filters, results table and detail pane, and
wires their signals. It holds no business logic — searching is the engine's, formatting
the registry's, persistence the settings wrapper's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.models.code_table import CodeTableModel
from app.registry.bulk import settle
from app.registry.entry import StatusEntry
from app.registry.filters import Filters
from app.registry.loader import Registry
from app.services.clipboard import Clipboard
from app.services.i18n import Translations, translate
from app.services.settings import Settings
from app.ui.actions import WindowActions
from app.ui.code_view import CodeTableView
from app.ui.detail_pane import DetailPane, fill_copy_menu
from app.ui.filter_bar import FilterBar
from app.ui.first_paint import AfterFirstPaint
from app.ui.import_flow import ImportController
from app.ui.search_bar import SearchBox

if TYPE_CHECKING:  # imported when first needed: none of these is part of the first paint
    from PySide6.QtCore import Qt

    from app.registry.search import QueryEngine
    from app.registry.user_registries import LoadedRegistry
    from app.ui.background import BackgroundTask
    from app.ui.status_map import StatusMap

    #: ``loader(progress, cancelled, searchable)``, run in a worker: as
    #: ``app.registry.user_registries.load_user_registries`` without its data folder.
    RegistryLoader = Callable[
        [Callable[[float], None], Callable[[], bool], Callable[[LoadedRegistry], None]],
        LoadedRegistry,
    ]

DETAIL_DELAY_MS = 90  # debounce: the detail pane follows the selection once typing pauses
ZOOM_RANGE = (-4, 12)


class MainWindow(QMainWindow):
    def __init__(
        self,
        registry: Registry,
        settings: Settings,
        clipboard: Clipboard,
        translations: Translations,
        data_root: Path,
        load_registry: RegistryLoader,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.registry = registry
        self._load_registry = load_registry
        self.loading: BackgroundTask | None = None
        self._engine: QueryEngine | None = None  # built on first search, not before first paint
        self.settings = settings
        self.clipboard = clipboard
        self.translations = translations
        self._filters = Filters()
        self._base_point_size = QApplication.font().pointSizeF()
        self.model = CodeTableModel(registry.entries, self)
        self.search_box = SearchBox(self)
        self.filter_bar = FilterBar(registry.sources(), self)
        self.table = CodeTableView(self)
        self.table.setModel(self.model)
        self.detail = DetailPane(clipboard, self)
        self.splitter = QSplitter(parent=self)  # by keyword: see _name_qt_namespace()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_box)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._central_layout = layout
        self.status_map: StatusMap | None = None  # made when first shown (View → Status map)
        self.status_count = QLabel(self)
        self.status_count.setObjectName("statusCount")
        self.statusBar().addWidget(self.status_count, 1)
        self.data_date = QLabel(self)
        self.data_date.setObjectName("dataDate")
        self.statusBar().addPermanentWidget(self.data_date)
        self.load_progress = QProgressBar(self)
        self.load_progress.setObjectName("loadProgress")
        self.load_progress.setRange(0, 1000)
        self.load_progress.setMaximumWidth(160)
        self.load_progress.setTextVisible(False)
        self.load_progress.hide()
        self.statusBar().addPermanentWidget(self.load_progress)
        self.detail_timer = QTimer(self)
        self.detail_timer.setSingleShot(True)
        self.detail_timer.setInterval(DETAIL_DELAY_MS)
        self.window_actions = WindowActions(self)
        self.imports = ImportController(self, list(registry.entries), data_root)
        self._wire()
        self.table.apply_default_widths()
        self.resize(1100, 700)
        self.splitter.setSizes([600, 500])
        self.retranslate_ui()
        self.refresh_results()
        # watched on the window itself: the table's viewport() costs ~11 ms on first call
        self.warm_up = AfterFirstPaint(
            self, (self.refresh_detail, _name_qt_namespace, self._build_index_if_idle)
        )

    def _build_index_if_idle(self) -> None:
        """After the first paint: the built-in registry's index, unless a load is building
        one in a worker; otherwise the first keystroke would build it (~50 ms)."""
        if self.loading is None:
            _ = self.engine

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        self.search_box.textChanged.connect(self._user_active)
        self.search_box.textChanged.connect(self.refresh_results)
        self.table.verticalScrollBar().valueChanged.connect(self._user_active)
        self.search_box.navigate.connect(self._navigate_from_search)
        self.search_box.activated.connect(self._focus_table)
        self.filter_bar.changed.connect(self.set_filters)
        self.table.selectionModel().currentRowChanged.connect(self._selection_moved)
        self.table.type_ahead.connect(self._type_ahead)
        self.table.escape_pressed.connect(self.clear_query)
        self.table.menu_requested.connect(self._table_menu)
        self.detail_timer.timeout.connect(self.refresh_detail)
        self.detail.code_activated.connect(self.jump_to_code)
        self.detail.search_requested.connect(self.search_box.setText)
        self.detail.returned_with = self._returned_with
        acts = self.window_actions
        acts.connect("import_file", self.imports.choose_file)
        acts.connect("manage_registries", self.imports.manage)
        acts.connect("export_view", self.export_current_view)
        acts.connect("export_status_map", self.export_status_map)
        acts.show_status_map.toggled.connect(self.show_status_map)
        self.imports.registries_changed.connect(self.reload_registry)
        self.imports.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        acts.connect("quit", self.close)
        acts.connect("copy", self.copy_selection)
        acts.connect("find", self.focus_search)
        acts.connect("clear_query", self.clear_query)
        acts.connect("zoom_in", lambda: self.zoom(+1))
        acts.connect("zoom_out", lambda: self.zoom(-1))
        acts.connect("zoom_reset", lambda: self.zoom(0, absolute=True))
        acts.connect("about", self.show_about)
        acts.language_group.triggered.connect(lambda a: self.set_language(a.data()))

    # ------------------------------------------------------------------ registry
    def set_registry(self, registry: Registry, engine: QueryEngine | None = None) -> None:
        """Show another registry (after loading, an import, a removal); keeps the query."""
        self.registry = registry
        self._engine = engine
        self.model.set_entries(registry.entries)
        self.filter_bar.set_sources(registry.sources())
        self._feed_map()
        self.refresh_results()
        settle()  # no full garbage collection over the new registry while typing

    @property
    def engine(self) -> QueryEngine:
        if self._engine is None:
            from app.registry.search import QueryEngine

            self._engine = QueryEngine(self.registry.entries)
        return self._engine

    def reload_registry(self) -> None:
        """Load built-in + imported registries in a worker thread; the window stays usable
        with what it shows until the new registry and its index are ready."""
        if self.loading is not None:
            self.loading.cancel()
        from app.ui.background import BackgroundTask

        def job(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> object:
            return self._load_registry(progress, cancelled, task.publish)

        task = BackgroundTask(job, self)
        self.loading = task
        self.load_progress.setValue(0)
        self.load_progress.show()
        task.progress.connect(self.load_progress.setValue)
        task.ready.connect(lambda loaded: self._loaded(task, loaded, final=False))
        task.succeeded.connect(lambda loaded: self._loaded(task, loaded))
        task.failed.connect(lambda error: self._load_failed(task, error))
        task.start()

    def _loaded(self, task: BackgroundTask, loaded: LoadedRegistry, *, final: bool = True) -> None:
        """The loaded registry, once it answers queries (``final`` False: the worker goes on
        precomputing broad terms, the progress bar stays) and when the worker is done."""
        if task is not self.loading:
            return  # superseded by a newer load
        if final:
            self._end_loading(task)
        if loaded.engine is None or loaded.engine is not self._engine:
            self.set_registry(loaded.registry, loaded.engine)
            self.show_warnings(loaded.registry.warnings)

    def _load_failed(self, task: BackgroundTask, error: object) -> None:
        if task is not self.loading:
            return
        self._end_loading(task)
        from app.registry.search import BuildCancelled

        if not isinstance(error, BuildCancelled):
            raise error  # type: ignore[misc]  # a bug: logged and shown by the handler

    def _user_active(self) -> None:
        """Typing or scrolling: a registry loading (or a file being parsed) in the background
        pauses for a moment (``BackgroundTask.yield_to_ui``)."""
        for task in (self.loading, self.imports.task):
            if task is not None:
                task.yield_to_ui()

    def _end_loading(self, task: BackgroundTask) -> None:
        self.loading = None
        self.load_progress.hide()
        task.deleteLater()

    def show_warnings(self, warnings: Sequence[str]) -> None:
        """Problems met while loading user data (a corrupt store moved aside, a read-only
        data directory): in the status bar and in a dialog, never silently."""
        if not warnings:
            return
        text = "\n".join(warnings)
        self.statusBar().showMessage(text, 15000)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("MainWindow", "Statuscope"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("startupWarning")
        from PySide6.QtCore import Qt  # named after the first paint only (app.ui.code_view)

        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def export_current_view(self) -> None:
        entries = [e for e in (self.model.entry(r) for r in range(self.model.rowCount())) if e]
        from app.ui.export_flow import export_view

        export_view(
            self,
            entries,
            self.translations.language,
            lambda text: self.statusBar().showMessage(text, 8000),
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.imports.import_file(files[0])

    # ------------------------------------------------------------------ search
    def set_filters(self, filters: Filters) -> None:
        if filters == self._filters:
            return
        self._filters = filters
        self.refresh_results()

    def refresh_results(self) -> None:
        """Run the engine, show its rows, select the first one (detail pane debounced)."""
        text = self.search_box.text()
        if not text.strip() and self._filters.is_empty:
            rows: Sequence[int] = range(len(self.registry.entries))  # no index needed
        else:
            rows = self.engine.search(text, self._filters)
        self.model.set_rows(rows)
        if self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollToTop()
        else:
            self.detail_timer.start()
        self._update_count()
        self._update_map(rows)

    def _returned_with(self, code: str, limit: int) -> tuple[int, list[StatusEntry]]:
        """How many imported codes are returned with HTTP ``code``, and the first ``limit``:
        the index's ``status:`` rows after the built-in ones (which come first)."""
        from bisect import bisect_left

        from app.registry.loader import load_builtin

        entries = self.registry.entries
        builtin = len(load_builtin().entries)
        if len(entries) <= builtin:
            return 0, []
        rows = self.engine.search(f"status:{code}")
        start = bisect_left(rows, builtin)
        end = min(len(rows), start + limit)
        return len(rows) - start, [entries[rows[i]] for i in range(start, end)]

    def _update_count(self) -> None:
        self.status_count.setText(
            translate("MainWindow", "%1 of %2 codes")
            .replace("%1", f"{self.model.rowCount():,}")
            .replace("%2", f"{len(self.registry.entries):,}")
        )

    def _selection_moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._user_active()
        self.detail_timer.start()
        if self.status_map is not None and self.status_map.isVisible():
            entry = self.current_entry()
            self.status_map.set_selected(entry.http_status if entry is not None else "")

    # ------------------------------------------------------------------ status map
    def show_status_map(self, shown: bool) -> None:
        """View → Status map (Ctrl+M): the map under the table; the choice is kept."""
        if shown and self.status_map is None:
            from app.ui.status_map import StatusMap

            self.status_map = StatusMap(self)
            self.status_map.language = self.translations.language
            self.status_map.code_clicked.connect(self.select_code)
            self.status_map.activated.connect(self._focus_table)
            self._central_layout.addWidget(self.status_map)
            self._feed_map()
        if self.status_map is not None:
            self.status_map.setVisible(shown)
            if shown:
                self._update_map(None)
        action = self.window_actions.show_status_map
        if action.isChecked() != shown:
            action.setChecked(shown)
        self.settings.set_value("view/statusMap", int(shown))

    def _feed_map(self) -> None:
        """Tiles from the built-in codes, badges from the index's imported-code counts."""
        if self.status_map is None:
            return
        from app.registry.loader import load_builtin

        builtin = load_builtin().entries
        self.status_map.set_tiles(builtin)
        imported = len(self.registry.entries) > len(builtin)
        self.status_map.set_counts(self.engine.status_counts(len(builtin)) if imported else {})

    def _update_map(self, rows: Sequence[int] | None) -> None:
        """Dim what the current query and filters leave out; outline the selected code."""
        status_map = self.status_map
        if status_map is None or not status_map.isVisible():
            return
        if rows is None:
            rows = self.model.rows
        everything = not self.search_box.text().strip() and self._filters.is_empty
        status_map.set_matching(None if everything else self.engine.statuses_in(rows))
        entry = self.current_entry()
        status_map.set_selected(entry.http_status if entry is not None else "")

    def select_code(self, code: str) -> None:
        """A tile was clicked: select that code's first row in the table (or, when the
        current results do not hold it, show the code)."""
        for row in range(min(self.model.rowCount(), 200)):
            entry = self.model.entry(row)
            if entry is not None and entry.code == code:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(row, 0))
                self.refresh_detail()
                return
        self.jump_to_code(code)

    def export_status_map(self) -> None:
        if self.status_map is None or not self.status_map.isVisible():
            self.show_status_map(True)
        from app.ui.map_export import export_map

        assert self.status_map is not None
        path = export_map(self, self.status_map)
        if path:
            self.statusBar().showMessage(
                translate("MainWindow", "Status map written to %1").replace("%1", path), 8000
            )

    def refresh_detail(self) -> None:
        self.detail_timer.stop()
        self.detail.show_entry(
            self.current_entry(), self.search_box.text(), len(self.registry.entries)
        )

    def current_entry(self) -> StatusEntry | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def selected_entries(self) -> list[StatusEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        entries = [self.model.entry(r) for r in rows]
        return [e for e in entries if e is not None]

    def jump_to_code(self, code: str) -> None:
        self.search_box.setText(code)
        self.refresh_detail()

    # ------------------------------------------------------------------ keyboard
    def _navigate_from_search(self, event: QKeyEvent) -> None:
        QApplication.sendEvent(self.table, QKeyEvent(event.type(), event.key(), event.modifiers()))

    def _focus_table(self) -> None:
        self.table.setFocus(_shortcut_focus())

    def _type_ahead(self, text: str) -> None:
        self.search_box.setFocus()
        self.search_box.end(False)
        self.search_box.insert(text)

    def focus_search(self) -> None:
        self.search_box.setFocus(_shortcut_focus())
        self.search_box.selectAll()

    def clear_query(self) -> None:
        self.search_box.clear()
        self.search_box.setFocus(_shortcut_focus())

    # ------------------------------------------------------------------ copy
    def copy_selection(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.search_box and self.search_box.hasSelectedText():
            self.search_box.copy()
            return
        if focus is self.detail.browser and self.detail.browser.textCursor().hasSelection():
            self.detail.browser.copy()
            return
        entries = self.selected_entries()
        if entries:
            self.clipboard.copy_lines(entries)

    def _table_menu(self, screen_pos: QPoint) -> None:
        menu = QMenu(self)
        entries = self.selected_entries()
        copy_lines = menu.addAction(translate("MainWindow", "Copy"))
        copy_lines.triggered.connect(self.copy_selection)
        if len(entries) > 1:
            md = menu.addAction(translate("MainWindow", "Copy as Markdown table"))
            md.triggered.connect(lambda: self.clipboard.copy_table(entries, "markdown"))
            tsv = menu.addAction(translate("MainWindow", "Copy as TSV table"))
            tsv.triggered.connect(lambda: self.clipboard.copy_table(entries, "tsv"))
        else:
            menu.addSeparator()
            entry = entries[0] if entries else None
            fill_copy_menu(
                menu, entry, lambda fmt: entry is not None and self.clipboard.copy(entry, fmt)
            )
        menu.popup(screen_pos)

    # ------------------------------------------------------------------ view
    def zoom(self, step: int, absolute: bool = False) -> None:
        level = step if absolute else self.settings.value("zoom") + step
        level = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], level))
        self.settings.set_value("zoom", level)
        font = self.table.font()
        font.setPointSizeF(max(6.0, self._base_point_size + level))
        for widget in (self.table, self.detail.browser, self.search_box):
            widget.setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

    def set_language(self, language: str) -> None:
        language = self.translations.switch(language)
        self.settings.set_value("language", language)
        self.model.set_language(language)
        self.detail.language = language
        if self.status_map is not None:
            self.status_map.language = language
        self.clipboard.language = language
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        language = self.translations.language
        self.window_actions.retranslate_ui()
        self.window_actions.languages[language].setChecked(True)
        self.setWindowTitle(translate("MainWindow", "Statuscope"))
        self.table.setAccessibleName(translate("MainWindow", "Status codes"))
        self.table.retranslate_ui()
        self.search_box.retranslate_ui()
        self.filter_bar.retranslate_ui()
        self.detail.retranslate_ui()
        if self.status_map is not None:
            self.status_map.retranslate_ui()
        self.data_date.setText(
            translate("MainWindow", "IANA registry checked %1").replace(
                "%1", self.registry.iana_last_updated
            )
        )
        self._update_count()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            translate("MainWindow", "About Statuscope"),
            translate(
                "MainWindow",
                "<h3>Statuscope %1</h3><p>The offline reference for HTTP status "
                "codes and your API's error codes.</p><p>Data checked against the IANA HTTP "
                "Status Code Registry as last updated on %2.</p><p>%3 entries loaded.</p>",
            )
            .replace("%1", __version__)
            .replace("%2", self.registry.iana_last_updated)
            .replace("%3", str(len(self.registry.entries))),
        )

    # ------------------------------------------------------------------ state
    def restore_state(self) -> None:
        s = self.settings
        if (geometry := s.state("geometry")) is not None:
            self.restoreGeometry(geometry)
        if (splitter := s.state("splitter")) is not None:
            self.splitter.restoreState(splitter)
        header = self.table.horizontalHeader()
        if (header_state := s.state("header")) is not None:
            header.restoreState(header_state)
            if header.isSortIndicatorShown():
                self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.filter_bar.set_filters(
            s.value("filters/classes"),
            next(iter(s.value("filters/categories")), ""),
            next(iter(s.value("filters/lifecycles")), ""),
            next(iter(s.value("filters/sources")), ""),
        )
        if s.value("zoom"):
            self.zoom(s.value("zoom"), absolute=True)
        if s.value("view/statusMap"):
            self.show_status_map(True)

    def save_state(self) -> None:
        s = self.settings
        s.set_state("geometry", self.saveGeometry())
        s.set_state("splitter", self.splitter.saveState())
        s.set_state("header", self.table.horizontalHeader().saveState())
        for key, value in self.filter_bar.saved_state().items():
            s.set_value(key, value)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.loading is not None:  # e.g. still packing broad terms: stop it, then go
            self.loading.stop()
        super().closeEvent(event)


def _shortcut_focus() -> Qt.FocusReason:
    from PySide6.QtCore import Qt  # named after the first paint only (app.ui.code_view)

    return Qt.FocusReason.ShortcutFocusReason


def _name_qt_namespace() -> None:
    """Build PySide6's ``Qt`` namespace (~17 ms) after the first paint, before a keystroke
    or a focus change needs it. Nothing before the first paint names ``Qt``: positional
    arguments that an overload could read as a ``Qt`` enum (``QSplitter(parent)``,
    ``QAction.setShortcut``) resolve it too, hence ``QSplitter(parent=…)`` and the
    ``shortcut`` property in ``app.ui.actions``."""
    from PySide6.QtCore import Qt

    _ = Qt.Key.Key_Escape
