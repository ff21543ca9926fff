"""app.services.feature_scan records, for the standard library and our own modules, exactly
what PySide6's own source scan would have recorded, and does nothing where PySide6 keeps no
such record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import feature_scan

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import importlib, json, os, pkgutil, sys
import PySide6.QtCore
import app
from app.services.feature_scan import record_package, record_standard_library
added = record_standard_library()
own = record_package("app", os.path.dirname(app.__file__))
import dataclasses, logging, typing, inspect, json as _json, xml.dom.minidom
for found in pkgutil.walk_packages(app.__path__, "app."):
    if found.name != "app.__main__":
        importlib.import_module(found.name)
feature = sys.modules["shibokensupport.feature"]
recorded = feature.pyside_feature_dict
disagree = [
    name for name, module in list(sys.modules.items())
    if name in recorded and hasattr(module, "__file__")
    and recorded[name] != (0 if feature._mod_uses_pyside(module) else -1)
]
print(json.dumps({"added": added, "own": own, "disagree": disagree,
                  "typing": recorded.get("typing"), "xml": recorded.get("xml"),
                  "window": recorded.get("app.ui.main_window"),
                  "engine": recorded.get("app.registry.search.engine")}))
"""


def test_recorded_values_are_what_the_scan_would_store() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["added"] > 200 and found["own"] > 50 and found["disagree"] == []
    assert (found["window"], found["engine"]) == (0, -1)  # uses PySide6 / does not
    assert found["typing"] == -1  # recorded before it was scanned
    assert found["xml"] == -1  # imported only afterwards: recorded up front all the same


def test_nothing_happens_without_pyside_feature_records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", object())
    assert feature_scan.record_standard_library() == 0
    assert feature_scan.record_package("app", str(ROOT / "app")) == 0
