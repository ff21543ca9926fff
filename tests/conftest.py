"""Test set-up: headless Qt, and every test gets its own empty STATUSCOPE_HOME so settings
and user data never touch the developer's real ones."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["STATUSCOPE_NO_CRASH_DIALOG"] = "1"


@pytest.fixture(autouse=True)
def statuscope_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("STATUSCOPE_HOME", str(home))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en")
    yield home
