"""Bit maps: packing, unpacking and changing bits agree with a plain set of rows, whatever
the registry size (including sizes that are not a multiple of eight) and set density."""

from __future__ import annotations

import gc
import weakref

from hypothesis import given, settings
from hypothesis import strategies as st

from app.registry.bulk import settle
from app.registry.search.rowsets import (
    Map,
    RankedRows,
    change_bits,
    intersect,
    pack,
    subtract,
    unpack,
)


@st.composite
def sets_of_rows(draw: st.DrawFn) -> tuple[int, set[int]]:
    n = draw(st.integers(1, 3_000))
    return n, draw(st.sets(st.integers(0, n - 1), max_size=n))


def marks(n: int, rows: set[int]) -> bytes:
    return bytes(1 if r in rows else 0 for r in range(n))


@settings(max_examples=60, deadline=None)
@given(sets_of_rows(), st.data())
def test_bit_maps_agree_with_sets(case: tuple[int, set[int]], data: st.DataObject) -> None:
    n, rows = case
    value = pack(marks(n, rows))
    assert unpack(value, n) == marks(n, rows)
    found = Map(n, value)
    assert found.count == len(rows) and found.rows() == sorted(rows)
    assert Map.marking(n, [sorted(rows)]).value == value
    assert Map.marking(n, [iter(sorted(rows))]).value == value  # the byte-per-row path
    others = sorted(data.draw(st.sets(st.integers(0, n - 1), max_size=50)))
    assert change_bits(value, n, others, on=True) == pack(marks(n, rows | set(others)))
    assert change_bits(value, n, others, on=False) == pack(marks(n, rows - set(others)))
    assert found.without(others).rows() == sorted(rows - set(others))
    assert intersect(others, found, n) == sorted(rows & set(others))
    assert subtract(others, found, n) == sorted(set(others) - rows)
    found.byte_map()  # the byte-per-row path of membership tests
    assert intersect(others, found, n) == sorted(rows & set(others))
    assert subtract(others, found, n) == sorted(set(others) - rows)


@settings(max_examples=30, deadline=None)
@given(sets_of_rows())
def test_ranked_rows_decode_bit_maps_in_blocks(case: tuple[int, set[int]]) -> None:
    n, rows = case
    rest = sorted(set(range(n)) - rows)[:5]
    ranked = RankedRows([Map(n, pack(marks(n, rows))), rest])
    RankedRows.BLOCK = 64  # several blocks even for a small registry
    try:
        expected = sorted(rows) + rest
        assert len(ranked) == len(expected)
        assert [ranked[i] for i in range(len(ranked))] == expected == list(ranked)
    finally:
        RankedRows.BLOCK = 8_192


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_settle_freezes_what_is_alive_until_the_next_settle() -> None:
    try:
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        settle()
        assert gc.get_freeze_count() > 0
        del cycle
        gc.collect()
        assert alive() is not None  # frozen: full collections no longer scan it
        settle()  # unfreezes and collects once before freezing again
        assert alive() is None
    finally:
        gc.unfreeze()
