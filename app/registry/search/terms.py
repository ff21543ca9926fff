"""Terms: what one query word (or Chinese run) matches, as row sets.

A term holds, per column, the postings (text numbers) of the vocabulary words it stands for.
Its rows are made on demand: expanded from the postings through the CSR tables (a sorted
list when few, else one marking pass that records body and name matches at once, a byte
per row, packed into two bit maps: :attr:`Term.planes`), or — when a few candidate rows are
already known — checked row by row against the term's text numbers (:meth:`TermRows._verify`),
whichever costs fewer C-level steps. A broad term's planes were made by the build: they come
compressed (:attr:`Term.packed`, see :func:`pack_planes`), or are the union of such planes
of the ranges inside a prefix's (:attr:`Term.packed` is then a function that makes them).
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, filterfalse, islice, repeat
from operator import setitem

from app.registry.search.columns import BUILD_CHUNK
from app.registry.search.index import Index
from app.registry.search.rowsets import (
    PER_ROW_COST,
    Map,
    RowSet,
    change_bits,
    intersect,
    pack,
)

_ANY_LEVEL = bytes([0, 1, 1, 1]) + bytes(252)  # translate tables for the levels of _mark()
_NAME_LEVEL = bytes([0, 0, 1, 1]) + bytes(252)
#: (rows matched anywhere, rows matched in a name column), as bit maps
Planes = tuple[int, int]


def planes_of(levels: bytes) -> Planes:
    """The two planes of :meth:`TermRows._mark` levels."""
    return pack(levels.translate(_ANY_LEVEL)), pack(levels.translate(_NAME_LEVEL))


def pack_planes(planes: Planes, n: int) -> bytes:
    """Both planes as bytes for :attr:`Term.packed` and the snapshot: zlib-compressed when
    that shrinks them to a quarter or less (sparse planes), else as they are — inflating
    costs ~1 ms per 60 KB of compressed data on the keystroke that first needs the term
    (at a million rows: +20 MB of snapshot, every first use under ~1 ms)."""
    size = (n + 7) // 8
    data = planes[0].to_bytes(size, "little") + planes[1].to_bytes(size, "little")
    packer = zlib.compressobj(1, zlib.DEFLATED, 15, 9, zlib.Z_RLE)  # mostly runs of zeros
    compressed = packer.compress(data) + packer.flush()
    if 4 * len(compressed) <= len(data):
        return _COMPRESSED + compressed
    return _RAW + data


def unpack_planes(packed: bytes, n: int) -> Planes:
    body = memoryview(packed)[1:]
    data = zlib.decompress(body) if packed[:1] == _COMPRESSED else body
    size = (n + 7) // 8
    if len(data) != 2 * size or packed[:1] not in (_COMPRESSED, _RAW):
        raise ValueError("packed planes of another size or kind")
    return int.from_bytes(data[:size], "little"), int.from_bytes(data[size:], "little")


_COMPRESSED, _RAW = b"z", b"r"


class Term:
    """One query word (or Chinese run): per column, the postings (local text numbers) of the
    words it stands for; lazily their union as a set, and the rows matching anywhere / in a
    name column.

    The postings may be given later, by ``load()`` on first use: a prefix of a large
    vocabulary (``e`` among a million codes ``E0000001``…) stands for up to every word, and
    its precomputed planes usually make the per-column lists unnecessary."""

    __slots__ = (
        "_load",
        "_per_column",
        "_sets",
        "_weights",
        "estimate",
        "fuzzy",
        "name_rows",
        "packed",
        "planes",
        "rows",
    )

    def __init__(
        self,
        per_column: list[tuple[Sequence[int], ...]] | None,
        weights: list[int] | None,
        fuzzy: bool,
        *,
        estimate: int | None = None,
        load: Callable[[], tuple[list[tuple[Sequence[int], ...]], list[int]]] | None = None,
    ) -> None:
        self._per_column = per_column
        self._weights = weights  # per column: rows of the matched texts (once per word)
        self._load = load
        # an upper bound of the rows matched anywhere
        self.estimate = sum(weights) if estimate is None and weights is not None else estimate or 0
        self.fuzzy = fuzzy
        self.rows: RowSet | None = None
        self.name_rows: RowSet | None = None
        self.planes: Planes | None = None  # rows matched anywhere, in a name column
        #: the planes precomputed by the build (compressed), or a function composing them
        self.packed: bytes | Callable[[], Planes] | None = None
        self._sets: dict[int, frozenset[int]] = {}

    @property
    def per_column(self) -> list[tuple[Sequence[int], ...]]:
        if self._per_column is None:
            assert self._load is not None
            self._per_column, self._weights = self._load()
            self._load = None
        return self._per_column

    @property
    def weights(self) -> list[int]:
        if self._weights is None:
            self.per_column  # noqa: B018 — loads both
        assert self._weights is not None
        return self._weights

    def has_set(self, column: int) -> bool:
        return column in self._sets

    def texts_in(self, column: int) -> frozenset[int]:
        found = self._sets.get(column)
        if found is None:
            found = frozenset(chain.from_iterable(self.per_column[column]))
            self._sets[column] = found
        return found

    def sorted_texts(self, column: int) -> Sequence[int]:
        lists = self.per_column[column]
        if len(lists) == 1:
            return lists[0]
        return sorted(self.texts_in(column))

    def map_bytes(self) -> int:
        held = sum(r.held_bytes() for r in (self.rows, self.name_rows) if isinstance(r, Map))
        return held + (sum(p.bit_length() for p in self.planes) // 8 if self.planes else 0)


class TermRows:
    """The rows of terms over :attr:`_index`; a base of :class:`~.engine.QueryEngine`."""

    _index: Index
    #: Row sets of at least this many rows are bit maps (see ``QueryEngine._setup``).
    _map_threshold: int

    def _rowset(self, parts: list[Iterable[int]], estimate: int, one_sorted_part: bool) -> RowSet:
        """The union of ``parts`` as a row set: a bit map when large, else a sorted list."""
        if estimate >= self._map_threshold:
            return Map.marking(self._index.n, parts)
        if one_sorted_part and len(parts) == 1:
            return list(parts[0])
        return sorted(set(chain.from_iterable(parts)))

    def _term_rows(self, term: Term) -> RowSet:
        if term.rows is None:
            term.rows = self._expand(term, name_only=False)
        return term.rows

    def _term_name_rows(self, term: Term) -> RowSet:
        if term.name_rows is None:
            rows = term.rows
            if isinstance(rows, list) and not self._cheaper_to_expand(rows, term, True):
                term.name_rows = self._verify(rows, term, name_only=True)
            else:
                term.name_rows = self._expand(term, name_only=True)
        return term.name_rows

    def _term_body_only(self, term: Term) -> RowSet | None:
        """Rows matching the term outside name columns only, when its planes are known."""
        if term.planes is None:
            return None
        anywhere, in_name = term.planes
        return Map(self._index.n, anywhere & ~in_name)

    def _expand(self, term: Term, name_only: bool) -> RowSet:
        n = self._index.n
        if term.planes is None and term.packed is not None:  # precomputed by the build
            packed = term.packed
            term.planes = packed() if callable(packed) else unpack_planes(packed, n)
        if term.planes is not None:
            return Map(n, term.planes[1 if name_only else 0])
        used: list[int] = []
        for number, column in enumerate(self._index.columns):
            if not term.per_column[number] or (name_only and not column.is_name):
                continue
            if column.constant:
                return range(n)
            used.append(number)
        if not used:
            return []
        estimate = sum(term.weights[number] for number in used)
        if estimate < self._map_threshold:
            columns = self._index.columns
            parts = [columns[c].expand(term.sorted_texts(c)) for c in used]
            single = len(used) == 1 and (
                columns[used[0]].ids is None or len(term.per_column[used[0]][0]) == 1
            )
            return self._rowset(
                parts, estimate, one_sorted_part=single and len(term.per_column[used[0]]) == 1
            )
        if name_only:  # ``used`` holds the name columns only: no planes from it
            if estimate * PER_ROW_COST < n:  # few rows: their bits one by one
                return Map(n, change_bits(0, n, self._rows_of(term, used, True), on=True))
            return Map.of_bytes(n, self._mark(term, used, name_only=True))
        term.planes = self._planes(term, used)
        return Map(n, term.planes[0])

    def _planes(self, term: Term, used: list[int]) -> Planes:
        """Both planes of ``term`` over the ``used`` columns: few rows have their bits set
        one by one, more are marked a byte per row and packed (two packs, ~4 ms at 1M)."""
        n = self._index.n
        estimate = sum(term.weights[number] for number in used)
        if estimate * PER_ROW_COST < 2 * n:
            in_name = change_bits(0, n, self._rows_of(term, used, in_name=True), on=True)
            body = self._rows_of(term, used, in_name=False)
            return change_bits(in_name, n, body, on=True), in_name
        return planes_of(self._mark(term, used, name_only=False))

    def _rows_of(self, term: Term, used: list[int], in_name: bool) -> list[int]:
        """The rows of ``term`` in the ``used`` columns that are (or are not) name columns,
        unsorted and possibly repeated."""
        columns = self._index.columns
        return list(
            chain.from_iterable(
                columns[c].expand(term.sorted_texts(c))
                for c in used
                if columns[c].is_name == in_name
            )
        )

    def _mark(self, term: Term, used: list[int], name_only: bool) -> bytes:
        """One pass for both tiers: a byte per row, 1 = matched in the body, 2 = in a name
        column (3 = both, where a column's matches were marked by their complement); with
        ``name_only``, 1 = in a name column."""
        n = self._index.n
        marks = bytearray(n)
        inverted = 0
        for level in (1, 2):
            for number in used:
                column = self._index.columns[number]
                if column.is_name != (level == 2):
                    continue
                wanted_level = 1 if name_only else level
                if column.ids is not None and term.weights[number] > n // 2:
                    # most rows match: mark the rows of the other texts instead, and invert
                    wanted = term.texts_in(number)
                    others = list(filterfalse(wanted.__contains__, range(column.size)))
                    own = bytearray([wanted_level]) * n
                    _set_all(own, column.expand(others), 0)
                    inverted |= int.from_bytes(own, "little")
                else:
                    _set_all(marks, column.expand(term.sorted_texts(number)), wanted_level)
        if inverted:
            return (int.from_bytes(marks, "little") | inverted).to_bytes(n, "little")
        return bytes(marks)

    def _narrow(self, rows: RowSet, term: Term, name_only: bool) -> RowSet:
        """Those of ``rows`` matching ``term`` (anywhere, or in a name column)."""
        n = self._index.n
        if isinstance(rows, range):
            return self._term_name_rows(term) if name_only else self._term_rows(term)
        if isinstance(rows, Map) and rows.count < self._map_threshold:
            rows = rows.rows()  # few enough to check one by one
        known = term.name_rows if name_only else term.rows
        if known is None and (term.planes is not None or term.packed is not None):  # a Map away
            known = self._term_name_rows(term) if name_only else self._term_rows(term)
        if known is not None and (
            not isinstance(known, list)  # a map: one byte lookup per row
            or isinstance(rows, Map)
            or len(known) <= 8 * len(rows)
        ):
            return intersect(rows, known, n)
        if isinstance(rows, Map) or self._cheaper_to_expand(rows, term, name_only, not name_only):
            other = self._term_name_rows(term) if name_only else self._term_rows(term)
            return intersect(rows, other, n)
        return self._verify(rows, term, name_only)

    def _verify(self, rows: list[int], term: Term, name_only: bool) -> list[int]:
        """Those of ``rows`` whose texts match ``term``, checked row by row (in C loops)."""
        hits: set[int] | None = None
        for number, column in enumerate(self._index.columns):
            if not term.per_column[number] or (name_only and not column.is_name):
                continue
            if column.constant:
                return rows
            found = column.keep(rows, term.texts_in(number))
            if hits is None:
                hits = set(found)
            else:
                hits.update(found)
        if not hits:
            return []
        return list(filter(hits.__contains__, rows))

    def _cheaper_to_expand(
        self, rows: list[int], term: Term, name_only: bool, packed: bool = False
    ) -> bool:
        """Checking ``rows`` one by one needs the term's texts as sets; marking its rows
        needs a pass over them, or (``packed``: its precomputed planes may be used) a
        decompression of its packed planes. Compare the two (in units of one C-level step)."""
        check = 0
        columns = 0
        for number, column in enumerate(self._index.columns):
            lists = term.per_column[number]
            if not lists or (name_only and not column.is_name):
                continue
            columns += 1
            if not term.has_set(number):
                check += 2 * sum(map(len, lists))
        check += len(rows) * columns
        cost = term.estimate
        if packed and term.packed is not None:
            cost = min(cost, self._index.n // 4)  # decompress and translate, in C
        return cost < check


def _set_all(marks: bytearray, rows: Iterable[int], value: int) -> None:
    """``marks[row] = value`` for every row, in C passes of at most :data:`BUILD_CHUNK` rows
    (a build in a worker thread marks a million rows: the UI thread gets the GIL between)."""
    rows = iter(rows)
    while True:
        deque(map(setitem, repeat(marks), islice(rows, BUILD_CHUNK), repeat(value)), 0)
        row = next(rows, -1)
        if row < 0:
            return
        marks[row] = value
