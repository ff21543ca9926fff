"""End-to-end tests that drive the real main window: type, filter, select, copy, persist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

import app
from app.models.columns import Column
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = app.create_window()
    qtbot.add_widget(win)
    win.show()
    qtbot.wait_exposed(win)
    yield win
    win.close()


def codes(win: MainWindow) -> list[str]:
    return [win.model.entry(r).code for r in range(win.model.rowCount())]  # type: ignore[union-attr]


def type_query(qtbot: QtBot, win: MainWindow, text: str) -> None:
    box = win.findChild(QLineEdit, "searchBox")
    box.clear()
    qtbot.keyClicks(box, text)


def test_stable_object_names(window: MainWindow) -> None:
    assert window.findChild(QLineEdit, "searchBox") is window.search_box
    assert window.findChild(QTableView, "codeTable") is window.table
    assert window.findChild(object, "detailPane") is window.detail
    assert isinstance(window.findChild(QLabel, "statusCount"), QLabel)


def test_search_box_focused_at_start(window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.search_box


def test_typing_filters_selects_first_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    total = len(window.registry.entries)
    type_query(qtbot, window, "404")
    assert codes(window)[0] == "404"
    assert window.current_entry().code == "404"  # type: ignore[union-attr]
    label = window.findChild(QLabel, "statusCount")
    assert label.text() == f"{window.model.rowCount()} of {total} codes"
    assert window.detail_timer.isActive()  # debounced, not yet rendered
    window.refresh_detail()
    assert "Not Found" in window.detail.browser.toPlainText()


def test_class_and_category_filters_combine_with_query(qtbot: QtBot, window: MainWindow) -> None:
    window.filter_bar.class_buttons["5xx"].click()
    assert codes(window) and all(c.startswith("5") for c in codes(window))
    type_query(qtbot, window, "time")  # prefix: timeout, timed
    assert set(codes(window)) >= {"504", "522", "524"}
    assert all(c.startswith("5") for c in codes(window))
    window.filter_bar.class_buttons["5xx"].click()
    status = window.filter_bar.status
    status.setCurrentIndex(status.findData("unofficial"))
    assert "504" not in codes(window) and "522" in codes(window)
    window.filter_bar.clear()
    assert "504" in codes(window) and "408" in codes(window)


def test_source_filter(window: MainWindow) -> None:
    source = window.filter_bar.source
    source.setCurrentIndex(source.findData("nginx"))
    assert {window.model.entry(r).source for r in range(window.model.rowCount())} == {"nginx"}


def test_arrow_keys_in_search_move_table_and_enter_focuses_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_query(qtbot, window, "4xx")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 1
    assert QApplication.focusWidget() is window.search_box
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.model.rowCount() == len(window.registry.entries)


def test_typing_in_table_goes_to_search(qtbot: QtBot, window: MainWindow) -> None:
    window.search_box.setText("tea")
    window.table.setFocus()
    qtbot.keyClick(window.table, "p")
    assert QApplication.focusWidget() is window.search_box
    qtbot.keyClicks(QApplication.focusWidget(), "ot")
    assert window.search_box.text() == "teapot"
    assert "418" in codes(window)


def test_ctrl_c_copies_selected_rows(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "404")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    entry = window.current_entry()
    assert QApplication.clipboard().text() == f"404 Not Found — {entry.summary}"  # type: ignore[union-attr]


def test_multi_row_copy(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "500-502")
    window.table.selectAll()
    window.copy_selection()
    lines = QApplication.clipboard().text().splitlines()
    assert [line.split(" ")[0] for line in lines] == ["500", "501", "502"]


def test_detail_buttons_copy(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "413")
    window.refresh_detail()
    qtbot.mouseClick(window.detail.copy_status, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "413 Content Too Large"
    qtbot.mouseClick(window.detail.copy_markdown, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith("| 413 | Content Too Large | 4xx |")
    qtbot.mouseClick(window.detail.copy_description, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == window.current_entry().description  # type: ignore[union-attr]


def test_sorting_by_code_is_numeric_and_keeps_selection(window: MainWindow) -> None:
    window.table.horizontalHeader().sectionClicked.emit(Column.PHRASE)
    phrases = [
        window.model.entry(r).phrase.casefold()  # type: ignore[union-attr]
        for r in range(window.model.rowCount())
    ]
    assert phrases == sorted(phrases)
    window.table.selectRow(5)
    chosen = window.current_entry()
    window.table.horizontalHeader().sectionClicked.emit(Column.CODE)
    numbers = [
        window.model.entry(r).numeric_code  # type: ignore[union-attr]
        for r in range(window.model.rowCount())
    ]
    assert numbers == sorted(numbers)
    assert window.current_entry() == chosen
    window.table.horizontalHeader().sectionClicked.emit(Column.CODE)
    numbers = [
        window.model.entry(r).numeric_code  # type: ignore[union-attr]
        for r in range(window.model.rowCount())
    ]
    assert numbers == sorted(numbers, reverse=True)


def test_no_results_shows_empty_state(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "zzzqqq")
    assert window.model.rowCount() == 0
    window.refresh_detail()
    assert "No code matches" in window.detail.browser.toPlainText()
    assert not window.detail.copy_status.isEnabled()


def test_related_link_jumps_to_code(window: MainWindow) -> None:
    from PySide6.QtCore import QUrl

    window.detail.browser.anchorClicked.emit(QUrl("code:403"))
    assert window.search_box.text() == "403"
    assert window.detail.entry is not None and window.detail.entry.code == "403"


def test_zoom_changes_text_size(qtbot: QtBot, window: MainWindow) -> None:
    before = window.table.font().pointSizeF()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.table.font().pointSizeF() == before + 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.table.font().pointSizeF() == before - 1


def test_state_persists_across_windows(qtbot: QtBot) -> None:
    first = app.create_window()
    qtbot.add_widget(first)
    first.show()
    first.filter_bar.class_buttons["4xx"].click()
    category = first.filter_bar.category
    category.setCurrentIndex(category.findData("error"))
    first.resize(900, 640)
    first.table.setColumnWidth(Column.SOURCE, 177)
    first.zoom(2, absolute=True)
    first.close()

    second = app.create_window()
    qtbot.add_widget(second)
    assert second.filter_bar.class_buttons["4xx"].isChecked()
    assert second.filter_bar.category.currentData() == "error"
    assert all(
        second.model.entry(r).status_class == "4xx"  # type: ignore[union-attr]
        for r in range(second.model.rowCount())
    )
    assert second.table.columnWidth(Column.SOURCE) == 177
    assert second.settings.value("zoom") == 2
    second.close()


def test_typing_a_status_leads_to_the_imported_codes_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    """``400`` lists the IANA 400, then the imported codes returned with it; the IANA 400's
    detail counts and lists them; the imported code's detail explains it by the standard."""
    from app.registry.entry_table import ChainedEntries, EntryTable
    from app.registry.importers import ImportedRow
    from app.registry.loader import Registry, load_builtin

    builtin = load_builtin()
    rows = [
        ImportedRow(f"CES.{n:04d}", "Bad parameter", "error", {"http_status": "400"})
        for n in range(7)
    ]
    table = EntryTable.from_imported(rows, "Cloud Eye")
    window.set_registry(
        Registry(ChainedEntries([builtin.entries, table]), builtin.iana_last_updated)
    )
    window.search_box.setText("400")
    codes = [window.model.entry(r).code for r in range(window.model.rowCount())]  # type: ignore[union-attr]
    assert codes == ["400", *(f"CES.{n:04d}" for n in range(7))]
    window.refresh_detail()
    text = window.detail.browser.toPlainText()
    assert "Imported codes returned with 400 (7)" in text and "CES.0004" in text
    assert "All 7 of them" in text
    window.jump_to_code("CES.0003")
    window.refresh_detail()
    text = window.detail.browser.toPlainText()
    assert "HTTP 400 Bad Request" in text and "What the standard says" in text
