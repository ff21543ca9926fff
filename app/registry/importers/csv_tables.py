"""Delimited text: CSV, TSV, semicolon- and pipe-separated exports.

The delimiter is sniffed among ``,`` ``;`` TAB and ``|`` by parsing the first lines with each
and keeping the one that gives the most consistent column count (ties prefer that order).
Decoding (BOM, UTF-8, GB18030/GBK, UTF-16) happens before, in :mod:`.decoding`. Cells are kept
as written, only stripped of surrounding whitespace later when rows are built.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from .base import MAX_COLUMNS, ParseContext, RawTable

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 50


def sniff_delimiter(text: str) -> tuple[str, float]:
    """The most plausible delimiter and a score (0 = none of them splits the lines)."""
    head = text[: 1 << 16]
    last_newline = head.rfind("\n")
    if last_newline > 0 and len(text) > len(head):
        head = head[:last_newline]
    best, best_score = ",", 0.0
    for delimiter in DELIMITERS:
        if delimiter not in head:
            continue
        try:
            rows = []
            for number, row in enumerate(csv.reader(io.StringIO(head), delimiter=delimiter)):
                if number >= _SNIFF_LINES:
                    break
                if row:
                    rows.append(len(row))
        except csv.Error:
            continue
        if not rows:
            continue
        width, count = Counter(rows).most_common(1)[0]
        if width < 2:
            continue
        score = count / len(rows) + min(width, 10) / 100
        if score > best_score:
            best, best_score = delimiter, score
    return best, best_score


def parse_csv(text: str, ctx: ParseContext) -> list[RawTable]:
    """One table from delimited text; the header row is guessed later."""
    delimiter, score = sniff_delimiter(text)
    if score == 0.0:
        raise ctx.fail("not a delimited table (no , ; TAB or | separating columns)")
    total_lines = text.count("\n") + 1
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    warned = False
    counted = 0
    try:
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) > MAX_COLUMNS:
                if not warned:
                    ctx.warn(f"more than {MAX_COLUMNS} columns; the rest is ignored")
                    warned = True
                row = row[:MAX_COLUMNS]
            rows.append(row)
            if len(rows) - counted >= 4096:
                ctx.add_rows(len(rows) - counted)
                ctx.add_cells(sum(len(r) for r in rows[counted:]))
                counted = len(rows)
                ctx.check(reader.line_num / total_lines)
    except csv.Error as exc:
        raise ctx.fail(f"malformed CSV at line {reader.line_num}: {exc}") from None
    ctx.add_rows(len(rows) - counted)
    ctx.add_cells(sum(len(r) for r in rows[counted:]))
    if not rows:
        raise ctx.fail("no rows")
    return [RawTable(rows, None, kind="CSV")]
