"""The window's actions (menus + shortcuts), built in one place and retranslated together."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.services.i18n import LANGUAGES, translate


class WindowActions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self.import_file = self._action("actionImport", self.file_menu, _key(_Std.Open))
        self.manage_registries = self._action("actionManageRegistries", self.file_menu)
        self.export_view = self._action("actionExport", self.file_menu, _key("Ctrl+E"))
        self.export_status_map = self._action("actionExportStatusMap", self.file_menu)
        self.file_menu.addSeparator()
        self.quit = self._action("actionQuit", self.file_menu, _key(_Std.Quit))
        self.copy = self._action("actionCopy", self.edit_menu, _key(_Std.Copy))
        self.find = self._action(
            "actionFind", self.edit_menu, _key(_Std.Find), _key("Ctrl+L"), _key("/")
        )
        self.clear_query = self._action("actionClearQuery", self.edit_menu)
        self.zoom_in = self._action(
            "actionZoomIn", self.view_menu, _key("Ctrl+="), _key("Ctrl++"), _key(_Std.ZoomIn)
        )
        self.zoom_out = self._action("actionZoomOut", self.view_menu, _key(_Std.ZoomOut))
        self.zoom_reset = self._action("actionZoomReset", self.view_menu, _key("Ctrl+0"))
        self.view_menu.addSeparator()
        self.show_status_map = self._action("showStatusMap", self.view_menu, _key("Ctrl+M"))
        self.show_status_map.setCheckable(True)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(window)
        self.view_menu.addMenu(self.language_menu)
        self.language_group = QActionGroup(window)
        self.languages: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(window)  # QAction(text, parent) would resolve QIcon: ~3 ms
            action.setText(name)
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.languages[code] = action
        self.about = self._action("actionAbout", self.help_menu)
        self.retranslate_ui()

    def _action(self, name: str, menu: QMenu, *shortcuts: QKeySequence) -> QAction:
        """An action in ``menu``; its first shortcut shows there, the others trigger it too.

        Shortcuts are set as the ``shortcut`` property: ``QAction.setShortcut()`` makes
        PySide6 build the whole ``Qt`` namespace (~17 ms) while resolving its overloads,
        before the first paint (see ``app.ui.code_view``).
        """
        action = QAction(self.window)
        action.setObjectName(name)
        menu.addAction(action)
        for number, shortcut in enumerate(shortcuts):
            target = action
            if number:  # an alias: a window action of its own that triggers this one
                target = QAction(self.window)
                target.setObjectName(f"{name}_alias{number}")
                target.triggered.connect(action.trigger)
                self.window.addAction(target)
            target.setProperty("shortcut", shortcut)
        return action

    def connect(self, name: str, slot: Callable[[], object]) -> None:
        getattr(self, name).triggered.connect(lambda _checked=False: slot())

    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.edit_menu.setTitle(translate("MainWindow", "&Edit"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.import_file.setText(translate("MainWindow", "&Import code table…"))
        self.manage_registries.setText(translate("MainWindow", "&Manage imported registries…"))
        self.export_view.setText(translate("MainWindow", "&Export view…"))
        self.export_status_map.setText(translate("MainWindow", "Export status &map…"))
        self.show_status_map.setText(translate("MainWindow", "Status &map"))
        self.quit.setText(translate("MainWindow", "&Quit"))
        self.copy.setText(translate("MainWindow", "&Copy"))
        self.find.setText(translate("MainWindow", "&Find"))
        self.clear_query.setText(translate("MainWindow", "C&lear search"))
        self.zoom_in.setText(translate("MainWindow", "Zoom &in"))
        self.zoom_out.setText(translate("MainWindow", "Zoom &out"))
        self.zoom_reset.setText(translate("MainWindow", "&Reset zoom"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.about.setText(translate("MainWindow", "&About Statuscope"))


_Std = QKeySequence.StandardKey
_key = QKeySequence
