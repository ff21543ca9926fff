"""Startup order: the first paint waits for nothing it does not show.

Run in a fresh interpreter, since what matters is what the process has built by the time the
window first paints: PySide6's ``Qt`` namespace (~17 ms to build, see
``app.ui.main_window._name_qt_namespace``) must not be, and right after the paint the idle
steps must build it and the built-in registry's index before a keystroke needs them; the
cyclic garbage collector stays off until then (``app.gui.run_gui``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json
import PySide6.QtCore as core
from PySide6.QtWidgets import QApplication
qt_app = QApplication([])
import app
window = app.create_window()
seen = {}
class Watch(core.QObject):
    def eventFilter(self, watched, event):
        if event.type() == core.QEvent.Type.Paint and "at_first_paint" not in seen:
            seen["at_first_paint"] = "Qt" in vars(core)
            seen["index_at_first_paint"] = window._engine is not None
        return False
watch = Watch()
window.table.viewport().installEventFilter(watch)  # painted in the same pass as the window
window.show()
for _ in range(100_000):
    if window.warm_up.done:
        break
    QApplication.processEvents()
seen["warmed_up"] = window.warm_up.done
seen["after"] = "Qt" in vars(core)
seen["index_after"] = window._engine is not None
import sys
libraries = {"docutils", "markdown_it", "yaml", "openpyxl"}  # the importers' parsers
seen["parsers_loaded"] = sorted({m.split(".")[0] for m in sys.modules} & libraries)
print(json.dumps(seen))
"""


def _run(script: str, home: Path) -> dict[str, object]:
    """Run ``script`` in a fresh interpreter; the JSON object it prints last."""
    env = {"QT_QPA_PLATFORM": "offscreen", "STATUSCOPE_HOME": str(home), "PATH": "/usr/bin"}
    command = [sys.executable, "-c", script]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_first_paint_names_no_qt_namespace_and_idle_steps_follow(tmp_path: Path) -> None:
    assert _run(SCRIPT, tmp_path) == {
        "at_first_paint": False,
        "index_at_first_paint": False,
        "warmed_up": True,
        "after": True,
        "index_after": True,
        "parsers_loaded": [],  # imported on a file's first import, never at start-up
    }


GUI_SCRIPT = """
import gc, json
from PySide6.QtWidgets import QApplication
import app.self_test
from app.gui import run_gui
seen = {}
def instead_of_self_test(qt_app, window, start, crash=False):
    seen["collector_before_paint"] = gc.isenabled()
    window.show()
    for _ in range(100_000):
        if window.warm_up.done:
            break
        QApplication.processEvents()
    seen["collector_after_idle_steps"] = gc.isenabled()
    seen["frozen"] = gc.get_freeze_count() > 0
    seen["icon"] = not QApplication.windowIcon().isNull()
    return 0
app.self_test.run_self_test = instead_of_self_test
run_gui(["--self-test"])
print(json.dumps(seen))
"""


def test_garbage_collection_waits_for_the_first_paint(tmp_path: Path) -> None:
    assert _run(GUI_SCRIPT, tmp_path) == {
        "collector_before_paint": False,
        "collector_after_idle_steps": True,
        "frozen": True,
        "icon": True,
    }
