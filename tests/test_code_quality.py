"""Lint and type checks run with the tests, so CI enforces them: ruff and mypy on app/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_is_clean_on_app() -> None:
    result = _run("ruff", "check", "app")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean_on_app() -> None:
    result = _run("mypy", "app")
    assert result.returncode == 0, result.stdout + result.stderr


def test_registry_package_does_not_import_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app" / "registry").rglob("*.py")
        if "PySide6" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
