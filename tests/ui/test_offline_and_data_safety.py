"""No network, ever; and user data on disk survives corrupt files and unwritable folders."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import app
from app.ui.export_flow import write_export

SEED = Path(__file__).resolve().parents[1] / "registry" / "fixtures" / "seed_status_codes.txt"


def test_full_session_opens_no_connection(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[str] = []

    def forbidden(name: str):  # type: ignore[no-untyped-def]
        def refuse(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise OSError(f"network access attempted: {name}")

        return refuse

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, forbidden(f"socket.{name}"))
    monkeypatch.setattr(socket, "create_connection", forbidden("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", forbidden("getaddrinfo"))

    window = app.create_window()
    qtbot.add_widget(window)
    window.show()
    for query in ("404", "4xx", "payload too large", "未找到", "HTTP/1.1 503 x"):
        window.search_box.setText(query)
        window.refresh_detail()
    window.set_language("zh_CN")
    window.set_language("en")
    window.imports.import_file(str(SEED))
    qtbot.waitUntil(lambda: window.imports.preview is not None, timeout=20_000)
    window.imports.preview.accept()
    qtbot.waitUntil(lambda: "seed_status_codes" in window.registry.sources(), timeout=20_000)
    entries = [window.model.entry(r) for r in range(window.model.rowCount())]
    for fmt in ("csv", "json", "md", "html"):
        assert write_export(
            window, entries, str(tmp_path / f"out.{fmt}"), fmt, "en", lambda _t: None
        )
    window.imports.manage()
    window.close()
    assert attempts == []
    assert not any(m.startswith("PySide6.QtNetwork") for m in sys.modules)


def test_corrupt_store_is_moved_aside_and_app_starts(qtbot: QtBot, statuscope_home: Path) -> None:
    store = statuscope_home / "data" / "registries"
    store.mkdir(parents=True)
    garbage = b"this is not an SQLite database\x00\xff" * 100
    (store / "registries.sqlite3").write_bytes(garbage)
    window = app.create_window()
    qtbot.add_widget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loading is None, timeout=20_000)
    assert window.registry.warnings and "corrupt" in window.registry.warnings[0]
    kept = [p for p in store.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage  # nothing deleted
    assert window.model.rowCount() == len(window.registry.entries) > 90
    box = window.findChild(QMessageBox, "startupWarning")
    assert box is not None and "corrupt" in box.text()


def _immutable(path: Path, on: bool) -> bool:
    if os.geteuid() != 0:
        path.chmod(0o555 if on else 0o755)
        return True
    chattr = shutil.which("chattr")
    return (
        chattr is not None
        and subprocess.run(
            [chattr, "+i" if on else "-i", str(path)], capture_output=True
        ).returncode
        == 0
    )


def test_read_only_data_directory_gives_a_message(qtbot: QtBot, statuscope_home: Path) -> None:
    data = statuscope_home / "data"
    data.mkdir(parents=True)
    if not _immutable(data, True):
        pytest.skip("cannot make a directory read-only here")
    try:
        window = app.create_window()
        qtbot.add_widget(window)
        window.show()
        assert window.imports.store() is None  # refused with a message, no exception
        box = window.findChild(QMessageBox, "importMessage")
        assert box is not None and "read-only" in box.text()
        window.search_box.setText("404")  # the reference still works
        assert window.current_entry() is not None
    finally:
        _immutable(data, False)
