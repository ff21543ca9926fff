"""The importer measured on real public documents (README.md beside this file).

A regression names its document: ``python -m tests.corpus -v`` lists the wrong rows.
"""

from __future__ import annotations

import re

import pytest

from app.registry.importers import ImportedRow

from .scoring import (
    CORPUS,
    KeyRow,
    documents,
    key_path,
    load_key,
    match,
    normalize,
    score_corpus,
    statuses,
    totals,
)

RECALL = 0.97
PRECISION = 0.98
KEY_FIELDS = {"code", "phrase", "category", "http_status", "description"}


@pytest.fixture(scope="module")
def scores():  # type: ignore[no-untyped-def]
    return score_corpus()


def test_corpus_is_scored_above_the_bar(scores) -> None:  # type: ignore[no-untyped-def]
    recall, precision, *_counts = totals(scores)
    wrong = [s.name for s in scores if s.missing or s.extra]
    assert recall >= RECALL, (recall, wrong)
    assert precision >= PRECISION, (precision, wrong)


def test_negative_documents_give_no_rows(scores) -> None:  # type: ignore[no-untyped-def]
    negatives = [s for s in scores if s.expected == 0]
    assert len(negatives) >= 6
    assert [(s.name, s.imported) for s in negatives if s.imported] == []


def test_corpus_has_the_breadth_the_issue_asks_for() -> None:
    keys = [load_key(key_path(p)) for p in documents()]
    assert len(keys) >= 40
    assert len({k["kind"] for k in keys}) >= 10
    assert sum(1 for k in keys if k["language"] == "zh") >= 10


def test_every_document_has_a_valid_key_and_a_source() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^### (\S+)$", sources, re.MULTILINE))
    on_disk = {p.name for p in (CORPUS / "documents").iterdir()}
    listed = {p.name for p in documents()}
    assert on_disk == listed | {key_path(p).name for p in documents()}  # no key without file
    assert named == listed
    for path in documents():
        entry = sources.split(f"### {path.name}\n", 1)[1].split("\n### ", 1)[0]
        for field in ("repository", "path", "commit", "licence"):
            assert re.search(rf"^- {field}: \S", entry, re.MULTILINE), (path.name, field)
        for row in load_key(key_path(path))["rows"]:  # type: ignore[union-attr]
            assert set(row) == KEY_FIELDS, path.name
            assert row["category"] in (None, "normal", "error"), path.name


def test_the_scorer_can_fail() -> None:
    key = [KeyRow.from_json({"code": "400", "phrase": "Bad Request", "category": "error"})]
    right_row = ImportedRow("400", "Bad  Request", "error", {})
    assert match(key, [KeyRow.from_import(right_row)])[0] == 1
    for wrong in (
        ImportedRow("400", "Bad Request", "normal", {}),
        ImportedRow("400", "Bad Request", "error", {"description": "x"}),
        ImportedRow("400", "Bad Request", "error", {"http_status": "400"}),
        ImportedRow("401", "Bad Request", "error", {}),
    ):
        right, missing, extra = match(key, [KeyRow.from_import(wrong)])
        assert (right, len(missing), len(extra)) == (0, 1, 1), wrong
    twice = [KeyRow.from_import(right_row)] * 2
    assert match(key, twice)[2] == twice[1:]  # a duplicate is an extra row


def test_normalizing_drops_markup_and_list_markers_only() -> None:
    assert normalize("1. **Check** the `token`\n2. Retry") == "Check the token Retry"
    assert normalize("Ｂａｄ  Request ") == "Bad Request"
    assert statuses("400 403") == statuses(["400", 403]) == ("400", "403")
    assert statuses("-503") == ("-503",)
