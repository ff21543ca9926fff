"""reStructuredText tables read with docutils, the reference reST parser.

:func:`parse_rst` parses a document with docutils and turns every table of its doctree into
a :class:`RawTable`: grid tables, simple tables, ``.. table::``, ``.. list-table::`` and
``.. csv-table::``. The rules:

* docutils is imported on the first call, not with this module: the application's first
  paint must not pay for it.
* Nothing is printed and nothing halts; no file and no URL is read (``.. include::``,
  ``.. raw::`` and the ``:file:``/``:url:`` options of ``csv-table`` are refused by
  docutils' own settings, and such a table is skipped with a warning).
* Sphinx and OpenStack directives that docutils does not know (``.. rest_method::``,
  ``.. toctree::``, ``.. literalinclude::`` …) are dropped with their content, except
  wrappers such as ``.. only::`` or ``.. tab::`` whose content is parsed so that tables in
  them count. Roles docutils does not know keep their text: ``:ref:`Title <label>``` →
  ``Title``.
* Cell text: every paragraph, list item, line-block line and literal line on a line of its
  own (joined with ``"\\n"``, no list markers); inline markup dropped; whitespace inside a
  paragraph collapsed to single spaces.
* Rows: the ``thead`` rows, then the ``tbody`` rows; ``header_rows`` is the number of
  ``thead`` rows, or None when there is none: many grid tables put their labels in a first
  row without the ``===`` line, so the columns logic decides. A spanned cell repeats its
  text in every grid position it covers; positions filled from the row above are listed in
  ``RawTable.continued``.
* ``section`` is the title of the nearest enclosing section, ``caption`` the table's own
  title (``.. table:: Title``, ``.. list-table:: Title``, ``.. csv-table:: Title``).

Malformed input raises nothing but :class:`ImportFailed`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from .base import MAX_COLUMNS, MAX_SPAN, ImportFailed, ParseContext, RawTable
from .columns import category_from_text, strong_category

#: Share of the progress range spent in docutils' parse; the rest is reading the tables.
_PARSE_SHARE = 0.8
#: docutils refuses a whole document with a line longer than its limit (a guard against
#: slow regular expressions); its default of 10,000 characters is low for generated tables.
_LINE_LENGTH_LIMIT = 100_000
_SETTINGS: dict[str, object] = {
    "report_level": 5,  # no message is worth printing: problems surface as skipped tables
    "halt_level": 5,  # never stop at a problem: keep every table that can be read
    "warning_stream": False,  # discard messages instead of writing them to stderr
    "file_insertion_enabled": False,  # a document must not make us read other files
    "raw_enabled": False,
    # No docutils.conf on the user's machine may change the parse; the text is decoded
    # already. (Both matter for docutils' publish_* front ends; kept for a switch to them.)
    "_disable_config": True,
    "input_encoding": "unicode",
    "syntax_highlight": "none",  # code blocks need no Pygments
    "language_code": "en",
    "line_length_limit": _LINE_LENGTH_LIMIT,
}
#: Unknown directives whose content is ordinary reST worth reading (Sphinx, sphinx-tabs,
#: sphinx-design); every other unknown directive is dropped with its content.
_WRAPPERS = frozenset(
    {
        "only",
        "ifconfig",
        "tab",
        "tabs",
        "group-tab",
        "tab-set",
        "tab-item",
        "versionadded",
        "versionchanged",
        "versionremoved",
        "deprecated",
        "seealso",
        "hlist",
        "rst-class",
        "cssclass",
        "card",
        "grid",
        "grid-item",
        "grid-item-card",
        "dropdown",
        "details",
        "collapse",
        "todo",
    }
)
#: An explicit-markup directive start anywhere (also inside a table cell); a superset of
#: what docutils accepts, which is harmless: a name found here is only registered.
_DIRECTIVE_NAME_RE = re.compile(
    r"(?<![^\s|])\.\.[ ]+((?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*)[ ]?::(?!\S)"
)
_ROLE_NAME = r"(?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*"
_ROLE_BEFORE_RE = re.compile(rf":(?P<role>{_ROLE_NAME}):`(?P<body>.*)`", re.DOTALL)
_ROLE_AFTER_RE = re.compile(rf"`(?P<body>.*)`:(?P<role>{_ROLE_NAME}):", re.DOTALL)
_TITLED_TARGET_RE = re.compile(r"(?P<title>.*?)\s*<(?P<target>[^<>]*)>", re.DOTALL)
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)

#: Nodes that carry no cell text (or only docutils' own messages).
_SKIPPED = frozenset(
    {
        "system_message",
        "comment",
        "target",
        "substitution_definition",
        "pending",
        "raw",
        "image",
        "footnote",
        "citation",
        "meta",
        "colspec",
    }
)
_SKIPPED_INLINE = frozenset(
    {"footnote_reference", "citation_reference", "image", "raw", "system_message", "comment"}
)
_VERBATIM = frozenset({"literal_block", "doctest_block", "math_block"})
#: Labels longer than this above a table are prose, not a category such as "**Errors**".
_LABEL_MAX = 40

# docutils keeps directives in one process-wide table: stand-ins are added for one parse
# only, and two parses must not add and remove them under each other's feet.
_REGISTRY_LOCK = threading.Lock()


def parse_rst(text: str, ctx: ParseContext) -> list[RawTable]:
    """Every table of a reStructuredText document, in document order."""
    ctx.check(0.0)
    document = _parse_document(text, ctx)
    ctx.check(_PARSE_SHARE)
    try:
        return _TableReader(ctx).read(document)
    except RecursionError:
        raise ctx.fail("invalid reStructuredText: the document is nested too deeply") from None


# -- parsing ------------------------------------------------------------------------------
def _parse_document(text: str, ctx: ParseContext) -> Any:
    """The docutils doctree of ``text``; docutils' errors become :class:`ImportFailed`."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.transforms.references import Substitutions
    from docutils.utils import new_document

    settings = get_default_settings(Parser)
    for key, value in _SETTINGS.items():
        setattr(settings, key, value)
    document = new_document(ctx.name, settings)
    document.note_source = _ProgressHook(document.note_source, ctx, text.count("\n") + 1)
    try:
        with _stand_in_directives(text, document):
            Parser().parse(text, document)
        # Only this transform: ``|name|`` becomes its definition; the others would rewrite
        # the tree (document title, section numbers) for no gain here.
        Substitutions(document).apply()
    except ImportFailed:
        raise
    except RecursionError:
        raise ctx.fail("invalid reStructuredText: the document is nested too deeply") from None
    except MemoryError:
        raise
    except Exception as exc:  # docutils' own errors: MarkupError, DataError, assertions …
        detail = str(exc).strip() or type(exc).__name__
        raise ctx.fail(f"invalid reStructuredText: {detail}") from exc
    _refuse_long_lines(document, ctx)
    return document


