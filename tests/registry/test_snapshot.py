"""Index snapshots: what save_snapshot writes, load_snapshot gives back — the same entries and
the same answers — and anything stale, damaged or foreign is refused (None), never trusted."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.registry.entry_table import ChainedEntries, EntryTable, load_snapshot, save_snapshot
from app.registry.importers import ImportedRow
from app.registry.loader import load_builtin
from app.registry.search import SNAPSHOT_VERSION, Filters, QueryEngine, SnapshotError
from tests.benchmarks.synthetic import vendor_rows

QUERIES = [
    "",
    "token expired",
    "obs.04",
    "OBS.0412",
    "quota exc",
    "桶不存在",
    "4xx",
    "404",
    "500-504",
    "forbiden",
    "gateway timeout",
    "nul",
    "weird",
]


@pytest.fixture(scope="module")
def tables() -> list[EntryTable]:
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(1_500, seed=2)]
    odd = [
        ImportedRow("NUL.1", "a\x00b nul inside", None, {"description": "weird \ud800 text"}),
        ImportedRow("NUL.2", "", "normal", {}),
    ]
    return [
        EntryTable.from_imported(rows, "Cloud"),
        EntryTable.from_imported(odd, "Odd", first_number=7),
    ]


@pytest.fixture(scope="module")
def saved(tables: list[EntryTable], tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = ChainedEntries([load_builtin().entries, *tables])
    path = tmp_path_factory.mktemp("snap") / "index" / "all.snapshot"
    save_snapshot(path, "key-1", tables, QueryEngine(entries))
    return path


def test_round_trip(saved: Path, tables: list[EntryTable]) -> None:
    builtin = load_builtin().entries
    loaded = load_snapshot(saved, "key-1", builtin)
    assert loaded is not None
    entries, engine = loaded
    original = ChainedEntries([builtin, *tables])
    fresh = QueryEngine(original)
    assert len(entries) == len(original)
    for row in (0, len(builtin), len(original) - 2, len(original) - 1):
        assert dataclasses.asdict(entries[row]) == dataclasses.asdict(original[row])
    five = Filters(classes=frozenset({"5xx"}))
    for query in QUERIES:
        assert list(engine.search(query)) == list(fresh.search(query)), query
        assert list(engine.search(query, five)) == list(fresh.search(query, five)), query
    assert entries.sources() == original.sources()


def test_stale_missing_or_damaged_snapshots_are_refused(saved: Path, tmp_path: Path) -> None:
    builtin = load_builtin().entries
    assert load_snapshot(saved, "key-2", builtin) is None  # another key: stale
    assert load_snapshot(tmp_path / "absent", "key-1", builtin) is None
    data = saved.read_bytes()
    assert f'"version": {SNAPSHOT_VERSION}'.encode() in data
    for damaged in (
        data[: len(data) // 2],  # cut short
        data[:-5] + bytes(b ^ 0xFF for b in data[-5:]),  # flipped bytes: checksum
        b"not a snapshot at all",
        b"",
        data.replace(f'"version": {SNAPSHOT_VERSION}'.encode(), b'"version": 99', 1),  # another
    ):
        path = tmp_path / "damaged.snapshot"
        path.write_bytes(damaged)
        assert load_snapshot(path, "key-1", builtin) is None


def test_engine_snapshot_refuses_other_entries(tables: list[EntryTable]) -> None:
    engine = QueryEngine(tables[0])
    data = engine.snapshot()
    assert list(QueryEngine.from_snapshot(tables[0], data).search("bucket")) == list(
        engine.search("bucket")
    )
    with pytest.raises(SnapshotError):
        QueryEngine.from_snapshot(tables[1], data)
    with pytest.raises(SnapshotError):
        QueryEngine.from_snapshot(tables[0], data[:100])


def test_save_is_atomic(
    tables: list[EntryTable], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.snapshot"
    path.write_bytes(b"previous")
    engine = QueryEngine(tables[1])

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.registry.entry_table.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        save_snapshot(path, "k", [tables[1]], engine)
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["s.snapshot"]  # no temporary file left
