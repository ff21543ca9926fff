"""CodeTableModel: Qt's model checks with several result sets, roles, language, sorting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models.code_table import CodeTableModel, header_label
from app.models.columns import DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE, Column, Role
from app.registry.loader import load_builtin
from app.registry.search import QueryEngine


@pytest.fixture
def model() -> CodeTableModel:
    return CodeTableModel(load_builtin().entries)


@pytest.mark.parametrize("query", ["", "4xx", "404", "zzz-nothing", "timeout", "未找到"])
def test_modeltester_over_results(qtmodeltester, model: CodeTableModel, query: str) -> None:
    model.set_rows(QueryEngine(load_builtin().entries).search(query))
    qtmodeltester.check(model, force_py=True)


def test_modeltester_after_sort(qtmodeltester, model: CodeTableModel) -> None:
    model.sort(Column.SOURCE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_rows_and_roles(model: CodeTableModel) -> None:
    entries = load_builtin().entries
    rows = QueryEngine(entries).search("500-502")
    model.set_rows(rows)
    assert model.rowCount() == 3
    index = model.index(0, Column.PHRASE)
    assert model.data(index) == "Internal Server Error"
    assert model.data(index, Role.ENTRY) is entries[rows[0]]
    assert model.data(model.index(0, Column.CODE), Role.SORT) == (500, "500")
    assert model.data(model.index(0, Column.CATEGORY)) == "Error"
    assert model.data(model.index(5, 0)) is None
    assert header_label(Column.CODE) == "Code" and header_label(len(Column)) is None


def test_role_numbers_are_qts() -> None:
    # kept as plain ints so that the first paint never names PySide6's Qt namespace
    assert Qt.ItemDataRole.DisplayRole == DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole == TOOLTIP_ROLE
    assert Qt.ItemDataRole.UserRole == USER_ROLE


def test_chinese_phrase_keeps_english_visible(model: CodeTableModel) -> None:
    model.set_rows(QueryEngine(load_builtin().entries).search("404"))
    model.set_language("zh_CN")
    text = model.data(model.index(0, Column.PHRASE))
    assert "Not Found" in text and text != "Not Found"


def test_code_sort_is_numeric_with_vendor_codes_last(model: CodeTableModel) -> None:
    model.sort(Column.CODE, Qt.SortOrder.AscendingOrder)
    numbers = [model.entry(r).numeric_code for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert numbers == sorted(numbers)
    assert model.entry(0).code == "100"  # type: ignore[union-attr]
