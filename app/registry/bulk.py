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


def settle() -> None:
    """Take every object alive now out of later cyclic collections (``gc.freeze``).

    A registry of a million entries and its index hold millions of references; a full
    collection re-scans them all (~60 ms at 1,000,000 entries), a dropped frame whenever it
    happens to fall on a keystroke. Call once a registry is installed. Frozen objects are
    still freed by reference counting; cycles among them wait for the next call, which
    unfreezes and collects everything once before freezing again.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
