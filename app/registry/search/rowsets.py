"""Row sets: the rows a query part matches, small or large, and the lazy ranked result.

Row sets are ascending lists while small and *bit maps* when large (:class:`Map`: bit ``r``
of one ``int`` is row ``r``), so a query matching 500,000 rows costs a few C passes over
125 KB instead of 500,000 Python steps: AND, OR, AND NOT and counting are ``int``
operations. Rows are marked one byte per row (``bytearray`` stores in C) and then packed
eight to a byte (:func:`pack`); the reverse (:func:`unpack`) serves tests of many candidate
rows. A large ranked result is a lazy :class:`RankedRows`: its length is exact, its rows
are decoded a block at a time when a view asks for them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, filterfalse, repeat
from operator import add, and_, or_, rshift, setitem
from typing import overload


def pack(marks: bytes | bytearray) -> int:
    """One byte per row (each 0 or 1) → the rows as the bits of an int: eight strided C
    copies, one per bit position, instead of a Python step per row."""
    if len(marks) % 8:
        marks = bytes(marks) + bytes(8 - len(marks) % 8)
    value = 0
    for bit in range(8):
        value |= int.from_bytes(marks[bit::8], "little") << bit
    return value


def unpack(value: int, n: int) -> bytes:
    """The inverse of :func:`pack`: one byte (0 or 1) per row for the first ``n`` rows."""
    bits = value.to_bytes((n + 7) // 8, "little")
    out = bytearray(8 * len(bits))
    for bit, table in enumerate(_BIT_OF):
        out[bit::8] = bits.translate(table)
    del out[n:]
    return bytes(out)


def change_bits(value: int, n: int, rows: Sequence[int], on: bool) -> int:
    """``value`` with the bits of ``rows`` set (``on``) or cleared, byte by byte in C:
    cheaper than :func:`pack` for a few rows (see :data:`PER_ROW_COST`)."""
    bits = bytearray(value.to_bytes((n + 7) // 8, "little"))
    at = list(map(rshift, rows, repeat(3)))
    positions = map(and_, rows, repeat(7))
    if on:
        changed = map(or_, map(bits.__getitem__, at), map(_MASKS.__getitem__, positions))
    else:
        changed = map(and_, map(bits.__getitem__, at), map(_CLEARS.__getitem__, positions))
    # map() reads each byte just before the previous row's store: rows sharing a byte add up
    deque(map(setitem, repeat(bits), at, changed), 0)
    return int.from_bytes(bits, "little")


@lru_cache(maxsize=4)
def all_rows(n: int) -> int:
    """Every row of ``n`` as bits."""
    return (1 << n) - 1


#: per byte value: the positions of its 1-bits; per bit position: its mask, the mask that
#: clears it, and the translate table that turns a byte into that bit (0 or 1)
_OFFSETS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]
_MASKS = [1 << bit for bit in range(8)]
_CLEARS = [255 ^ mask for mask in _MASKS]
_BIT_OF = [bytes(value >> bit & 1 for value in range(256)) for bit in range(8)]
_NONZERO = re.compile(b"[^\x00]")
_ONE = re.compile(b"\x01")
#: rows() decodes sets up to this size byte by byte, larger ones through unpack()
_FEW_ROWS = 4_096
#: testing or changing k rows bit by bit costs about as much as packing or unpacking
#: k * this many rows (a byte per row)
PER_ROW_COST = 100


class Map:
    """A large set of rows: bit ``r`` of :attr:`value` is row ``r``. The bytes of the bits
    (:attr:`bits`) and one byte per row (:meth:`byte_map`) are made once each, on demand."""

    __slots__ = ("_bits", "_bytes", "_count", "n", "value")

    def __init__(self, n: int, value: int, count_: int | None = None) -> None:
        self.n = n
        self.value = value
        self._count = count_
        self._bits: bytes | None = None
        self._bytes: bytes | None = None

    @property
    def count(self) -> int:
        if self._count is None:
            self._count = self.value.bit_count()
        return self._count

    @property
    def bits(self) -> bytes:
        if self._bits is None:
            self._bits = self.value.to_bytes((self.n + 7) // 8, "little")
        return self._bits

    def byte_map(self) -> bytes:
        """One byte per row, 1 for a member."""
        if self._bytes is None:
            self._bytes = unpack(self.value, self.n)
        return self._bytes

    @classmethod
    def of_bytes(cls, n: int, marks: bytes | bytearray) -> Map:
        """The rows whose byte in ``marks`` (one per row, each 0 or 1) is 1."""
        found = cls(n, pack(marks))
        if isinstance(marks, bytes) and len(marks) == n:
            found._bytes = marks
        return found

    @classmethod
    def marking(cls, n: int, parts: Iterable[Iterable[int]], base: int = 0) -> Map:
        """The union of ``parts`` (and of the rows in ``base``)."""
        parts = list(parts)
        if all(isinstance(p, Sequence) for p in parts):
            total = sum(map(len, parts))  # type: ignore[arg-type]
            if total * PER_ROW_COST < n:
                rows = list(chain.from_iterable(parts))
                return cls(n, change_bits(base, n, rows, on=True))
        marks = bytearray(n)
        for part in parts:
            deque(map(setitem, repeat(marks), part, repeat(1)), 0)
        return cls(n, pack(marks) | base)

    def without(self, rows: list[int]) -> Map:
        """This set minus ``rows`` (a sorted list)."""
        if len(rows) * PER_ROW_COST < self.n:
            return Map(self.n, change_bits(self.value, self.n, rows, on=False))
        return Map(self.n, self.value & ~Map.marking(self.n, [rows]).value)

    def members(self, rows: list[int]) -> Iterable[int]:
        """Per row of ``rows``: non-zero when it is in this set."""
        if self._bytes is None and len(rows) * PER_ROW_COST < self.n:
            bits = self.bits
            return map(
                and_,
                map(bits.__getitem__, map(rshift, rows, repeat(3))),
                map(_MASKS.__getitem__, map(and_, rows, repeat(7))),
            )
        return map(self.byte_map().__getitem__, rows)

    def rows(self) -> list[int]:
        """The member rows, ascending: byte by byte of the bits when they are few, else
        from one byte per row of the span that holds them (a C scan when they are dense
        there, as in a code prefix; a regex walk over the 1-bytes when not)."""
        count = self.count
        if not count:
            return []
        bits = self.bits
        if count <= _FEW_ROWS:
            out: list[int] = []
            for found in _NONZERO.finditer(bits):
                at = found.start()
                out.extend(map(add, _OFFSETS[bits[at]], repeat(8 * at)))
            return out
        first = len(bits) - len(bits.lstrip(b"\x00"))
        end = len(bits.rstrip(b"\x00"))
        start = 8 * first
        span = unpack(int.from_bytes(bits[first:end], "little"), 8 * (end - first))
        if len(span) < 16 * count:
            return list(compress(range(start, start + len(span)), span))
        return [m.start() + start for m in _ONE.finditer(span)]

    def held_bytes(self) -> int:
        size = (self.n + 7) // 8
        cached = (size if self._bits is not None else 0) + len(self._bytes or b"")
        return size + cached


#: A set of rows: ascending unique list, a bit map, or ``range(n)`` for every row.
RowSet = list[int] | Map | range


def size(rows: RowSet) -> int:
    return rows.count if isinstance(rows, Map) else len(rows)


def intersect(a: RowSet, b: RowSet, n: int) -> RowSet:
    if isinstance(a, range):
        return b
    if isinstance(b, range):
        return a
    if isinstance(a, Map) and isinstance(b, Map):
        return Map(n, a.value & b.value)
    if isinstance(a, Map):
        a, b = b, a
    assert isinstance(a, list)
    if isinstance(b, Map):
        return list(compress(a, b.members(a)))
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
            return Map(n, all_rows(n) & ~b.value)
        return Map(n, all_rows(n), count_=n).without(b)
    if isinstance(a, Map):
        if isinstance(b, Map):
            return Map(n, a.value & ~b.value)
        return a.without(b)
    if isinstance(b, Map):
        return list(compress(a, map(_not, b.members(a))))
    unwanted = set(b)
    return list(filterfalse(unwanted.__contains__, a))


def _not(value: int) -> bool:
    return not value


class RankedRows(Sequence[int]):
    """A ranked result too large to list eagerly: parts in rank order (ascending lists and
    bit maps, pairwise disjoint). ``len`` is exact; a row number is decoded only when asked
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

    @property
    def parts(self) -> list[list[int] | tuple[int, ...] | Map]:
        """The ranked parts (ascending lists and bit maps, pairwise disjoint)."""
        return self._parts

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
        step = self.BLOCK // 8  # bytes of bits per block
        counts = self._blocks.get(number)
        bits = part.bits
        if counts is None:
            counts = [0]
            self._blocks[number] = counts
        while counts[-1] <= offset and (len(counts) - 1) * step < len(bits):
            start = (len(counts) - 1) * step
            block = int.from_bytes(bits[start : start + step], "little")
            counts.append(counts[-1] + block.bit_count())
        index = bisect_right(counts, offset) - 1
        rows = self._decoded.get((number, index))
        if rows is None:
            start = index * step
            block = int.from_bytes(bits[start : start + step], "little")
            marks = unpack(block, 8 * len(bits[start : start + step]))
            rows = list(compress(range(8 * start, 8 * start + len(marks)), marks))
            self._decoded[(number, index)] = rows
        return rows[offset - counts[index]]

    def __iter__(self) -> Iterator[int]:
        for part in self._parts:
            if isinstance(part, Map):
                yield from part.rows()
            else:
                yield from part

    def __repr__(self) -> str:
        return f"<RankedRows of {self._len} rows>"

    def map_bytes(self) -> int:
        return sum(p.held_bytes() for p in self._parts if isinstance(p, Map))
