"""Faults the app must survive: exceptions in slots, hostile text, pathological queries."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import app
from app.registry.loader import load_builtin
from app.services import errors
from app.services.clipboard import Clipboard
from app.ui.detail_pane import DetailPane, SafeTextBrowser

HOSTILE = {
    "phrase": "<script>alert('x')</script>",
    "summary": '<img src="http://198.51.100.7/track.png"> <style>body{display:none}</style>',
    "description": '<a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">f</a> '
    '<img src="file:///etc/hostname">',
    "aliases": ('<img src="https://example.invalid/a.png">',),
}


@pytest.mark.qt_no_exception_capture
def test_exception_in_slot_is_logged_and_app_keeps_running(
    qtbot: QtBot, statuscope_home: Path
) -> None:
    window = app.create_window()
    qtbot.add_widget(window)
    window.show()
    previous = sys.excepthook
    errors.install_error_handling(route_qt_messages=False)
    try:

        def broken_slot() -> None:
            raise ValueError("slot exploded")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(
            lambda: (
                errors.log_file().exists()
                and "slot exploded" in errors.log_file().read_text(encoding="utf-8")
            )
        )
    finally:
        sys.excepthook = previous
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_statuscope", False)]:
            root.removeHandler(handler)
            handler.close()
    window.search_box.setText("404")  # still responsive
    assert window.current_entry() is not None and window.current_entry().code == "404"


def test_hostile_text_is_shown_as_text_and_loads_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    requested: list[str] = []
    original = SafeTextBrowser.loadResource

    def spy(self: SafeTextBrowser, kind: int, name: QUrl | str) -> object:
        requested.append(name.toString() if isinstance(name, QUrl) else str(name))
        return original(self, kind, name)

    monkeypatch.setattr(SafeTextBrowser, "loadResource", spy)
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    pane.show()
    base = load_builtin().by_id("iana-400")
    assert base is not None
    pane.show_entry(replace(base, **HOSTILE))  # type: ignore[arg-type]
    pane.browser.viewport().repaint()
    text = pane.browser.toPlainText()
    assert "<script>alert('x')</script>" in text
    assert '<img src="http://198.51.100.7/track.png">' in text
    assert "javascript:alert(1)" in text
    assert requested == []  # no image, style sheet or link was fetched
    html = pane.browser.toHtml()
    assert "<img" not in html and 'href="javascript' not in html and 'href="file' not in html


def test_links_open_only_on_click(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "app.ui.detail_pane.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()) or True,
    )
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    pane.show_entry(load_builtin().by_id("iana-404"))
    assert opened == []  # rendering opens nothing
    pane.browser.anchorClicked.emit(QUrl("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"))
    pane.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    pane.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"]


@pytest.mark.parametrize(
    "query",
    [
        "(((((",
        ".*.*.*" * 100,
        "a" * 10_000,
        "\x00\x00",
        "\\" * 5000,
        "[" * 3000 + "]",
        "4" * 10_000,
        "%s%n" * 50,
    ],
)
def test_pathological_queries_return(qtbot: QtBot, query: str) -> None:
    window = app.create_window()
    qtbot.add_widget(window)
    window.search_box.setText(query)
    assert window.model.rowCount() >= 0
    window.refresh_detail()
    assert QApplication.instance() is not None


def test_self_test_passes_and_reports(tmp_path: Path) -> None:
    import subprocess

    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "STATUSCOPE_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test ok: ") and "entries loaded" in result.stdout


def test_self_test_fails_with_a_reason_on_broken_data(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys, app.registry.loader as l; l.load_raw_entries = lambda d=None: "
        "[{'id': 'broken'}]; from app.__main__ import main; sys.exit(main(['--self-test']))"
    )
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "STATUSCOPE_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 1
    assert "self-test failed: RegistryDataError" in result.stderr
