"""Translations: the catalogue is complete and current; the UI switches at runtime."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import app
from app.models.columns import Column

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "statuscope_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg
        for ctx in tree.iter("context")
        for msg in ctx.iter("message")
    }


def test_no_unfinished_translation() -> None:
    messages = _messages(TS)
    assert len(messages) > 50
    unfinished = [
        key
        for key, msg in messages.items()
        if msg.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (msg.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_catalogue_covers_every_source_string(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources,
            "-ts",
            str(fresh),
            "-no-obsolete",
            "-locations",
            "none",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert set(_messages(fresh)) == set(_messages(TS))


def test_qm_is_current(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(built)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert built.read_bytes() == QM.read_bytes()


def test_switch_language_at_runtime(window) -> None:  # type: ignore[no-untyped-def]
    window.search_box.setText("429")
    window.refresh_detail()
    window.window_actions.languages["zh_CN"].trigger()
    titles = window.table.horizontalHeader().model()  # the header's own C++ model
    assert titles.headerData(Column.CODE, Qt.Orientation.Horizontal) == "状态码"
    assert window.window_actions.file_menu.title() == "文件(&F)"
    assert window.status_count.text().endswith("个状态码")
    assert window.filter_bar.category.itemText(1) == "正常"
    assert window.model.data(window.model.index(0, Column.CATEGORY)) == "错误"
    text = window.detail.browser.toPlainText()
    assert "处理建议" in text and "Too Many Requests" in text
    window.search_box.setText("payload too large")  # English queries still work in Chinese
    assert window.current_entry().code == "413"
    window.search_box.setText("太多请求")
    assert window.current_entry().code == "429"
    window.window_actions.languages["en"].trigger()
    assert titles.headerData(Column.CODE, Qt.Orientation.Horizontal) == "Code"
    assert window.settings.value("language") == "en"


def test_language_choice_persists(qtbot: QtBot) -> None:
    first = app.create_window()
    qtbot.add_widget(first)
    first.set_language("zh_CN")
    first.close()
    second = app.create_window()
    qtbot.add_widget(second)
    assert second.translations.language == "zh_CN"
    assert second.window_actions.languages["zh_CN"].isChecked()
    second.set_language("en")


def test_starts_in_chinese_with_a_chinese_locale(tmp_path: Path) -> None:
    code = (
        "import app; from PySide6.QtWidgets import QApplication; a = QApplication([]);"
        "w = app.create_window(); print(w.translations.language, w.windowTitle(),"
        " w.window_actions.file_menu.title())"
    )
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "zh_CN.UTF-8",
        "LC_ALL": "zh_CN.UTF-8",
        "STATUSCOPE_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "zh_CN" and "文件" in result.stdout


def test_lang_option_overrides_locale(qtbot: QtBot) -> None:
    from app.ui.composition import build_main_window

    window = build_main_window(language="zh_CN")
    qtbot.add_widget(window)
    assert window.translations.language == "zh_CN"
    window.set_language("en")
    assert QApplication.instance() is not None
