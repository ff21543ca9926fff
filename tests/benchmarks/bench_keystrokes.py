"""Keystroke-to-updated-view latency with the real main window (``app.create_window()``).

One child process per registry size: the built-in entries plus N synthetic vendor rows read
back from a registry store (saved like an imported registry) — or, with ``--snapshot``, from
the index snapshot ``bench_load`` wrote, as a later start would — shown in the window through
``MainWindow.set_registry``; the index is ready before typing starts (its cost is measured by
``bench_load``). Then realistic queries are typed and deleted one character at a time with
``search_box.setText`` — which runs the window's own ``refresh_results`` (engine search, model
reset, first row selected, count label) — followed by ``QApplication.processEvents()`` so the
view repaints. Each keystroke's wall time is one sample; ``clear`` is Esc's
``clear_query()`` from a fully typed query. Every repeat starts with cold query caches.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.common import current_rss_mb, load_synthetic, peak_rss_mb, stats

QUERIES = (
    "token expired",
    "bucket not found",
    "OBS.04",
    "quota exceeded",
    "桶不存在",
    "timeout",
    "contact technical support",
    "403",
    "apig.01",
    "forbiden",
    "request header",
)


def _started_window() -> Any:
    """The real window, shown, once the idle steps after its first paint have run (Qt's
    namespace, the detail pane, the built-in index: ``app.ui.first_paint``), as a user
    finds it; otherwise the first keystroke measured would include them."""
    from PySide6.QtWidgets import QApplication

    import app

    window = app.create_window()
    window.show()
    while not window.warm_up.done:
        QApplication.processEvents()
    return window


def _window_with(entries: Any) -> Any:
    from PySide6.QtWidgets import QApplication

    from app.registry.loader import Registry, load_builtin

    @dataclass(frozen=True)
    class ColumnarRegistry(Registry):
        """The loader's Registry over a columnar sequence: sources without building entries."""

        def sources(self) -> list[str]:
            return list(self.entries.sources())  # type: ignore[attr-defined]

    window = _started_window()
    builtin = load_builtin()
    window.set_registry(ColumnarRegistry(entries, builtin.iana_last_updated))  # type: ignore[arg-type]
    QApplication.processEvents()
    return window


def _keystroke(window: Any, text: str, split: list[tuple[float, float]] | None = None) -> float:
    """ms from setting the text to the repainted view; ``split`` gets (refresh, paint)."""
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    window.search_box.setText(text)  # textChanged → MainWindow.refresh_results, synchronously
    middle = time.perf_counter()
    QApplication.processEvents()  # layout and paint of the updated view
    end = time.perf_counter()
    if split is not None:
        split.append(((middle - start) * 1000, (end - middle) * 1000))
    return (end - start) * 1000


def _type_and_delete(
    window: Any, query: str, split: list[tuple[float, float]]
) -> tuple[list[float], list[float], float]:
    from PySide6.QtWidgets import QApplication

    typing_ms: list[float] = []
    deleting_ms: list[float] = []
    box = window.search_box
    prefixes = [query[:i] for i in range(1, len(query) + 1)]
    for text in prefixes:
        typing_ms.append(_keystroke(window, text, split))
    start = time.perf_counter()
    window.clear_query()
    QApplication.processEvents()
    clear_ms = (time.perf_counter() - start) * 1000
    box.setText(query)
    QApplication.processEvents()
    for text in reversed(["", *prefixes[:-1]]):
        deleting_ms.append(_keystroke(window, text))
    return typing_ms, deleting_ms, clear_ms


def bare_table_repaint_ms(rounds: int = 40) -> list[float]:
    """The floor of a keystroke that changes the visible rows: a bare ``QTableView`` over a
    C++ ``QStandardItemModel`` (94 rows × 5 columns, window as large as the app's), reset
    with new texts, then ``processEvents`` — Qt's repaint alone, no Python per cell."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    window = QMainWindow()
    view = QTableView()
    window.setCentralWidget(view)
    window.resize(1100, 700)
    model = QStandardItemModel(94, 5)
    view.setModel(model)
    window.show()
    samples: list[float] = []
    for number in range(rounds + 1):
        model.beginResetModel()
        for row in range(94):
            for column in range(5):
                model.setItem(row, column, QStandardItem(f"{number} {row} Service Unavailable"))
        model.endResetModel()
        start = time.perf_counter()
        QApplication.processEvents()
        if number:  # the first paint lays the window out
            samples.append((time.perf_counter() - start) * 1000)
    window.close()
    return samples


def measure(root: Path | None, repeats: int, snapshot: Path | None = None) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from app.registry.entry_table import load_snapshot
    from app.registry.loader import load_builtin
    from app.registry.search import QueryEngine

    qt_app = QApplication.instance() or QApplication([])
    engine: QueryEngine | None = None
    source = "built-in"
    loaded = load_snapshot(snapshot, "benchmark", load_builtin().entries) if snapshot else None
    if loaded is not None:
        entries, engine = loaded
        source = "snapshot"
    elif root is not None:
        entries, _timings = load_synthetic(root)
        source = "store"
    else:
        entries = load_builtin().entries
    window = _started_window() if source == "built-in" else _window_with(entries)
    if engine is not None:
        window._engine = engine  # the window has no setter for a prebuilt engine yet
    engine = window.engine  # built here (if not loaded), before the first keystroke
    typing_ms: list[float] = []
    deleting_ms: list[float] = []
    clear_ms: list[float] = []
    per_query: dict[str, list[float]] = {}
    engine_ms: list[float] = []
    split: list[tuple[float, float]] = []
    for _ in range(repeats):
        engine.clear_caches()
        for query in QUERIES:
            typed, deleted, cleared = _type_and_delete(window, query, split)
            typing_ms += typed
            deleting_ms += deleted
            clear_ms.append(cleared)
            per_query.setdefault(query, []).append(max(typed))
        engine.clear_caches()  # the search alone, for comparison
        for query in QUERIES:
            for i in range(1, len(query) + 1):
                start = time.perf_counter()
                engine.search(query[:i])
                engine_ms.append((time.perf_counter() - start) * 1000)
    result = {
        "entries": len(entries),
        "loaded_from": source,
        "typing_ms": stats(typing_ms),
        "deleting_ms": stats(deleting_ms),
        "clear_ms": stats(clear_ms),
        "typing_refresh_ms": stats(r for r, _p in split),
        "typing_paint_ms": stats(p for _r, p in split),
        "engine_search_only_ms": stats(engine_ms),
        "worst_keystroke_per_query_ms": {q: round(max(v), 1) for q, v in per_query.items()},
        "rss_mb": current_rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
    }
    if source == "built-in":
        result["bare_table_repaint_ms"] = stats(bare_table_repaint_ms())
    window.close()
    del qt_app
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, help="store root (omit: built-in registry only)")
    parser.add_argument("--snapshot", type=Path, help="load entries and index from this file")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.store, args.repeats, args.snapshot)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
