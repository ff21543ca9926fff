"""The status map (View → Status map): tiles in their class colours, dimming that follows the
query, clicks and keys that select codes, badges from imported codes, PNG and SVG export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.registry.entry_table import ChainedEntries, EntryTable
from app.registry.importers import ImportedRow
from app.registry.loader import Registry, load_builtin
from app.ui.main_window import MainWindow
from app.ui.map_export import EXPORT_SIZE, write_map
from app.ui.status_map import LIGHT, StatusMap


def _shown(window: MainWindow) -> StatusMap:
    action = window.window_actions.show_status_map
    assert action.objectName() == "showStatusMap"
    assert action.property("shortcut").toString() == "Ctrl+M"
    action.trigger()
    status_map = window.status_map
    assert status_map is not None and status_map.isVisible()
    assert status_map.objectName() == "statusMap"
    return status_map


def _colour_at(status_map: StatusMap, code: str) -> QColor:
    image = status_map.grab().toImage()
    return image.pixelColor(status_map.tile_rect(code).center())


def test_tiles_are_painted_in_their_class_colours(qtbot: QtBot, window: MainWindow) -> None:
    status_map = _shown(window)
    for code in ("100", "200", "301", "404", "503"):
        assert _colour_at(status_map, code).name() == LIGHT[f"{code[0]}xx"], code
    unassigned = _colour_at(status_map, "427")
    assert unassigned.lightness() > 200  # faint
    assert status_map.tile_rect("999").isNull() and status_map.tile_rect("OBS.1").isNull()
    assert status_map.accessibleName() == "Status map"


def test_dimming_follows_the_query_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    status_map = _shown(window)
    bright = _colour_at(status_map, "404")
    window.search_box.setText("gateway")
    assert not status_map.is_dimmed("502") and not status_map.is_dimmed("504")
    assert status_map.is_dimmed("404")
    assert _colour_at(status_map, "404").lightness() > bright.lightness() + 60
    assert _colour_at(status_map, "502").name() == LIGHT["5xx"]
    window.search_box.setText("")
    assert not status_map.is_dimmed("404")
    window.filter_bar.set_filters(["2xx"], "", "", "")
    assert status_map.is_dimmed("404") and not status_map.is_dimmed("200")


def test_a_click_selects_the_code_and_keys_move(qtbot: QtBot, window: MainWindow) -> None:
    status_map = _shown(window)
    qtbot.mouseClick(
        status_map, Qt.MouseButton.LeftButton, pos=status_map.tile_rect("404").center()
    )
    entry = window.current_entry()
    assert entry is not None and entry.code == "404"
    window.refresh_detail()
    assert "404" in window.detail.browser.toPlainText()[:20]
    status_map.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
        qtbot.keyClick(status_map, key)
    assert status_map.cursor_code == "415"
    assert "415 Unsupported Media Type — IANA" in status_map.accessibleDescription()
    qtbot.keyClick(status_map, Qt.Key.Key_Return)
    entry = window.current_entry()
    assert entry is not None and entry.code == "415"
    assert window.table.hasFocus()


def test_badges_count_imported_codes_by_http_status(qtbot: QtBot, window: MainWindow) -> None:
    builtin = load_builtin()
    rows = [
        ImportedRow(f"CES.{n}", "Bad parameter", "error", {"http_status": "400"}) for n in range(3)
    ]
    rows.append(ImportedRow("404", "Bucket missing", "error", {}))
    table = EntryTable.from_imported(rows, "Cloud")
    window.set_registry(
        Registry(ChainedEntries([builtin.entries, table]), builtin.iana_last_updated)
    )
    status_map = _shown(window)
    assert status_map.count("400") == 3 and status_map.count("404") == 1
    assert status_map.count("500") == 0
    assert "3 imported codes map to it" in status_map.describe("400")


def test_the_choice_is_kept_and_chinese_tooltips(qtbot: QtBot, window: MainWindow) -> None:
    status_map = _shown(window)
    assert window.settings.value("view/statusMap") == 1
    window.set_language("zh_CN")
    assert status_map.accessibleName() == "状态码地图"
    assert "404 未找到 — IANA" in status_map.describe("404")
    window.set_language("en")
    window.window_actions.show_status_map.trigger()
    assert not status_map.isVisible() and window.settings.value("view/statusMap") == 0


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export_writes_a_valid_image(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, suffix: str
) -> None:
    status_map = _shown(window)
    window.search_box.setText("5xx")
    target = tmp_path / f"map{suffix}"
    write_map(status_map, target)
    if suffix == ".png":
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        image = QImage(str(target))
        assert image.size() == EXPORT_SIZE
        tile = status_map._tile_rect("503", EXPORT_SIZE.width(), EXPORT_SIZE.height())
        assert image.pixelColor(tile.center()).name() == LIGHT["5xx"]
    else:
        root = ET.parse(target).getroot()
        assert root.tag.endswith("svg")
        fills = {e.get("fill") for e in root.iter() if e.get("fill")}
        assert LIGHT["5xx"] in fills and LIGHT["4xx"] in fills


def test_an_unwritable_export_raises(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    status_map = _shown(window)
    with pytest.raises(OSError):
        write_map(status_map, tmp_path / "missing-folder" / "map.png")


def test_a_dark_palette_uses_the_dark_colours(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette

    from app.ui.status_map import DARK

    status_map = _shown(window)
    palette = status_map.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    status_map.setPalette(palette)
    assert _colour_at(status_map, "404").name() == DARK["4xx"]
    assert _colour_at(status_map, "427").lightness() < 80  # faint on dark
