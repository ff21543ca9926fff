"""Keystrokes while the window rebuilds a large registry's index (the first start after an
import): is the window usable before the load finishes?

The real window (``app.create_window()``) starts with a registry store of N synthetic rows and
no index snapshot, so its loading worker reads the store and builds the index. Meanwhile the
user types: one query a burst (each keystroke as in ``bench_keystrokes``: ``setText`` + the
repaint, then 120 ms of events), then one second of reading, until the load is done. Each
keystroke is a sample, labelled by phase: *indexing* (the built-in codes are shown) or
*packing* (the new registry is shown and answers; the worker precomputes broad terms and
writes the snapshot). ``searchable_s`` / ``done_s`` count from the window's creation; typing
slows the load on purpose (the worker pauses while the user types: ``yield_to_ui``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_keystrokes import QUERIES, _keystroke, _started_window
from tests.benchmarks.common import peak_rss_mb, stats

BETWEEN_KEYS_S = 0.12
READING_S = 1.0


def _events_for(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()


def measure(data_root: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    qt_app = QApplication.instance() or QApplication([])
    shutil.rmtree(data_root / "cache", ignore_errors=True)  # no snapshot: a rebuild
    start = time.perf_counter()
    window = _started_window()
    task = window.loading
    if task is None:
        raise SystemExit(f"no imported registry to load under {data_root}")
    searchable: list[float] = []
    task.ready.connect(lambda _loaded: searchable.append(time.perf_counter() - start))
    samples: dict[str, list[float]] = {"indexing": [], "packing": []}
    number = 0
    while window.loading is not None:
        query = QUERIES[number % len(QUERIES)]
        number += 1
        for end in range(1, len(query) + 1):
            phase = "packing" if searchable else "indexing"
            samples[phase].append(_keystroke(window, query[:end]))
            _events_for(BETWEEN_KEYS_S)
            if window.loading is None:
                break
        window.clear_query()
        _events_for(READING_S)
    done = time.perf_counter() - start
    result = {
        "entries": len(window.registry.entries),
        "searchable_s": round(searchable[0], 2) if searchable else None,
        "done_s": round(done, 2),
        "typing_while_indexing_ms": stats(samples["indexing"]),
        "typing_while_packing_ms": stats(samples["packing"]),
        "peak_rss_mb": peak_rss_mb(),
    }
    window.close()
    del qt_app
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a prepared store root")
    args = parser.parse_args()
    from app.services.paths import data_dir

    root = data_dir()  # STATUSCOPE_HOME/data of this child
    root.mkdir(parents=True, exist_ok=True)
    link = root / "registries"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to((args.store / "registries").resolve(), target_is_directory=True)
    print(json.dumps(measure(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