class _ProgressHook:
    """Stands in for ``document.note_source``, which docutils calls for each line it reads.

    docutils has no progress or cancel hook of its own; this one reports progress and lets
    :meth:`ParseContext.check` stop a long parse.
    """

    __slots__ = ("_calls", "_ctx", "_lines", "_note_source")

    def __init__(self, note_source: Any, ctx: ParseContext, line_count: int) -> None:
        self._note_source = note_source
        self._ctx = ctx
        self._lines = max(line_count, 1)
        self._calls = 0

    def __call__(self, source: Any, offset: int | None) -> None:
        self._note_source(source, offset)
        self._calls += 1
        if self._calls & 2047 == 0:
            self._ctx.check(_PARSE_SHARE * (offset or 0) / self._lines)


@cache
def _stand_in_directive() -> type:
    """The directive class registered for directive names docutils does not know."""
    from docutils import nodes
    from docutils.parsers.rst import Directive

    class StandIn(Directive):
        """Accepts any argument, option and content; keeps only a wrapper's content."""

        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True

        def run(self) -> list[Any]:
            if self.name.lower() not in _WRAPPERS or not self.content:
                return []
            holder = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, holder)
            return [holder]

    return StandIn


@contextmanager
def _stand_in_directives(text: str, document: Any) -> Iterator[None]:
    """Register :func:`_stand_in_directive` for this parse under every unknown name in text.

    Without it docutils reports an unknown directive and keeps its raw text in the tree.
    """
    from docutils.parsers.rst import directives
    from docutils.parsers.rst.languages import en

    with _REGISTRY_LOCK:
        added: list[str] = []
        try:
            for name in {found.lower() for found in _DIRECTIVE_NAME_RE.findall(text)}:
                known, _messages = directives.directive(name, en, document)
                if known is None:
                    directives.register_directive(name, _stand_in_directive())
                    added.append(name)
            yield
        finally:
            # docutils has no unregister function; its cache dict is the registry.
            registry = getattr(directives, "_directives", {})
            for name in added:
                registry.pop(name, None)


