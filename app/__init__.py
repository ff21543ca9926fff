"""Statuscope: the offline desktop reference for HTTP status codes and your API's error codes.

``create_window()`` is the stable entry point the GUI tests use; it imports Qt lazily so
that the CLI (``app.cli``) never loads Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
#: ``statuscope <word>`` runs the CLI (no Qt); anything else starts the GUI.
CLI_COMMANDS = ("show", "search", "import", "registries", "remove", "export")

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def create_window() -> MainWindow:
    """Return the fully wired, not yet shown main window (a QApplication must exist)."""
    from app.ui.composition import build_main_window

    return build_main_window()
