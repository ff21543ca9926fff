"""HTML tables in HTML pages and in Markdown documentation pages.

Vendor documentation is often Markdown with embedded HTML tables (``<table>``, ``<thead>``,
``<tbody>``, cells wrapped in ``<p>`` with ``<a name>`` anchors), sometimes next to Markdown
pipe tables on the same page. One linear pass of a small tag scanner over the whole page
collects the HTML tables; the text between them (with HTML headings and list items turned into
Markdown-like lines) goes to :func:`.markdown_tables.scan_text`, which finds the pipe tables,
headings and 正常/异常-style labels, so both layouts and their sections are read in document
order. (The scanner replaces :class:`html.parser.HTMLParser`, which is ~2.5x slower on
100k-row tables; it needs no more than tags, text, comments and entities.)

Cells: block elements become line breaks, list items inside a cell are joined with ``"; "``,
whitespace is collapsed as a browser would, ``rowspan``/``colspan`` are expanded (clamped to
:data:`.base.MAX_SPAN`, at most :data:`.base.MAX_COLUMNS` columns). ``<script>``, ``<style>``,
``<template>`` and ``<title>`` content is ignored, and so is ``<pre>`` outside tables (code).
Nested tables are read as tables of their own and as text of the outer cell.
"""

from __future__ import annotations

import re
from html import unescape

from .base import MAX_COLUMNS, MAX_SPAN, ParseContext, RawTable
from .markdown_blocks import scan_markdown
from .markdown_tables import (
    BREAK_MARK,
    SectionTracker,
    neutralize_fences,
    scan_text,
    split_front_matter,
)

_SKIP_TAGS = frozenset({"script", "style", "template", "title"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "figure",
        "figcaption",
        "hr",
        "form",
        "fieldset",
        "details",
        "summary",
        "body",
        "html",
        "address",
        "center",
    }
)
_WHITESPACE_RE = re.compile(r"\s+")
_SPAN_RE = re.compile(r"\s*([0-9]+)")
_CODE_SPAN_RE = re.compile(r"(`+)([^`\n]+?)\1")
_CHECK_EVERY = 1 << 18
#: Tags, comments, doctypes. Attribute text stops at "<" and quoted values are bounded, so a
#: failed match never scans far: the scanner stays linear on hostile input.
_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^<>]*>?"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]{0,63})((?:[^<>\"']|\"[^\"]{0,8192}\"|'[^']{0,8192}'){0,1024})>",
    re.DOTALL,
)
_SPAN_ATTR_RE = re.compile(r"(?<![\w-])(rowspan|colspan)\s*=\s*[\"']?\s*([0-9]*)", re.IGNORECASE)
_RAW_TEXT_TAGS = frozenset({"script", "style"})
_RAW_TEXT_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _RAW_TEXT_TAGS}


def _unescape(text: str) -> str:
    return unescape(text) if "&" in text else text


def _span(value: str | None) -> int:
    """A rowspan/colspan attribute as 1..MAX_SPAN (0 means "to the end": MAX_SPAN)."""
    if value is None:
        return 1
    match = _SPAN_RE.match(value)
    if match is None:
        return 1
    digits = match.group(1)
    number = int(digits) if len(digits) <= 6 else MAX_SPAN
    if number == 0:
        return MAX_SPAN
    return min(number, MAX_SPAN)


class _Cell:
    __slots__ = ("blocks", "colspan", "current", "header", "item", "rowspan")

    def __init__(self, header: bool, rowspan: int, colspan: int) -> None:
        self.header = header
        self.rowspan = rowspan
        self.colspan = colspan
        self.blocks: list[tuple[str, bool]] = []
        self.current: list[str] = []
        self.item = False

    def add(self, data: str) -> None:
        self.current.append(data)

    def new_block(self, item: bool = False) -> None:
        if self.current:
            text = " ".join("".join(self.current).split())
            self.current = []
            if text:
                self.blocks.append((text, self.item))
        self.item = item

    def text(self) -> str:
        if not self.blocks:  # the common cell: one run of text, no block elements
            return " ".join("".join(self.current).split())
        self.new_block()
        lines: list[str] = []
        items: list[str] = []
        for text, is_item in self.blocks:
            if is_item:
                items.append(text)
                continue
            if items:
                lines.append("; ".join(items))
                items = []
            lines.append(text)
        if items:
            lines.append("; ".join(items))
        return "\n".join(lines)


