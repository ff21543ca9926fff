"""``python -m app.registry.iana_diff``: the built-in IANA entries agree with the registry
CSV, and every kind of change in a newer CSV is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.registry.iana_diff import differences, main, parse_rows
from app.registry.loader import load_builtin

CSV = Path(__file__).parent / "data" / "iana-http-status-codes-1.csv"


def _rows(text: str | None = None):  # type: ignore[no-untyped-def]
    return parse_rows((text or CSV.read_text(encoding="utf-8")).splitlines())


def test_the_built_in_data_matches_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    assert len(rows) == 64  # registered values, (Unused) ones included
    assert {r.code: r.lifecycle for r in rows}["104"] == "temporary"
    assert differences(rows, load_builtin().entries) == []
    assert main([str(CSV)]) == 0
    assert "no difference" in capsys.readouterr().out


def test_changes_in_a_newer_registry_are_reported(tmp_path: Path) -> None:
    text = CSV.read_text(encoding="utf-8")
    text = text.replace("expires 2026-11-13", "expires 2027-11-13")  # 104 renewed
    text = text.replace("413,Content Too Large", "413,Payload Too Large")
    text = text.replace("427,Unassigned,", "427,Brand New,[RFC9999]")
    text = text.replace("510,Not Extended (OBSOLETED)", "510,Not Extended")
    found = differences(_rows(text), load_builtin().entries)
    assert found == [
        "427: in the IANA registry, not built in (Brand New)",
        "104: expires 2026-11-13, IANA now 2027-11-13",
        "413: phrase 'Content Too Large', IANA now 'Payload Too Large'",
        "510: lifecycle 'obsoleted', IANA now 'standard'",
    ]
    newer = tmp_path / "newer.csv"
    newer.write_text(text, encoding="utf-8")
    assert main([str(newer)]) == 1


def test_unreadable_input_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("not,a,registry\n", encoding="utf-8")
    assert main([str(empty)]) == 2
    assert main([str(tmp_path / "missing.csv")]) == 2
    assert main([]) == 2
