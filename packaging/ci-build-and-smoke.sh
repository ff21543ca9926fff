#!/usr/bin/env bash
# CI step: build the Linux one-folder bundle and smoke-test it (also from a copied folder).
# Called from .ci/run. Prints its own duration; on this 2-core machine expect about 20 s
# for the build when build/venv already exists, plus the venv set-up the first time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
start=$(date +%s.%N)
bash packaging/build-linux.sh --onedir-only
"${STATUSCOPE_BUILD_VENV:-$ROOT/build/venv}/bin/python" packaging/smoke_test.py --no-onefile
awk -v a="$start" -v b="$(date +%s.%N)" \
  'BEGIN { printf "ci-build-and-smoke: %.0f s (build + smoke test)\n", b - a }'
