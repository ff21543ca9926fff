"""Packs made at import: while a rebuilt index has not packed its own broad terms, a broad
word's rows in an imported registry come from that registry's planes packed at import,
shifted to its rows — the same answers as the plain scan, without marking those rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.registry.search.engine as engine_module
import app.registry.search.matching as matching_module
from app.registry.entry_table import ChainedEntries, EntryTable, pack_columns
from app.registry.importers import ImportedRow
from app.registry.loader import load_builtin
from app.registry.search import QueryEngine
from app.registry.search.index import ColumnIndex
from app.registry.store import RegistryStore
from app.registry.stored_columns import columns_of_rows, prepare_columns
from tests.benchmarks.synthetic import vendor_rows
from tests.registry.search_reference import Reference

WORDS = ["t", "to", "token", "the", "re", "request", "b", "bucket", "obs", "quota e", "4xx the"]


@pytest.fixture(autouse=True)
def low_constants() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "MIN_MAP_ROWS", 32)
        patch.setattr(engine_module, "MAP_FRACTION", 32)
        patch.setattr(matching_module, "PACKED_MIN_ROWS", 60)
        yield


def _table(name: str, count: int, seed: int) -> EntryTable:
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(count, seed=seed)]
    return EntryTable.from_columns(pack_columns(prepare_columns(columns_of_rows(name, rows))))


def _marking(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows each column expansion yields from now on (``ColumnIndex.expand``)."""
    marked: list[int] = []
    real = ColumnIndex.expand

    def counting(column: ColumnIndex, locals_: Sequence[int]) -> Iterable[int]:
        rows = list(real(column, locals_))
        marked.append(len(rows))
        return rows

    monkeypatch.setattr(ColumnIndex, "expand", counting)
    return marked


def test_an_unpacked_rebuild_answers_from_the_import_packs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tables = [_table("Cloud", 600, 3), _table("Edge", 400, 4)]
    assert all(t.packs is not None and t.packs.packed for t in tables)
    entries = ChainedEntries([load_builtin().entries, *tables])
    reference = Reference(entries)
    engine = QueryEngine(entries, pack=False)  # as the window's rebuild answers first
    assert not engine._index.packed and len(engine._index.blocks) == 2
    plain = QueryEngine(
        ChainedEntries([load_builtin().entries, *map(_unpacked, tables)]), pack=False
    )
    marked = _marking(monkeypatch)
    for text in WORDS:
        assert list(engine.search(text)) == reference.search(text), text
    with_packs = sum(marked)
    for text in WORDS:
        assert list(plain.search(text)) == reference.search(text), text
    without = sum(marked) - with_packs
    assert with_packs * 4 < without  # the imported rows were not marked again
    vocab = engine._index.vocab
    parts = [
        part
        for prefix in sorted({w[:1] for w in vocab} | {w[:2] for w in vocab})
        for part in engine._block_planes(prefix, prefix + "\U0010ffff")
    ]
    assert any(len(blobs) > 1 for blobs, *_ in parts)  # prefixes left out at import, composed
    engine.pack_broad_terms()  # then its own packs take over: the same answers
    engine.clear_caches()
    for text in WORDS:
        assert list(engine.search(text)) == reference.search(text), text


def _unpacked(table: EntryTable) -> EntryTable:
    table = EntryTable(table.registry, table.codes, table.phrases, table.categories, table.extras)
    return table


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(50, 300),
    st.lists(st.sampled_from([*WORDS, "ob", "ti", "the re", "status:4", "5xx t"]), max_size=4),
)
def test_block_packs_answer_like_the_scan(count: int, queries: list[str]) -> None:
    entries = ChainedEntries([load_builtin().entries, _table("Cloud", count, count)])
    engine = QueryEngine(entries, pack=False)
    reference = Reference(entries)
    for text in queries:
        for typed in [text[:i] for i in range(1, len(text) + 1)]:
            assert list(engine.search(typed)) == reference.search(typed), typed


def test_the_store_keeps_the_packs_for_its_name_only(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(300, seed=9)]
    store.save("Cloud", rows, None)
    packs = store.read_packs("Cloud")
    assert packs is not None and packs.packed and packs.n == 300
    assert store.read_columns("Cloud").packs is None  # read apart, after the index answers
    store.rename("Cloud", "request")  # now a word of every row: those packs are stale
    assert store.read_packs("request") is None
    table = EntryTable.from_columns(store.read_columns("request"))
    entries = ChainedEntries([load_builtin().entries, table])
    engine = QueryEngine(entries, pack=False)
    table.packs = packs  # even stale packs: the name column is marked apart, never packed
    assert engine._block_planes("request", "request")  # a broad word in those packs
    for text in ("request", "request ", "req"):
        assert list(engine.search(text)) == Reference(entries).search(text), text


def test_the_loader_installs_the_packs_once_the_registry_answers(tmp_path: Path) -> None:
    from app.registry.user_registries import load_user_registries

    store = RegistryStore(tmp_path)
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(300, seed=9)]
    store.save("Cloud", rows, None)
    seen: list[object] = []

    def searchable(loaded: object) -> None:
        tables = loaded.registry.entries.parts[1:]  # type: ignore[attr-defined]
        seen.append([t.packs for t in tables])

    loaded = load_user_registries(tmp_path, searchable=searchable)
    assert seen == [[None]]  # answering did not wait for them
    table = loaded.registry.entries.parts[1]  # type: ignore[attr-defined]
    assert table.packs is not None and table.packs.n == 300
