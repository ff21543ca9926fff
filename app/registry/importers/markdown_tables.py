"""Plain-text document structure: Markdown pipe tables, headings, list items, code fences,
and (through :mod:`.rst_tables`) reStructuredText grid and simple tables.

:func:`scan_text` walks a text block line by line and appends every table it finds to a
list, each tagged with the section it sits in: the nearest heading (level 2 and below — a
level-1 heading is the page title) and a list item or short line such as ``- 正常`` /
``**Abnormal**`` right above it. Code fences are skipped, so codes that appear only in
code blocks, prose or headings yield nothing.

Pipe tables work with or without outer pipes; cells lose Markdown markup (inline code,
links → their text, emphasis, backslash escapes) but keep the vendor's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .base import MAX_COLUMNS, ParseContext, RawTable
from .columns import category_from_text, strong_category
from .rst_tables import GRID_BORDER_RE, SIMPLE_BORDER_RE, parse_grid, parse_simple

#: Stands for ``<br>`` in text that came through the HTML parser (see :mod:`.html_tables`).
BREAK_MARK = "\x1e"

_FENCE_RE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*")
_ITEM_RE = re.compile(r"\s*(?:[-*+•]|[0-9]{1,3}[.)])\s+(.*)")
_UNDERLINE_RE = re.compile(r"([=\-~^\"'`*+#:.])\1{2,}")
_DELIM_CELL_RE = re.compile(r":?-+:?")
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_STRONG_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EM_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_LABEL_TRIM = " \t*_#:：>-"
_ESCAPE_BASE = 0xE000
_UNHIDE_RE = re.compile("[\ue021-\ue07e]")


def _hide_escape(match: re.Match[str]) -> str:
    return chr(_ESCAPE_BASE + ord(match.group(1)))


def clean_inline(text: str) -> str:
    """Markdown inline markup → the text a reader sees (code spans, links, emphasis)."""
    s = text.strip()
    if not s:
        return s
    escaped = "\\" in s
    if escaped:
        # Backslash escapes first, as private-use stand-ins, so that \` or \* is not markup.
        s = _ESCAPE_RE.sub(_hide_escape, s)
    if "`" in s:
        s = _CODE_SPAN_RE.sub(lambda m: m.group(2).strip(), s)
    if "[" in s:
        s = _IMAGE_RE.sub(r"\1", s)
        s = _LINK_RE.sub(r"\1", s)
    if "<" in s:
        s = _AUTOLINK_RE.sub(r"\1", s)
    if "*" in s or "__" in s:
        s = _STRONG_RE.sub(lambda m: m.group(1) or m.group(2), s)
        s = _EM_RE.sub(r"\1", s)
    if escaped:
        s = _UNHIDE_RE.sub(lambda m: chr(ord(m.group(0)) - _ESCAPE_BASE), s)
    if BREAK_MARK in s:
        s = "\n".join(part.strip() for part in s.split(BREAK_MARK) if part.strip())
    return s.strip()


def split_pipe_row(line: str) -> list[str]:
    """Cells of a pipe-table row; ``\\|`` and pipes inside code spans do not split."""
    s = line.strip()
    if "\\" not in s and "`" not in s:
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        return s.split("|")[:MAX_COLUMNS]
    cells: list[str] = []
    current: list[str] = []
    i, n = 0, len(s)
    ticks = 0
    while i < n:
        ch = s[i]
        if ch == "\\" and i + 1 < n:
            current.append(s[i : i + 2])
            i += 2
            continue
        if ch == "`":
            run = len(s[i:]) - len(s[i:].lstrip("`"))
            ticks = 0 if ticks == run else (run if ticks == 0 else ticks)
            current.append("`" * run)
            i += run
            continue
        if ch == "|" and ticks == 0:
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    if cells and not cells[0].strip() and s.startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1].strip() and s.endswith("|") and not s.endswith("\\|"):
        cells = cells[:-1]
    return cells[:MAX_COLUMNS]


def is_delimiter_row(line: str) -> bool:
    s = line.strip()
    if "|" not in s or "-" not in s:
        return False
    cells = split_pipe_row(s)
    return bool(cells) and all(_DELIM_CELL_RE.fullmatch(c.strip()) for c in cells)


def clean_label(text: str) -> str:
    return " ".join(clean_inline(text.replace(BREAK_MARK, " ")).split()).strip(_LABEL_TRIM)


class SectionTracker:
    """Remembers the heading and the category label above the next table."""

    def __init__(self) -> None:
        self.heading: str | None = None
        self.label: str | None = None
        #: The category a weaker label names ("**Status endpoint error scenarios**").
        self.hint: str | None = None
        #: What the page title says of all its tables ("# Error Responses"): the last resort.
        self.page_category: str | None = None

    def on_heading(self, level: int, text: str) -> None:
        title = clean_label(text)
        self.label = None
        self.hint = None
        if level == 1:
            self.page_category = category_from_text(title)[0]
        self.heading = title if level >= 2 and title else None
        if level >= 2 and title and strong_category(title):
            # A heading that is only a category word ("## 正常") acts like a label as well.
            self.label = title

    def on_label(self, text: str) -> None:
        label = clean_label(text)
        if label and strong_category(label):
            self.label = label
        elif label:
            self.hint = category_from_text(label)[0]

    def assign(self, table: RawTable, caption: str | None = None) -> None:
        label = self.label
        if caption:
            caption = clean_label(caption)
            if strong_category(caption):
                label = caption
        heading = self.heading
        table.section_category = strong_category(label) or strong_category(heading)
        # A weaker hint ("Status endpoint error scenarios" above the table) is the fallback.
        table.page_category = self.hint or _weak_category(heading) or self.page_category
        if heading and category_from_text(heading)[0] is None:
            table.section = heading
        else:
            table.section = label or heading or caption or None
        self.label = None
        self.hint = None


def _weak_category(text: str | None) -> str | None:
    return category_from_text(text)[0] if text else None


_FRONT_MATTER_RE = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE_RE = re.compile(r"^title\s*[:=]\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str, str | None]:
    """A page's YAML (``---``) or TOML (``+++``) front matter taken off; its ``title``."""
    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return text, None
    title = _TITLE_RE.search(match.group(2))
    return "\n" * match.group(0).count("\n") + text[match.end() :], (
        title.group(1).strip() if title else None
    )


