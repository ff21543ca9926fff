"""The registry the app shows: built-in entries plus every enabled imported registry.

Imported rows become columnar :class:`~app.registry.entry_table.EntryTable` blocks behind
the built-in entries (:class:`~app.registry.entry_table.ChainedEntries`) and the query
index is built over all of them. Both are cached in one snapshot file under
``<data>/cache/``, keyed by the app version, the built-in data date and each enabled
registry's name and import time, so a start after the first one maps the file instead of
rebuilding the index (at 1,000,000 rows ≈1 s, where a rebuild answers after ≈2 s and has
packed its broad terms after ≈7 s). Any import, rename, toggle or removal changes the key; a
damaged or stale snapshot is ignored and rebuilt.

Meant to run in a worker thread (``progress``/``cancelled`` as in ``QueryEngine.build``).
Pure Python, no Qt.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.registry.bulk import pause_points
from app.registry.entry import StatusEntry
from app.registry.loader import Registry, load_builtin
from app.services.paths import has_imported_registries

if TYPE_CHECKING:
    from app.registry.search import QueryEngine

log = logging.getLogger(__name__)
SNAPSHOT_NAME = "search-index.snapshot"
# shares of a rebuild's progress: reading the tables; indexing; indexing + packing
_READ, _INDEX, _PACKED = 0.1, 0.3, 0.9


@dataclass(frozen=True)
class LoadedRegistry:
    registry: Registry
    engine: QueryEngine | None  # None: built-in only; the window builds it on first search


def load_user_registries(
    data_root: Path,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    searchable: Callable[[LoadedRegistry], None] | None = None,
) -> LoadedRegistry:
    """Built-in + enabled imported registries, with their engine when there are any.

    Store problems (read-only folder, corrupt database moved aside) become warnings on the
    returned registry; the built-in codes are always there. Raises ``BuildCancelled`` when
    ``cancelled()`` turns true while the index is built.

    When the index has to be built, ``searchable`` (if given) receives the result as soon as
    it can answer queries; the broad terms are packed and the snapshot written after that
    (:meth:`QueryEngine.pack_broad_terms`), and the same result is returned.
    """
    with pause_points(cancelled):  # reading pauses for the user too, not only the build
        return _load(data_root, progress or (lambda _fraction: None), cancelled, searchable)


def _load(
    data_root: Path,
    report: Callable[[float], None],
    cancelled: Callable[[], bool] | None,
    searchable: Callable[[LoadedRegistry], None] | None,
) -> LoadedRegistry:
    builtin = load_builtin()
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
        report(_READ * (number + 1) / len(enabled))
    entries = ChainedEntries([builtin.entries, *tables])
    early = searchable is not None
    engine = QueryEngine.build(
        entries,
        lambda f: report(_READ + (_INDEX if early else _PACKED) * f),
        cancelled,
        pack=not early,
    )
    loaded = LoadedRegistry(_with(builtin, entries, warnings), engine)
    if searchable is not None:
        searchable(loaded)
        for table in tables:  # their import-time packs answer broad words until packed
            if table.packs is None:
                with contextlib.suppress(StoreError):
                    table.packs = store.read_packs(table.registry)
        engine.pack_broad_terms(
            lambda f: report(_READ + _INDEX + (_PACKED - _INDEX) * f), cancelled
        )
    try:
        save_snapshot(snapshot, key, tables, engine)
    except (OSError, ValueError) as error:  # a cache only: the next start rebuilds
        log.warning("could not write the search snapshot %s: %s", snapshot, error)
    report(1.0)
    return loaded


def _with(builtin: Registry, entries: Sequence[StatusEntry], warnings: tuple[str, ...]) -> Registry:
    return Registry(entries, builtin.iana_last_updated, warnings)
