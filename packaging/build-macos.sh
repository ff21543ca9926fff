#!/usr/bin/env bash
# Build the macOS bundles of Statuscope into dist/ (run on a Mac; not run on the Linux CI):
#   dist/Statuscope.app          the app bundle (bundle id org.statuscope.Statuscope)
#   dist/statuscope/             the same one-folder build outside the .app (CLI, smoke test)
#   dist/statuscope-onefile      one self-extracting executable (no .app: PyInstaller
#                                deprecates one-file app bundles)
#   dist/Statuscope-<version>-macos-<arch>.zip   the .app, zipped with ditto
#
#   packaging/build-macos.sh [--onedir-only]
#
# Creates build/venv with the app's dependencies, pinned PySide6-Essentials and PyInstaller,
# and Pillow; renders build/icons/statuscope.icns from resources/icons/statuscope.svg with
# packaging/make_icons.py; runs packaging/statuscope.spec; smoke-tests the result.
# The app is signed ad hoc; set STATUSCOPE_CODESIGN_IDENTITY for a real identity (notarising
# is a separate step). Builds for the architecture of the Python used (PYTHON=...).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ONEFILE=1
[ "${1:-}" = "--onedir-only" ] && ONEFILE=0

PYTHON="${PYTHON:-python3}"
VENV="${STATUSCOPE_BUILD_VENV:-$ROOT/build/venv}"
PYSIDE_VERSION="${PYSIDE_VERSION:-6.11.3}"
PYINSTALLER_VERSION="${PYINSTALLER_VERSION:-6.22.3}"
T0=$(date +%s)

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
DEPS=()
while IFS= read -r dep; do DEPS+=("$dep"); done < <("$PY" - <<'PYEOF'
import tomllib
with open("pyproject.toml", "rb") as fh:
    for dep in tomllib.load(fh)["project"]["dependencies"]:
        print(dep)
PYEOF
)
echo "== installing build requirements"
"$PY" -m pip install --quiet --disable-pip-version-check \
  "${DEPS[@]}" "PySide6-Essentials==$PYSIDE_VERSION" "shiboken6==$PYSIDE_VERSION" \
  "pyinstaller==$PYINSTALLER_VERSION" pillow

echo "== icons"
QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icons.py --icns build/icons/statuscope.icns
export STATUSCOPE_ICON_DIR="$ROOT/build/icons"

build() {  # $1 = 0 (one-folder + .app) or 1 (one-file)
  STATUSCOPE_ONEFILE="$1" "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/statuscope.spec
}
echo "== building Statuscope.app"
build 0
if [ "$ONEFILE" = 1 ]; then
  echo "== building the one-file executable"
  build 1
fi

echo "== checks"
plutil -lint dist/Statuscope.app/Contents/Info.plist
/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' dist/Statuscope.app/Contents/Info.plist
codesign --verify --deep --strict dist/Statuscope.app && echo "codesign: ok"
QT_QPA_PLATFORM=offscreen dist/Statuscope.app/Contents/MacOS/statuscope --self-test
if [ "$ONEFILE" = 1 ]; then
  "$PY" packaging/smoke_test.py
else
  "$PY" packaging/smoke_test.py --no-onefile
fi

VERSION=$("$PY" -c 'import ast; t=ast.parse(open("app/__init__.py").read()); print(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__version__"))')
ZIP="dist/Statuscope-$VERSION-macos-$(uname -m).zip"
rm -f "$ZIP"
ditto -c -k --keepParent dist/Statuscope.app "$ZIP"

echo
echo "== Statuscope $VERSION for macOS ($(uname -m))"
echo "dist/Statuscope.app      $(du -sh dist/Statuscope.app | cut -f1), $(find dist/Statuscope.app -type f | wc -l | tr -d ' ') files"
echo "$ZIP  $(du -sh "$ZIP" | cut -f1)"
[ "$ONEFILE" = 1 ] && echo "dist/statuscope-onefile  $(du -sh dist/statuscope-onefile | cut -f1)"
echo "total $(( $(date +%s) - T0 )) s"