def neutralize_fences(text: str) -> str:
    """Blank out fenced code blocks (keeping line count) so tables in them are not read."""
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE_RE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                lines[i] = ""
        else:
            if match and match.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[i] = ""
    return "\n".join(lines)


def scan_text(
    text: str,
    tracker: SectionTracker,
    ctx: ParseContext,
    out: list[RawTable],
    *,
    progress_span: tuple[float, float] = (0.0, 1.0),
) -> None:
    """Find headings, labels and tables in ``text``; append the tables to ``out``."""
    lines = text.split("\n")
    n = len(lines)
    start_fraction, end_fraction = progress_span

    def report(line_number: int) -> None:
        ctx.check(start_fraction + (end_fraction - start_fraction) * line_number / n)

    i = 0
    next_check = 4096
    while i < n:
        if i >= next_check:
            next_check = i + 4096
            report(i)
        line = lines[i]
        s = line.strip()
        if not s:
            i += 1
            continue
        if _FENCE_RE.match(line):
            i = _skip_fence(lines, i)
            continue
        if s[0] == "+" and GRID_BORDER_RE.fullmatch(s):
            j = i + 1
            while j < n and lines[j].strip()[:1] in ("+", "|"):
                j += 1
            table = parse_grid(lines[i:j], ctx)
            if table is not None:
                tracker.assign(table)
                out.append(table)
            i = j
            continue
        if s[0] == "=" and SIMPLE_BORDER_RE.fullmatch(s):
            simple, j = parse_simple(lines, i, ctx)
            if simple is not None:
                tracker.assign(simple)
                out.append(simple)
            i = max(j, i + 1)
            continue
        if "|" in s and i + 1 < n and is_delimiter_row(lines[i + 1]):
            i = _pipe_table(lines, i, tracker, ctx, out, report)
            continue
        atx = _ATX_RE.fullmatch(line)
        if atx is not None:
            tracker.on_heading(len(atx.group(1)), atx.group(2) or "")
            i += 1
            continue
        if i + 1 < n and _is_underline(lines[i + 1], s):
            char = lines[i + 1].strip()[0]
            overlined = i > 0 and lines[i - 1].strip() == lines[i + 1].strip()
            tracker.on_heading(1 if char == "=" or overlined else 2, s)
            i += 2
            continue
        item = _ITEM_RE.fullmatch(line)
        if item is not None:
            tracker.on_label(item.group(1))
        elif len(s) <= 40:
            tracker.on_label(s)
        i += 1


def _is_underline(line: str, title: str) -> bool:
    under = line.strip()
    return (
        _UNDERLINE_RE.fullmatch(under) is not None
        and len(under) >= min(len(title), 3)
        and not _UNDERLINE_RE.fullmatch(title)
        and _ITEM_RE.fullmatch(title) is None
    )


def _skip_fence(lines: Sequence[str], start: int) -> int:
    match = _FENCE_RE.match(lines[start])
    fence = match.group(1) if match else "```"
    i = start + 1
    while i < len(lines):
        m = _FENCE_RE.match(lines[i])
        if m and m.group(1).startswith(fence) and not lines[i].strip().strip(fence[0]):
            return i + 1
        i += 1
    return i


def _pipe_table(
    lines: Sequence[str],
    start: int,
    tracker: SectionTracker,
    ctx: ParseContext,
    out: list[RawTable],
    report: Callable[[int], None],
) -> int:
    header = [clean_inline(c) for c in split_pipe_row(lines[start])]
    width = len(header)
    rows = [header]
    counted = 0
    i = start + 2
    while i < len(lines):
        s = lines[i].strip()
        if not s or "|" not in s:
            break
        cells = [clean_inline(c) for c in split_pipe_row(s)][:width]
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        rows.append(cells)
        i += 1
        if len(rows) - counted >= 4096:
            ctx.add_rows(len(rows) - counted)
            ctx.add_cells((len(rows) - counted) * width)
            counted = len(rows)
            report(i)
    ctx.add_rows(len(rows) - counted)
    ctx.add_cells((len(rows) - counted) * width)
    table = RawTable(rows, 1, kind="Markdown table")
    tracker.assign(table)
    out.append(table)
    return i
