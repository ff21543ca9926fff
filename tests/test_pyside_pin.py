"""Regression guard for the PySide6 pin: 6.12.0 on Python 3.11 drops None's refcount on
every void Qt call and aborts after ~5,000 calls (``Fatal Python error: none_dealloc``)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
edit = QLineEdit()
obj = QObject()
for i in range(20_000):
    edit.setText(str(i))      # returns nothing
    obj.setObjectName("x")    # returns nothing
print("clean", edit.text())
"""


def test_twenty_thousand_void_calls_exit_cleanly() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "clean 19999"
