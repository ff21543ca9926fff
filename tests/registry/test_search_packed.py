"""Packed planes: the build precomputes the rows of broad words and prefixes (what the first
keystroke needing them would otherwise mark row by row); using them changes no result, not
even its type, they survive a snapshot, and a damaged packed section is refused."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.registry.search.engine as engine_module
import app.registry.search.matching as matching_module
import app.registry.search.terms as terms_module
from app.registry.entry_table import EntryTable
from app.registry.importers import ImportedRow
from app.registry.search import BuildCancelled, Filters, QueryEngine, SnapshotReader, SnapshotWriter
from app.registry.search.index import read_packed
from app.registry.search.terms import planes_of, unpack_planes
from tests.benchmarks.synthetic import vendor_rows

WORDS = ["token", "expired", "bucket", "not", "found", "quota", "exceeded", "the", "request"]
WORDS += ["contact", "support", "obs.04", "apig.01", "timeout", "forbiden", "桶不存在", "4xx"]


@pytest.fixture(scope="module")
def table() -> EntryTable:
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(2_000, seed=11)]
    return EntryTable.from_imported(rows, "Cloud")


@pytest.fixture(scope="module")
def engines(table: EntryTable) -> Iterator[tuple[QueryEngine, QueryEngine]]:
    """(packed, plain): the same small maps, with and without the precomputed planes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "MIN_MAP_ROWS", 64)
        patch.setattr(engine_module, "MAP_FRACTION", 64)
        patch.setattr(matching_module, "PACKED_MIN_ROWS", 100)
        packed = QueryEngine(table)
        patch.setattr(matching_module, "PACKED_MIN_ROWS", 10**9)
        plain = QueryEngine(table)
        yield packed, plain


def test_broad_words_and_prefixes_are_packed(engines: tuple[QueryEngine, QueryEngine]) -> None:
    packed, plain = engines
    index = packed._index
    assert len(index.packed) > 10 and not plain._index.packed
    words = [end - start == 1 for start, end in index.packed]
    assert any(words) and not all(words)  # finished words and longer prefix ranges
    for (start, end), blob in index.packed.items():
        term = plain._term_of(index.vocab[start:end], fuzzy=False)
        used = [k for k, found in enumerate(term.per_column) if found]
        levels = plain._mark(term, used, name_only=False)
        assert unpack_planes(blob, index.n) == planes_of(levels)
        assert index.vocab_rows[end] - index.vocab_rows[start] >= 100


def test_prefixes_made_of_packed_parts_are_not_stored_again(
    engines: tuple[QueryEngine, QueryEngine],
) -> None:
    """A broad prefix whose planes are the union of a few packed ranges inside it is left
    out of the snapshot and composed on first use: the same planes as marking its rows."""
    packed, plain = engines
    index = packed._index
    vocab, rows = index.vocab, index.vocab_rows
    composed = 0
    for prefix in sorted({w[:k] for w in vocab for k in range(1, len(w) + 1)}):
        start = bisect_left(vocab, prefix)
        end = bisect_left(vocab, prefix + "\U0010ffff")
        if (start, end) in index.packed or rows[end] - rows[start] < 100:
            continue
        term = packed._range_term(start, end)
        if callable(term.packed):
            composed += 1
            reference = plain._term_of(vocab[start:end], fuzzy=False)
            used = [k for k, found in enumerate(reference.per_column) if found]
            assert term.packed() == planes_of(plain._mark(reference, used, name_only=False))
    assert composed > 3


def _same(packed: QueryEngine, plain: QueryEngine, text: str, f: Filters | None = None) -> None:
    a, b = packed.search(text, f), plain.search(text, f)
    assert type(a) is type(b) and list(a) == list(b), (text, f)


def test_packed_planes_change_no_result(engines: tuple[QueryEngine, QueryEngine]) -> None:
    packed, plain = engines
    filters = [None, Filters(classes=frozenset({"4xx"}))]
    for engine in engines:
        engine.clear_caches()
    for word in WORDS:
        for text in [word[:i] for i in range(1, len(word) + 1)] + [word + " "]:
            for f in filters:
                _same(packed, plain, text, f)
    for text in ["the request", "request the ", "t", "th", "re", "quota exc", "not found"]:
        _same(packed, plain, text)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))
def test_typing_with_packed_planes(engines: tuple[QueryEngine, QueryEngine], query: str) -> None:
    packed, plain = engines
    packed.clear_caches()
    for text in [query[:i] for i in range(1, len(query) + 1)] + [query + " "]:
        rows = list(packed.search(text))  # caches warm: typing narrows
        plain.clear_caches()
        assert rows == list(plain.search(text)), text


def test_packed_planes_survive_a_snapshot(
    table: EntryTable, engines: tuple[QueryEngine, QueryEngine]
) -> None:
    packed, plain = engines
    loaded = QueryEngine.from_snapshot(table, packed.snapshot())
    assert loaded._index.packed == packed._index.packed
    empty = QueryEngine.from_snapshot(table, plain.snapshot())
    assert empty._index.packed == {}
    for text in ["the ", "request", "quota exc", "t", "bucket not f"]:
        _same(loaded, plain, text)


