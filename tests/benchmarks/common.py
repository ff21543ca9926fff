"""Shared helpers of the benchmark scripts: statistics, child processes, synthetic stores."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REGISTRY_NAME = "Synthetic Cloud"


def stats(values: Iterable[float], digits: int = 2) -> dict[str, float | int]:
    """min / median / max (and the sample count) of ``values``."""
    data = sorted(values)
    if not data:
        return {"n": 0}
    return {
        "n": len(data),
        "min": round(data[0], digits),
        "median": round(statistics.median(data), digits),
        "p95": round(data[min(len(data) - 1, int(0.95 * len(data)))], digits),
        "max": round(data[-1], digits),
    }


def child_env(home: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["STATUSCOPE_NO_CRASH_DIALOG"] = "1"
    env["LANG"] = env["LC_ALL"] = "en_US.UTF-8"
    env["LANGUAGE"] = "en"
    if home is not None:
        env["STATUSCOPE_HOME"] = str(home)
    env.update(extra)
    return env


def run_json(module: str, args: Sequence[str], env: dict[str, str], timeout: float) -> Any:
    """Run ``python -m module args`` and return the JSON object it prints last."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{module} {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}"
        )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{module} printed no JSON:\n{result.stdout[-2000:]}")
    return json.loads(lines[-1])


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def current_rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return round(pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024), 1)


def store_root(base: Path, size: int, kind: str = "vendor") -> Path:
    return base / (f"store-{size}" if kind == "vendor" else f"store-{size}-{kind}")


def prepare_store(base: Path, size: int, kind: str = "vendor") -> Path:
    """A registry store holding ``size`` synthetic rows saved like an imported registry:
    ``vendor`` rows (``synthetic.vendor_rows``) or ``broad`` ones (``synthetic.broad_rows``)."""
    from app.registry.importers import ImportedRow
    from app.registry.store import RegistryStore
    from tests.benchmarks.synthetic import broad_rows, vendor_rows

    root = store_root(base, size, kind)
    marker = root / f"ready-{size}-v5"  # v5: column blobs keep their indexes; packs beside
    if marker.exists():
        return root
    store = RegistryStore(root)
    made = broad_rows(size) if kind == "broad" else vendor_rows(size)
    rows = (ImportedRow(c, p, cat, e) for c, p, cat, e in made)
    store.save(REGISTRY_NAME, rows, None)
    marker.write_text("ok")
    return root


def load_synthetic(root: Path) -> tuple[Any, dict[str, float]]:
    """Built-in entries + the stored synthetic registry as one sequence, and the timings
    of each step (store read, columnar table)."""
    from app.registry.entry_table import ChainedEntries, EntryTable
    from app.registry.loader import load_builtin
    from app.registry.store import RegistryStore

    timings: dict[str, float] = {}
    start = time.perf_counter()
    builtin = load_builtin()
    store = RegistryStore(root)
    stored = store.read_columns(REGISTRY_NAME)  # as the app loads it (user_registries.py)
    timings["store_read_s"] = time.perf_counter() - start
    start = time.perf_counter()
    table = EntryTable.from_columns(stored)
    del stored
    timings["table_s"] = time.perf_counter() - start
    return ChainedEntries([builtin.entries, table]), timings
