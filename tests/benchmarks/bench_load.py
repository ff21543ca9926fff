"""Load a stored registry and build its index, in a fresh process per run (so peak RSS is the
registry's, not a previous size's).

* ``--store DIR`` (cold: the first start after an import): the built-in entries plus N
  synthetic rows read back column by column from a registry store
  (``RegistryStore.read_columns``) into a columnar ``EntryTable``, then ``QueryEngine.build``
  over both as the app does it: ``searchable_s`` is the time until the index answers,
  ``total_s`` adds the packing of broad terms (``pack_broad_terms``) that follows; with
  ``--write-snapshot FILE`` the result is also saved with ``save_snapshot`` (timed separately).
* ``--snapshot FILE`` (every later start): ``load_snapshot`` of that file.
* ``--app STORE`` (what the window's loading worker runs): ``load_user_registries`` on a data
  folder holding that store — with ``--fresh`` and no snapshot yet, the rebuild
  (``searchable_s`` when it hands the registry over, ``total_s`` once packed and the snapshot
  written); without, the start that maps the snapshot the first run wrote. Includes opening
  the store (its integrity check when the file is new to it) and listing its registries.

Prints the seconds of each step and the peak RSS as JSON."""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from tests.benchmarks.common import current_rss_mb, load_synthetic, peak_rss_mb


def measure_snapshot(path: Path) -> dict[str, float]:
    start = time.perf_counter()
    from app.registry.entry_table import load_snapshot
    from app.registry.loader import load_builtin

    builtin = load_builtin().entries
    middle = time.perf_counter()
    loaded = load_snapshot(path, "benchmark", builtin)
    end = time.perf_counter()
    if loaded is None:
        raise SystemExit(f"no usable snapshot in {path}")
    entries, engine = loaded
    engine.search("token expired")
    gc.collect()
    return {
        "entries": len(entries),
        "builtin_s": round(middle - start, 3),
        "snapshot_load_s": round(end - middle, 3),
        "total_s": round(end - start, 3),
        "peak_rss_mb": peak_rss_mb(),
        "rss_after_mb": current_rss_mb(),
    }


def measure(root: Path, snapshot: Path | None = None) -> dict[str, float]:
    start = time.perf_counter()
    entries, timings = load_synthetic(root)
    middle = time.perf_counter()
    from app.registry.search import QueryEngine

    progress: list[float] = []
    # as the app rebuilds (user_registries.py): searchable first, broad terms packed after
    engine = QueryEngine.build(entries, progress.append, lambda: False, pack=False)
    searchable = time.perf_counter()
    engine.search("token expired")  # the index answers
    answered = time.perf_counter()
    engine.pack_broad_terms(progress.append)
    end = time.perf_counter()
    written = 0.0
    if snapshot is not None:
        from app.registry.entry_table import save_snapshot

        before = time.perf_counter()
        save_snapshot(snapshot, "benchmark", entries.parts[1:], engine)
        written = time.perf_counter() - before
    gc.collect()
    return {
        "entries": len(entries),
        "store_read_s": round(timings["store_read_s"], 3),
        "table_s": round(timings["table_s"], 3),
        "load_s": round(middle - start, 3),
        "index_s": round(searchable - middle, 3),
        "searchable_s": round(searchable - start, 3),
        "pack_s": round(end - answered, 3),
        "total_s": round(searchable - start + end - answered, 3),
        "progress_reports": len(progress),
        "snapshot_write_s": round(written, 3),
        "peak_rss_mb": peak_rss_mb(),
        "rss_after_mb": current_rss_mb(),
    }


def measure_app(store: Path, fresh: bool) -> dict[str, float | None]:
    import shutil

    from app.services.paths import data_dir

    root = data_dir()  # STATUSCOPE_HOME/data of this child
    root.mkdir(parents=True, exist_ok=True)
    link = root / "registries"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to((store / "registries").resolve(), target_is_directory=True)
    if fresh:
        shutil.rmtree(root / "cache", ignore_errors=True)
    start = time.perf_counter()
    from app.registry.user_registries import load_user_registries

    searchable: list[float] = []
    loaded = load_user_registries(
        root, None, None, lambda _loaded: searchable.append(time.perf_counter() - start)
    )
    end = time.perf_counter()
    assert loaded.engine is not None
    return {
        "entries": len(loaded.registry.entries),
        "rebuilt": bool(searchable),
        "searchable_s": round(searchable[0] if searchable else end - start, 3),
        "total_s": round(end - start, 3),
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--write-snapshot", type=Path)
    parser.add_argument("--snapshot", type=Path)
    parser.add_argument("--app", type=Path, help="a prepared store root")
    parser.add_argument("--fresh", action="store_true", help="with --app: no snapshot yet")
    args = parser.parse_args()
    if args.app is not None:
        print(json.dumps(measure_app(args.app, args.fresh)))
    elif args.snapshot is not None:
        print(json.dumps(measure_snapshot(args.snapshot)))
    elif args.store is not None:
        print(json.dumps(measure(args.store, args.write_snapshot)))
    else:
        parser.error("give --store, --snapshot or --app")
    return 0


if __name__ == "__main__":
    sys.exit(main())
