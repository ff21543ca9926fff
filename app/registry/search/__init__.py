"""The query engine: one precomputed index over the registry, ranked results per query.

Built once per registry — ``QueryEngine(entries)``, or ``QueryEngine.build(entries, progress,
cancelled)`` from a worker thread — then every keystroke costs lookups in that index, never
a scan of every entry's text, so the same engine serves the ~100 built-in entries and
imported registries of a million rows. Results are row numbers into ``engine.entries``
(display order), so a view can show just those rows. The grammar is documented in
:mod:`app.registry.query`.

No cap: every query is answered in full, at any size — every word applies, a prefix
stands for all its completions, and a large result is counted exactly and ranked lazily
(:class:`RankedRows`). ``tests/registry/test_search_reference.py`` checks the engine row for
row against a plain scan over every entry.

The engine is not thread-safe: build it anywhere, then search from one thread.

The modules, each importing only those listed before it:

* :mod:`.columns` — what is indexed: :class:`TextColumn`, :class:`SearchColumns`, and the
  bulk word splitting of their texts;
* :mod:`.rowsets` — row sets (sorted lists, bit maps) and the lazy :class:`RankedRows`;
* :mod:`.filters` — :class:`Filters`;
* :mod:`.snapshot` — the snapshot container (:class:`SnapshotWriter`, :class:`SnapshotReader`);
* :mod:`.index` — the index: its layout, build and snapshot sections;
* :mod:`.terms` — a query word's term and its rows;
* :mod:`.matching` — words → terms → the NAME/TEXT/FUZZY tiers, with their caches;
* :mod:`.engine` — :class:`QueryEngine`: plans, codes, filters, ranking, result cache.

The tuning constants are re-exported here for reading; to patch one (tests), patch it on
the module whose code reads it (``MIN_MAP_ROWS``, ``MAP_FRACTION``, ``RESULT_CACHE_SIZE``,
``FACET_CACHE_SIZE``: :mod:`.engine`; ``PACKED_MIN_ROWS``, ``TERM_CACHE_SIZE``: :mod:`.matching`).

**Broad terms are precomputed.** The build also marks, once, the rows of every word and
every prefix whose completions touch at least :data:`PACKED_MIN_ROWS` rows
(and would be a bit map): their two planes (rows matched anywhere, in a name; see
:func:`~.terms.planes_of`) are kept by vocabulary range, zlib-compressed when sparse (see
:func:`~.terms.pack_planes`), and stored in the snapshot, so the first keystroke that needs
them reads them instead of marking up to every row.
"""

from app.registry.filters import Filters
from app.registry.search.columns import (
    BUILD_CHUNK,
    SearchColumns,
    TextColumn,
    dictionary_encode,
    edit_distance_at_most,
    entries_columns,
    search_columns,
)
from app.registry.search.columns import word_lists as _word_lists
from app.registry.search.engine import (
    FACET_CACHE_SIZE,
    MAP_FRACTION,
    MIN_MAP_ROWS,
    RESULT_CACHE_SIZE,
    QueryEngine,
)
from app.registry.search.index import BuildCancelled, CancelledCallback, ProgressCallback
from app.registry.search.matching import (
    MAP_CACHE_BYTES,
    PACKED_MIN_ROWS,
    TERM_CACHE_SIZE,
)
from app.registry.search.rowsets import RankedRows, RowSet
from app.registry.search.snapshot import (
    SNAPSHOT_VERSION,
    SnapshotError,
    SnapshotReader,
    SnapshotWriter,
)

__all__ = [
    "BUILD_CHUNK",
    "FACET_CACHE_SIZE",
    "MAP_CACHE_BYTES",
    "MAP_FRACTION",
    "MIN_MAP_ROWS",
    "PACKED_MIN_ROWS",
    "RESULT_CACHE_SIZE",
    "SNAPSHOT_VERSION",
    "TERM_CACHE_SIZE",
    "BuildCancelled",
    "CancelledCallback",
    "Filters",
    "ProgressCallback",
    "QueryEngine",
    "RankedRows",
    "RowSet",
    "SearchColumns",
    "SnapshotError",
    "SnapshotReader",
    "SnapshotWriter",
    "TextColumn",
    "_word_lists",  # the name tests/registry/test_search_index.py imports
    "dictionary_encode",
    "edit_distance_at_most",
    "entries_columns",
    "search_columns",
]
