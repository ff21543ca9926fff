"""AsciiDoc tables, read the way Asciidoctor reads them (Spring REST Docs API guides and the
like). Hand-written: there is no AsciiDoc parser for Python.

:func:`parse_asciidoc` scans a document line by line and returns every table as a
:class:`RawTable`. The rules it follows:

* Delimiters ``|===`` (cells separated by ``|``), ``,===`` (CSV), ``:===`` (DSV, ``:``) and
  ``!===`` (the nested form, cells separated by ``!``); the closing line repeats the opening
  one. An unterminated table runs to the end of the document.
* The block attribute lines and the ``.Title`` line above a table are its metadata:
  ``options="header"``/``%header``, ``%noheader``, ``cols``, ``format``, ``separator``; the
  title becomes the caption. Blank lines and comments between them and the table are fine.
* Header row: explicit through the options; otherwise implicit when the first line holds
  cells and is followed by a blank line, and the next content starts a new cell (Asciidoctor's
  rule). When the source says nothing either way, ``header_rows`` is ``None`` so that the
  columns logic decides.
* Columns: from ``cols`` (``3``, ``3*``, ``1,3``, ``2*,1a``), else from the cells on the
  first line. Cells flow into rows by that count, not by lines; a cell may span lines.
* Cell specifiers before a separator: ``2+`` (colspan), ``.2+`` (rowspan), ``2.3+``, ``3*``
  (the cell repeated), alignment (``^``, ``<``, ``>``, ``.^``) and a style letter (``a``,
  ``h``, ``m``, ``e``, ``s``, ``l``, ``d``, ``v``). ``\\|`` is a literal separator.
* Cell text: inline markup dropped (``*bold*``, ``_em_``, ```mono```, ``+pass+``,
  ``link:url[text]`` → text, ``<<ref,text>>`` → text), ``{attr}`` left as written; lines
  joined with ``"\\n"``. An ``a|`` cell is read as AsciiDoc: list markers and block
  delimiters go, a nested ``!===`` table becomes one line per row.
* ``section`` is the nearest ``==`` … ``======`` (or ``##``) heading above; the ``=``
  document title only gives the page category. Tables inside listing (``----``), literal
  (``....``), passthrough (``++++``) and comment (``////``) blocks are not tables.

Malformed input raises nothing but :class:`ImportFailed`.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .base import MAX_COLUMNS, MAX_SPAN, ParseContext, RawTable
from .columns import category_from_text, strong_category

_TABLE_DELIMITER_RE = re.compile(r"([|,:!])={3,}")
#: Blocks whose content is not AsciiDoc: a table written in one is an example, not a table.
_VERBATIM_DELIMITER_RE = re.compile(r"-{4,}|\.{4,}|\+{4,}|/{4,}|`{3,}.*")
_COMPOUND_DELIMITER_RE = re.compile(r"={4,}|\*{4,}|_{4,}|--")
_HEADING_RE = re.compile(r"(={1,6}|#{1,6})[ \t]+(\S.*?)(?:[ \t]+\1)?[ \t]*")
_TITLE_RE = re.compile(r"\.([^\s.].*)")
_ATTRIBUTE_LINE_RE = re.compile(r"\[(?:|[#.%]?[\w{,.#\"'%].*)\]")
_ANCHOR_LINE_RE = re.compile(r"\[\[[^\[\]]*\]\]")
_PREPROCESSOR_RE = re.compile(r"(?:ifdef|ifndef|ifeval|endif|include)::.*")
_ATTRIBUTE_ENTRY_RE = re.compile(r":!?\w[\w-]*!?:(?:[ \t].*)?")
_LIST_MARKER_RE = re.compile(r"(?:[*.\-]+|\d+\.|[a-zA-Z]\.|[ivxIVX]+\))[ \t]+")
_ATTRIBUTE_RE = re.compile(
    r"\s*(?:(?P<name>[\w-]+)\s*=\s*)?"
    r"(?P<value>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^,]*)\s*(?:,|$)"
)
_COLUMN_SPEC_RE = re.compile(
    r"(?:(?P<repeat>\d+)\*)?[<^>]?(?:\.[<^>])?(?:\d+%?|~)?(?P<style>[adehlmsv])?"
)
_CELL_SPEC_RE = re.compile(
    r"(?:(?P<number>\d+(?:\.\d*)?|(?:\d*\.)?\d+)(?P<op>[*+]))?"
    r"[<^>]?(?:\.[<^>])?(?P<style>[adehlmsv])?"
)
#: Longest text between a pair of inline marks; bounds the regex work on hostile lines.
_SPAN = 1000
_INLINE_RE = re.compile(
    rf"""
      \+\+\+(?P<pass3>.{{1,{_SPAN}}}?)\+\+\+
    | pass:[a-z,]*\[(?P<passm>[^\]]{{0,{_SPAN}}})\]
    | `\+(?P<litmono>[^`]{{1,{_SPAN}}}?)\+`
    | ``(?P<mono2>.{{1,{_SPAN}}}?)``
    | (?<![\w`])`(?P<mono>[^`\s](?:[^`]{{0,{_SPAN}}}?[^`\s])?)`(?![\w`])
    | \+\+(?P<pass2>.{{1,{_SPAN}}}?)\+\+
    | (?<![\w+])\+(?P<pass1>[^+\s](?:[^+]{{0,{_SPAN}}}?[^+\s])?)\+(?![\w+])
    | \*\*(?P<strong2>.{{1,{_SPAN}}}?)\*\*
    | (?<![\w*])\*(?P<strong>[^*\s](?:.{{0,{_SPAN}}}?[^*\s])?)\*(?![\w*])
    | __(?P<em2>.{{1,{_SPAN}}}?)__
    | (?<![\w_])_(?P<em>[^_\s](?:.{{0,{_SPAN}}}?[^_\s])?)_(?![\w_])
    | (?:\[[^\]\n]{{0,80}}\])?\#\#(?P<mark2>.{{1,{_SPAN}}}?)\#\#
    | (?:\[[^\]\n]{{0,80}}\])?(?<![\w\#])\#(?P<mark>[^\#\s](?:.{{0,{_SPAN}}}?[^\#\s])?)\#(?![\w\#])
    | <<(?P<xref>[^<>,\n]{{1,{_SPAN}}}?)(?:,\s*(?P<xreftext>[^<>]{{0,{_SPAN}}}?))?>>
    | (?P<url>(?:https?|ftp|irc)://[^\s\[\]]{{1,{_SPAN}}})\[(?P<urltext>[^\]]{{0,{_SPAN}}})\]
    | (?P<macro>[a-z][a-z0-9_-]{{0,30}}):(?P<target>[^\s\[\]]{{0,{_SPAN}}})
      \[(?P<macrotext>[^\]]{{0,{_SPAN}}})\]
    | \[\[[^\]\n]{{0,{_SPAN}}}\]\]
    """,
    re.VERBOSE,
)
_MARKUP_HINT_RE = re.compile(r"[*_`+#<\[\\:&]")
#: Character references Asciidoctor hands through to the page (``&#x60;`` shows as a backtick).
_CHARACTER_REFERENCE_RE = re.compile(r"&(?:[A-Za-z][A-Za-z]+\d{0,2}|#\d{2,6}|#x[\da-fA-F]{2,5});")
_HARD_BREAK_RE = re.compile(r"(?<=\S)[ \t]\+$")
#: ``\*`` etc. hide as private-use characters while marks are matched, then come back.
_ESCAPED_RE = re.compile(r"\\([*_`+#~^\[\]<>{}\\|!:])")
_PRIVATE_BASE = 0xE000
_UNHIDE_RE = re.compile("[\ue021-\ue07e]")
#: Beyond this depth of marks inside marks the text is kept as written.
_MAX_DEPTH = 8
_TEXT_MACROS = frozenset(
    {"link", "mailto", "xref", "kbd", "btn", "image", "stem", "latexmath", "asciimath"}
)
_DROPPED_MACROS = frozenset({"footnote", "footnoteref", "indexterm", "anchor", "icon"})
_VERBATIM_STYLES = frozenset({"l", "v"})
#: A paragraph line above a table longer than this is prose, not a label like "*Errors*".
_LABEL_MAX = 40
_CHECK_EVERY = 4096


def parse_asciidoc(text: str, ctx: ParseContext) -> list[RawTable]:
    """Every table of an AsciiDoc document, in document order."""
    try:
        return _Scanner(text.split("\n"), ctx).run()
    except RecursionError:
        raise ctx.fail("invalid AsciiDoc: the document is nested too deeply") from None


# -- table layout ---------------------------------------------------------------------------
@dataclass(slots=True)
class _Metadata:
    """The title and block attributes collected above the next block."""

    title: str | None = None
    named: dict[str, str] = field(default_factory=dict)
    options: set[str] = field(default_factory=set)

    def add(self, line: str) -> None:
        """Merge one ``[...]`` attribute line: ``[%header,cols="1,3",options="footer"]``."""
        body = line.strip()[1:-1]
        for position, match in enumerate(_ATTRIBUTE_RE.finditer(body)):
            if match.end() == match.start():
                break
            name, value = match["name"], _unquote(match["value"].strip())
            if name is None and position == 0:
                # The first positional item may carry shorthands: style#id.role%option.
                self.options.update(part for part in value.split("%")[1:] if part)
            elif name in ("options", "opts"):
                self.options.update(part.strip() for part in value.split(",") if part.strip())
            elif name is not None:
                self.named[name.lower()] = value
            if match.end() >= len(body):
                break


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


@dataclass(slots=True)
class _Layout:
    """How one table is written: its cell format, separator, columns and header."""

    fmt: str  # "psv" (cells start at separators), "csv" or "dsv"
    separator: str
    columns: int | None = None
    styles: list[str | None] = field(default_factory=list)
    header: bool | None = None

    def style(self, column: int) -> str | None:
        return self.styles[column] if column < len(self.styles) else None


def _layout(mark: str, meta: _Metadata) -> _Layout:
    fmt = {"|": "psv", "!": "psv", ",": "csv", ":": "dsv"}[mark]
    wanted = meta.named.get("format", "").lower()
    if wanted in ("psv", "csv", "dsv", "tsv"):
        fmt = wanted
    separator = {"psv": "|" if mark != "!" else "!", "csv": ",", "dsv": ":", "tsv": "\t"}[fmt]
    given = meta.named.get("separator")
    if given:
        separator = "\t" if given == "\\t" else given
    columns, styles = _parse_cols(meta.named.get("cols", ""))
    header = None
    if "noheader" in meta.options:
        header = False
    elif "header" in meta.options:
        header = True
    return _Layout("csv" if fmt == "tsv" else fmt, separator, columns, styles, header)


def _parse_cols(value: str) -> tuple[int | None, list[str | None]]:
    """``cols`` → (column count, style letter of each column)."""
    value = value.strip()
    if not value:
        return None, []
    if value.isdigit():
        return max(_bounded(value, MAX_COLUMNS + 1), 1), []
    styles: list[str | None] = []
    for item in re.split(r"[,;]", value):
        match = _COLUMN_SPEC_RE.fullmatch(item.strip())
        repeat = _bounded(match["repeat"], MAX_COLUMNS) if match and match["repeat"] else 1
        style = match["style"] if match else None
        styles.extend([style] * min(repeat, MAX_COLUMNS - len(styles)))
        if len(styles) >= MAX_COLUMNS:
            break
    return max(len(styles), 1), styles


def _bounded(digits: str, limit: int) -> int:
    """``int(digits)`` capped at ``limit``, also for digit strings too long for ``int()``."""
    digits = digits.lstrip("0") or "0"
    return limit if len(digits) > len(str(limit)) else min(int(digits), limit)


# -- cells ----------------------------------------------------------------------------------
@dataclass(slots=True)
class _Cell:
    """One cell as written: its source lines (first line number within the table) and spec."""

    line: int
    lines: list[str]
    colspan: int = 1
    rowspan: int = 1
    repeat: int = 1
    style: str | None = None


def _split_unescaped(line: str, separator: str) -> list[str]:
    """``line`` split at each separator not escaped with a backslash (``\\|`` stays ``|``)."""
    if separator not in line:
        return [line]
    pieces: list[str] = []
    parts: list[str] = []
    start = 0
    at = line.find(separator)
    while at != -1:
        if at > 0 and line[at - 1] == "\\":
            parts.append(line[start : at - 1] + separator)
        else:
            parts.append(line[start:at])
            pieces.append("".join(parts))
            parts = []
        start = at + len(separator)
        at = line.find(separator, start)
    parts.append(line[start:])
    pieces.append("".join(parts))
    return pieces


def _split_spec(text: str) -> tuple[str, re.Match[str] | None]:
    """Text before a separator → (cell text, spec of the next cell if it ends with one).

    The spec is the last word, directly before the separator, after a blank or at the start.
    """
    cut = max(text.rfind(" "), text.rfind("\t")) + 1
    word = text[cut:]
    if not word:
        return text, None
    match = _CELL_SPEC_RE.fullmatch(word)
    if match is None:
        return text, None
    return text[:cut], match


def _new_cell(line: int, spec: re.Match[str] | None) -> _Cell:
    cell = _Cell(line, [])
    if spec is None:
        return cell
    cell.style = spec["style"]
    number, op = spec["number"], spec["op"]
    if number is None:
        return cell
    across, _dot, down = number.partition(".")
    if op == "*":
        cell.repeat = (_bounded(across, MAX_SPAN) or 1) if across else 1
        return cell
    cell.colspan = (_bounded(across, MAX_SPAN) or 1) if across else 1
    cell.rowspan = (_bounded(down, MAX_SPAN) or 1) if down else 1
    return cell


def _psv_cells(lines: Sequence[str], separator: str) -> list[_Cell]:
    """Cells of a ``|===`` table: each starts at a separator and runs to the next one."""
    cells: list[_Cell] = []
    current: _Cell | None = None
    for number, line in enumerate(lines):
        pieces = _split_unescaped(line, separator)
        if len(pieces) == 1:
            if current is not None:
                current.lines.append(line)
            elif line.strip():  # text before the first separator: Asciidoctor keeps it
                current = _Cell(number, [line])
                cells.append(current)
            continue
        head = pieces[0]
        for piece in pieces[1:]:
            text, spec = _split_spec(head)
            if current is not None:
                current.lines.append(text)
            elif text.strip():
                cells.append(_Cell(number, [text]))
            current = _new_cell(number, spec)
            cells.append(current)
            head = piece
        if current is not None:
            current.lines.append(head)
    return cells


def _starts_cell(line: str, separator: str) -> bool:
    """Whether ``line`` begins a new cell (a separator, maybe after a cell spec)."""
    pieces = _split_unescaped(line, separator)
    if len(pieces) == 1:
        return False
    before = pieces[0].strip()
    return not before or _CELL_SPEC_RE.fullmatch(before) is not None


def _csv_cells(lines: Sequence[str], separator: str) -> list[_Cell]:
    """Cells of a CSV table; quoted values may hold separators, quotes and line breaks."""
    if len(separator) != 1 or separator in '"\r\n':
        return _dsv_cells(lines, separator)
    # skipinitialspace: `404, "Not, found"` is quoted although a blank precedes the quote.
    reader = csv.reader(
        (line + "\n" for line in lines),
        delimiter=separator,
        skipinitialspace=True,
        strict=False,
    )
    cells: list[_Cell] = []
    start = 0
    try:
        for record in reader:
            if record:
                cells.extend(_Cell(start, value.split("\n")) for value in record)
            start = reader.line_num
    except csv.Error:
        # An open quote swallowed the rest into one oversized value: read it line by line.
        return _dsv_cells(lines, separator)
    return cells


def _dsv_cells(lines: Sequence[str], separator: str) -> list[_Cell]:
    """Cells of a DSV table: one record per line, values split at unescaped separators."""
    cells: list[_Cell] = []
    for number, line in enumerate(lines):
        if line.strip():
            cells.extend(_Cell(number, [value]) for value in _split_unescaped(line, separator))
    return cells


# -- rows -----------------------------------------------------------------------------------
class _Grid:
    """Cells flowing into rows of a fixed width, rowspans carried down, spans repeated."""

    def __init__(self, width: int, layout: _Layout, ctx: ParseContext, *, count_rows: bool):
        self.width = width
        self.layout = layout
        self.ctx = ctx
        self.count_rows = count_rows
        self.rows: list[list[str]] = []
        self.continued: set[tuple[int, int]] = set()
        self.carried: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
        self.current: list[str | None] = []
        self.is_open = False
        self.cursor = 0  # no free position left of it in the current row
        self.filled = 0  # positions taken in the current row (kept so no row is rescanned)
        self.placed = False  # whether a cell of its own is in the current row

    def add(self, cell: _Cell) -> None:
        texts: dict[str | None, str] = {}  # a repeated cell's text, once per style
        for _ in range(cell.repeat):
            column = self._free_column()
            style = cell.style or self.layout.style(column)
            if style not in texts:
                texts[style] = _cell_text(cell.lines, style, self.ctx)
            self._place(column, texts[style], cell)

    def finish(self) -> bool:
        """Close the last row; True when it had to be padded (an incomplete row)."""
        if not self.is_open or not self.placed:
            return False
        self._close()
        return True

    def _free_column(self) -> int:
        while True:
            if not self.is_open:
                self._open()
            while self.cursor < self.width and self.current[self.cursor] is not None:
                self.cursor += 1
            if self.cursor < self.width:
                return self.cursor
            self._close()  # rowspans from above filled the whole row

    def _place(self, column: int, text: str, cell: _Cell) -> None:
        self.placed = True
        for position in range(column, min(column + cell.colspan, self.width)):
            if self.current[position] is not None:
                break  # a rowspan from above: the colspan stops there
            self.current[position] = text
            self.filled += 1
            if cell.rowspan > 1:
                self.carried[position] = (text, cell.rowspan - 1)
        if self.filled == self.width:
            self._close()

    def _open(self) -> None:
        self.current = [None] * self.width
        for column, (text, left) in list(self.carried.items()):
            self.current[column] = text
            self.continued.add((len(self.rows), column))
            if left > 1:
                self.carried[column] = (text, left - 1)
            else:
                del self.carried[column]
        self.is_open = True
        self.cursor = 0
        self.filled = sum(1 for value in self.current if value is not None)
        self.placed = False

    def _close(self) -> None:
        if self.count_rows:
            self.ctx.add_rows(1)
        self.ctx.add_cells(self.width)
        self.rows.append([value if value is not None else "" for value in self.current])
        self.is_open = False
        if len(self.rows) % _CHECK_EVERY == 0:
            self.ctx.check(0.0)  # cancellation inside one big table


@dataclass(slots=True)
class _TableRead:
    rows: list[list[str]]
    header_rows: int | None
    continued: set[tuple[int, int]]
    incomplete: bool


def _read_table(
    lines: Sequence[str], layout: _Layout, ctx: ParseContext, *, count_rows: bool = True
) -> _TableRead:
    """The grid of one table from its content lines (between the delimiters)."""
    if layout.fmt == "psv":
        cells = _psv_cells(lines, layout.separator)
    elif layout.fmt == "csv":
        cells = _csv_cells(lines, layout.separator)
    else:
        cells = _dsv_cells(lines, layout.separator)
    width = layout.columns or _first_line_width(cells)
    if width > MAX_COLUMNS:
        ctx.warn(f"a table has more than {MAX_COLUMNS} columns; the rest is ignored")
        width = MAX_COLUMNS
    grid = _Grid(width, layout, ctx, count_rows=count_rows)
    for cell in cells:
        grid.add(cell)
    incomplete = grid.finish()
    header = layout.header if layout.header is not None else _implicit_header(lines, layout)
    header_rows = (1 if header else 0) if header is not None else None
    if header_rows and not grid.rows:
        header_rows = 0
    return _TableRead(grid.rows, header_rows, grid.continued, incomplete)


def _first_line_width(cells: Sequence[_Cell]) -> int:
    if not cells:
        return 1
    first = cells[0].line
    width = sum(c.colspan * c.repeat for c in cells if c.line == first)
    return max(width, 1)


def _implicit_header(lines: Sequence[str], layout: _Layout) -> bool | None:
    """Asciidoctor's implicit header: a first line of cells, a blank line, then a new cell.

    ``None`` (nothing said) when the rule does not apply.
    """
    if len(lines) < 2 or not lines[0].strip() or lines[1].strip():
        return None
    if layout.fmt == "psv" and not _starts_cell(lines[0], layout.separator):
        return None
    for line in lines[2:]:
        if line.strip():
            if layout.fmt == "psv" and not _starts_cell(line, layout.separator):
                return None  # the last cell of the first line continues: no header
            break
    return True


# -- cell text ------------------------------------------------------------------------------
def _cell_text(lines: Sequence[str], style: str | None, ctx: ParseContext) -> str:
    if style in _VERBATIM_STYLES:
        return "\n".join(line.rstrip() for line in _trim_blank(lines))
    if style == "a":
        return "\n".join(_block_lines(lines, ctx))
    cleaned = (clean_inline(line) for line in lines if line.strip())
    return "\n".join(line for line in cleaned if line)


def _trim_blank(lines: Sequence[str]) -> Sequence[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _block_lines(lines: Sequence[str], ctx: ParseContext) -> list[str]:
    """An ``a|`` cell read as a small AsciiDoc document: one text line per source line."""
    out: list[str] = []
    meta = _Metadata()
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        i += 1
        if not stripped or (stripped.startswith("//") and not _is_verbatim(stripped)):
            continue
        table = _TABLE_DELIMITER_RE.fullmatch(stripped)
        if table is not None or _is_verbatim(stripped):
            end = _closing_line(lines, i, stripped)
            inner = lines[i:end]
            if table is not None:
                read = _read_table(inner, _layout(table[1], meta), ctx, count_rows=False)
                out.extend(" | ".join(" ".join(c.split()) for c in row) for row in read.rows)
            elif not stripped.startswith("/"):
                out.extend(line.rstrip() for line in inner if line.strip())
            i, meta = end + 1, _Metadata()
            continue
        if _ATTRIBUTE_LINE_RE.fullmatch(stripped):
            meta.add(stripped)
            continue
        if _COMPOUND_DELIMITER_RE.fullmatch(stripped):
            continue
        text = clean_inline(_strip_block_marks(stripped))
        if text:
            out.append(text)
    return out


def _is_verbatim(stripped: str) -> bool:
    return _VERBATIM_DELIMITER_RE.fullmatch(stripped) is not None


def _strip_block_marks(line: str) -> str:
    heading = _HEADING_RE.fullmatch(line)
    if heading is not None:
        return heading[2]
    title = _TITLE_RE.fullmatch(line)
    if title is not None:
        return title[1]
    marker = _LIST_MARKER_RE.match(line)
    return line[marker.end() :] if marker else line


def _closing_line(lines: Sequence[str], start: int, delimiter: str) -> int:
    """Index of the line closing a block opened by ``delimiter`` (len(lines) if none)."""
    closing = "```" if delimiter.startswith("```") else delimiter
    for index in range(start, len(lines)):
        if lines[index].rstrip() == closing:
            return index
    return len(lines)


def clean_inline(text: str) -> str:
    """AsciiDoc inline markup → the text a reader sees; ``{attr}`` stays as written."""
    text = _HARD_BREAK_RE.sub("", text.strip())
    if _MARKUP_HINT_RE.search(text):
        hidden = "\\" in text
        if hidden:
            text = _ESCAPED_RE.sub(lambda m: chr(_PRIVATE_BASE + ord(m[1])), text)
        text = _strip_marks(text, 0)
        if hidden:
            text = _UNHIDE_RE.sub(lambda m: chr(ord(m[0]) - _PRIVATE_BASE), text)
        if "&" in text:  # after the marks: a decoded ` or * is text, not markup
            text = _CHARACTER_REFERENCE_RE.sub(lambda m: html.unescape(m[0]), text)
    return " ".join(text.split())


def _strip_marks(text: str, depth: int) -> str:
    if depth > _MAX_DEPTH:
        return text
    return _INLINE_RE.sub(lambda match: _replacement(match, depth), text)


def _replacement(match: re.Match[str], depth: int) -> str:
    """What one inline mark shows: verbatim groups as written, the others cleaned again."""
    groups = match.groupdict()
    for verbatim in ("pass3", "passm", "litmono", "mono", "mono2", "pass2", "pass1"):
        if groups[verbatim] is not None:
            return groups[verbatim]
    for nested in ("strong2", "strong", "em2", "em", "mark2", "mark"):
        if groups[nested] is not None:
            return _strip_marks(groups[nested], depth + 1)
    if groups["xref"] is not None:
        label = groups["xreftext"]
        return _strip_marks(label, depth + 1) if label else groups["xref"].strip()
    if groups["url"] is not None:
        label = _link_text(groups["urltext"])
        return _strip_marks(label, depth + 1) if label else groups["url"]
    if groups["macro"] is not None:
        return _macro_text(match, depth)
    return ""  # an inline anchor [[id]]


def _link_text(text: str) -> str:
    """Link text without its attributes: ``"Docs",window=_blank`` or ``Docs^`` → ``Docs``."""
    text = text.strip()
    if text.startswith('"') and '"' in text[1:]:
        return text[1 : text.index('"', 1)]
    if "=" in text and "," in text:
        text = text.split(",", 1)[0]
    return text.rstrip("^").strip()


def _macro_text(match: re.Match[str], depth: int) -> str:
    name, target, label = match["macro"], match["target"], match["macrotext"]
    if name in _DROPPED_MACROS:
        return ""
    if name == "menu":
        return " > ".join([target, *(p.strip() for p in label.split(">") if p.strip())])
    if name == "indexterm2":
        return label
    if name in ("http", "https", "ftp", "irc"):
        target = f"{name}:{target}"
    elif name not in _TEXT_MACROS:
        return match[0]  # not a macro Asciidoctor knows: ordinary text with a colon
    text = _link_text(label) if name not in ("kbd", "stem", "latexmath", "asciimath") else label
    if name == "image":
        return text.split(",", 1)[0].strip()
    return _strip_marks(text, depth + 1) if text else target


# -- the document ---------------------------------------------------------------------------
class _Scanner:
    """Walks the document's lines: headings, block metadata, skipped blocks and tables."""

    def __init__(self, lines: list[str], ctx: ParseContext) -> None:
        self.lines = lines
        self.ctx = ctx
        self.tables: list[RawTable] = []
        self.meta = _Metadata()
        self.heading: str | None = None
        self.page_category: str | None = None
        self.label: str | None = None
        self.in_paragraph = False

    def run(self) -> list[RawTable]:
        i, n = 0, len(self.lines)
        next_check = 0
        while i < n:
            if i >= next_check:
                next_check = i + _CHECK_EVERY
                self.ctx.check(i / n)
            i = self._step(i)
        return self.tables

    def _step(self, i: int) -> int:
        """Handle the line at ``i``; return the index of the next line to look at."""
        line = self.lines[i].rstrip()
        stripped = line.strip()
        if not stripped:
            self.in_paragraph = False
            return i + 1
        if _is_verbatim(line):
            self._reset()
            return _closing_line(self.lines, i + 1, line) + 1
        if stripped.startswith("//"):
            return i + 1  # a line comment; metadata above it still applies
        table = _TABLE_DELIMITER_RE.fullmatch(line)
        if table is not None:
            return self._table(i, line, table[1])
        handler = self._line_handler(line)
        handler(line)
        return i + 1

    def _line_handler(self, line: str) -> Callable[[str], None]:
        if _HEADING_RE.fullmatch(line):
            return self._heading
        if _TITLE_RE.fullmatch(line):
            return self._title
        if _ATTRIBUTE_LINE_RE.fullmatch(line):
            return self._attributes
        if any(r.fullmatch(line) for r in (_ANCHOR_LINE_RE, _PREPROCESSOR_RE, _ATTRIBUTE_ENTRY_RE)):
            return _ignore
        if _COMPOUND_DELIMITER_RE.fullmatch(line):
            return self._compound
        return self._paragraph

    def _reset(self) -> None:
        self.meta = _Metadata()
        self.label = None
        self.in_paragraph = False

    def _heading(self, line: str) -> None:
        match = _HEADING_RE.fullmatch(line)
        assert match is not None
        title = clean_inline(match[2])
        if len(match[1]) == 1:
            self.page_category = category_from_text(title)[0] if title else None
        else:
            self.heading = title or None
        self._reset()

    def _title(self, line: str) -> None:
        self.meta.title = clean_inline(line[1:]) or None

    def _attributes(self, line: str) -> None:
        self.meta.add(line)

    def _compound(self, _line: str) -> None:
        # Example, sidebar, quote and open blocks hold ordinary content: read on.
        self._reset()

    def _paragraph(self, line: str) -> None:
        text = clean_inline(_strip_block_marks(line.strip()))
        # Only a one-line paragraph right above a table can be its label ("*Errors*").
        self.label = None if self.in_paragraph or len(text) > _LABEL_MAX else text or None
        self.in_paragraph = True
        self.meta = _Metadata()

    def _table(self, start: int, delimiter: str, mark: str) -> int:
        end = _closing_line(self.lines, start + 1, delimiter)
        read = _read_table(self.lines[start + 1 : end], _layout(mark, self.meta), self.ctx)
        if read.incomplete:
            self.ctx.warn(f"the AsciiDoc table at line {start + 1} ends with an incomplete row")
        if read.rows:
            self.tables.append(self._raw_table(read))
        self._reset()
        return end + 1

    def _raw_table(self, read: _TableRead) -> RawTable:
        label, heading = self.label, self.heading
        return RawTable(
            read.rows,
            read.header_rows,
            section=heading,
            section_category=strong_category(label) or strong_category(heading),
            kind="AsciiDoc table",
            continued=read.continued,
            caption=self.meta.title,
            page_category=_weak_category(label) or _weak_category(heading) or self.page_category,
        )


def _ignore(_line: str) -> None:
    """Anchors, preprocessor directives, attribute entries: nothing to read; an
    ``include::`` is never followed, and the metadata above such a line still applies."""


def _weak_category(text: str | None) -> str | None:
    return category_from_text(text)[0] if text else None
