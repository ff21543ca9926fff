"""Starts the desktop application: QApplication, error handling, the main window."""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import TYPE_CHECKING

from app import __version__
from app.services.paths import APP_ID, resource_path

if TYPE_CHECKING:
    import argparse

_START = time.perf_counter()


LANGUAGES = ("en", "zh_CN")
_SWITCHES = {"--self-test": "self_test", "--self-test-crash": "self_test_crash"}


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    """The GUI's options; Qt's own (``-style …``) pass through. The usual start-up (no
    option, or only known ones) skips building an ``argparse`` parser, whose help texts go
    through ``gettext`` (~2 ms before the first paint); anything else — ``--help``,
    ``--version``, a mistake — gets argparse's handling and messages."""
    import argparse

    found = argparse.Namespace(lang=None, self_test=False, self_test_crash=False)
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word in _SWITCHES:
            setattr(found, _SWITCHES[word], True)
        elif word == "--lang" and rest and rest[0] in LANGUAGES:
            found.lang = rest.pop(0)
        elif word.startswith("--lang=") and word.removeprefix("--lang=") in LANGUAGES:
            found.lang = word.removeprefix("--lang=")
        else:
            return _argparse_gui_args(argv)
    return found


def _argparse_gui_args(argv: list[str]) -> argparse.Namespace:
    import argparse

    parser = argparse.ArgumentParser(prog="statuscope")
    parser.add_argument("--lang", choices=LANGUAGES, help="user-interface language")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open and paint the window, print a summary and exit",
    )
    parser.add_argument(
        "--self-test-crash",
        action="store_true",
        help="like --self-test, then check that an exception in a slot is logged and survived",
    )
    parser.add_argument("--version", action="version", version=f"statuscope {__version__}")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def run_gui(argv: list[str]) -> int:
    # Start-up allocates hundreds of thousands of objects that all live on: the collections
    # they would trigger find nothing to free. Collect once after the first paint instead.
    gc.disable()
    args = parse_gui_args(argv)
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.services.feature_scan import record_package, record_standard_library

    record_standard_library()  # before the imports below: see their module's docstring
    record_package("app", os.path.dirname(__file__))
    from app.services.errors import install_error_handling
    from app.ui.composition import build_main_window

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName("Statuscope")
    app.setOrganizationName("Statuscope")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    if args.self_test_crash:  # headless check: the error dialog would wait for a click
        os.environ["STATUSCOPE_NO_CRASH_DIALOG"] = "1"
    install_error_handling()
    try:
        window = build_main_window(language=args.lang)
    except Exception as error:
        if not (args.self_test or args.self_test_crash):
            raise  # the excepthook logs it and shows the dialog
        print(f"self-test failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    window.warm_up.add(_set_window_icon)  # not needed for the first frame (~1.5 ms)
    window.warm_up.add(_resume_collection)
    if args.self_test or args.self_test_crash:
        from app.self_test import run_self_test

        return run_self_test(app, window, _START, crash=args.self_test_crash)
    window.show()
    return app.exec()


def _resume_collection() -> None:
    from app.registry.bulk import settle

    settle()  # one collection, then everything alive is kept out of later ones
    gc.enable()


def _set_window_icon() -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    icon = resource_path("icons", "statuscope.svg")
    if icon.exists():
        QApplication.setWindowIcon(QIcon(str(icon)))


def main() -> int:
    """Entry point of the windowed ``statuscope-gui`` script."""
    return run_gui(sys.argv[1:])