def _refuse_long_lines(document: Any, ctx: ParseContext) -> None:
    """docutils parses nothing when a line is too long; say so instead of "no table"."""
    children = document.children
    if (
        len(children) == 1
        and children[0].tagname == "system_message"
        and "line-length-limit" in children[0].astext()
    ):
        raise ctx.fail(
            f"invalid reStructuredText: a line is longer than {_LINE_LENGTH_LIMIT:,} characters"
        )


# -- text of nodes ------------------------------------------------------------------------
def _role_text(raw: str) -> str:
    """The text a reader sees for a role docutils does not know (Sphinx ``:ref:``, ``:doc:``).

    ``:ref:`Title <label>``` → ``Title``; ``:py:meth:`~a.b.c``` → ``c``; ``:abbr:`HTTP
    (Hypertext …)``` → ``HTTP``. Anything that is not a role is returned unchanged.
    """
    match = _ROLE_BEFORE_RE.fullmatch(raw) or _ROLE_AFTER_RE.fullmatch(raw)
    if match is None:
        return raw
    role, body = match["role"].lower(), match["body"]
    titled = _TITLED_TARGET_RE.fullmatch(body)
    if titled is not None:
        body = titled["title"] or titled["target"]
    else:
        body = body.lstrip("!")
        if body.startswith("~"):
            body = body[1:].rsplit(".", 1)[-1]
        if role == "abbr":
            body = body.split(" (", 1)[0]
    return _ESCAPE_RE.sub(r"\1", body)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _weak_category(text: str | None) -> str | None:
    return category_from_text(text)[0] if text else None


@dataclass(slots=True)
class _Found:
    """A table node (or, while searching, a place) with what surrounds it."""

    node: Any
    section: str | None  # title of the nearest enclosing section
    page: str | None  # title of the outermost section: the page title
    label: str | None  # a short paragraph right above the table


