"""Markdown structure read with markdown-it-py: headings, labels and GFM pipe tables.

:func:`scan_markdown` parses a Markdown text (CommonMark with the GFM table extension) and
appends every pipe table to a list, tagged through a :class:`~.markdown_tables.SectionTracker`
with the heading and the category label (``- 正常``, ``**Abnormal**``) above it — the same
rules as the hand-written scanner it replaced. Raw HTML tables never reach this module:
:func:`.html_tables.parse_document` takes them out of the page first and hands only the text
between them here. Code blocks, fenced or indented, are not tables, so codes shown only in
examples yield nothing.

Cells are the text a reader sees: code spans, links and emphasis lose their markup
(:func:`.markdown_tables.clean_inline`); ``<br>`` is a line break. markdown-it-py is imported on the
first Markdown import, not at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from .base import MAX_COLUMNS, ParseContext, RawTable
from .markdown_tables import SectionTracker, clean_inline

if TYPE_CHECKING:
    from markdown_it.token import Token

_LABEL_LENGTH = 40
_BATCH = 4096


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # "html": raw HTML blocks are recognised instead of read as paragraphs. Only the block
    # structure comes from markdown-it: its inline pass tripled the time of a 200,000-row
    # table (11 s → 26 s), and cells need only the reader's text, which clean_inline gives.
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.core.ruler.disable(["inline"])
    return parser


def inline_text(token: Token) -> str:
    """The text of an ``inline`` token as a reader sees it (markup by :func:`clean_inline`).

    HTML tags and entities never get here: :func:`.html_tables.parse_document` already
    turned the page's tags into structure (``<br>`` into a line break) and decoded entities,
    so a ``<`` here is text the author escaped.
    """
    return clean_inline(token.content)


def scan_markdown(
    text: str,
    tracker: SectionTracker,
    ctx: ParseContext,
    out: list[RawTable],
    *,
    progress_span: tuple[float, float] = (0.0, 1.0),
) -> None:
    """Find headings, labels and pipe tables in ``text``; append the tables to ``out``."""
    tokens: Sequence[Token] = _parser().parse(text)
    count = len(tokens) or 1
    start_fraction, end_fraction = progress_span
    in_item = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            tracker.on_heading(int(token.tag[1:]), inline_text(tokens[i + 1]))
            i += 3
            continue
        if kind == "table_open":
            i = _table(tokens, i, tracker, ctx, out)
            ctx.check(start_fraction + (end_fraction - start_fraction) * i / count)
            continue
        if kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "inline":
            label = inline_text(token)
            if in_item or len(label) <= _LABEL_LENGTH:
                tracker.on_label(label)
        i += 1


def _table(
    tokens: Sequence[Token],
    start: int,
    tracker: SectionTracker,
    ctx: ParseContext,
    out: list[RawTable],
) -> int:
    """Read the table that opens at ``tokens[start]``; the index after its close."""
    rows: list[list[str]] = []
    header_rows = 0
    row: list[str] | None = None
    in_head = False
    counted = 0
    i = start + 1
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "table_close":
            i += 1
            break
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            rows.append(row[:MAX_COLUMNS])
            header_rows += in_head
            row = None
            if len(rows) - counted >= _BATCH:
                _account(ctx, rows, counted)
                counted = len(rows)
        elif kind == "inline" and row is not None:
            row.append(inline_text(token))
        i += 1
    _account(ctx, rows, counted)
    if rows:
        width = max(len(r) for r in rows)
        for r in rows:
            if len(r) < width:
                r.extend([""] * (width - len(r)))
        table = RawTable(rows, header_rows, kind="Markdown table")
        tracker.assign(table)
        out.append(table)
    return i


def _account(ctx: ParseContext, rows: list[list[str]], counted: int) -> None:
    fresh = rows[counted:]
    if fresh:
        ctx.add_rows(len(fresh))
        ctx.add_cells(sum(len(r) for r in fresh))
