"""What the user copies: every format of the detail pane and the multi-row tables."""

from __future__ import annotations

import pytest

from app.registry.copy_formats import (
    bilingual_line,
    format_entry,
    markdown_table,
    summary_line,
    tsv_table,
)
from app.registry.entry import StatusEntry
from app.registry.loader import load_builtin


def entry(entry_id: str) -> StatusEntry:
    found = load_builtin().by_id(entry_id)
    assert found is not None
    return found


def test_status_and_bilingual_lines() -> None:
    e = entry("iana-413")
    assert format_entry(e, "status_line") == "413 Content Too Large"
    assert format_entry(e, "status_line", "zh_CN") == "413 Content Too Large"  # on-wire form
    assert bilingual_line(e) == f"413 Content Too Large（{e.zh['phrase']}）"
    assert "过大" in e.zh["phrase"]


def test_summary_line_and_description() -> None:
    e = entry("iana-404")
    assert summary_line(e) == f"404 Not Found — {e.summary}"
    assert summary_line(e, "zh_CN").startswith(f"404 {e.zh['phrase']} — ")
    assert format_entry(e, "description") == e.description
    assert format_entry(e, "description", "zh_CN") == e.zh["description"]


def test_constants_and_example() -> None:
    e = entry("iana-429")
    assert format_entry(e, "constant:go") == "http.StatusTooManyRequests"
    assert format_entry(e, "constant:python") == "HTTPStatus.TOO_MANY_REQUESTS"
    assert format_entry(e, "example").startswith("HTTP/1.1 429 Too Many Requests\n")
    with pytest.raises(ValueError, match="unknown copy format"):
        format_entry(e, "pdf")


def test_markdown_escapes_pipes_and_tables() -> None:
    rows = [entry("iana-500"), entry("iana-502")]
    table = markdown_table(rows).splitlines()
    assert table[0].startswith("| Code | Phrase |") and table[1].startswith("|---")
    assert table[2].startswith("| 500 | Internal Server Error | 5xx | error | IANA |")
    assert len(table) == 4
    tsv = tsv_table(rows).splitlines()
    assert tsv[0].split("\t")[:2] == ["code", "phrase"]
    assert tsv[2].split("\t")[:2] == ["502", "Bad Gateway"]


def test_markdown_row_of_hostile_text() -> None:
    from dataclasses import replace

    e = replace(entry("iana-400"), phrase="a | b\nc")
    row = format_entry(e, "markdown")
    assert "a \\| b<br>c" in row and row.count("\n") == 0
