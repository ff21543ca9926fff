"""What goes into a Statuscope bundle: the slimming rules shared by the PyInstaller specs.

``statuscope.spec`` (the app) and ``bare_window.spec`` (the benchmark's reference window)
both use these rules, so the benchmark compares like with like. The rules, in order:

1. Python modules the app never imports are excluded from the analysis
   (:data:`PYTHON_EXCLUDES`), and so is every PySide6 module except QtCore, QtGui,
   QtWidgets and QtSvg (the status map's SVG export; its Qt library ships anyway, for the
   SVG icon plugin) (:func:`qt_module_excludes`).
2. Qt plugins are kept by an explicit per-platform list (:data:`KEEP_PLUGINS`): the
   platform plugins (xcb, wayland, offscreen on Linux), the SVG image format and icon
   engine (the app icon is SVG), input methods (compose keys, IBus for Chinese input), the
   desktop portal theme, the Wayland xdg-shell and window decorations; on Windows and macOS
   the native platform plugin and style. Everything else under ``Qt/plugins`` goes.
3. Qt's own translations are kept for the languages we ship only (:data:`KEEP_TRANSLATIONS`).
4. Of the shared libraries, only the link-time dependency closure of what is left (Python
   extension modules, libpython, the kept plugins) stays. On Linux, where it is measured
   and smoke-tested, the closure applies to every library; on Windows and macOS only to Qt's
   own libraries and Qt's software OpenGL fallback, which a widgets-only app never loads.

Nothing here knows where the bundle puts the app's resources: the spec maps the repo's
``resources/`` to ``app/_resources``, the same place the wheel uses, so
``app.services.paths.resource_path`` finds them without any frozen-app special case.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

# --- 1. Python modules --------------------------------------------------------------------

# Standard-library modules Statuscope never imports (checked with `grep -r import app`).
# Kept on purpose: logging, sqlite3, csv, json, tomllib, html/html.parser, email, xml,
# encodings (all codecs, including the CJK ones GB18030/GBK imports need), argparse.
PYTHON_EXCLUDES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib",
    "unittest", "doctest", "pydoc", "pydoc_data", "test", "lib2to3",
    "pdb", "bdb", "cProfile", "profile", "pstats", "trace", "tracemalloc", "timeit",
    "ensurepip", "venv", "distutils", "setuptools", "pkg_resources", "pip", "wheel",
    "xmlrpc", "http.server", "wsgiref", "socketserver", "ftplib", "smtplib", "imaplib",
    "poplib", "nntplib", "telnetlib", "mailbox", "mailcap", "cgi", "cgitb",
    "ssl", "_ssl", "_hashlib",  # offline app: no TLS; hashlib falls back to its built-ins
    "curses", "_curses", "_curses_panel", "readline", "dbm", "_dbm", "_gdbm",
    "lzma", "_lzma", "bz2", "_bz2",  # neither the app nor its data use .xz/.bz2
    # only threads: concurrent.futures imports its process pool lazily, and bundling
    # multiprocessing adds a runtime hook that imports it (and runpy, pkgutil) at every start
    "multiprocessing", "concurrent.futures.process",
    "PySide6.scripts", "PySide6.support.deprecated", "PySide6.QtAsyncio",
    # The importers use docutils' reST parser only (app/registry/importers/rst_docutils.py
    # builds a doctree with Parser + new_document): no writer, no docutils.core front end
    # (packaging/hooks/hook-docutils.py collects what the parser loads by name).
    "docutils.writers", "docutils.core", "docutils.examples", "docutils.utils.math",
    "docutils.transforms.peps", "docutils.readers.pep", "docutils.parsers.docutils_xml",
    "docutils.parsers.recommonmark_wrapper",
    # openpyxl reads .xlsx only; pandas/numpy/PIL integrations and the test helpers stay out.
    "numpy", "pandas", "PIL", "openpyxl.tests",
]


# PySide6 modules the app imports; every other PySide6.Qt* module is excluded.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtSvg")  # QtSvg: the status map as SVG


def qt_module_excludes(used: Iterable[str] = QT_MODULES_USED) -> list[str]:
    """``PySide6.<Module>`` for every Qt module PySide6 knows, except ``used``."""
    import PySide6

    package = Path(PySide6.__file__).parent
    names = {p.name.split(".")[0] for p in package.iterdir()
             if p.name.startswith("Qt") and p.suffix in (".pyi", ".so", ".pyd")}
    return sorted(f"PySide6.{name}" for name in names - set(used))


# --- 2./3. Qt plugins and translations ----------------------------------------------------

def _platform() -> str:
    if sys.platform.startswith("linux"):
        return "linux"
    return "win32" if sys.platform == "win32" else "darwin"


# Relative to PySide6/Qt/plugins. Everything not listed is dropped.
KEEP_PLUGINS = {
    "linux": {
        "platforms/libqxcb.so",          # X11
        "platforms/libqwayland.so",      # Wayland
        "platforms/libqoffscreen.so",    # headless (smoke test, CI)
        "wayland-shell-integration/libxdg-shell.so",
        "wayland-decoration-client/libbradient.so",
        "wayland-decoration-client/libadwaita.so",
        "platformthemes/libqxdgdesktopportal.so",  # portal dialogs, colour scheme
        "platforminputcontexts/libcomposeplatforminputcontextplugin.so",  # dead keys
        "platforminputcontexts/libibusplatforminputcontextplugin.so",      # Chinese input
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
    },
    "win32": {
        "platforms/qwindows.dll",
        "platforms/qoffscreen.dll",
        "styles/qmodernwindowsstyle.dll",  # Qt >= 6.7: Windows 10/11 look
        "styles/qwindowsvistastyle.dll",   # older Qt: the same role
        "imageformats/qsvg.dll",
        "iconengines/qsvgicon.dll",
    },
    "darwin": {
        "platforms/libqcocoa.dylib",
        "platforms/libqoffscreen.dylib",
        "styles/libqmacstyle.dylib",
        "imageformats/libqsvg.dylib",
        "iconengines/libqsvgicon.dylib",
    },
}

# The UI ships in English and Simplified Chinese; Qt's standard dialogs need qtbase.
KEEP_TRANSLATIONS = {"qtbase_en.qm", "qtbase_zh_CN.qm"}

# Libraries never needed by a widgets-only app even though the wheel ships them.
_DROP_ALWAYS = {
    "win32": ["opengl32sw.dll", "d3dcompiler_*.dll"],
    "darwin": [],
    "linux": [],
}


def _qt_relative(dest: str, part: str) -> str | None:
    """``dest`` relative to Qt's ``<part>`` directory (``plugins``, ``translations``), or None.

    PySide6 keeps them in ``PySide6/Qt/<part>`` on Linux and macOS, ``PySide6/<part>`` on
    Windows.
    """
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    for i in range(len(parts) - 1):
        if parts[i] != "PySide6":
            continue
        if parts[i + 1] == part:
            return "/".join(parts[i + 2:])
        if parts[i + 1] == "Qt" and i + 2 < len(parts) and parts[i + 2] == part:
            return "/".join(parts[i + 3:])
    return None


def _framework(dest: str) -> str | None:
    """``QtFoo.framework`` when ``dest`` lies inside a macOS framework bundle."""
    for part in PurePosixPath(dest.replace("\\", "/")).parts:
        if part.endswith(".framework"):
            return part
    return None


def _is_qt_library(dest: str) -> bool:
    """Qt's own libraries (and ICU, which Qt brings): the ones pruned on every OS."""
    low = _basename(dest).lower()
    return (low.startswith(("libqt6", "qt6", "libicu", "icu"))
            or (_framework(dest) or "").startswith("Qt"))


