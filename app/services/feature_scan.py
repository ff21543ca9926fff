"""Spare the standard library PySide6's per-module source scan.

Once ``PySide6.QtCore`` is imported, every ``import`` statement that names a module PySide6
has not seen yet makes it read that module's whole source (``inspect.getsource``) to decide
whether the module uses PySide6, for its opt-in ``from __feature__ import snake_case``
mechanism; it records the answer in ``shibokensupport.feature.pyside_feature_dict``
(``0``: uses PySide6, ``-1``: does not). Our modules name ``typing``, ``dataclasses``,
``logging``, ``inspect`` … whose sources run to thousands of lines: ~8 ms of the time to the
first paint, spent learning that the standard library does not use PySide6.

:func:`record_standard_library` records that answer up front for every standard-library
module, loaded or not, so the scan never runs for them. Nothing else changes: the values are
the ones the scan would store, and our own modules are still scanned. If a PySide6 release
drops or renames the dictionary, this does nothing (tested in ``tests/test_feature_scan.py``).
"""

from __future__ import annotations

import sys

DOES_NOT_USE_PYSIDE = -1


def record_standard_library() -> int:
    """Record every standard-library module as not using PySide6; return how many names
    were added (0 when PySide6 keeps no such record)."""
    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(known, dict):
        return 0
    names = set(sys.stdlib_module_names)
    names.update(name for name in sys.modules if name.partition(".")[0] in sys.stdlib_module_names)
    before = len(known)
    for name in names:
        known.setdefault(name, DOES_NOT_USE_PYSIDE)
    return len(known) - before