class _TableReader:
    """Finds the tables of a doctree and turns them into :class:`RawTable` grids."""

    def __init__(self, ctx: ParseContext) -> None:
        from docutils import nodes

        self._ctx = ctx
        self._element: type = nodes.Element
        self._text_element: type = nodes.TextElement

    def read(self, document: Any) -> list[RawTable]:
        found: list[_Found] = []
        self._find(document, _Found(None, None, None, None), found)
        tables: list[RawTable] = []
        for number, place in enumerate(found):
            self._ctx.check(_PARSE_SHARE + (1 - _PARSE_SHARE) * number / len(found))
            table = self._table(place)
            if table is not None:
                tables.append(table)
        return tables

    # -- where the tables are ---------------------------------------------------------------
    def _find(self, node: Any, where: _Found, found: list[_Found]) -> None:
        """Collect tables with their section title and the short paragraph right above."""
        previous: Any = None
        for child in node.children:
            tag = child.tagname
            if tag == "table":
                found.append(_Found(child, where.section, where.page, self._label(previous)))
            elif tag == "section":
                self._find(child, self._inside(child, where), found)
            elif tag == "system_message":
                self._note_problem(child)
                continue
            elif tag in _SKIPPED:
                continue
            elif isinstance(child, self._element) and not isinstance(child, self._text_element):
                self._find(child, where, found)
            previous = child

    def _inside(self, section: Any, outer: _Found) -> _Found:
        """Where the content of ``section`` is: the outermost title is the page's title."""
        title = self._title(section)
        page = outer.page if outer.section is not None else title
        return _Found(None, title or outer.section, page, None)

    def _title(self, section: Any) -> str | None:
        for child in section.children:
            if child.tagname == "title":
                return self._line(child) or None
        return None

    def _label(self, node: Any) -> str | None:
        if node is None or node.tagname not in ("paragraph", "rubric"):
            return None
        text = self._line(node)
        return text if len(text) <= _LABEL_MAX else None

    def _note_problem(self, message: Any) -> None:
        """Tell the user about a table docutils refused (malformed, or data in a file)."""
        if message.get("level", 0) < 2 or not message.children:
            return
        reason = _collapse(message.children[0].astext())
        if "table" in reason.lower():
            where = f" at line {message['line']}" if message.get("line") else ""
            self._ctx.warn(f"skipped a reST table{where}: {reason}")

    # -- one table --------------------------------------------------------------------------
    def _table(self, place: _Found) -> RawTable | None:
        caption: str | None = None
        tgroup: Any = None
        for child in place.node.children:
            if child.tagname == "title":
                caption = self._line(child) or None
            elif child.tagname == "tgroup" and tgroup is None:
                tgroup = child
        if tgroup is None:
            return None
        head = [row for part in tgroup.children if part.tagname == "thead" for row in part]
        body = [row for part in tgroup.children if part.tagname == "tbody" for row in part]
        rows = head + body
        if not rows:
            return None
        width = self._width(tgroup, rows)
        self._ctx.add_rows(len(rows))
        self._ctx.add_cells(len(rows) * width)
        continued: set[tuple[int, int]] = set()
        grid = self._grid(rows, width, continued)
        label, section = place.label, place.section
        return RawTable(
            grid,
            len(head) or None,
            section=section,
            # The same order as the Markdown tracker; rows.py weighs the caption itself.
            section_category=strong_category(label) or strong_category(section),
            kind="reST table",
            continued=continued,
            caption=caption,
            page_category=_weak_category(label)
            or _weak_category(section)
            or _weak_category(place.page),
        )

    def _width(self, tgroup: Any, rows: list[Any]) -> int:
        declared = int(tgroup.get("cols", 0) or 0)
        widest = max(sum(1 + int(e.get("morecols", 0)) for e in row.children) for row in rows)
        width = max(declared, widest, 1)
        if width > MAX_COLUMNS:
            self._ctx.warn(f"a table has more than {MAX_COLUMNS} columns; the rest is ignored")
            width = MAX_COLUMNS
        return width

    def _grid(
        self, rows: list[Any], width: int, continued: set[tuple[int, int]]
    ) -> list[list[str]]:
        """Place the entries, repeating spanned text (the HTML colspan/rowspan picture)."""
        grid: list[list[str]] = []
        carried: dict[int, tuple[str, int]] = {}  # column → (text, rows it still covers)
        for r, row in enumerate(rows):
            if r & 4095 == 4095:
                self._ctx.check(_PARSE_SHARE)  # cancellation inside one big table
            cells: list[str | None] = [None] * width
            for column, (text, left) in list(carried.items()):
                cells[column] = text
                continued.add((r, column))
                if left > 1:
                    carried[column] = (text, left - 1)
                else:
                    del carried[column]
            self._place(row.children, cells, carried)
            grid.append([cell if cell is not None else "" for cell in cells])
        return grid

    def _place(
        self, entries: list[Any], cells: list[str | None], carried: dict[int, tuple[str, int]]
    ) -> None:
        """Put one row's entries into the free positions of ``cells``, left to right."""
        width = len(cells)
        column = 0
        for entry in entries:
            while column < width and cells[column] is not None:
                column += 1
            if column >= width:
                return
            text = self._cell_text(entry)
            span = min(int(entry.get("morecols", 0)) + 1, width - column)
            down = min(int(entry.get("morerows", 0)), MAX_SPAN)
            for position in range(column, column + span):
                cells[position] = text
                if down > 0:
                    carried[position] = (text, down)
            column += span

    # -- cell text --------------------------------------------------------------------------
    def _cell_text(self, node: Any) -> str:
        """The text of a table entry: one line per paragraph, item or literal line."""
        lines: list[str] = []
        self._lines(node, lines)
        return "\n".join(lines)

    def _lines(self, node: Any, out: list[str]) -> None:
        for child in node.children:
            tag = child.tagname
            if tag in _SKIPPED:
                continue
            if tag in _VERBATIM:
                out.extend(line.rstrip() for line in child.astext().splitlines() if line.strip())
            elif tag == "table":
                out.extend(self._nested_rows(child))
            elif isinstance(child, self._text_element):
                line = self._line(child)
                if line:
                    out.append(line)
            elif isinstance(child, self._element):
                self._lines(child, out)
            else:
                line = _collapse(child.astext())
                if line:
                    out.append(line)

    def _nested_rows(self, table: Any) -> list[str]:
        """A table inside a cell: one line per row, its cells separated by " | "."""
        lines: list[str] = []
        for tgroup in table.children:
            if tgroup.tagname != "tgroup":
                continue
            for part in tgroup.children:
                if part.tagname in ("thead", "tbody"):
                    for row in part.children:
                        texts = [_collapse(self._cell_text(entry)) for entry in row.children]
                        lines.append(" | ".join(texts))
        return lines

    def _line(self, node: Any) -> str:
        return _collapse(self._inline(node))

    def _inline(self, node: Any) -> str:
        parts: list[str] = []
        for child in node.children:
            tag = child.tagname
            if tag == "#text":
                parts.append(child.astext())
            elif tag == "problematic":
                parts.append(_role_text(child.astext()))
            elif tag not in _SKIPPED_INLINE:
                parts.append(self._inline(child))
        return "".join(parts)
