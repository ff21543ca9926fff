"""Shared fixtures of the window tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

import app
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The real window (``app.create_window()``), shown; closed after the test."""
    win = app.create_window()
    qtbot.add_widget(win)
    win.show()
    yield win
    win.close()
