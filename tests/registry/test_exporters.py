"""Exports: CSV and JSON re-import losslessly; Markdown and HTML show text, never markup."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.registry.entry import StatusEntry
from app.registry.exporters import CORE_COLUMNS, export_entries, export_to_file
from app.registry.importers import ImportedRow, parse_file, parse_text, rows_to_entries
from app.registry.loader import load_builtin

FIXTURES = Path(__file__).parent / "fixtures"
COMPARED = (
    "code",
    "phrase",
    "status_class",
    "category",
    "lifecycle",
    "summary",
    "reference",
    "aliases",
    "description",
    "client_action",
    "extra",
    "source",
    "id",
)


def snapshot(entry: StatusEntry, *, skip: tuple[str, ...] = ()) -> dict[str, object]:
    return {name: getattr(entry, name) for name in COMPARED if name not in skip}


def reimport(text: str, fmt: str, name: str) -> list[StatusEntry]:
    return rows_to_entries(parse_text(text, fmt).rows, name)


def imported_entries() -> list[StatusEntry]:
    rows = (
        parse_file(FIXTURES / "gateway_errors.html").rows
        + parse_file(FIXTURES / "seed_status_codes.txt").rows
        + parse_file(FIXTURES / "codes_gbk.tsv").rows
    )
    rows.append(
        ImportedRow(
            "X.0001",
            'Quote " comma , semicolon ; pipe | <b>tag</b>',
            "normal",
            {"备注": "多行\n说明", "retry_after": "=1+1"},
        )
    )
    return rows_to_entries(rows, "acme")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_imported_registry_round_trips(fmt: str) -> None:
    original = imported_entries()
    again = reimport(export_entries(original, fmt), fmt, "acme")
    assert [snapshot(e) for e in again] == [snapshot(e) for e in original]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_builtin_registry_round_trips(fmt: str) -> None:
    original = list(load_builtin().entries)
    again = reimport(export_entries(original, fmt), fmt, "copy")
    assert len(again) == len(original)
    for before, after in zip(original, again, strict=True):
        assert snapshot(after, skip=("extra", "source", "id", "client_action")) == snapshot(
            before, skip=("extra", "source", "id", "client_action")
        )
        assert after.source == "copy"
        assert dict(after.extra).get("source") == before.source
        assert dict(after.extra).get("description", "") == before.description


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_through_a_file(tmp_path: Path, fmt: str) -> None:
    original = imported_entries()
    path = tmp_path / f"export.{fmt}"
    export_to_file(original, path, fmt)
    if fmt == "csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    again = rows_to_entries(parse_file(path).rows, "acme")
    assert [snapshot(e) for e in again] == [snapshot(e) for e in original]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left


def test_csv_and_json_columns() -> None:
    entries = imported_entries()
    rows = list(csv.reader(io.StringIO(export_entries(entries, "csv"))))
    header = rows[0]
    assert tuple(header[: len(CORE_COLUMNS)]) == CORE_COLUMNS
    assert header[len(CORE_COLUMNS) :] == [
        "description",
        "group",
        "http_status",
        "module",
        "retry_after",
        "section",
        "solution",
        "备注",
    ]
    records = json.loads(export_entries(entries, "json"))
    assert records[0]["code"] == "APIG.0101"
    assert records[0]["class"] == "4xx"
    assert records[0]["aliases"] == []
    assert all(list(record) == header for record in records)


def test_builtin_aliases_are_joined_in_csv() -> None:
    entry = next(e for e in load_builtin().entries if e.id == "iana-413")
    record = dict(zip(*list(csv.reader(io.StringIO(export_entries([entry], "csv")))), strict=True))
    assert record["aliases"] == "; ".join(entry.aliases)
    assert record["phrase"] == "Content Too Large"
    zh = dict(
        zip(*list(csv.reader(io.StringIO(export_entries([entry], "csv", "zh_CN")))), strict=True)
    )
    assert zh["phrase"] == entry.text("phrase", "zh_CN")


HOSTILE = (
    "<script>alert(1)</script> <img src=http://evil.invalid/x.png> "
    '<a href="javascript:alert(1)">x</a> <style>*{}</style> file:///etc/passwd'
)


def test_html_export_escapes_everything() -> None:
    entries = rows_to_entries([ImportedRow("E<1>", HOSTILE, None, {"note&": HOSTILE})], "evil")
    page = export_entries(entries, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page and "<a " not in page
    assert "<style>table" in page and page.count("<style") == 1
    assert html.escape(HOSTILE) in page
    assert "default-src 'none'" in page
    result = parse_text(page, "html")  # the page is itself importable
    assert [(r.code, r.phrase) for r in result.rows] == [("E<1>", HOSTILE)]


def test_markdown_export_escapes_pipes_and_markup() -> None:
    phrase = "a | b * c _d_ `e` [f](g) \\ <b>h</b> & i"
    entries = rows_to_entries([ImportedRow("E1", phrase, None, {"note": "line 1\nline 2"})], "m")
    text = export_entries(entries, "md")
    lines = text.splitlines()
    assert len(lines) == 3
    assert lines[2].count(" | ") == len(lines[0].split(" | ")) - 1  # no stray pipes
    assert "<b>" not in text and "&lt;b&gt;" in text
    result = parse_text(text, "markdown")
    assert [(r.code, r.phrase, r.extra.get("note")) for r in result.rows] == [
        ("E1", phrase, "line 1\nline 2")
    ]


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_entries([], "xlsx")


SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40
).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(
    phrases=st.lists(SAFE_TEXT, min_size=1, max_size=8),
    notes=st.lists(SAFE_TEXT, min_size=1, max_size=8),
    fmt=st.sampled_from(["csv", "json"]),
)
@example(phrases=["Continue", "Not Found"], notes=["继续", "未找到"], fmt="csv")  # not bilingual
def test_round_trip_property(phrases: list[str], notes: list[str], fmt: str) -> None:
    rows = [
        ImportedRow(
            f"ERR.{i:04d}",
            phrase,
            "normal" if i % 2 else "error",
            {"note": notes[i % len(notes)]} if notes[i % len(notes)] else {},
        )
        for i, phrase in enumerate(phrases)
    ]
    original = rows_to_entries(rows, "prop")
    again = reimport(export_entries(original, fmt), fmt, "prop")
    assert [snapshot(e) for e in again] == [snapshot(e) for e in original]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_keeps_what_document_rules_would_rewrite(fmt: str) -> None:
    """Rules for documents (a "Name -- explanation" cell, a 是/否 column, a Chinese column
    beside the phrase) never rewrite Statuscope's own export."""
    rows = [
        ImportedRow("E1", "", None, {"description": "Bad Request -- Your request is invalid."}),
        ImportedRow("E2", "Not Found", "error", {"note": "未找到", "retry": "否"}),
        ImportedRow("E3", "Continue", "normal", {"note": "继续", "retry": "是"}),
    ]
    original = rows_to_entries(rows, "own")
    again = reimport(export_entries(original, fmt), fmt, "own")
    assert [snapshot(e) for e in again] == [snapshot(e) for e in original]
