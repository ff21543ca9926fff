"""The registry the app shows: built-in entries plus every enabled imported registry.

Imported rows become columnar :class:`~app.registry.entry_table.EntryTable` blocks behind
the built-in entries (:class:`~app.registry.entry_table.ChainedEntries`) and the query
index is built over all of them. Both are cached in one snapshot file under
``<data>/cache/``, keyed by the app version, the built-in data date and each enabled
registry's name and import time, so a start after the first one maps the file instead of
re-reading a million rows (≈1 s instead of ≈10 s at 1,000,000 rows). Any import, rename,
toggle or removal changes the key; a damaged or stale snapshot is ignored and rebuilt.

Meant to run in a worker thread (``progress``/``cancelled`` as in ``QueryEngine.build``).
Pure Python, no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.registry.entry import StatusEntry
from app.registry.loader import Registry, load_builtin
from app.services.paths import has_imported_registries

if TYPE_CHECKING:
    from app.registry.search import QueryEngine

log = logging.getLogger(__name__)
SNAPSHOT_NAME = "search-index.snapshot"


@dataclass(frozen=True)
class LoadedRegistry:
    registry: Registry
    engine: QueryEngine | None  # None: built-in only; the window builds it on first search


def load_user_registries(
    data_root: Path,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LoadedRegistry:
    """Built-in + enabled imported registries, with their engine when there are any.

    Store problems (read-only folder, corrupt database moved aside) become warnings on the
    returned registry; the built-in codes are always there. Raises ``BuildCancelled`` when
    ``cancelled()`` turns true while the index is built.
    """
    builtin = load_builtin()
    report = progress or (lambda _fraction: None)
    if not has_imported_registries(data_root):
        return LoadedRegistry(builtin, None)
    from app.registry.entry_table import (
        ChainedEntries,
        EntryTable,
        load_snapshot,
        save_snapshot,
    )
    from app.registry.search import QueryEngine
    from app.registry.store import RegistryStore, StoreError

    try:
        store = RegistryStore(data_root)
        enabled = [info for info in store.list() if info.enabled]
    except StoreError as error:
        return LoadedRegistry(_with(builtin, builtin.entries, (str(error),)), None)
    warnings = tuple(store.warnings)
    if not enabled:
        return LoadedRegistry(_with(builtin, builtin.entries, warnings), None)
    key = "|".join(
        [
            __version__,
            builtin.iana_last_updated,
            str(len(builtin.entries)),
            *(f"{info.name}@{info.imported_at}#{info.row_count}" for info in enabled),
        ]
    )
    snapshot = data_root / "cache" / SNAPSHOT_NAME
    cached = load_snapshot(snapshot, key, builtin.entries)
    if cached is not None:
        entries, engine = cached
        report(1.0)
        return LoadedRegistry(_with(builtin, entries, warnings), engine)
    tables: list[EntryTable] = []
    for number, info in enumerate(enabled):
        tables.append(EntryTable.from_columns(store.read_columns(info.name)))
        report(0.3 * (number + 1) / len(enabled))
    entries = ChainedEntries([builtin.entries, *tables])
    engine = QueryEngine.build(entries, lambda f: report(0.3 + 0.65 * f), cancelled)
    try:
        save_snapshot(snapshot, key, tables, engine)
    except (OSError, ValueError) as error:  # a cache only: the next start rebuilds
        log.warning("could not write the search snapshot %s: %s", snapshot, error)
    report(1.0)
    return LoadedRegistry(_with(builtin, entries, warnings), engine)


def _with(builtin: Registry, entries: Sequence[StatusEntry], warnings: tuple[str, ...]) -> Registry:
    return Registry(entries, builtin.iana_last_updated, warnings)