class _Table:
    """One ``<table>`` being read: rows of cells with their spans, then a grid."""

    def __init__(self, parent: _Table | None, ctx: ParseContext) -> None:
        self.parent = parent
        self.ctx = ctx
        self.rows: list[tuple[list[tuple[str, int, int]], str, bool]] = []
        self.row: list[_Cell] | None = None
        self.cell: _Cell | None = None
        self.group = "tbody"
        self.caption: list[str] = []
        self.in_caption = False
        self.raw: RawTable | None = None
        self.warned_width = False

    def start_row(self) -> None:
        self.end_row()
        self.row = []
        self.ctx.add_rows(1)

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            cells = [(cell.text(), cell.rowspan, cell.colspan) for cell in self.row]
            all_th = bool(self.row) and all(cell.header for cell in self.row)
            if cells:
                self.rows.append((cells, self.group, all_th))
            self.row = None

    def start_cell(self, header: bool, attrs: str) -> None:
        self.end_cell()
        if self.row is None:
            self.start_row()
        assert self.row is not None
        if len(self.row) >= MAX_COLUMNS:
            if not self.warned_width:
                self.ctx.warn(f"a table has more than {MAX_COLUMNS} columns; the rest is ignored")
                self.warned_width = True
            return
        rowspan = colspan = 1
        if "span" in attrs:
            for attr in _SPAN_ATTR_RE.finditer(attrs):
                if attr.group(1).lower() == "rowspan":
                    rowspan = _span(attr.group(2))
                else:
                    colspan = _span(attr.group(2))
        cell = _Cell(header, rowspan, colspan)
        self.row.append(cell)
        self.cell = cell

    def end_cell(self) -> None:
        self.cell = None

    def finish(self) -> None:
        self.end_row()
        heads = [r for r in self.rows if r[1] == "thead"]
        bodies = [r for r in self.rows if r[1] == "tbody"]
        feet = [r for r in self.rows if r[1] == "tfoot"]
        ordered = heads + bodies + feet
        header_rows: int | None
        if heads:
            header_rows = len(heads)
        else:
            leading = 0
            for _cells, _group, all_th in ordered:
                if not all_th:
                    break
                leading += 1
            header_rows = leading if 0 < leading < len(ordered) else None
        continued: set[tuple[int, int]] = set()
        grid = _expand([cells for cells, _group, _th in ordered], self.ctx, continued)
        caption = " ".join("".join(self.caption).split())
        self.raw = RawTable(
            grid,
            header_rows,
            section=caption or None,
            kind="HTML table",
            continued=continued,
            caption=caption or None,
        )

    def flat_text(self) -> str:
        if self.raw is None:
            return ""
        return " ".join(" ".join(c for c in row if c) for row in self.raw.rows)


def _expand(
    rows: list[list[tuple[str, int, int]]], ctx: ParseContext, continued: set[tuple[int, int]]
) -> list[list[str]]:
    """Expand rowspan/colspan into a grid of cell text (a spanned text repeats)."""
    grid: list[list[str]] = []
    left: dict[int, int] = {}
    spanned: dict[int, str] = {}

    def take(column: int, out: list[str]) -> None:
        continued.add((len(grid), column))
        out.append(spanned[column])
        if left[column] <= 1:
            del left[column], spanned[column]
        else:
            left[column] -= 1

    for cells in rows:
        out: list[str] = []
        col = 0
        for text, rowspan, colspan in cells:
            while col in left:
                take(col, out)
                col += 1
            colspan = min(colspan, MAX_COLUMNS - col)
            if colspan <= 0:
                break
            for _ in range(colspan):
                out.append(text)
                if rowspan > 1:
                    left[col] = rowspan - 1
                    spanned[col] = text
                col += 1
        for column in sorted(c for c in left if c >= col):
            while col < column:
                out.append("")
                col += 1
            take(column, out)
            col += 1
        ctx.add_cells(len(out))
        grid.append(out)
    return grid