def _basename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.lower() if sys.platform == "win32" else base


def _imports(path: str) -> set[str]:
    from PyInstaller.depend import bindepend

    try:
        return {_basename(name) for name, _full in bindepend.get_imports(path)}
    except Exception:  # an unreadable file keeps its place; better big than broken
        return set()


class SlimReport:
    def __init__(self) -> None:
        self.removed: list[tuple[str, int]] = []

    def add(self, dest: str, src: str) -> None:
        try:
            size = os.path.getsize(src)
        except OSError:
            size = 0
        self.removed.append((dest, size))

    def summary(self) -> str:
        total = sum(size for _d, size in self.removed) / 1e6
        return f"slim: removed {len(self.removed)} files ({total:.1f} MB before strip)"


def slim_toc(binaries: list, datas: list, platform: str | None = None,
             verbose: bool = False) -> tuple[list, list, SlimReport]:
    """Filter an Analysis' ``binaries`` and ``datas`` by the rules above."""
    platform = platform or _platform()
    report = SlimReport()
    keep_plugins = KEEP_PLUGINS[platform]

    # Plugins and always-dropped libraries.
    kept = []
    for entry in binaries:
        dest, src, typecode = entry
        plugin = _qt_relative(dest, "plugins")
        if plugin is not None and (plugin.lower() if platform == "win32" else plugin) \
                not in keep_plugins:
            report.add(dest, src)
            continue
        if any(fnmatch.fnmatch(_basename(dest), pat) for pat in _DROP_ALWAYS[platform]):
            report.add(dest, src)
            continue
        kept.append(entry)

    # Dependency closure from the roots.
    by_name: dict[str, list] = {}
    for entry in kept:
        if entry[2] != "SYMLINK":
            by_name.setdefault(_basename(entry[0]), []).append(entry)
    roots = [e for e in kept if e[2] == "EXTENSION"
             or _qt_relative(e[0], "plugins") is not None
             or _basename(e[0]).startswith(("libpython", "python"))]
    needed: set[str] = set()
    todo = list(roots)
    seen: set[str] = set()
    while todo:
        dest, src, _typecode = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        needed.add(_basename(dest))
        for name in _imports(src):
            if name not in needed:
                needed.add(name)
                todo.extend(by_name.get(name, []))

    closure_kept = []
    for entry in kept:
        dest, src, typecode = entry
        name = _basename(dest)
        prunable = platform == "linux" or _is_qt_library(dest)
        if typecode == "SYMLINK" or not prunable or name in needed or entry in roots:
            closure_kept.append(entry)
        else:
            report.add(dest, src)
    # macOS: a framework whose binary went loses its Resources/Info.plist too (else the
    # half-empty framework would fail code signing).
    gone_frameworks = ({_framework(d) for d, _s in report.removed if _framework(d)}
                       - {_framework(e[0]) for e in closure_kept if _framework(e[0])})
    removed = {os.path.normpath(d) for d, _s in report.removed}

    def orphan(entry: tuple) -> bool:
        """A symlink to a removed file, or anything inside a removed framework."""
        dest, src, typecode = entry
        if _framework(dest) in gone_frameworks:
            return True
        return typecode == "SYMLINK" and os.path.normpath(
            os.path.join(os.path.dirname(dest), src)) in removed

    for entry in [e for e in closure_kept if orphan(e)]:
        closure_kept.remove(entry)
        report.add(entry[0], entry[1])

    # Qt translations.
    kept_datas = []
    for entry in datas:
        dest, src, _typecode = entry
        if orphan(entry):
            report.add(dest, src)
            continue
        translation = _qt_relative(dest, "translations")
        if translation is not None and _basename(translation) not in {
                t.lower() if platform == "win32" else t for t in KEEP_TRANSLATIONS}:
            report.add(dest, src)
            continue
        kept_datas.append(entry)

    if verbose:
        for dest, size in sorted(report.removed):
            print(f"slim:   - {dest} ({size / 1e3:.0f} kB)")
    print(report.summary())
    return closure_kept, kept_datas, report


