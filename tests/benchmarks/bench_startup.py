"""Cold start: ``python -m app --self-test`` to its first painted main window, next to a bare
PySide6 QMainWindow with an empty QTableView (``python -m tests.benchmarks.bare_window``) started
the same way.

Both children print one line right after their first paint has ended the event loop; the
time is taken in this (parent) process from just before ``Popen`` to that line, so it
includes interpreter start-up and every import. The two are run alternately, so load on
the machine hits both alike. Peak RSS of each child comes from ``wait4``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import ROOT, child_env, stats

BARE_MODULE = "tests.benchmarks.bare_window"


def _start_once(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(ms to the first line of output, peak RSS in MB, that line)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    child.stdout.read()
    errors = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or not line:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors[-2000:]}")
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed, rss, line.strip()


def measure(repeats: int) -> dict[str, Any]:
    # An installed app starts from bytecode compiled by pip; a checkout may hold stale .pyc
    # files (or none, under PYTHONDONTWRITEBYTECODE), and compiling every module on every
    # start would add ~30 ms to the app and nothing to the one-file bare window.
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="statuscope-bench-home-") as home:
        env = child_env(Path(home), PYTHONUNBUFFERED="1")
        app_cmd = [sys.executable, "-m", "app", "--self-test"]
        bare_cmd = [sys.executable, "-m", BARE_MODULE]  # started the same way as the app
        _start_once(app_cmd, env)  # warm the OS file cache and write first-run settings
        _start_once(bare_cmd, env)
        app_ms, bare_ms, app_rss, bare_rss = [], [], [], []
        last_line = ""
        for _ in range(repeats):
            ms, rss, last_line = _start_once(app_cmd, env)
            app_ms.append(ms)
            app_rss.append(rss)
            ms, rss, _ = _start_once(bare_cmd, env)
            bare_ms.append(ms)
            bare_rss.append(rss)
    app_stats, bare_stats = stats(app_ms, 1), stats(bare_ms, 1)
    return {
        "app_first_paint_ms": app_stats,
        "bare_first_paint_ms": bare_stats,
        "ratio_of_medians": round(app_stats["median"] / bare_stats["median"], 3),
        "ratio_of_mins": round(app_stats["min"] / bare_stats["min"], 3),
        "app_peak_rss_mb": stats(app_rss, 1),
        "bare_peak_rss_mb": stats(bare_rss, 1),
        "app_self_test_line": last_line,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    print(json.dumps(measure(args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
