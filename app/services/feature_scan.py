"""Spare the standard library and our own modules PySide6's per-module source scan.

Once ``PySide6.QtCore`` is imported, every ``import`` statement that names a module PySide6
has not seen yet makes it read that module's whole source (``inspect.getsource``) to decide
whether the module uses PySide6, for its opt-in ``from __feature__ import snake_case``
mechanism; it records the answer in ``shibokensupport.feature.pyside_feature_dict``
(``0``: uses PySide6, ``-1``: does not). Our modules name ``typing``, ``dataclasses``,
``logging``, ``inspect`` … whose sources run to thousands of lines: ~8 ms of the time to the
first paint, spent learning that the standard library does not use PySide6.

:func:`record_standard_library` records that answer up front for every standard-library
module, loaded or not, and :func:`record_package` for the modules of our own package (from
one quick read of its files: ~1 ms instead of ~2 ms of scans), so the scan never runs for
them. Nothing else changes: the values are the ones the scan would store. If a PySide6
release drops or renames the dictionary, both do nothing (``tests/test_feature_scan.py``).
"""

from __future__ import annotations

import os
import sys

USES_PYSIDE, DOES_NOT_USE_PYSIDE = 0, -1


def _records() -> dict[str, int] | None:
    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    return known if isinstance(known, dict) else None


def record_standard_library() -> int:
    """Record every standard-library module as not using PySide6; return how many names
    were added (0 when PySide6 keeps no such record)."""
    known = _records()
    if known is None:
        return 0
    names = set(sys.stdlib_module_names)
    names.update(name for name in sys.modules if name.partition(".")[0] in sys.stdlib_module_names)
    before = len(known)
    for name in names:
        known.setdefault(name, DOES_NOT_USE_PYSIDE)
    return len(known) - before


def record_package(name: str, directory: str) -> int:
    """Record every module of the package ``name`` found under ``directory`` the way the
    scan would (does its source mention PySide6?); return how many were added. A frozen
    build has no sources here: nothing is recorded and PySide6 decides as usual."""
    known = _records()
    if known is None:
        return 0
    before = len(known)
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        relative = os.path.relpath(folder, directory)
        parts = [name] if relative == "." else [name, *relative.split(os.sep)]
        for file in files:
            if not file.endswith(".py"):
                continue
            module = ".".join(parts if file == "__init__.py" else [*parts, file[:-3]])
            try:
                with open(os.path.join(folder, file), "rb") as source:
                    uses = b"PySide6" in source.read()
            except OSError:
                continue
            known.setdefault(module, USES_PYSIDE if uses else DOES_NOT_USE_PYSIDE)
    return len(known) - before
