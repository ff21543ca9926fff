"""The import workflow in the real window: parse in a worker, preview, save, reload,
manage, export — plus the bad-input paths that must leave stored data untouched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

import app
from app.ui.main_window import MainWindow

SEED = Path(__file__).resolve().parents[1] / "registry" / "fixtures" / "seed_status_codes.txt"


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    target = tmp_path / "cloud-api-status.md"
    shutil.copy(SEED, target)
    return target


def wait_loaded(qtbot: QtBot, window: MainWindow) -> None:
    """Registries reload in a worker thread after every change."""
    qtbot.waitUntil(lambda: window.loading is None, timeout=20_000)


def import_and_preview(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.imports.import_file(str(path))
    qtbot.waitUntil(lambda: window.imports.task is None, timeout=20_000)


def test_seed_import_preview_save_and_search(qtbot: QtBot, window: MainWindow, seed: Path) -> None:
    import_and_preview(qtbot, window, seed)
    dialog = window.imports.preview
    assert dialog is not None and dialog.isVisible()
    assert dialog.name() == "cloud-api-status"
    rows = dialog.rows()
    assert len(rows) == 15
    assert {r.category for r in rows if r.code.startswith("2")} == {"normal"}
    assert {r.category for r in rows if r.code[0] in "45"} == {"error"}
    differences = [
        dialog.differences.item(r, 0).text() for r in range(dialog.differences.rowCount())
    ]
    assert "413" in differences  # Request Entity Too Large vs Content Too Large
    dialog.name_edit.setText("Cloud API")
    before = len(window.registry.entries)
    dialog.accept()
    qtbot.waitUntil(lambda: len(window.registry.entries) == before + 15, timeout=20_000)
    assert "Cloud API" in window.registry.sources()
    window.search_box.setText("request entity too large")
    sources = {window.model.entry(r).source for r in range(window.model.rowCount())}
    assert {"Cloud API", "IANA"} <= sources
    source = window.filter_bar.source
    source.setCurrentIndex(source.findData("Cloud API"))
    window.search_box.clear()
    assert window.model.rowCount() == 15


def test_openapi_preview_names_its_caption_columns_and_skipped_responses(
    qtbot: QtBot, window: MainWindow
) -> None:
    spec = Path(__file__).resolve().parents[1] / "corpus" / "documents" / "api_ory_keto.json"
    import_and_preview(qtbot, window, spec)
    dialog = window.imports.preview
    assert dialog is not None and dialog.isVisible()
    assert dialog.findChild(QLabel, "importPlace0").text().startswith("Caption: ")
    roles = dialog.findChild(QLabel, "importRoles0").text()
    assert "“HTTP status code”" in roles and "“Message”" in roles
    assert dialog.differences.rowCount() == 0  # response texts are not reason phrases
    assert "'default' is not a status code" in dialog.warnings.toPlainText()
    assert {r.code for r in dialog.rows()} >= {"200", "204", "400", "404"}


def test_imported_registry_survives_restart(qtbot: QtBot, window: MainWindow, seed: Path) -> None:
    import_and_preview(qtbot, window, seed)
    window.imports.preview.accept()
    qtbot.waitUntil(lambda: "cloud-api-status" in window.registry.sources(), timeout=20_000)
    window.close()
    second = app.create_window()
    qtbot.add_widget(second)
    assert second.loading is not None  # imported registries load in a worker thread
    qtbot.waitUntil(lambda: second.loading is None, timeout=20_000)
    assert "cloud-api-status" in second.registry.sources()


def test_bad_file_gives_a_message_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, statuscope_home: Path
) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 100)
    import_and_preview(qtbot, window, junk)
    box = window.findChild(QMessageBox, "importMessage")
    assert box is not None and "junk.bin" in box.text()
    assert window.imports.preview is None
    assert not (statuscope_home / "data" / "registries").exists() or not any(
        window.imports.store().list()
    )  # type: ignore[union-attr]


def test_not_a_code_table(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = tmp_path / "params.md"
    page.write_text(
        "| Parameter | Type | Description |\n|---|---|---|\n"
        "| name | string | The name |\n| size | int | Bytes |\n",
        encoding="utf-8",
    )
    import_and_preview(qtbot, window, page)
    box = window.findChild(QMessageBox, "importMessage")
    assert box is not None and "params.md" in box.text()


def test_drop_a_file_starts_the_import(qtbot: QtBot, window: MainWindow, seed: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(seed))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.imports.preview is not None, timeout=20_000)
    assert len(window.imports.preview.rows()) == 15


def test_manager_disable_rename_remove(
    qtbot: QtBot, window: MainWindow, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_and_preview(qtbot, window, seed)
    window.imports.preview.accept()
    qtbot.waitUntil(lambda: "cloud-api-status" in window.registry.sources(), timeout=20_000)
    window.imports.manage()
    dialog = window.imports.manager
    assert dialog.table.rowCount() == 1
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    wait_loaded(qtbot, window)
    assert "cloud-api-status" not in window.registry.sources()
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    wait_loaded(qtbot, window)
    assert "cloud-api-status" in window.registry.sources()
    dialog.table.selectRow(0)
    monkeypatch.setattr(
        "app.ui.registries_dialog.QInputDialog.getText", lambda *a, **k: ("Vendor X", True)
    )
    dialog.rename()
    wait_loaded(qtbot, window)
    assert "Vendor X" in window.registry.sources()
    dialog.table.selectRow(0)
    monkeypatch.setattr(
        "app.ui.registries_dialog.QMessageBox.question",
        lambda *a, **k: QMessageBox.StandardButton.Yes,
    )
    dialog.remove()
    assert dialog.table.rowCount() == 0
    wait_loaded(qtbot, window)
    assert "Vendor X" not in window.registry.sources()


def test_export_current_view_round_trips(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from app.registry.importers import parse_file
    from app.ui.export_flow import write_export

    window.search_box.setText("5xx")
    entries = [window.model.entry(r) for r in range(window.model.rowCount())]
    target = tmp_path / "view.json"
    assert write_export(window, entries, str(target), "json", "en", lambda _t: None)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [d["code"] for d in data] == [e.code for e in entries]
    reparsed = parse_file(target)
    assert [(r.code, r.phrase) for r in reparsed.rows] == [(e.code, e.phrase) for e in entries]
    assert QApplication.instance() is not None
