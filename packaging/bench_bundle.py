"""Bundle benchmark: size and start-up of the Statuscope bundles next to a bare PySide6 window.

    build/venv/bin/python packaging/bench_bundle.py            # build all four, then measure
    build/venv/bin/python packaging/bench_bundle.py --dist dist  # take dist/statuscope{,-onefile}
    ... --runs 5 --json build/bench.json --check

Run it with the build venv's Python (it needs PyInstaller and PySide6; build-linux.sh makes
that venv). In one run it builds, with the same rules (packaging/slim.py):

* Statuscope one-folder and one-file (packaging/statuscope.spec), unless ``--dist`` names
  a directory that already holds them;
* the bare window (packaging/bare_window.py: QMainWindow + QLineEdit + QTableView +
  QTextBrowser) one-folder and one-file (packaging/bare_window.spec);

and reports for each: size (MB of regular files, file count, tar.xz MB for folders) and
start-to-first-paint over ``--runs`` runs (min/median/max, offscreen), together with the
same two programs run from this venv. Start-to-first-paint is measured from outside: from
just before the process is spawned until its ``--self-test`` line arrives on a pseudo-
terminal (the line is printed as soon as the first paint has happened; a pty keeps stdout
line-buffered). One warm-up run per program is not counted. The program's own figure
(``first paint N ms after start``, from its first import) is reported too.

Goals (issue 4): one-folder <= 1.1 x the bare one-folder; one-file <= 45 MB; one-folder
start <= 1.2 x the venv run; one-file start <= 0.9 s. ``--check`` exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
INNER = re.compile(r"first paint (\d+) ms")
GOALS = {
    "onedir_size_vs_bare": 1.10,
    "onefile_size_mb": 45.0,
    "onedir_start_vs_venv": 1.20,
    "onefile_start_s": 0.90,
}


# --- building -----------------------------------------------------------------------------

def pyinstaller(spec: Path, distpath: Path, workpath: Path, onefile: bool) -> float:
    env = dict(os.environ, STATUSCOPE_ONEFILE="1" if onefile else "0")
    env.pop("STATUSCOPE_BUILD_DEBUG", None)
    start = time.perf_counter()
    log = workpath / f"{spec.stem}-{'onefile' if onefile else 'onedir'}.log"
    workpath.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm",
                               "--distpath", str(distpath), "--workpath", str(workpath),
                               str(spec)], cwd=ROOT, env=env, stdout=out,
                              stderr=subprocess.STDOUT)
    if proc.returncode:
        sys.exit(f"bench: building {spec.name} failed, see {log}")
    return time.perf_counter() - start


# --- size ---------------------------------------------------------------------------------

def size_of(path: Path) -> tuple[float, int]:
    if path.is_file():
        return path.stat().st_size / 1e6, 1
    total, count = 0, 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_size
            count += 1
    return total / 1e6, count


def tar_xz_mb(path: Path) -> float | None:
    """Size of ``tar -cJ`` of the folder (xz -6, multi-threaded when xz allows)."""
    if not shutil.which("tar") or not shutil.which("xz"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundle.tar.xz"
        tar = subprocess.Popen(["tar", "-C", str(path.parent), "-cf", "-", path.name],
                               stdout=subprocess.PIPE)
        with out.open("wb") as fh:
            subprocess.run(["xz", "-6", "-T0", "-c"], stdin=tar.stdout, stdout=fh, check=True)
        tar.wait()
        return out.stat().st_size / 1e6


# --- start-up -----------------------------------------------------------------------------

def run_env(home: Path) -> dict[str, str]:
    runtime = home / "xdg-runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = dict(os.environ)
    for var in ("PYTHONPATH", "LD_LIBRARY_PATH", "QT_PLUGIN_PATH", "STATUSCOPE_BUILD_DEBUG"):
        env.pop(var, None)
    env.update(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime),
               STATUSCOPE_HOME=str(home / "statuscope"), STATUSCOPE_NO_CRASH_DIALOG="1",
               LANG="C.UTF-8")
    return env


def time_to_paint(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float | None]:
    """Seconds from spawn to the self-test line, and the program's own first-paint figure."""
    master, slave = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=env, cwd=cwd)
    os.close(slave)
    buf = b""
    seen = None
    deadline = start + 60
    try:
        while seen is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if b"self-test ok" in buf and b"\n" in buf.split(b"self-test ok", 1)[1]:
                seen = time.perf_counter() - start
    finally:
        _out, err = proc.communicate(timeout=60)
        os.close(master)
    if seen is None or proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed (exit {proc.returncode}): "
                 f"{buf.decode(errors='replace')[-300:]} {err.decode(errors='replace')[-500:]}")
    inner = INNER.search(buf.decode(errors="replace"))
    return seen, (float(inner.group(1)) / 1000 if inner else None)


def measure_start(cmd: list[str], runs: int, cwd: Path) -> dict[str, float | list[float]]:
    with tempfile.TemporaryDirectory(prefix="statuscope-bench-") as tmp:
        env = run_env(Path(tmp))
        time_to_paint(cmd, env, cwd)  # warm-up: page cache, font cache
        outer, inner = [], []
        for _ in range(runs):
            seconds, own = time_to_paint(cmd, env, cwd)
            outer.append(seconds)
            if own is not None:
                inner.append(own)
    result: dict[str, float | list[float]] = {
        "min_s": min(outer), "median_s": statistics.median(outer), "max_s": max(outer),
        "runs_s": [round(x, 4) for x in outer],
    }
    if inner:
        result["own_median_s"] = statistics.median(inner)
    return result


