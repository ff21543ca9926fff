"""Settings fall back safely; uncaught exceptions are logged, never silent."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app
from app.services import errors
from app.services.settings import Settings


def test_corrupt_settings_file_is_moved_aside(
    qtbot: QtBot, statuscope_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = statuscope_home / "config"
    config.mkdir(parents=True)
    ini = config / "statuscope.ini"
    garbage = b"[General\x00\xff\xfe=\n\x00\x00language=zh\n[[[\n" * 50
    ini.write_bytes(garbage)
    with caplog.at_level(logging.WARNING):
        settings = Settings()
    assert settings.value("language") == ""
    assert settings.value("zoom") == 0
    kept = list(config.glob("statuscope.ini.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == garbage  # the user's file is intact
    assert "could not be read" in caplog.text
    window = app.create_window()  # and the app starts with defaults
    qtbot.add_widget(window)
    assert window.model.rowCount() == len(window.registry.entries)


def test_bad_values_fall_back_to_defaults(statuscope_home: Path) -> None:
    config = statuscope_home / "config"
    config.mkdir(parents=True)
    (config / "statuscope.ini").write_text("[General]\nzoom=lots\n", encoding="utf-8")
    assert Settings().value("zoom") == 0


def test_uncaught_exception_is_logged(statuscope_home: Path) -> None:
    errors.setup_logging()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        errors.handle_exception(*sys.exc_info())  # type: ignore[arg-type]
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "_statuscope", False)]
    for handler in ours:
        handler.flush()
        root.removeHandler(handler)
        handler.close()
    text = errors.log_file().read_text(encoding="utf-8")
    assert "uncaught exception" in text and "RuntimeError: boom in a slot" in text
    assert not errors.dialogs_enabled()  # the test environment disables the dialog
