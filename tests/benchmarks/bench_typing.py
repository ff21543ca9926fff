"""Issue 13's scripted run: key press → repainted view in the real window, every answer checked.

The built-in entries plus a synthetic registry (``--kind broad``: every phrase and description
drawn from 24 words, ``synthetic.broad_rows``; ``--kind vendor``: ``synthetic.vendor_rows``)
read from a registry store as the app reads it, shown with ``MainWindow.set_registry``, the
index built and its broad terms packed before typing starts. Then :data:`SCRIPT` is played:
single letters, broad whole words with and without a trailing space, two broad words, unique
prefixes, class tokens, class + words, ``400``, a range + a word, a qualifier, backspaces
and Esc. Each step is the window's own path — ``search_box.setText`` (search, model reset,
first row selected, count) or Esc's ``clear_query()`` — then ``processEvents()`` (layout and
paint); its wall time is one sample. The query caches start cold.

**Every step is checked after the timing** against the plain scan of
``tests/registry/search_reference.py``: the number of rows the window shows, and the entries
of its first screen, in order. A wrong answer stops the run (exit 1): a fast wrong answer is
no result.

    python -m tests.benchmarks.bench_typing --size 1000000 --kind broad --work /tmp/bench
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import current_rss_mb, load_synthetic, peak_rss_mb, stats

ESC = None  # a step that presses Esc
SCREEN = 40  # rows compared exactly: more than a maximised window shows


def _typed(text: str, after: str = "") -> list[str]:
    return [text[:i] for i in range(len(after) + 1, len(text) + 1)]


def _deleted(text: str, down_to: str = "") -> list[str]:
    return [text[:i] for i in range(len(text) - 1, len(down_to) - 1, -1)]


#: search-box texts in order (``ESC``: the Esc key); 100 steps
SCRIPT: list[str | None] = [
    *_typed("gateway "),  # a letter, prefixes, a broad word, then with a space
    *_typed("gateway timeout", "gateway "),  # two broad words
    *_deleted("gateway timeout", "gateway"),  # backspace to the first word
    ESC,
    *_typed("ob"),  # "ob": a prefix of a word in every row (obs / object)
    ESC,
    *_typed("obs.0412"),  # down to one code
    ESC,
    *_typed("4xx quota "),  # a class, then class + a word
    ESC,
    *_typed("400"),  # a code: the IANA 400, then every code returned with 400
    ESC,
    *_typed("500-504 gateway"),
    ESC,
    *_typed("status:429 rate"),
    ESC,
    *_typed("timeout exceeded"),
    *_deleted("timeout exceeded", "timeout e"),
    ESC,
    "t",
    ESC,
]


def _step(window: Any, text: str | None) -> float:
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    if text is None:
        window.clear_query()
    else:
        window.search_box.setText(text)  # textChanged → MainWindow.refresh_results
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def _map_repaints(window: Any, rounds: int = 50) -> dict[str, float | int]:
    """A full synchronous repaint of the status map (``QWidget.repaint``), dimmed or not."""
    status_map = window.status_map
    samples = []
    for number in range(rounds):
        window.search_box.setText("gateway" if number % 2 else "")
        start = time.perf_counter()
        status_map.repaint()
        samples.append((time.perf_counter() - start) * 1000)
    return stats(samples)


def _shown(window: Any) -> tuple[int, list[str]]:
    model = window.model
    count = model.rowCount()
    return count, [model.entry(r).id for r in range(min(count, SCREEN))]


def measure(root: Path | None, check: bool, show_map: bool = False) -> dict[str, Any]:
    """``root``: the synthetic store (None: the built-in registry alone); ``show_map``: with
    the status map shown (View → Status map), whose update and repaint each step includes."""
    from PySide6.QtWidgets import QApplication

    from app.registry.loader import load_builtin
    from tests.benchmarks.bench_keystrokes import _started_window, _window_with

    qt_app = QApplication.instance() or QApplication([])
    if root is None:
        entries = load_builtin().entries
        window = _started_window()
    else:
        entries, _timings = load_synthetic(root)
        window = _window_with(entries)
    engine = window.engine  # built (and its broad terms packed) before the first keystroke
    if show_map:
        window.show_status_map(True)
        QApplication.processEvents()
    engine.clear_caches()
    samples: list[tuple[str, float]] = []
    shown: list[tuple[str, tuple[int, list[str]]]] = []
    for step in SCRIPT:
        ms = _step(window, step)
        text = window.search_box.text()
        samples.append(("Esc" if step is None else text, ms))
        shown.append((text, _shown(window)))
    times = [ms for _, ms in samples]
    result: dict[str, Any] = {
        "entries": len(entries),
        "steps": len(samples),
        "keystroke_ms": stats(times),
        "slowest": sorted(samples, key=lambda s: -s[1])[:5],
        "rss_mb": current_rss_mb(),
    }
    if show_map:
        result["map_repaint_ms"] = _map_repaints(window)
    if check:
        result["checked"] = _check(entries, window, shown)
    result["peak_rss_mb"] = peak_rss_mb()
    window.close()
    del qt_app
    return result


def _check(entries: Any, window: Any, shown: list[tuple[str, tuple[int, list[str]]]]) -> str:
    """Every step's row count and first screen against the plain scan; exits on a mismatch."""
    from tests.registry.search_reference import Reference

    start = time.perf_counter()
    reference = Reference(entries)
    answers: dict[str, tuple[int, list[str]]] = {}
    for text, (count, first) in shown:
        if text not in answers:
            rows = reference.search(text, window._filters)
            answers[text] = (len(rows), [entries[r].id for r in rows[:SCREEN]])
        if answers[text] != (count, first):
            print(
                f"WRONG ANSWER for {text!r}: shown {count} rows, the scan finds {answers[text][0]}",
                file=sys.stderr,
            )
            sys.exit(1)
    took = time.perf_counter() - start
    return f"{len(shown)} steps, {len(answers)} queries: right ({took:.0f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="0: built-in only")
    parser.add_argument("--kind", choices=("broad", "vendor"), default="broad")
    parser.add_argument("--work", type=Path, required=True, help="folder for the synthetic store")
    parser.add_argument("--no-check", action="store_true", help="time only (not for figures)")
    parser.add_argument("--map", action="store_true", help="with the status map shown")
    args = parser.parse_args()
    from tests.benchmarks.common import prepare_store

    root = prepare_store(args.work, args.size, args.kind) if args.size else None
    print(json.dumps(measure(root, not args.no_check, args.map)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
