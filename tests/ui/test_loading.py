"""Loading imported registries in the window: the registry is shown as soon as its index
answers, the progress bar stays while the worker finishes, and closing the window then stops
the worker instead of leaving a running thread behind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.registry.entry_table import ChainedEntries, EntryTable
from app.registry.importers import ImportedRow
from app.registry.loader import Registry, load_builtin
from app.registry.search import BuildCancelled, QueryEngine
from app.registry.user_registries import LoadedRegistry
from app.ui.main_window import MainWindow


def _loaded() -> LoadedRegistry:
    builtin = load_builtin()
    table = EntryTable.from_imported([ImportedRow("ZZ.0001", "Zebra fault", "error")], "Zoo")
    entries = ChainedEntries([builtin.entries, table])
    registry = Registry(entries, builtin.iana_last_updated, ())
    return LoadedRegistry(registry, QueryEngine.build(entries, pack=False))


class SlowFinish:
    """A loader that publishes its result, then works on until released or cancelled."""

    def __init__(self) -> None:
        self.result = _loaded()
        self.release = threading.Event()

    def __call__(
        self,
        progress: Callable[[float], None],
        cancelled: Callable[[], bool],
        searchable: Callable[[LoadedRegistry], None],
    ) -> LoadedRegistry:
        progress(0.5)
        searchable(self.result)
        while not self.release.wait(0.005):  # the packing pass, checking for cancellation
            if cancelled():
                raise BuildCancelled("the index build was cancelled")
        return self.result


def test_registry_is_shown_once_searchable_and_kept_when_done(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    loader = SlowFinish()
    monkeypatch.setattr(window, "_load_registry", loader)
    installs: list[Registry] = []
    install = window.set_registry
    monkeypatch.setattr(
        window, "set_registry", lambda r, e=None: (installs.append(r), install(r, e))
    )
    window.reload_registry()
    qtbot.waitUntil(lambda: "Zoo" in window.registry.sources(), timeout=10_000)
    assert window.loading is not None and window.load_progress.isVisible()
    window.search_box.setText("zebra")
    assert window.model.entry(0).code == "ZZ.0001"
    loader.release.set()
    qtbot.waitUntil(lambda: window.loading is None, timeout=10_000)
    assert not window.load_progress.isVisible()
    assert installs == [loader.result.registry]  # installed once: the view was not reset
    assert window.model.entry(0).code == "ZZ.0001"


def _slow_load(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> tuple[SlowFinish, Any]:
    """Start a reload whose worker goes on until released; its loader and task."""
    loader = SlowFinish()
    monkeypatch.setattr(window, "_load_registry", loader)
    window.reload_registry()
    assert window.loading is not None
    return loader, window.loading


def test_closing_while_the_worker_finishes_stops_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _loader, task = _slow_load(window, monkeypatch)
    qtbot.waitUntil(lambda: "Zoo" in window.registry.sources(), timeout=10_000)
    window.close()
    assert task.cancelled and task.wait(0)  # the worker thread has ended


def test_a_job_pauses_at_its_next_check_while_the_user_is_active(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import background

    task = background.BackgroundTask(lambda progress, cancelled: None)
    clock = [1000.0]
    naps: list[float] = []

    def nap(seconds: float) -> None:
        naps.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(background.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(background.time, "sleep", nap)
    assert task._check() is False and naps == []  # nobody typing: no pause
    task.yield_to_ui(0.3)
    assert task._check() is False and 0.3 <= sum(naps) < 0.32
    naps.clear()
    task.yield_to_ui(0.3)
    task.cancel()
    assert task._check() is True and naps == []  # cancelling never waits


def test_typing_asks_a_loading_job_for_quiet(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    loader, task = _slow_load(window, monkeypatch)
    asked: list[float] = []
    monkeypatch.setattr(task, "yield_to_ui", lambda: asked.append(1.0))
    window.search_box.setText("z")
    assert asked
    loader.release.set()
    qtbot.waitUntil(lambda: window.loading is None, timeout=10_000)