class _DocumentParser:
    """A small, linear-time tag scanner (the stdlib HTMLParser is ~4x slower on big tables)."""

    def __init__(self, ctx: ParseContext, markdown: bool) -> None:
        self.ctx = ctx
        self.markdown = markdown
        self.blocks: list[str | _Table] = []
        self.text: list[str] = []
        self.stack: list[_Table] = []
        self.skip = 0
        self.pre = 0

    def run(self, text: str) -> None:
        total = max(len(text), 1)
        pos = 0
        next_check = _CHECK_EVERY
        search = _TOKEN_RE.search
        while True:
            match = search(text, pos)
            if match is None:
                if pos < len(text):
                    self.handle_data(_unescape(text[pos:]))
                break
            start = match.start()
            if start > pos:
                self.handle_data(_unescape(text[pos:start]))
            pos = match.end()
            if pos >= next_check:
                next_check = pos + _CHECK_EVERY
                self.ctx.check(0.6 * pos / total)
            name = match.group(2)
            if name is None:
                continue  # comment, doctype, processing instruction, CDATA
            tag = name.lower()
            if match.group(1):
                self.handle_endtag(tag)
                continue
            self.handle_starttag(tag, match.group(3) or "")
            if tag in _RAW_TEXT_TAGS:
                end = _RAW_TEXT_END[tag].search(text, pos)
                pos = len(text) if end is None else end.end()
                self.handle_endtag(tag)
        self.finish()

    # -- helpers --------------------------------------------------------------------------
    def _emit(self, text: str) -> None:
        self.text.append(text)

    def _flush_text(self) -> None:
        if self.text:
            self.blocks.append("".join(self.text))
            self.text = []

    def _open_table(self) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self._flush_text()
        table = _Table(parent, self.ctx)
        self.blocks.append(table)
        self.stack.append(table)

    def _close_table(self) -> None:
        table = self.stack.pop()
        table.finish()
        parent = table.parent
        if parent is not None and parent.cell is not None:
            parent.cell.add(f" {table.flat_text()} ")

    def finish(self) -> None:
        while self.stack:
            self._close_table()
        self._flush_text()

    # -- tag events -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "table":
            self._open_table()
            return
        if self.stack:
            self._table_start(self.stack[-1], tag, attrs)
            return
        if tag in _HEADINGS:
            self._emit("\n" + "#" * _HEADINGS[tag] + " ")
        elif tag == "li":
            self._emit("\n- ")
        elif tag == "br":
            self._emit(BREAK_MARK)
        elif tag == "pre":
            self.pre += 1
            self._emit("\n")
        elif tag in _BLOCK_TAGS:
            self._emit("\n")

    def _table_start(self, table: _Table, tag: str, attrs: str) -> None:
        if tag in ("td", "th"):
            table.start_cell(tag == "th", attrs)
        elif tag == "tr":
            table.start_row()
        elif tag in ("thead", "tbody", "tfoot"):
            table.end_row()
            table.group = tag
        elif tag == "caption":
            table.end_row()
            table.in_caption = True
        elif table.cell is not None:
            if tag == "li":
                table.cell.new_block(item=True)
            elif tag == "br" or tag in _BLOCK_TAGS or tag in _HEADINGS or tag == "pre":
                table.cell.new_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "table":
            if self.stack:
                self._close_table()
            return
        if self.stack:
            table = self.stack[-1]
            if tag in ("td", "th"):
                table.end_cell()
            elif tag == "tr":
                table.end_row()
            elif tag in ("thead", "tbody", "tfoot"):
                table.end_row()
                table.group = "tbody"
            elif tag == "caption":
                table.in_caption = False
            elif table.cell is not None and (
                tag == "li" or tag in _BLOCK_TAGS or tag in _HEADINGS or tag == "pre"
            ):
                table.cell.new_block()
            return
        if tag in _HEADINGS or tag == "li" or tag in _BLOCK_TAGS:
            self._emit("\n")
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.stack:
            table = self.stack[-1]
            if table.cell is not None:
                table.cell.add(data)
            elif table.in_caption:
                table.caption.append(data)
            return
        if self.pre:
            return
        self._emit(data if self.markdown else _WHITESPACE_RE.sub(" ", data))


def _protect_code_spans(text: str) -> str:
    """Escape ``<`` inside Markdown code spans so that `` `<script>` `` is not a tag."""
    if "`" not in text:
        return text
    return _CODE_SPAN_RE.sub(lambda m: m.group(0).replace("<", "&lt;"), text)


def parse_document(text: str, ctx: ParseContext, *, markdown: bool) -> list[RawTable]:
    """All tables of an HTML page or a Markdown page (with or without HTML tables)."""
    title = None
    if markdown:
        text, title = split_front_matter(text)
        text = _protect_code_spans(neutralize_fences(text))
    parser = _DocumentParser(ctx, markdown)
    parser.run(text)
    tracker = SectionTracker()
    if title:
        tracker.on_heading(1, title)  # the front matter's title is the page title
    out: list[RawTable] = []
    for block in parser.blocks:
        if isinstance(block, str):
            scan = scan_markdown if markdown else scan_text
            scan(block, tracker, ctx, out, progress_span=(0.6, 0.7))
            continue
        raw = block.raw
        if raw is None:
            continue
        if block.parent is not None and block.parent.raw is not None:
            raw.section = block.parent.raw.section
            raw.section_category = block.parent.raw.section_category
        else:
            caption = raw.section
            tracker.assign(raw, caption)
        out.append(raw)
    return out
