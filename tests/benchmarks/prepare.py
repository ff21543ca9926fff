"""``python -m tests.benchmarks.prepare WORK SIZE``: make the synthetic store of SIZE rows under
WORK (``common.prepare_store``) in a process of its own — Linux carries a process's peak RSS
over into the programs it starts, so preparing in the parent would inflate every child's
figure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.benchmarks.common import prepare_store


def main() -> int:
    work, size = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps({"store": str(prepare_store(work, size))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
