"""Loading built-in + imported registries: a rebuild hands the registry over as soon as it
answers queries, then packs broad terms and writes the snapshot; a later start maps that."""

from __future__ import annotations

from pathlib import Path

from app.registry.importers import ImportedRow
from app.registry.store import RegistryStore
from app.registry.user_registries import SNAPSHOT_NAME, LoadedRegistry, load_user_registries
from tests.benchmarks.synthetic import vendor_rows


def test_a_rebuild_is_searchable_before_its_snapshot_is_written(tmp_path: Path) -> None:
    rows = [ImportedRow(c, p, cat, e) for c, p, cat, e in vendor_rows(300, seed=5)]
    RegistryStore(tmp_path).save("Cloud", rows, None)
    snapshot = tmp_path / "cache" / SNAPSHOT_NAME
    published: list[tuple[LoadedRegistry, bool, list[str]]] = []

    def searchable(loaded: LoadedRegistry) -> None:
        assert loaded.engine is not None
        found = [loaded.registry.entries[r].code for r in loaded.engine.search(rows[7].code)]
        published.append((loaded, snapshot.exists(), found))

    progress: list[float] = []
    loaded = load_user_registries(tmp_path, progress.append, None, searchable)
    ((early, written_then, found),) = published
    assert early is loaded and not written_then and found[0] == rows[7].code
    assert snapshot.is_file() and progress[-1] == 1.0 and progress == sorted(progress)

    published.clear()
    again = load_user_registries(tmp_path, None, None, searchable)  # a start: the snapshot
    assert published == [] and again.engine is not None
    assert len(again.registry.entries) == len(loaded.registry.entries)