def test_damaged_packed_sections_are_refused() -> None:
    def reader(keys: list[int], ends: list[int], data: bytes) -> SnapshotReader:
        writer = SnapshotWriter()
        writer.ints("e.packed.keys", keys, "q")
        writer.ints("e.packed.ends", ends, "q")
        writer.add("e.packed.data", data)
        return SnapshotReader(writer.finish())

    assert read_packed(reader([0, 2], [3], b"abc"), "e", 5) == {(0, 2): b"abc"}
    for keys, ends, data, words in (
        ([0, 2, 3], [3], b"abc", 5),  # odd keys
        ([0, 2], [4], b"abc", 5),  # data cut short
        ([0, 9], [3], b"abc", 5),  # outside the vocabulary
    ):
        with pytest.raises(ValueError):
            read_packed(reader(keys, ends, data), "e", words)


def test_packing_reports_progress_and_can_be_cancelled(
    table: EntryTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "MIN_MAP_ROWS", 64)
    monkeypatch.setattr(engine_module, "MAP_FRACTION", 64)
    monkeypatch.setattr(matching_module, "PACKED_MIN_ROWS", 100)
    seen: list[float] = []
    QueryEngine.build(table, seen.append, lambda: False)
    assert seen == sorted(seen) and seen[-1] == 1.0
    packing = 1.0 - engine_module.PACKING_SHARE
    assert any(packing < f < 1.0 for f in seen)  # the packing pass reports too
    seen.clear()
    with pytest.raises(BuildCancelled):  # cancelled once the index proper is built
        QueryEngine.build(table, seen.append, lambda: bool(seen) and seen[-1] >= packing)


def test_packing_later_while_the_engine_answers(
    table: EntryTable, engines: tuple[QueryEngine, QueryEngine], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pack=False`` hands the engine over before the broad terms are packed (the app
    shows a fresh import that way); ``pack_broad_terms`` afterwards gives the same planes,
    and terms it already answered stay right."""
    packed, plain = engines
    monkeypatch.setattr(engine_module, "MIN_MAP_ROWS", 64)
    monkeypatch.setattr(engine_module, "MAP_FRACTION", 64)
    monkeypatch.setattr(matching_module, "PACKED_MIN_ROWS", 100)
    seen: list[float] = []
    later = QueryEngine.build(table, seen.append, pack=False)
    assert later._index.packed == {} and seen[-1] == 1.0
    early = {text: list(later.search(text)) for text in ["the ", "request", "t", "quota exc"]}
    later.pack_broad_terms()
    assert later._index.packed == packed._index.packed
    for text, rows in early.items():
        assert list(later.search(text)) == rows == list(plain.search(text)), text
    for text in ["re", "th", "bucket not f", "token"]:
        _same(later, plain, text)
    with pytest.raises(BuildCancelled):
        QueryEngine.build(table, pack=False).pack_broad_terms(cancelled=lambda: True)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 7, 9])
def test_marking_in_chunks_marks_every_row(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_module, "BUILD_CHUNK", 3)
    marks = bytearray(2 * count + 1)
    terms_module._set_all(marks, iter(range(0, 2 * count, 2)), 2)
    assert [r for r, v in enumerate(marks) if v] == list(range(0, 2 * count, 2))
    assert set(marks) <= {0, 2}


@pytest.mark.parametrize("per_row_cost", [1, 30, 100, 1_000, 10**6])
def test_name_rows_first_do_not_change_the_rows_anywhere(
    table: EntryTable, monkeypatch: pytest.MonkeyPatch, per_row_cost: int
) -> None:
    """Asking a term for its rows in a name column first (a multi-word query does) must not
    leave it with planes made from the name columns alone."""
    monkeypatch.setattr(terms_module, "PER_ROW_COST", per_row_cost)
    monkeypatch.setattr(engine_module, "MIN_MAP_ROWS", 64)
    monkeypatch.setattr(engine_module, "MAP_FRACTION", 64)
    monkeypatch.setattr(matching_module, "PACKED_MIN_ROWS", 10**9)
    engine = QueryEngine(table)
    for word in ["request", "quota", "bucket", "the", "token", "not"]:
        names_first = engine._term_of([word], fuzzy=False)
        fresh = engine._term_of([word], fuzzy=False)
        in_name = engine._term_name_rows(names_first)
        assert _members(engine._term_rows(names_first)) == _members(engine._term_rows(fresh))
        assert _members(in_name) <= _members(engine._term_rows(fresh)), word


def _members(rows: object) -> set[int]:
    from app.registry.search.rowsets import Map

    return set(rows.rows() if isinstance(rows, Map) else rows)  # type: ignore[call-overload]


def test_planes_are_stored_raw_when_compression_would_not_pay() -> None:
    import random

    from app.registry.search.terms import pack_planes

    n = 80_000
    sparse = (1 << 5) | (1 << 70_000), 1 << 5  # compresses to a few bytes
    noise = random.Random(7)
    dense = noise.getrandbits(n), noise.getrandbits(n)
    for planes, kind in ((sparse, b"z"), (dense, b"r")):
        packed = pack_planes(planes, n)
        assert packed[:1] == kind and unpack_planes(packed, n) == planes
    with pytest.raises(ValueError):
        unpack_planes(b"x" + pack_planes(dense, n)[1:], n)  # an unknown kind
    with pytest.raises(ValueError):
        unpack_planes(pack_planes(dense, n)[:-1], n)  # cut short