# --- data files ---------------------------------------------------------------------------

# Files under resources/ that are not needed at run time: sources of compiled files and the
# desktop-integration files that a distribution package installs outside the bundle.
RESOURCE_SKIP = ["*.ts", "*.pro", "linux/*", "icons/hicolor/*", "*/__pycache__/*", "*.pyc"]


def resource_datas(resources: Path, target: str = "app/_resources",
                   workdir: Path | None = None) -> list[tuple[str, str]]:
    """``datas`` entries that put ``resources/`` at ``app/_resources`` in the bundle.

    Translation sources (``i18n/*.ts``) without an up-to-date ``.qm`` beside them are
    compiled with PySide6's ``lrelease`` into ``workdir`` and bundled from there.
    """
    datas: list[tuple[str, str]] = []
    for path in sorted(resources.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(resources).as_posix()
        if any(fnmatch.fnmatch(rel, pat) for pat in RESOURCE_SKIP):
            continue
        datas.append((str(path), str(PurePosixPath(target, rel).parent)))
    for ts in sorted(resources.glob("i18n/*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        out = (workdir or Path("build")) / "i18n" / qm.name
        compile_translation(ts, out)
        datas = [d for d in datas if Path(d[0]).name != qm.name]
        datas.append((str(out), f"{target}/i18n"))
    return datas


def compile_translation(ts: Path, qm: Path) -> None:
    import PySide6

    qm.parent.mkdir(parents=True, exist_ok=True)
    package = Path(PySide6.__file__).parent
    candidates = [package / "lrelease", package / "lrelease.exe",
                  package / "Qt" / "libexec" / "lrelease",
                  Path(sys.executable).parent / "pyside6-lrelease",
                  Path(sys.executable).parent / "pyside6-lrelease.exe"]
    tool = next((c for c in candidates if c.exists()), None)
    if tool is None:
        raise SystemExit(f"slim: no lrelease found to compile {ts}")
    subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], check=True)


def read_version(init_py: Path) -> str:
    """``__version__`` from ``app/__init__.py`` without importing the package."""
    import ast

    tree = ast.parse(init_py.read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and getattr(node.targets[0], "id", None) == "__version__"):
            return str(ast.literal_eval(node.value))
    raise SystemExit(f"no __version__ in {init_py}")
