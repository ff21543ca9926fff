"""Starts the desktop application: QApplication, error handling, the main window."""

from __future__ import annotations

import argparse
import os
import sys
import time

from app import __version__
from app.services.paths import APP_ID, resource_path

_START = time.perf_counter()


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="statuscope")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="user-interface language")
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
    args = parse_gui_args(argv)
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from app.services.errors import install_error_handling
    from app.ui.composition import build_main_window

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName("Statuscope")
    app.setOrganizationName("Statuscope")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resource_path("icons", "statuscope.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
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
    if args.self_test or args.self_test_crash:
        from app.self_test import run_self_test

        return run_self_test(app, window, _START, crash=args.self_test_crash)
    window.show()
    return app.exec()


def main() -> int:
    """Entry point of the windowed ``statuscope-gui`` script."""
    return run_gui(sys.argv[1:])
