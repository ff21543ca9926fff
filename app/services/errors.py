"""Logging, Qt message routing and the uncaught-exception handler.

``install_error_handling()`` runs before the window exists: every uncaught exception (in a
slot, a timer, anywhere) is logged to ``<data dir>/logs/statuscope.log`` and shown in a dialog
— nothing exits silently. With ``CI`` or ``STATUSCOPE_NO_CRASH_DIALOG`` set, the dialog is
skipped (the log still gets the traceback) so headless runs never block.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app.services.i18n import translate
from app.services.paths import data_dir

log = logging.getLogger("statuscope")
# Rotated at start-up rather than with logging.handlers, whose import alone costs ~30 ms.
MAX_LOG_BYTES = 1_000_000
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_file() -> Path:
    return data_dir() / "logs" / "statuscope.log"


def setup_logging() -> None:
    root = logging.getLogger()
    if any(getattr(h, "_statuscope", False) for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:  # keep one old log
            path.replace(path.with_name(path.name + ".1"))
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as error:  # read-only data dir: keep going, log to stderr only
        handler = logging.StreamHandler()
        logging.getLogger(__name__).warning("cannot write the log file: %s", error)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._statuscope = True  # type: ignore[attr-defined]
    root.addHandler(handler)


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), message)


def dialogs_enabled() -> bool:
    return not (os.environ.get("CI") or os.environ.get("STATUSCOPE_NO_CRASH_DIALOG"))


def handle_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    text = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught exception\n%s", text)
    if dialogs_enabled() and QApplication.instance() is not None:
        from PySide6.QtWidgets import QMessageBox  # only when there is something to show

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            translate("Errors", "Statuscope error"),
            translate(
                "Errors",
                "Something went wrong. Statuscope keeps running; the details were written to %1.",
            ).replace("%1", str(log_file())),
        )
        box.setDetailedText(text)
        box.exec()


def install_error_handling(route_qt_messages: bool = True) -> None:
    setup_logging()
    sys.excepthook = handle_exception
    if route_qt_messages:
        qInstallMessageHandler(_qt_message)
