"""The parsed built-in registry kept on disk: used when it matches, never trusted blindly."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.registry import loader
from app.services.paths import resource_path


@pytest.fixture(autouse=True)
def fresh_process_cache() -> Iterator[None]:
    loader.load_builtin.cache_clear()
    yield
    loader.load_builtin.cache_clear()


def _key() -> tuple[object, ...]:
    directory = resource_path("registry")
    return loader._source_key([*loader.registry_files(directory), directory / "meta.json"])


def _load() -> loader.Registry:
    loader.load_builtin.cache_clear()
    return loader.load_builtin()


def test_first_load_writes_the_cache_and_later_loads_use_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _load()
    path = loader._cache_path()
    assert marshal.loads(path.read_bytes())[0] == _key()

    def no_parsing(_directory: Path | None = None) -> list[dict[str, object]]:
        raise AssertionError("the files were parsed although the cache matches")

    monkeypatch.setattr(loader, "load_raw_entries", no_parsing)
    again = _load()
    assert again.entries == first.entries and again.iana_last_updated == first.iana_last_updated


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal data",
        b"",
        marshal.dumps(("another key", [], {})),
        marshal.dumps("a string"),
        None,  # the right key, entries of the wrong shape: see below
    ],
)
def test_a_cache_that_does_not_fit_is_ignored_and_rewritten(content: bytes | None) -> None:
    expected = _load().entries
    path = loader._cache_path()
    if content is None:
        content = marshal.dumps((_key(), [{"id": "broken"}], {}))
    path.write_bytes(content)
    assert _load().entries == expected
    assert marshal.loads(path.read_bytes())[0] == _key()


def test_an_unwritable_cache_directory_changes_nothing() -> None:
    blocker = loader._cache_path().parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the cache directory would be")
    assert len(_load().entries) > 90
    assert blocker.read_text() == "a file where the cache directory would be"
