"""Smoke test of the frozen Linux bundle: does the shipped thing start and answer?

    python packaging/smoke_test.py                       # dist/statuscope/statuscope
    python packaging/smoke_test.py --binary PATH [--onefile PATH | --no-onefile]

Written for Linux (CI); the macOS and Windows build scripts run it too, on
``dist/statuscope/statuscope`` and the console twin ``dist/statuscope/statuscope-cli.exe``.

For the one-folder bundle, in place and again after copying the whole folder to a fresh
temporary directory (it must be self-contained), and for the one-file binary when present:

* ``<binary> --self-test-crash``: an exception raised in a slot is written to the log file
  under the data directory and the window keeps answering;
* ``<binary> --self-test`` headless (``QT_QPA_PLATFORM=offscreen``): the main window is
  shown and painted with the registry loaded ("self-test ok: N entries loaded, ...");
  also with ``--lang zh_CN`` (our catalogue and Qt's zh_CN base translation in the bundle);
* ``<binary> show 404 --json`` prints JSON describing 404;
* ``<binary> --version`` prints the version in ``app/__init__.py``.

Every run must exit 0 within the timeout and print nothing on stderr except the messages in
:data:`EXPECTED_STDERR`. The environment is scrubbed of Python and library paths, so the
bundle cannot lean on the build venv. Exits 0 when every check passed; the last line is
"smoke: N passed, N failed".
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60
SELF_TEST_LINE = re.compile(
    r"self-test ok: (?P<entries>\d+) entries loaded, (?P<shown>\d+) shown, "
    r"first paint (?P<ms>\d+) ms")
# Qt messages that are expected under the offscreen platform and harmless.
EXPECTED_STDERR = (
    "This plugin does not support propagateSizeHints()",
)


def app_version() -> str:
    tree = ast.parse((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise SystemExit("smoke: no __version__ in app/__init__.py")


def clean_env(home: Path) -> dict[str, str]:
    """A minimal environment: no venv, no PYTHONPATH, no LD_LIBRARY_PATH, headless Qt."""
    runtime = home / "xdg-runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
        "STATUSCOPE_HOME": str(home / "statuscope"),
        "STATUSCOPE_NO_CRASH_DIALOG": "1",
    }
    keep = ["TMPDIR"]
    if sys.platform == "win32":  # Windows needs these to start any process at all
        keep += ["SYSTEMROOT", "WINDIR", "TEMP", "TMP", "COMSPEC", "PATHEXT"]
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env["PATH"] = os.pathsep.join([system_root + r"\System32", system_root])
        env["USERPROFILE"] = env["APPDATA"] = env["LOCALAPPDATA"] = str(home)
    for name in keep:
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def unexpected_stderr(stderr: str) -> str:
    rest = stderr
    for message in EXPECTED_STDERR:
        rest = rest.replace(message, "")
    return rest.strip()


class Smoke:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[str] = []

    def check(self, name: str, fn: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = fn()
        except AssertionError as exc:
            self.failed.append(name)
            print(f"smoke: FAIL {name}: {exc}", flush=True)
            return
        self.passed += 1
        print(f"smoke: ok   {name} ({time.perf_counter() - start:.2f} s) {detail}", flush=True)


def run(binary: Path, args: list[str], env: dict[str, str],
        cwd: Path, warnings_ok: bool = False) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run([str(binary), *args], env=env, cwd=cwd, capture_output=True,
                              text=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"no exit within {TIMEOUT_S} s") from exc
    except OSError as exc:
        raise AssertionError(f"cannot start {binary}: {exc}") from exc
    stderr = proc.stderr
    if warnings_ok:  # an import reports what it skipped on stderr, one line each
        stderr = "".join(line for line in stderr.splitlines(keepends=True)
                         if not line.startswith("statuscope: warning: "))
    extra = unexpected_stderr(stderr)
    assert proc.returncode == 0, (
        f"exit {proc.returncode}; stdout={proc.stdout[-400:]!r} stderr={proc.stderr[-800:]!r}")
    assert not extra, f"unexpected stderr: {extra[:800]!r}"
    return proc


#: One real document per format whose parser lives in a library imported on first use
#: (docutils, markdown-it-py, PyYAML, openpyxl): proves the bundle carries each of them.
IMPORT_SAMPLES = (
    "rst_otc_vpc_status_codes.rst",
    "zh_iam_error_codes.md",
    "api_swagger_petstore3.yaml",
    "adoc_restnotes_hateoas.adoc",
    "reg_iana_status.xml",
)


def import_samples(folder: Path) -> list[Path]:
    """The corpus samples, and a small .xlsx workbook written into ``folder``."""
    from openpyxl import Workbook  # the build venv has the app's dependencies

    corpus = ROOT / "tests" / "corpus" / "documents"
    book = Workbook()
    book.active.append(["Code", "Message"])
    book.active.append([404, "Not Found"])
    workbook = folder / "codes.xlsx"
    book.save(workbook)
    return [corpus / name for name in IMPORT_SAMPLES] + [workbook]


def mentions_404(data: object) -> bool:
    if isinstance(data, dict):
        if str(data.get("code")) == "404":
            return True
        return any(mentions_404(v) for v in data.values())
    if isinstance(data, list):
        return any(mentions_404(v) for v in data)
    return False


def check_binary(smoke: Smoke, label: str, binary: Path, version: str) -> None:
    with tempfile.TemporaryDirectory(prefix="statuscope-smoke-home-") as tmp:
        home = Path(tmp)
        env = clean_env(home)

        def self_test(*extra: str) -> Callable[[], str]:
            def fn() -> str:
                proc = run(binary, ["--self-test", *extra], env, home)
                match = SELF_TEST_LINE.search(proc.stdout)
                assert match, f"no self-test line in {proc.stdout!r}"
                assert int(match["entries"]) > 0 and int(match["shown"]) > 0, proc.stdout
                return proc.stdout.strip()
            return fn

        def show_404() -> str:
            proc = run(binary, ["show", "404", "--json"], env, home)
            try:
                data = json.loads(proc.stdout)
            except json.JSONDecodeError as exc:
                raise AssertionError(f"not JSON: {exc}: {proc.stdout[:200]!r}") from exc
            assert mentions_404(data), f"no entry with code 404 in {proc.stdout[:300]!r}"
            return f"{len(proc.stdout)} bytes of JSON"

        def version_check() -> str:
            proc = run(binary, ["--version"], env, home)
            assert version in proc.stdout, f"{version!r} not in {proc.stdout!r}"
            return proc.stdout.strip()

        smoke.check(f"{label}: --self-test", self_test())
        smoke.check(f"{label}: --self-test --lang zh_CN", self_test("--lang", "zh_CN"))
        def crash_handler() -> str:
            proc = run(binary, ["--self-test-crash"], env, home)
            assert "crash handler ok" in proc.stdout, proc.stdout
            log = home / "statuscope" / "data" / "logs" / "statuscope.log"
            assert log.is_file() and "deliberate exception" in log.read_text("utf-8"), log
            return "exception in a slot logged; app kept running"

        def import_formats() -> str:
            counts = []
            for document in import_samples(home):
                proc = run(binary, ["import", str(document), "--dry-run", "--json"], env, home,
                           warnings_ok=True)
                rows = json.loads(proc.stdout)
                rows = rows.get("rows", rows) if isinstance(rows, dict) else rows
                assert rows, f"{document.name}: no rows in {proc.stdout[:300]!r}"
                counts.append(f"{document.suffix} {len(rows)}")
            return "rows: " + ", ".join(counts)

        smoke.check(f"{label}: --self-test-crash", crash_handler)
        smoke.check(f"{label}: import every parsing library's format", import_formats)
        smoke.check(f"{label}: show 404 --json", show_404)
        smoke.check(f"{label}: --version", version_check)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test the frozen Linux bundle.")
    # On Windows the GUI .exe has no stdout; its console twin runs the same code.
    exe = "statuscope-cli.exe" if sys.platform == "win32" else "statuscope"
    parser.add_argument("--binary", type=Path, default=ROOT / "dist" / "statuscope" / exe,
                        help="executable inside the one-folder bundle")
    parser.add_argument("--onefile", type=Path, default=ROOT / "dist" / "statuscope-onefile",
                        help="one-file executable (checked when it exists)")
    parser.add_argument("--no-onefile", action="store_true", help="skip the one-file binary")
    args = parser.parse_args(argv)

    binary = args.binary.resolve()
    if not binary.is_file():
        print(f"smoke: {binary} does not exist; build it with packaging/build-linux.sh",
              file=sys.stderr)
        return 2
    version = app_version()
    smoke = Smoke()
    started = time.perf_counter()
    check_binary(smoke, "one-folder", binary, version)

    bundle = binary.parent
    with tempfile.TemporaryDirectory(prefix="statuscope-smoke-copy-") as tmp:
        copy = Path(tmp) / "elsewhere" / bundle.name
        shutil.copytree(bundle, copy, symlinks=True)
        check_binary(smoke, "one-folder copied", copy / binary.name, version)

    if not args.no_onefile and args.onefile.is_file():
        check_binary(smoke, "one-file", args.onefile.resolve(), version)
    elif not args.no_onefile:
        print(f"smoke: skip one-file ({args.onefile} not built)")

    print(f"smoke: {time.perf_counter() - started:.1f} s")
    print(f"smoke: {smoke.passed} passed, {len(smoke.failed)} failed")
    return 0 if not smoke.failed else 1


if __name__ == "__main__":
    sys.exit(main())
