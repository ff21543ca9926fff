"""Row sets: the rows a query part matches, small or large, and the lazy ranked result.

Row sets are ascending lists while small and *byte maps* when large (:class:`Map`: one
byte per entry; AND, OR, AND NOT and counting run over the whole set as one ``int``), so a
query matching 500,000 rows costs a few C passes instead of 500,000 Python steps. A large
ranked result is a lazy :class:`RankedRows`: its length is exact, its rows are decoded a
block at a time when a view asks for them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, compress, filterfalse, repeat
from operator import setitem
from typing import overload


class Map:
    """A large set of rows: one byte per row of the registry, 1 for a member. Kept as
    ``bytes`` (membership, decoding) and/or as the same bytes read as one ``int`` (AND, OR,
    AND NOT and counting run in C over the whole set); each form is made once, on demand."""

    __slots__ = ("_count", "_data", "_value", "n")

    def __init__(
        self, n: int, data: bytes | None = None, value: int | None = None, count_: int | None = None
    ) -> None:
        self.n = n
        self._data = data
        self._value = value
        self._count = count_

    @property
    def data(self) -> bytes:
        if self._data is None:
            assert self._value is not None
            self._data = self._value.to_bytes(self.n, "little")
        return self._data

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = int.from_bytes(self.data, "little")
        return self._value

    @property
    def count(self) -> int:
        if self._count is None:
            self._count = self.value.bit_count()
        return self._count

    @classmethod
    def marking(cls, n: int, parts: Iterable[Iterable[int]], base: bytes | None = None) -> Map:
        marks = bytearray(base) if base is not None else bytearray(n)
        for part in parts:
            deque(map(setitem, repeat(marks), part, repeat(1)), 0)
        return cls(n, bytes(marks))

    def without(self, rows: list[int]) -> Map:
        """This set minus ``rows`` (a sorted list)."""
        marks = bytearray(self.data)
        deque(map(setitem, repeat(marks), rows, repeat(0)), 0)
        return Map(self.n, bytes(marks))

    def rows(self) -> list[int]:
        """The member rows, ascending: a C scan of the span that holds them when they are
        dense there (a code prefix), a regex walk over the 1-bytes when they are few."""
        data = self.data
        first = data.find(1)
        if first < 0:
            return []
        last = data.rfind(1)
        if last - first < 16 * self.count:
            return list(compress(range(first, last + 1), data[first : last + 1]))
        return [m.start() for m in _ONE.finditer(data, first)]

    def held_bytes(self) -> int:
        return (self.n if self._data is not None else 0) + (
            self.n // 8 if self._value is not None else 0
        )


_ONE = re.compile(b"\x01")
#: A set of rows: ascending unique list, a byte map, or ``range(n)`` for every row.
RowSet = list[int] | Map | range


def size(rows: RowSet) -> int:
    return rows.count if isinstance(rows, Map) else len(rows)


def intersect(a: RowSet, b: RowSet, n: int) -> RowSet:
    if isinstance(a, range):
        return b
    if isinstance(b, range):
        return a
    if isinstance(a, Map) and isinstance(b, Map):
        return Map(n, value=a.value & b.value)
    if isinstance(a, Map):
        a, b = b, a
    assert isinstance(a, list)
    if isinstance(b, Map):
        return list(compress(a, map(b.data.__getitem__, a)))
    if len(a) > len(b):
        a, b = b, a
    wanted = set(a)
    return list(filter(wanted.__contains__, b))


def subtract(a: RowSet, b: RowSet, n: int) -> RowSet:
    """``a`` without ``b``."""
    if not size(b) or not size(a):
        return a
    if isinstance(b, range):
        return []
    if isinstance(a, range):
        if isinstance(b, Map):
            return Map(n, value=_all_ones(n) & ~b.value)
        return Map(n, ones(n), count_=n).without(b)
    if isinstance(a, Map):
        if isinstance(b, Map):
            return Map(n, value=a.value & ~b.value)
        return a.without(b)
    if isinstance(b, Map):
        return list(filterfalse(b.data.__getitem__, a))
    unwanted = set(b)
    return list(filterfalse(unwanted.__contains__, a))


def ones(n: int) -> bytes:
    return b"\x01" * n


@lru_cache(maxsize=4)
def _all_ones(n: int) -> int:
    return int.from_bytes(ones(n), "little")


class RankedRows(Sequence[int]):
    """A ranked result too large to list eagerly: parts in rank order (ascending lists and
    byte maps, pairwise disjoint). ``len`` is exact; a row number is decoded only when asked
    for, a block of 8,192 rows at a time, so a view that shows thirty rows pays for thirty."""

    BLOCK = 8_192

    __slots__ = ("_blocks", "_decoded", "_len", "_parts", "_starts")

    def __init__(self, parts: Sequence[list[int] | tuple[int, ...] | Map]) -> None:
        self._parts = [p for p in parts if size(p)]  # type: ignore[arg-type]
        self._starts = list(accumulate(map(size, self._parts), initial=0))  # type: ignore[arg-type]
        self._len = self._starts[-1]
        self._blocks: dict[int, list[int]] = {}  # per map part: cumulative counts per block
        self._decoded: dict[tuple[int, int], list[int]] = {}

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("result index out of range")
        number = bisect_right(self._starts, index) - 1
        part = self._parts[number]
        offset = index - self._starts[number]
        if isinstance(part, Map):
            return self._select(number, part, offset)
        return part[offset]

    def _select(self, number: int, part: Map, offset: int) -> int:
        block = self.BLOCK
        counts = self._blocks.get(number)
        data = part.data
        if counts is None:
            counts = [0]
            self._blocks[number] = counts
        while counts[-1] <= offset and (len(counts) - 1) * block < len(data):
            start = (len(counts) - 1) * block
            counts.append(counts[-1] + data.count(1, start, start + block))
        index = bisect_right(counts, offset) - 1
        rows = self._decoded.get((number, index))
        if rows is None:
            start = index * block
            rows = list(compress(range(start, start + block), data[start : start + block]))
            self._decoded[(number, index)] = rows
        return rows[offset - counts[index]]

    def __iter__(self) -> Iterator[int]:
        for part in self._parts:
            if isinstance(part, Map):
                yield from compress(range(len(part.data)), part.data)
            else:
                yield from part

    def __repr__(self) -> str:
        return f"<RankedRows of {self._len} rows>"

    def map_bytes(self) -> int:
        return sum(p.held_bytes() for p in self._parts if isinstance(p, Map))
