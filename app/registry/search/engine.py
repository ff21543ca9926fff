"""The query engine: :class:`QueryEngine` ranks a query's tiers and caches results.

Every part of a query (see :mod:`app.registry.query`) is a row set: exact codes and code
prefixes are ``bisect`` ranges of the sorted codes; classes, ranges, HTTP statuses and the
qualifiers (``source:``, ``category:``, ``class:``, ``status:``) come from the per-row facet
columns the build made (at most 256 values: one ``bytes.translate`` of a byte plane); the
words are matched by :class:`~.matching.TextMatching`. The result is their intersection,
ranked by code tier, then word tier. Results are cached by the query's meaning and the
filters, so deleting back is a cache hit. Nothing is skipped or capped: every query is
answered in full at any size; a large result is a lazy :class:`RankedRows`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain, compress

from app.registry.bulk import paused_gc
from app.registry.entry import StatusEntry
from app.registry.filters import Filters
from app.registry.query import Query, parse_query, source_matches
from app.registry.search.columns import search_columns
from app.registry.search.index import (
    CancelledCallback,
    Index,
    ProgressCallback,
    build_index,
    raise_if,
    read_index,
    write_index,
)
from app.registry.search.matching import MAP_CACHE_BYTES, TextMatching
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

#: Row sets larger than this share of the registry (and than MIN_MAP_ROWS) are bit maps: past
#: a few thousand rows, a bit map's C passes over n/8 bytes beat sorting and set lookups.
MAP_FRACTION = 256
MIN_MAP_ROWS = 4_096
RESULT_CACHE_SIZE = 64
#: Facet row maps kept (a class, a status, a source …): 125 KB each at a million rows.
FACET_CACHE_SIZE = 32
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
        packed = packer._pack_broad(progress or (lambda _f: None), check)
        self._index.packed = packed

    def _setup(self, entries: Sequence[StatusEntry], index: Index) -> None:
        self.entries: Sequence[StatusEntry] = entries
        self._index = index
        n = index.n
        self._map_threshold = max(MIN_MAP_ROWS, n // MAP_FRACTION)
        self._fuzzy = lru_cache(maxsize=512)(self._fuzzy_words)
        self._words = OrderedDict()
        self._terms = OrderedDict()
        # (words, Chinese runs) of a query → its matched rows, when few (typing narrows them)
        self._matched: OrderedDict[object, list[int]] = OrderedDict()
        self._results: OrderedDict[tuple[object, Filters], Sequence[int]] = OrderedDict()
        self._facet_maps: OrderedDict[tuple[str, frozenset[int]], Map] = OrderedDict()
        self._status_rows: dict[str, int] | None = None  # HTTP status → its rows (bits)

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
        key = (query.key, filters)
        cached = self._results.get(key)
        if cached is not None:
            self._results.move_to_end(key)
            return cached
        n = self._index.n
        ranked: list[RowSet] = [range(n)] if query.is_empty else self._ranked(query)
        allowed = self._allowed_rows(query, filters)
        if allowed is not None:
            ranked = [intersect(part, allowed, n) for part in ranked]
        rows = self._finish(ranked)
        self._results[key] = rows
        self._trim_results()
        return rows

    def search_entries(self, text: str, filters: Filters | None = None) -> list[StatusEntry]:
        return [self.entries[row] for row in self.search(text, filters)]

    def clear_caches(self) -> None:
        """Forget cached results, terms and facet maps (the index stays): the next queries
        cost what they cost the first time. For benchmarks and memory pressure."""
        self._words.clear()
        self._terms.clear()
        self._matched.clear()
        self._results.clear()
        self._facet_maps.clear()
        self._fuzzy.cache_clear()

    # ----------------------------------------------------------------- HTTP statuses
    def status_counts(self, first_row: int = 0) -> dict[str, int]:
        """Rows per HTTP status (a code's own, or the one it is returned with), counting rows
        from ``first_row`` on (the imported ones, after the built-in block): bit counts of
        the per-status row maps, never a walk over the rows."""
        maps = self._status_maps()
        if maps is not None:
            counts = {t: (m >> first_row).bit_count() for t, m in maps.items()}
            return {t: c for t, c in counts.items() if c}
        column = self._index.facets["http_status"]
        found: dict[str, int] = {}
        for text in map(column.value, range(first_row, self._index.n)):
            if text:
                found[text] = found.get(text, 0) + 1
        return found

    def statuses_in(self, rows: Sequence[int]) -> set[str]:
        """The HTTP statuses of a result's rows (``search``'s result), exactly: a large
        result's bit map is AND-ed with each status's row map."""
        column = self._index.facets["http_status"]
        if isinstance(rows, range) and len(rows) == self._index.n:
            return {t for t in column.texts if t}
        maps = self._status_maps()
        if maps is None or len(rows) <= MIN_MAP_ROWS:
            return set(map(column.value, rows)) - {""}
        value = _as_map(rows, self._index.n).value
        return {t for t, m in maps.items() if m & value}

    def _status_maps(self) -> dict[str, int] | None:
        """Per HTTP status, its rows as a bit map (made once: a translate and a pack of the
        status byte plane per status, ~2 ms each at a million rows); None when the
        statuses do not fit a byte plane."""
        if self._status_rows is None:
            column = self._index.facets["http_status"]
            ids = column.ids
            if not (isinstance(ids, array) and ids.typecode == "B"):
                return None
            plane = ids.tobytes()
            maps: dict[str, int] = {}
            for number, text in enumerate(column.texts):
                if text:  # a status may have a value number per block: OR them
                    table = bytes(1 if i == number else 0 for i in range(256))
                    maps[text] = (
                        maps.get(text, 0) | Map.of_bytes(len(plane), plane.translate(table)).value
                    )
            self._status_rows = maps
        return self._status_rows

    # ----------------------------------------------------------------- caches
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

    def _exact_codes(self, codes: tuple[str, ...]) -> list[int]:
        return sorted(set(chain.from_iterable(map(self._exact_code, codes))))

    def _prefix_rows(self, prefix: str, digits_only: bool = False) -> RowSet:
        start, end = self._code_range(prefix, prefix + "\U0010ffff")
        rows = self._index.code_order[start:end]
        if digits_only:
            codes = self._index.sorted_codes[start:end]
            rows = array("i", compress(rows, map(str.isdigit, codes)))
        return self._rowset([rows], len(rows), one_sorted_part=False)

    # ----------------------------------------------------------------- facets
    def _facet_rows(self, name: str, wanted: Callable[[str], bool]) -> Map:
        """The rows whose value of facet ``name`` is ``wanted`` (cached by the values)."""
        column = self._index.facets[name]
        values = frozenset(i for i, text in enumerate(column.texts) if wanted(text))
        key = (name, values)
        found = self._facet_maps.get(key)
        if found is not None:
            self._facet_maps.move_to_end(key)
            return found
        n = self._index.n
        ids = column.ids
        plane = ids.tobytes() if isinstance(ids, array) and ids.typecode == "B" else None
        if plane is not None:
            table = bytes(1 if i in values else 0 for i in range(256))
            found = Map.of_bytes(n, plane.translate(table))
        elif column.ids is None:
            found = Map.of_bytes(n, bytes(map(values.__contains__, range(len(column.texts)))))
        else:
            found = Map.of_bytes(n, bytes(map(values.__contains__, column.ids)))
        self._facet_maps[key] = found
        if len(self._facet_maps) > FACET_CACHE_SIZE:
            self._facet_maps.popitem(last=False)
        return found

    def _allowed_rows(self, query: Query, filters: Filters) -> Map | None:
        """The rows the filters and the query's qualifiers allow (None: every row)."""
        parts: list[tuple[str, Callable[[str], bool]]] = [
            (name, values.__contains__) for name, values in filters.dimensions()
        ]
        if query.sources:
            parts.append(("source", lambda s: any(source_matches(s, v) for v in query.sources)))
        if query.categories:
            parts.append(("category", frozenset(query.categories).__contains__))
        if query.only_classes:
            parts.append(("status_class", frozenset(query.only_classes).__contains__))
        if query.statuses:
            parts.append(("http_status", lambda s: bool(s) and s.startswith(query.statuses)))
        value: int | None = None
        for name, wanted in parts:
            part = self._facet_rows(name, wanted).value
            value = part if value is None else value & part
        return None if value is None else Map(self._index.n, value)

    # ----------------------------------------------------------------- ranking
    def _ranked(self, query: Query) -> list[RowSet]:
        """The query's tiers, best first and disjoint: by code tier (exact code, returned
        with that HTTP status, code prefix/class/range, the rest), then by word tier (all
        words in a name field, words anywhere, typo-tolerant)."""
        n = self._index.n
        numeric_exact = self._exact_codes(query.codes)
        exact = self._exact_codes(query.codes + query.vendor_codes)
        with_status: RowSet = []
        if query.codes:
            with_status = self._facet_rows("http_status", set(query.codes).__contains__)
        status = subtract(with_status, exact, n)
        numeric = [self._prefix_rows(p, digits_only=True) for p in query.prefixes]
        if query.classes:
            numeric.append(self._facet_rows("status_class", set(query.classes).__contains__))
        if query.ranges:
            numeric.append(self._facet_rows("http_status", _in_ranges(query.ranges)))
        related = [*numeric, *(self._prefix_rows(v) for v in query.vendor_codes)]
        code_tiers: list[RowSet] = [exact, status]
        if related:
            code_tiers.append(subtract(subtract(self._union(related), exact, n), status, n))
        restrict: RowSet | None = None
        if query.has_codes:  # one of the code tokens must match
            restrict = self._union([numeric_exact, with_status, *numeric])
        else:
            rest: RowSet = range(n)
            for tier in code_tiers:
                rest = subtract(rest, tier, n)
            code_tiers.append(rest)
        word_tiers: tuple[RowSet, ...] = (range(n),)
        if query.words or query.cjk:
            last = len(query.words) - 1
            words = tuple(
                (word, query.last_is_prefix and position == last)
                for position, word in enumerate(query.words)
            )
            word_tiers = self._match_text(words, query.cjk)
        ranked: list[RowSet] = []
        for code_tier in code_tiers:
            if restrict is not None:
                code_tier = intersect(code_tier, restrict, n)
            if not size(code_tier):
                continue
            for word_tier in word_tiers:
                if size(word_tier):
                    part = intersect(code_tier, word_tier, n)
                    if size(part):
                        ranked.append(part)
        return ranked

    def _union(self, parts: Sequence[RowSet]) -> RowSet:
        parts = [p for p in parts if size(p)]
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


def _as_map(rows: Sequence[int], n: int) -> Map:
    """A result's rows as one bit map (its parts are disjoint)."""
    if isinstance(rows, RankedRows):
        value = 0
        lists: list[Sequence[int]] = []
        for part in rows.parts:
            if isinstance(part, Map):
                value |= part.value
            else:
                lists.append(part)
        return Map.marking(n, lists, value) if lists else Map(n, value)
    return Map.marking(n, [rows])


def _in_ranges(ranges: tuple[tuple[int, int], ...]) -> Callable[[str], bool]:
    def wanted(status: str) -> bool:
        return bool(status) and any(low <= int(status) <= high for low, high in ranges)

    return wanted


def _held_bytes(rows: Sequence[int]) -> int:
    return rows.map_bytes() if isinstance(rows, RankedRows) else 0
