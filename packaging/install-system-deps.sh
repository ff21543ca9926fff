#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qt 6 (PySide6 wheels) needs, only those missing.
#   bash packaging/install-system-deps.sh          # to run the app on a desktop (xcb)
#   bash packaging/install-system-deps.sh --test   # headless tests (offscreen) + Xvfb
# Uses sudo when not root. Does nothing on systems without apt-get/dpkg.
set -euo pipefail

runtime=(libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0 libdbus-1-3
         libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
         libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
         libx11-xcb1 fonts-wqy-microhei python3-venv)
extra=()
if [[ "${1:-}" == "--test" ]]; then
  extra=(xvfb xauth)
fi

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-system-deps: not a Debian/Ubuntu system; install Qt 6's xcb dependencies yourself." >&2
  exit 0
fi

missing=()
for pkg in "${runtime[@]}" "${extra[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "install-system-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