# --- report -------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path,
                        help="take statuscope/ and statuscope-onefile from here instead of "
                             "building them")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench",
                        help="where the benchmark builds (default build/bench)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the JSON report here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    if not sys.platform.startswith("linux"):
        sys.exit("bench: Linux only (offscreen start-up timing over a pty)")
    work = args.work.resolve()
    dist = work / "dist"
    builds: dict[str, float] = {}
    exe = ".exe" if sys.platform == "win32" else ""
    if args.dist:
        app_dir, app_file = args.dist / "statuscope", args.dist / f"statuscope-onefile{exe}"
        if not (app_dir.is_dir() and app_file.is_file()):
            sys.exit(f"bench: {args.dist} lacks statuscope/ or statuscope-onefile")
    else:
        for onefile in (False, True):
            key = f"statuscope {'one-file' if onefile else 'one-folder'}"
            builds[key] = pyinstaller(HERE / "statuscope.spec", dist, work / "pyinstaller",
                                      onefile)
        app_dir, app_file = dist / "statuscope", dist / f"statuscope-onefile{exe}"
    for onefile in (False, True):
        key = f"bare window {'one-file' if onefile else 'one-folder'}"
        builds[key] = pyinstaller(HERE / "bare_window.spec", dist, work / "pyinstaller", onefile)
    bare_dir, bare_file = dist / "bare_window", dist / f"bare_window-onefile{exe}"

    targets = {
        "statuscope venv": [sys.executable, "-m", "app", "--self-test"],
        "statuscope one-folder": [str(app_dir / "statuscope"), "--self-test"],
        "statuscope one-file": [str(app_file), "--self-test"],
        "bare window venv": [sys.executable, str(HERE / "bare_window.py"), "--self-test"],
        "bare window one-folder": [str(bare_dir / "bare_window"), "--self-test"],
        "bare window one-file": [str(bare_file), "--self-test"],
    }
    paths = {"statuscope one-folder": app_dir, "statuscope one-file": app_file,
             "bare window one-folder": bare_dir, "bare window one-file": bare_file}
    results: dict[str, dict] = {}
    for name, cmd in targets.items():
        entry: dict = {}
        if name in paths:
            mb, files = size_of(paths[name])
            entry.update(size_mb=round(mb, 2), files=files)
            if paths[name].is_dir():
                xz = tar_xz_mb(paths[name])
                entry["tar_xz_mb"] = round(xz, 2) if xz is not None else None
        entry["start"] = measure_start(cmd, args.runs, ROOT)
        results[name] = entry
        print(f"bench: measured {name}", file=sys.stderr, flush=True)

    app_dir_r, bare_dir_r = results["statuscope one-folder"], results["bare window one-folder"]
    size_ratio = app_dir_r["size_mb"] / bare_dir_r["size_mb"]
    start_ratio = (app_dir_r["start"]["median_s"]
                   / results["statuscope venv"]["start"]["median_s"])
    goals = {
        "onedir_size_vs_bare": {"value": round(size_ratio, 3),
                                "goal": GOALS["onedir_size_vs_bare"]},
        "onefile_size_mb": {"value": results["statuscope one-file"]["size_mb"],
                            "goal": GOALS["onefile_size_mb"]},
        "onedir_start_vs_venv": {"value": round(start_ratio, 3),
                                 "goal": GOALS["onedir_start_vs_venv"]},
        "onefile_start_s": {"value": round(results["statuscope one-file"]["start"]["median_s"], 3),
                            "goal": GOALS["onefile_start_s"]},
    }
    for goal in goals.values():
        goal["met"] = goal["value"] <= goal["goal"]

    import PyInstaller
    import PySide6

    report = {
        "machine": {"python": platform.python_version(), "pyinstaller": PyInstaller.__version__,
                    "pyside6": PySide6.__version__, "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "runs": args.runs,
        "build_seconds": {k: round(v, 1) for k, v in builds.items()},
        "results": results,
        "goals": goals,
    }

    print()
    print(f"{'':24} {'size MB':>8} {'files':>6} {'tar.xz':>7}  "
          f"{'start min':>9} {'median':>7} {'max':>6}  {'own':>6}")
    for name, entry in results.items():
        start = entry["start"]
        xz = entry.get("tar_xz_mb")
        own = start.get("own_median_s")
        print(f"{name:24} {entry.get('size_mb', ''):>8} {entry.get('files', ''):>6} "
              f"{xz if xz is not None else '':>7}  {start['min_s']:9.3f} "
              f"{start['median_s']:7.3f} {start['max_s']:6.3f}  "
              f"{own if own is None else f'{own:.3f}':>6}")
    print("(start: seconds from spawn to first paint, measured outside; own: the program's "
          "own figure from its first import)")
    for name, goal in goals.items():
        print(f"goal {name}: {goal['value']} <= {goal['goal']}: "
              f"{'met' if goal['met'] else 'MISSED'}")
    if builds:
        print("build seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in builds.items()))
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if args.check and not all(g["met"] for g in goals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
