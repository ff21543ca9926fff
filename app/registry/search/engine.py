"""The query engine: :class:`QueryEngine` plans a query, ranks its tiers and caches results.

A query's *plan* is what it asks of the index once the broad-prefix rule (see the package
docstring) is applied; equal plans have equal results, so results are cached by plan and
filters, and deleting back is a cache hit. Codes and code ranges are ``bisect`` ranges of
the sorted codes; the words are matched by :class:`~.matching.TextMatching`. **Filters**
(class, category, lifecycle, source) come from per-row value columns, built on first use;
with at most 256 values a filter is one ``bytes.translate`` of a byte plane.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, compress

from app.registry.bulk import paused_gc
from app.registry.entry import StatusEntry
from app.registry.filters import Filters
from app.registry.query import Query, parse_query
from app.registry.search.columns import TextColumn, search_columns
from app.registry.search.index import (
    CancelledCallback,
    Index,
    ProgressCallback,
    build_index,
    raise_if,
    read_index,
    write_index,
)
from app.registry.search.matching import (
    CODE,
    EXACT,
    MAP_CACHE_BYTES,
    MAX_PREFIX_EXPANSION,
    TextMatching,
)
from app.registry.search.rowsets import (
    Map,
    RankedRows,
    RowSet,
    all_rows,
    intersect,
    size,
    subtract,
)
from app.registry.search.snapshot import SnapshotError, SnapshotReader, SnapshotWriter
from app.registry.search.terms import Term

#: A last word still being typed, not yet a word of the index, whose completions cover more
#: rows than this is not applied yet (see the package docstring): that many rows cost about a
#: frame to expand, and a prefix that broad narrows next to nothing.
BROAD_PREFIX_ROWS = 100_000
#: … except that a prefix which is itself a word (``quota``) applies up to this many.
BROAD_WORD_ROWS = 400_000
#: Row sets larger than this share of the registry (and than MIN_MAP_ROWS) are bit maps: past
#: a few thousand rows, a bit map's C passes over n/8 bytes beat sorting and set lookups.
MAP_FRACTION = 256
MIN_MAP_ROWS = 4_096
RESULT_CACHE_SIZE = 64
#: The share of a build's progress reports that the packing of broad terms takes.
PACKING_SHARE = 0.4


class QueryEngine(TextMatching):
    """Ranked search over a fixed sequence of entries."""

    def __init__(
        self,
        entries: Sequence[StatusEntry],
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelledCallback | None = None,
        pack: bool = True,
    ) -> None:
        report = progress or (lambda _f: None)
        stop = cancelled or (lambda: False)
        built = 1.0 - PACKING_SHARE if pack else 1.0
        with paused_gc():  # millions of acyclic objects: collections would rescan them all
            index = build_index(
                search_columns(entries), len(entries), lambda f: report(built * f), stop
            )
        self._setup(entries, index)
        if pack:
            self.pack_broad_terms(lambda f: report(built + PACKING_SHARE * f), stop)
        report(1.0)

    def pack_broad_terms(
        self, progress: ProgressCallback | None = None, cancelled: CancelledCallback | None = None
    ) -> None:
        """Precompute the planes of the broad words and prefixes (their first keystroke would
        mark up to every row); part of :meth:`build` unless it was given ``pack=False``.

        May run in a worker thread while another thread searches this engine: it works on an
        engine of its own over the same, unchanging index and hands the planes over in one
        assignment. Searches before that are right, only slower for broad words.
        """
        check = raise_if(cancelled or (lambda: False))
        packer = QueryEngine.__new__(QueryEngine)
        packer._setup(self.entries, self._index)
        packed = packer._pack_broad(packer._prefix_applies, progress or (lambda _f: None), check)
        self._index.packed = packed

    def _setup(self, entries: Sequence[StatusEntry], index: Index) -> None:
        self.entries: Sequence[StatusEntry] = entries
        self._index = index
        n = index.n
        self._map_threshold = max(MIN_MAP_ROWS, n // MAP_FRACTION)
        self._fuzzy = lru_cache(maxsize=512)(self._fuzzy_words)
        # (word, is_prefix) → (the vocabulary words it stands for, fuzzy, expansion truncated)
        self._words: OrderedDict[tuple[str, bool], tuple[tuple[str, ...], bool, bool]] = (
            OrderedDict()
        )
        self._terms: OrderedDict[tuple[tuple[str, ...], bool], Term] = OrderedDict()
        # (words, Chinese runs) of a query → its matched rows, when few (typing narrows them)
        self._matched: OrderedDict[object, list[int]] = OrderedDict()
        self._results: OrderedDict[tuple[object, Filters], Sequence[int]] = OrderedDict()
        self._facets: dict[str, tuple[TextColumn, bytes | None]] = {}
        self._allowed: OrderedDict[Filters, Map] = OrderedDict()

    @classmethod
    def build(
        cls,
        entries: Sequence[StatusEntry],
        progress: ProgressCallback | None = None,
        cancelled: CancelledCallback | None = None,
        *,
        pack: bool = True,
    ) -> QueryEngine:
        """Build the index, reporting ``progress(fraction)`` (0.0 … 1.0) as it goes and
        stopping with :class:`BuildCancelled` as soon as ``cancelled()`` returns True.

        Meant for a worker thread: the work is cut into passes of at most
        :data:`BUILD_CHUNK` rows, so the UI thread gets the GIL between them. Hand the
        finished engine to the UI thread and search only there (``pack=False``: hand it over
        sooner and call :meth:`pack_broad_terms` afterwards).
        """
        return cls(entries, progress=progress, cancelled=cancelled, pack=pack)

    # ----------------------------------------------------------------- snapshots
    def snapshot(self) -> bytes:
        """The index as bytes, for :meth:`from_snapshot` in a later run (see
        :class:`SnapshotWriter` for the format). Raises :class:`SnapshotError` if it cannot."""
        writer = SnapshotWriter()
        self.write_snapshot(writer, "engine")
        return writer.finish({"kind": "engine"})

    @classmethod
    def from_snapshot(cls, entries: Sequence[StatusEntry], data: bytes | memoryview) -> QueryEngine:
        """The engine of ``entries`` from :meth:`snapshot` bytes: no tokenizing, no grouping,
        the arrays are copied in at memory speed. The snapshot must have been taken of the
        same entries; a mismatch it can detect raises :class:`SnapshotError`."""
        return cls.read_snapshot(entries, SnapshotReader(data), "engine")

    def write_snapshot(self, writer: SnapshotWriter, prefix: str) -> None:
        write_index(self._index, writer, prefix)

    @classmethod
    def read_snapshot(
        cls, entries: Sequence[StatusEntry], reader: SnapshotReader, prefix: str
    ) -> QueryEngine:
        meta = reader.meta.get(prefix)
        columns = search_columns(entries)
        text_columns = [*columns.name, *columns.body]
        if (
            not isinstance(meta, dict)
            or meta.get("n") != len(entries)
            or [c["size"] for c in meta["columns"]] != [len(c.texts) for c in text_columns]
        ):
            raise SnapshotError("the snapshot was taken of other entries")
        try:
            index = read_index(entries, columns, text_columns, reader, prefix, meta)
        except SnapshotError:
            raise
        except (ValueError, IndexError, KeyError, TypeError) as error:
            raise SnapshotError(f"damaged snapshot ({error})") from None
        engine = cls.__new__(cls)
        engine._setup(entries, index)
        return engine

    # ----------------------------------------------------------------- public API
    def search(self, text: str | Query, filters: Filters | None = None) -> Sequence[int]:
        """Row numbers of matching entries, best first. Deterministic; never raises.

        Small results are tuples, large ones a :class:`RankedRows` that decodes rows on
        access; ``range`` for everything. Only ``len``, indexing and iteration are promised.
        """
        query = parse_query(text) if isinstance(text, str) else text
        filters = filters or Filters()
        plan = self._plan(query)
        key = (plan, filters)
        cached = self._results.get(key)
        if cached is not None:
            self._results.move_to_end(key)
            return cached
        n = self._index.n
        ranked: list[RowSet] = [range(n)] if plan is None else self._ranked(query, plan)
        if not filters.is_empty:
            allowed = self._allowed_rows(filters)
            ranked = [intersect(part, allowed, n) for part in ranked]
        rows = self._finish(ranked)
        self._results[key] = rows
        self._trim_results()
        return rows

    def search_entries(self, text: str, filters: Filters | None = None) -> list[StatusEntry]:
        return [self.entries[row] for row in self.search(text, filters)]

    def clear_caches(self) -> None:
        """Forget cached results, terms and filters (the index stays): the next queries
        cost what they cost the first time. For benchmarks and memory pressure."""
        self._words.clear()
        self._terms.clear()
        self._matched.clear()
        self._results.clear()
        self._allowed.clear()
        self._fuzzy.cache_clear()

    # ----------------------------------------------------------------- plan & caches
    def _plan(self, query: Query) -> tuple[object, ...] | None:
        """What the query asks of the index once the broad-prefix rule is applied; equal
        plans have equal results (``e`` in ``quota e`` may be too broad to apply yet)."""
        if query.is_empty:
            return None
        last = len(query.words) - 1
        words: list[tuple[str, bool]] = []
        for position, word in enumerate(query.words):
            is_prefix = position == last and not query.text.endswith(" ")
            if is_prefix and self._too_broad(word):
                continue  # the documented cap: a broad short prefix waits for more letters
            words.append((word, is_prefix))
        return (
            query.exact_code,
            query.code_prefix,
            query.status_class,
            query.code_range,
            query.vendor_code,
            tuple(words),
            query.cjk,
            bool(query.words or query.cjk),
        )

    def _too_broad(self, prefix: str) -> bool:
        index = self._index
        start = bisect_left(index.vocab, prefix)
        end = bisect_left(index.vocab, prefix + "\U0010ffff", start)
        end = min(end, start + MAX_PREFIX_EXPANSION)
        rows = index.vocab_rows[end] - index.vocab_rows[start]
        if rows <= BROAD_PREFIX_ROWS:
            return False
        is_word = start < len(index.vocab) and index.vocab[start] == prefix
        return not is_word or rows > BROAD_WORD_ROWS

    def _prefix_applies(self, prefix: str) -> bool:
        return not self._too_broad(prefix)

    def _trim_results(self) -> None:
        while len(self._results) > RESULT_CACHE_SIZE or (
            len(self._results) > 1
            and sum(map(_held_bytes, self._results.values())) > MAP_CACHE_BYTES
        ):
            self._results.popitem(last=False)

    def _finish(self, parts: list[RowSet]) -> Sequence[int]:
        """Tiers (disjoint, in rank order) → the result sequence."""
        n = self._index.n
        parts = [p for p in parts if size(p)]
        if not parts:
            return ()
        if len(parts) == 1 and isinstance(parts[0], range):
            return parts[0]
        expanded: list[list[int] | Map] = []
        for part in parts:
            if isinstance(part, range):
                part = Map(n, all_rows(n), count_=n)
            if isinstance(part, Map) and part.count <= MIN_MAP_ROWS:
                part = part.rows()
            expanded.append(part)
        if all(isinstance(p, list) for p in expanded):
            return tuple(chain.from_iterable(expanded))  # type: ignore[arg-type]
        return RankedRows(expanded)

    # ----------------------------------------------------------------- codes
    def _code_range(self, low: str, high: str | None = None) -> tuple[int, int]:
        codes = self._index.sorted_codes
        start = bisect_left(codes, low)
        end = bisect_right(codes, low) if high is None else bisect_left(codes, high, start)
        return start, end

    def _exact_code(self, code: str) -> list[int]:
        start, end = self._code_range(code)
        return sorted(self._index.code_order[start:end])

    def _prefix_rows(self, prefix: str, digits_only: bool = False) -> RowSet:
        start, end = self._code_range(prefix, prefix + "\U0010ffff")
        rows = self._index.code_order[start:end]
        if digits_only:
            codes = self._index.sorted_codes[start:end]
            rows = array("i", compress(rows, map(str.isdigit, codes)))
        return self._rowset([rows], len(rows), one_sorted_part=False)

    # ----------------------------------------------------------------- facets / filters
    def _facet(self, name: str) -> tuple[TextColumn, bytes | None]:
        found = self._facets.get(name)
        if found is None:
            source = self._index.facet_source
            column = source(name) if source is not None else TextColumn([])
            plane = None
            if column.ids is not None and len(column.texts) <= 256:
                plane = bytes(array("B", column.ids))  # one byte per row: translate() filters
            found = (column, plane)
            self._facets[name] = found
        return found

    def _facet_map(self, name: str, values: frozenset[str] | set[str]) -> Map:
        column, plane = self._facet(name)
        n = self._index.n
        if plane is not None:
            texts = column.texts
            table = bytes(1 if i < len(texts) and texts[i] in values else 0 for i in range(256))
            return Map.of_bytes(n, plane.translate(table))
        if column.ids is None:
            return Map.of_bytes(n, bytes(map(values.__contains__, column.texts)))
        lookup = frozenset(i for i, text in enumerate(column.texts) if text in values)
        return Map.of_bytes(n, bytes(map(lookup.__contains__, column.ids)))

    def _allowed_rows(self, filters: Filters) -> Map:
        found = self._allowed.get(filters)
        if found is None:
            value: int | None = None
            for name, values in filters.dimensions():
                part = self._facet_map(name, values).value
                value = part if value is None else value & part
            found = Map(self._index.n, value or 0)
            self._allowed[filters] = found
            if len(self._allowed) > 8:
                self._allowed.popitem(last=False)
        else:
            self._allowed.move_to_end(filters)
        return found

    # ----------------------------------------------------------------- ranking
    def _ranked(self, query: Query, plan: tuple[object, ...]) -> list[RowSet]:
        n = self._index.n
        tiers: list[RowSet] = [[], [], [], [], []]
        code_parts: list[RowSet] = []
        if query.exact_code:
            tiers[EXACT] = self._exact_code(query.exact_code)
        if query.code_prefix:
            code_parts.append(self._prefix_rows(query.code_prefix, digits_only=True))
        if query.status_class:
            code_parts.append(self._facet_map("status_class", {query.status_class}))
        if query.code_range:
            low, high = query.code_range
            numbers = range(low, high + 1)
            code_parts.append(
                sorted(chain.from_iterable(self._exact_code(str(code)) for code in numbers))
            )
        if query.vendor_code:
            exact = self._exact_code(query.vendor_code)
            earlier = tiers[EXACT]
            if isinstance(earlier, list) and earlier:
                exact = sorted(set(earlier).union(exact))
            tiers[EXACT] = exact
            code_parts.append(self._prefix_rows(query.vendor_code))
        code_parts = [p for p in code_parts if size(p)]
        if len(code_parts) == 1:
            tiers[CODE] = code_parts[0]
        elif code_parts:
            tiers[CODE] = self._union(code_parts)
        words = plan[5]
        assert isinstance(words, tuple)
        if (query.words or query.cjk) and self._match_text(words, query.cjk, tiers):
            tiers.append(range(n))
        ranked: list[RowSet] = []
        for tier in tiers:
            if not size(tier):
                continue
            for earlier_tier in ranked:
                tier = subtract(tier, earlier_tier, n)
            if size(tier):
                ranked.append(tier)
        return ranked

    def _union(self, parts: list[RowSet]) -> RowSet:
        if any(isinstance(p, range) for p in parts):
            return range(self._index.n)
        maps = [p for p in parts if isinstance(p, Map)]
        lists = [p for p in parts if isinstance(p, list)]
        if maps:
            value = 0
            for m in maps:
                value |= m.value
            n = self._index.n
            return Map.marking(n, lists, value) if lists else Map(n, value)
        return sorted(set(chain.from_iterable(lists)))


def _held_bytes(rows: Sequence[int]) -> int:
    return rows.map_bytes() if isinstance(rows, RankedRows) else 0
