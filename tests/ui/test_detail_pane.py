"""The detail pane on its own: escaping, lifecycle notes, links, copy buttons."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.registry.loader import load_builtin
from app.services.clipboard import Clipboard
from app.ui.detail_html import entry_html, lifecycle_note
from app.ui.detail_pane import DetailPane


def test_temporary_registration_note() -> None:
    e = load_builtin().by_id("iana-104")
    assert e is not None
    assert "expired on 2026-11-13" in lifecycle_note(e, dt.date(2026, 11, 26))
    assert "expires on 2026-11-13" in lifecycle_note(e, dt.date(2026, 1, 1))
    standard = load_builtin().by_id("iana-200")
    assert standard is not None and lifecycle_note(standard) == ""


def test_data_is_escaped() -> None:
    e = load_builtin().by_id("iana-400")
    assert e is not None
    hostile = replace(
        e,
        phrase="<script>alert(1)</script>",
        summary='<img src="http://x/y">',
        description='<a href="javascript:alert(1)">click</a>',
    )
    html = entry_html(hostile, "en")
    assert (
        "<script>" not in html
        and "<img" not in html
        and "javascript:" not in html.replace("&quot;javascript:", "")
    )
    assert "&lt;script&gt;" in html


def test_pane_shows_sections_and_links(qtbot: QtBot) -> None:
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    e = load_builtin().by_id("iana-401")
    pane.show_entry(e)
    text = pane.browser.toPlainText()
    for section in (
        "Description",
        "Typical causes",
        "What to do",
        "Retry and caching",
        "Headers",
        "Often confused with",
        "In code",
        "Example response",
    ):
        assert section in text
    assert "WWW-Authenticate MUST" in text
    with qtbot.waitSignal(pane.code_activated) as jumped:
        pane.browser.anchorClicked.emit(QUrl("code:403"))
    assert jumped.args == ["403"]
    with qtbot.waitSignal(pane.search_requested) as searched:
        pane.browser.anchorClicked.emit(QUrl("header:WWW-Authenticate"))
    assert searched.args == ["WWW-Authenticate"]


def test_pane_copy_formats(qtbot: QtBot) -> None:
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    e = load_builtin().by_id("iana-413")
    assert e is not None
    pane.show_entry(e)
    pane.copy("bilingual")
    assert QApplication.clipboard().text() == f"413 Content Too Large（{e.zh['phrase']}）"
    constant = next(a for a in pane.more_menu.actions() if a.menu() is not None)
    go = next(a for a in constant.menu().actions() if a.text().startswith("Go"))
    go.trigger()
    assert QApplication.clipboard().text() == "http.StatusRequestEntityTooLarge"
