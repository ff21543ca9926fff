"""Indexes prepared at import: the store keeps each registry's column indexes (tokenized and
grouped once, at import), and an index built from them — placed after the built-in codes and
other registries — is exactly the index built by tokenizing everything again."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.registry.search.index as index_module
import app.registry.stored_columns as stored_module
from app.registry.entry_table import ChainedEntries, EntryTable
from app.registry.importers import ImportedRow
from app.registry.loader import load_builtin
from app.registry.search import QueryEngine
from app.registry.store import RegistryStore
from tests.benchmarks.synthetic import vendor_rows
from tests.registry.test_snapshot import QUERIES as SNAPSHOT_QUERIES

QUERIES = [*SNAPSHOT_QUERIES, "x.2", "constant", "t", "in", "500-504"]
CLOUD = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(1_200, seed=4)]
ODD = [  # one text for all rows of a column, NUL, Chinese, no extras
    ImportedRow("X.1", "a\x00b nul inside", None, {"http_status": "400", "note": "constant"}),
    ImportedRow("X.2", "桶不存在", "error", {"http_status": "400", "note": "weird text"}),
    ImportedRow("X.3", "", "normal", {"http_status": "400"}),
]
SMALL = [ImportedRow("S.1", "Small", None, {"aliases": "tiny", "source": "Small"})]


def _state(engine: QueryEngine) -> list[object]:
    index = engine._index
    columns = [
        (c.texts, c.ids, c.is_name, c.postings, c.cjk, c.weights, c.offsets, c.rows, c.counts)
        for c in index.columns
    ]
    return [columns, index.vocab, index.vocab_rows, index.sorted_codes, index.packed]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> RegistryStore:
    store = RegistryStore(tmp_path_factory.mktemp("store"))
    for name, rows in (("Cloud", CLOUD), ("Odd", ODD), ("Small", SMALL)):
        store.save(name, rows, None)
    return store


@pytest.mark.parametrize("order", [["Cloud", "Odd", "Small"], ["Small", "Cloud"], ["Odd"]])
def test_prepared_indexes_build_the_same_index(
    stored: RegistryStore, order: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = {"Cloud": CLOUD, "Odd": ODD, "Small": SMALL}
    builtin = load_builtin().entries
    plain = ChainedEntries([builtin, *(EntryTable.from_imported(rows[n], n) for n in order)])
    loaded = [EntryTable.from_columns(stored.read_columns(n)) for n in order]
    prepared = ChainedEntries([builtin, *loaded])
    tokenized: list[int] = []
    tokenize = index_module.ColumnIndex.tokenize
    monkeypatch.setattr(
        index_module.ColumnIndex,
        "tokenize",
        lambda self, check: (tokenized.append(self.size), tokenize(self, check))[1],
    )
    fast = QueryEngine(prepared)
    calls = len(tokenized)
    tokenized.clear()
    slow = QueryEngine(plain)
    ready = [c for t in loaded for c in [*t.search_columns().name, *t.search_columns().body]]
    ready = [c for c in ready if c.prepared is not None]
    assert len(ready) >= 2 * len(order) and calls == len(tokenized) - len(ready)
    assert _state(fast) == _state(slow)
    for query in QUERIES:
        assert list(fast.search(query)) == list(slow.search(query)), query


def test_a_table_alone_uses_its_prepared_index_as_is(stored: RegistryStore) -> None:
    table = EntryTable.from_columns(stored.read_columns("Cloud"))
    assert _state(QueryEngine(table)) == _state(
        QueryEngine(EntryTable.from_imported(CLOUD, "Cloud"))
    )


def test_indexes_of_another_tokenizer_version_are_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RegistryStore(tmp_path)
    store.save("Odd", ODD, None)
    made: list[int] = []
    prepare = index_module.ColumnIndex.prepare.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        index_module.ColumnIndex,
        "prepare",
        classmethod(lambda cls, column: (made.append(1), prepare(cls, column))[1]),
    )

    def prepared_on_read() -> bool:
        made.clear()
        columns = store.read_columns("Odd")
        assert columns.code_index is not None and columns.phrases.prepared is not None
        return bool(made)

    assert not prepared_on_read()  # kept at import
    version = stored_module.TOKENS_VERSION
    monkeypatch.setattr(stored_module, "TOKENS_VERSION", version + 1)
    assert prepared_on_read()  # made by another version: tokenized again, and kept
    assert not prepared_on_read()
    monkeypatch.setattr(stored_module, "TOKENS_VERSION", version)
    assert prepared_on_read() and not prepared_on_read()


def test_a_prepared_index_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    from app.registry.search import TextColumn
    from app.registry.search.index import ColumnIndex

    column = TextColumn(["a b", "c"], [0, 1, 1, 0])
    index = ColumnIndex.prepare(column)
    assert stored_module._fits(index, column)
    assert not stored_module._fits(index, TextColumn(["a b", "c"], [0, 1, 1]))
    assert not stored_module._fits(ColumnIndex.prepare(TextColumn(["x", "y"])), column)
