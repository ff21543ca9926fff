"""reStructuredText tables: grid tables (``+---+`` borders, also Pandoc Markdown) and simple
tables (``=====  =====`` borders).

Grid tables may merge cells across columns and rows; the merged text is repeated in every
grid position it covers, like ``colspan``/``rowspan`` in HTML. Rows above a ``+===+`` border
are header rows. Lines inside a cell are joined into paragraphs (space-joined) and bullet
lists (items joined with ``"; "``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .base import MAX_COLUMNS, ParseContext, RawTable

GRID_BORDER_RE = re.compile(r"\+(?:[-=]+\+)+")
SIMPLE_BORDER_RE = re.compile(r"=+(?: +=+)+")
_ITEM_RE = re.compile(r"(?:[-*+•]|[0-9]{1,3}[.)])\s+(.*)")


def join_cell_lines(lines: Sequence[str]) -> str:
    """Cell lines → text: paragraphs joined with spaces, list items with ``"; "``."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()

    def flush_items() -> None:
        if items:
            blocks.append("; ".join(items))
            items.clear()

    for line in lines:
        text = line.strip()
        if not text:
            flush_paragraph()
            continue
        item = _ITEM_RE.fullmatch(text)
        if item is not None:
            flush_paragraph()
            items.append(item.group(1).strip())
        elif items and not paragraph:
            items[-1] = f"{items[-1]} {text}"
        else:
            flush_items()
            paragraph.append(text)
    flush_paragraph()
    flush_items()
    return "\n".join(blocks)


def _is_border_segment(segment: str) -> bool:
    return bool(segment) and all(ch in "-=" for ch in segment)


def parse_grid(block: Sequence[str], ctx: ParseContext) -> RawTable | None:
    """Parse the lines of one grid table (first line is its top border)."""
    indent = len(block[0]) - len(block[0].lstrip())
    lines = [line[indent:].rstrip() for line in block]
    width = max(len(line) for line in lines)
    lines = [line.ljust(width) for line in lines]
    cols = [i for i, ch in enumerate(lines[0]) if ch == "+"][: MAX_COLUMNS + 1]
    ncols = len(cols) - 1
    if ncols < 1:
        return None

    def segment(line: str, c: int) -> str:
        return line[cols[c] + 1 : cols[c + 1]]

    def is_separator(line: str) -> bool:
        return any(
            line[cols[c]] == "+"
            and line[cols[c + 1]] == "+"
            and _is_border_segment(segment(line, c))
            for c in range(ncols)
        )

    seps = [i for i, line in enumerate(lines) if is_separator(line)]
    if seps[-1] != len(lines) - 1:
        lines.append("+" * width)
        seps.append(len(lines) - 1)
    bands = [(a, b) for a, b in itertools.pairwise(seps) if b - a > 1]
    if not bands:
        return None
    ctx.add_rows(len(bands))
    ctx.add_cells(len(bands) * ncols)

    parent = list(range(len(bands) * ncols))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    header_rows: int | None = None
    for b, (top, bottom) in enumerate(bands):
        for c in range(ncols):
            if c + 1 < ncols:
                x = cols[c + 1]
                if any(lines[i][x] not in "|+" for i in range(top + 1, bottom)):
                    union(b * ncols + c, b * ncols + c + 1)
            if b + 1 < len(bands) and not _is_border_segment(segment(lines[bottom], c)):
                union(b * ncols + c, (b + 1) * ncols + c)
        if header_rows is None and "=" in lines[bottom] and b + 1 < len(bands):
            header_rows = b + 1

    boxes: dict[int, list[int]] = {}
    for b in range(len(bands)):
        for c in range(ncols):
            root = find(b * ncols + c)
            box = boxes.get(root)
            if box is None:
                boxes[root] = [b, b, c, c]
            else:
                box[0], box[1] = min(box[0], b), max(box[1], b)
                box[2], box[3] = min(box[2], c), max(box[3], c)
    texts: dict[int, str] = {}
    for root, (b0, b1, c0, c1) in boxes.items():
        top, bottom = bands[b0][0], bands[b1][1]
        left, right = cols[c0] + 1, cols[c1 + 1]
        texts[root] = join_cell_lines([lines[i][left:right] for i in range(top + 1, bottom)])
    grid = [[texts[find(b * ncols + c)] for c in range(ncols)] for b in range(len(bands))]
    continued = {
        (b, c) for b in range(len(bands)) for c in range(ncols) if boxes[find(b * ncols + c)][0] < b
    }
    return RawTable(grid, header_rows, kind="reST grid table", continued=continued)


def parse_simple(
    lines: Sequence[str], start: int, ctx: ParseContext
) -> tuple[RawTable | None, int]:
    """Parse a simple table whose first border is ``lines[start]``; returns (table, next line)."""
    border = lines[start].rstrip()
    indent = len(border) - len(border.lstrip())
    starts = [m.start() for m in re.finditer(r"=+", border)][:MAX_COLUMNS]
    borders = [start]
    i = start + 1
    body: list[tuple[int, str]] = []
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if SIMPLE_BORDER_RE.fullmatch(stripped) and len(line) - len(line.lstrip()) == indent:
            borders.append(i)
            i += 1
            if len(borders) == 3 or i >= len(lines) or not lines[i].strip():
                break
            continue
        if not stripped and len(borders) >= 2 and (i + 1 >= len(lines) or not lines[i + 1].strip()):
            break
        body.append((len(borders), line))
        i += 1
    if len(borders) < 2:
        return None, start + 1
    has_header = len(borders) == 3
    rows: list[list[str]] = []
    header_rows = 0
    for section, line in body:
        if not line.strip() or set(line.strip()) <= {"-", " "}:
            continue
        cells = []
        for k, left in enumerate(starts):
            right = starts[k + 1] if k + 1 < len(starts) else len(line)
            cells.append(line[left:right].strip())
        if rows and not cells[0] and any(cells):
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
            continue
        rows.append(cells)
        if has_header and section == 1:
            header_rows += 1
        ctx.add_rows(1)
        ctx.add_cells(len(cells))
    if not rows:
        return None, i
    return RawTable(rows, header_rows if has_header else None, kind="reST simple table"), i
