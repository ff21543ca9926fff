"""Builds the main window with its collaborators (registry, settings, clipboard, i18n).

The one place that decides which concrete services the window gets; tests and the GUI
entry point both come through here (``app.create_window()``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.registry.loader import Registry, load_builtin
from app.services.clipboard import Clipboard
from app.services.i18n import Translations, normalize_language, system_language
from app.services.paths import data_dir, has_imported_registries
from app.services.settings import Settings
from app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from app.registry.user_registries import LoadedRegistry


def build_main_window(
    registry: Registry | None = None, settings: Settings | None = None, language: str | None = None
) -> MainWindow:
    """The fully wired, not yet shown main window. ``language`` (``--lang``) overrides the
    saved choice, which overrides the system locale."""
    settings = settings or Settings()
    root = data_dir()
    registry = registry or load_builtin()
    translations = Translations()
    window = MainWindow(
        registry,
        settings,
        Clipboard(),
        translations,
        root,
        lambda progress, cancelled, searchable: _load_user_registries(
            root, progress, cancelled, searchable
        ),
    )
    chosen = (
        normalize_language(language)
        or normalize_language(settings.value("language"))
        or system_language()
    )
    if has_imported_registries(root):
        window.reload_registry()  # imported registries load in a worker; first paint first
    window.restore_state()
    window.set_language(chosen)
    if language is None and not settings.value("language"):
        settings.set_value("language", "")  # keep following the system until the user picks
    return window


def _load_user_registries(
    root: Path,
    progress: Callable[[float], None],
    cancelled: Callable[[], bool],
    searchable: Callable[[LoadedRegistry], None],
) -> LoadedRegistry:
    """Runs in the loading worker; its module (SQLite, the index) is imported there."""
    from app.registry.user_registries import load_user_registries

    return load_user_registries(root, progress, cancelled, searchable)
