"""The scalable query engine: typing narrows incrementally yet gives exactly the fresh result,
large row sets (byte maps, lazy RankedRows) rank like small ones, the build reports progress
and can be cancelled, and every word applies, however broad."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.registry.search.engine as search_module
import app.registry.search.terms as terms_module
from app.registry.entry_table import EntryTable
from app.registry.importers import ImportedRow
from app.registry.query import words_of
from app.registry.search import (
    BuildCancelled,
    Filters,
    QueryEngine,
    RankedRows,
    _word_lists,
)
from tests.benchmarks.synthetic import vendor_rows
from tests.registry.search_reference import Reference

SIZE = 3_000


@pytest.fixture(scope="module")
def table() -> EntryTable:
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(SIZE, seed=5)]
    return EntryTable.from_imported(rows, "Cloud")


@pytest.fixture(scope="module")
def engine(table: EntryTable) -> Iterator[QueryEngine]:
    """Row sets of a few hundred rows already become bit maps here: exercises that path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "MIN_MAP_ROWS", 64)
        patch.setattr(search_module, "MAP_FRACTION", 64)
        yield QueryEngine(table)


VOCABULARY = [
    "token",
    "expired",
    "bucket",
    "not",
    "found",
    "quota",
    "exceeded",
    "obs.04",
    "apig.01",
    "timeout",
    "contact",
    "technical",
    "support",
    "the",
    "request",
    "forbiden",
    "桶不存在",
    "请求",
    "403",
    "4xx",
    "invalid",
]
QUERY = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(" ".join)


def fresh(engine: QueryEngine, text: str, filters: Filters | None = None) -> list[int]:
    engine.clear_caches()
    return list(engine.search(text, filters))


@settings(max_examples=40, deadline=None)
@given(st.lists(QUERY, min_size=1, max_size=3))
def test_typing_and_deleting_give_fresh_results(engine: QueryEngine, queries: list[str]) -> None:
    typed: list[tuple[str, list[int]]] = []
    for query in queries:  # one engine, caches warm: each keystroke may reuse the last one
        for text in [query[:i] for i in range(1, len(query) + 1)] + [query + " "]:
            typed.append((text, list(engine.search(text))))
        for text in [query[:i] for i in range(len(query) - 1, -1, -1)]:
            typed.append((text, list(engine.search(text))))
    for text, rows in typed:
        assert rows == fresh(engine, text), text


@pytest.mark.parametrize("per_row_cost", [1, 30, 100, 10**6])  # bits set one by one … packed
def test_bit_maps_rank_like_sorted_lists(
    table: EntryTable, engine: QueryEngine, monkeypatch: pytest.MonkeyPatch, per_row_cost: int
) -> None:
    with_maps = engine
    monkeypatch.setattr(search_module, "MIN_MAP_ROWS", 10**9)
    without = QueryEngine(table)
    monkeypatch.setattr(terms_module, "PER_ROW_COST", per_row_cost)
    with_maps.clear_caches()
    filters = [None, Filters(classes=frozenset({"4xx"})), Filters(sources=frozenset({"Cloud"}))]
    for text in [*VOCABULARY, "", "c", "co", "bucket not f", "quota exc", "obs", "obs."]:
        for f in filters:
            assert list(with_maps.search(text, f)) == list(without.search(text, f)), (text, f)
    with_maps.clear_caches()  # its results were finished under the patched constant


def test_large_results_are_lazy_but_complete(engine: QueryEngine) -> None:
    engine.clear_caches()
    result = engine.search("the")
    assert isinstance(result, RankedRows)
    rows = list(result)
    assert len(result) == len(rows) == len(set(rows))
    assert [result[i] for i in range(len(rows))] == rows
    assert result[-1] == rows[-1] and result[5:9] == rows[5:9]
    with pytest.raises(IndexError):
        result[len(rows)]
    assert repr(result).startswith("<RankedRows")


def test_empty_query_and_filters(engine: QueryEngine, table: EntryTable) -> None:
    assert engine.search("") == range(len(table))
    five = Filters(classes=frozenset({"5xx"}))
    expected = [r for r, e in enumerate(table) if e.status_class == "5xx"]
    assert list(engine.search("", five)) == expected
    assert list(engine.search("the", five)) == [r for r in engine.search("the") if r in expected]


def test_build_reports_progress_and_can_be_cancelled(table: EntryTable) -> None:
    seen: list[float] = []
    QueryEngine.build(table, seen.append, lambda: False)
    assert seen and seen == sorted(seen) and seen[-1] == 1.0
    calls = 0

    def cancel_after_three() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(BuildCancelled):
        QueryEngine.build(table, None, cancel_after_three)


def test_every_word_applies_however_broad(table: EntryTable, engine: QueryEngine) -> None:
    """No cap: a lone letter, a broad prefix and a broad last word are all applied."""
    reference = Reference(table)
    for text in ("t", "co", "bucket t", "the", "the "):
        rows = engine.search(text)
        assert not isinstance(rows, range), text
        assert list(rows) == reference.search(text), text


@pytest.mark.parametrize(
    "texts",
    [
        ["Don't panic", "It’s fine", "ｆｕｌｌ width ＡＢＣ", "Café crème", "ß straße"],
        ["plain ascii", "", "a\x00b nul inside", "x"],
        ["未找到 not found", "网关超时", "mixed 中文 text"],
        ["\ud800 lone surrogate word"],
    ],
)
def test_bulk_tokenizer_equals_words_of(texts: list[str]) -> None:
    assert _word_lists(texts) == [words_of(t) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=8))
def test_bulk_tokenizer_on_any_text(texts: list[str]) -> None:
    assert _word_lists(texts) == [words_of(t) for t in texts]
