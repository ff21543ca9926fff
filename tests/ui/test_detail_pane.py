"""The detail pane on its own: escaping, lifecycle notes, links, copy buttons."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.registry.entry import StatusEntry
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


def _vendor_413() -> StatusEntry:
    from app.registry.importers import ImportedRow, rows_to_entries

    row = ImportedRow(
        "OBS.0413",
        "Request Entity Too Large",
        None,
        {"http_status": "413", "module": "OBS", "Retries": "no"},
    )
    (entry,) = rows_to_entries([row], "Cloud")
    return entry


def test_a_vendor_code_is_explained_by_the_standard(qtbot: QtBot) -> None:
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    pane.show_entry(_vendor_413())
    text = pane.browser.toPlainText()
    assert "What the standard says" in text
    assert "HTTP 413 Content Too Large" in text
    assert (
        "“Request Entity Too Large” is a former name: IANA now calls it “Content Too Large”."
        in text
    )
    assert "Standard" not in text.split("What the standard says")[0]  # no IANA lifecycle badge
    assert "Cloud" in text  # the vendor source
    assert "HTTP status" in text and "Module" in text and "Retries" in text  # labels; raw key kept
    assert "http_status" not in text
    with qtbot.waitSignal(pane.code_activated) as jumped:
        pane.browser.anchorClicked.emit(QUrl("code:413"))
    assert jumped.args == ["413"]
    assert "What the standard says" not in entry_html(load_builtin().by_id("iana-413"), "en")  # type: ignore[arg-type]


def test_the_iana_entry_lists_imported_codes_returned_with_it(qtbot: QtBot) -> None:
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    vendor = _vendor_413()
    asked: list[tuple[str, int]] = []

    def returned_with(code: str, limit: int) -> tuple[int, list[StatusEntry]]:
        asked.append((code, limit))
        return 12, [vendor]

    pane.returned_with = returned_with
    pane.show_entry(load_builtin().by_id("iana-413"))
    text = pane.browser.toPlainText()
    assert asked == [("413", 5)]
    assert "Imported codes returned with 413 (12)" in text and "OBS.0413" in text
    assert "All 12 of them" in text
    with qtbot.waitSignal(pane.search_requested) as searched:
        pane.browser.anchorClicked.emit(QUrl("search:status:413"))
    assert searched.args == ["status:413"]


def test_strengths_link_to_their_section_with_a_tooltip(qtbot: QtBot) -> None:
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    pane.show_entry(load_builtin().by_id("iana-101"))
    url = "https://www.rfc-editor.org/rfc/rfc9110#section-7.8"
    assert pane.browser.link_tips[url] == "RFC 9110 §7.8"
    assert f'href="{url}"' in pane._html
    assert "Cacheable by default" not in pane.browser.toPlainText()
    pane.show_entry(load_builtin().by_id("iana-404"))
    assert "Cacheable by default (heuristically). (RFC 9110 §15.1)" in pane.browser.toPlainText()


def test_constants_name_their_version_and_former_names(qtbot: QtBot) -> None:
    pane = DetailPane(Clipboard())
    qtbot.add_widget(pane)
    pane.show_entry(load_builtin().by_id("iana-305"))
    text = pane.browser.toPlainText()
    assert "HttpStatus.USE_PROXY (removed in Spring Framework 7.0)" in text
    assert "Python 3.13" in text
    pane.show_entry(load_builtin().by_id("iana-413"))
    assert (
        "HttpStatus.PAYLOAD_TOO_LARGE (deprecated since Spring Framework 7.0)"
        in pane.browser.toPlainText()
    )


def test_104_says_its_registration_has_expired(qtbot: QtBot) -> None:
    entry = load_builtin().by_id("iana-104")
    assert entry is not None
    html = entry_html(entry, "en", dt.date(2026, 12, 6))
    assert "it expired on 2026-11-13 unless it was renewed" in html
