#!/usr/bin/env bash
# Build the Linux bundles of Statuscope into dist/:
#   dist/statuscope/statuscope   one-folder bundle (start it from the folder)
#   dist/statuscope-onefile      one self-extracting executable
#
#   packaging/build-linux.sh                # both bundles
#   packaging/build-linux.sh --onedir-only  # the one-folder bundle only (CI)
#
# Creates its own venv in build/venv (STATUSCOPE_BUILD_VENV to move it) with the app's
# dependencies from pyproject.toml plus pinned PySide6-Essentials and PyInstaller, then runs
# packaging/statuscope.spec once per layout. Binaries are stripped by the spec (strip=True,
# needs binutils). Environment: PYTHON (interpreter for the venv, must have a shared
# libpython - pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared), PYSIDE_VERSION, PYINSTALLER_VERSION,
# STATUSCOPE_BUILD_DEBUG=1 (see the spec).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ONEFILE=1
for arg in "$@"; do
  case "$arg" in
    --onedir-only) ONEFILE=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build-linux.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
VENV="${STATUSCOPE_BUILD_VENV:-$ROOT/build/venv}"
PYSIDE_VERSION="${PYSIDE_VERSION:-6.11.3}"
PYINSTALLER_VERSION="${PYINSTALLER_VERSION:-6.22.3}"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
T0=$(now)

if ! "$PYTHON" -c 'import sys, sysconfig; sys.exit(0 if sysconfig.get_config_var("Py_ENABLE_SHARED") else 1)'; then
  echo "build-linux.sh: $PYTHON has no shared libpython, which PyInstaller needs" >&2
  exit 1
fi
command -v strip >/dev/null || echo "build-linux.sh: strip not found (apt-get install binutils); binaries stay unstripped" >&2

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
# The app's runtime dependencies as pyproject.toml declares them, pinned to the tested Qt.
mapfile -t DEPS < <("$PY" - <<'PYEOF'
import tomllib
with open("pyproject.toml", "rb") as fh:
    for dep in tomllib.load(fh)["project"]["dependencies"]:
        print(dep)
PYEOF
)
echo "== installing build requirements"
"$PY" -m pip install --quiet --disable-pip-version-check \
  "${DEPS[@]}" "PySide6-Essentials==$PYSIDE_VERSION" "shiboken6==$PYSIDE_VERSION" \
  "pyinstaller==$PYINSTALLER_VERSION"
T_SETUP=$(elapsed "$T0")

LAST=0
build() {  # $1 = 0 (one-folder) or 1 (one-file); sets LAST to the seconds it took
  local t
  t=$(now)
  STATUSCOPE_ONEFILE="$1" "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/statuscope.spec
  LAST=$(elapsed "$t")
}

echo "== building the one-folder bundle"
build 0
T_ONEDIR=$LAST
if [ "$ONEFILE" = 1 ]; then
  echo "== building the one-file bundle"
  build 1
  T_ONEFILE=$LAST
fi

# Bytes of regular files (symlinks and directories not counted), as bench_bundle.py counts.
size_mb() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }'; }
echo
echo "== Statuscope $("$PY" -c 'import ast,sys; t=ast.parse(open("app/__init__.py").read()); print(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__version__"))') for Linux ($(uname -m))"
echo "dist/statuscope/          $(size_mb dist/statuscope), $(find dist/statuscope -type f | wc -l) files, built in ${T_ONEDIR} s"
if [ "$ONEFILE" = 1 ]; then
  echo "dist/statuscope-onefile   $(size_mb dist/statuscope-onefile), built in ${T_ONEFILE} s"
fi
echo "venv set-up ${T_SETUP} s; total $(elapsed "$T0") s"
