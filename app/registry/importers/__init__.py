"""Import users' own code tables: documentation pages (HTML, Markdown, reST, AsciiDoc), data
files (CSV, JSON, TOML, YAML, XML, .xlsx) and OpenAPI / Swagger documents.

Entry points:

* :func:`parse_file` — read a file (size-limited before reading it whole), decode it, detect
  its format and return an :class:`ImportResult`: the code tables found, with per-column roles,
  the rows and the warnings (skipped tables, unparseable rows, duplicates). Large files report
  ``progress(fraction)`` and stop when ``cancelled()`` returns True.
* :func:`parse_text` — the same for text already in memory.
* :func:`remap` — rebuild one table's rows after the user re-mapped its columns.
* :func:`rows_to_entries` — turn rows into :class:`~app.registry.entry.StatusEntry` records.
* :func:`compare_with_builtin` — the vendor phrases that differ from the IANA phrase.

A code listed in several tables of one page becomes one row per meaning
(:func:`_merge_cross_table_duplicates`). What each format is read with, and why, is in
``app/docs/adr-importer-libraries.md``; how well it works on real documents, in
``tests/corpus/``.

Every failure, for any input, is an :class:`ImportFailed` whose message names the file and the
reason (``"seed.txt: no table with a status-code column found"``); nothing else escapes.
Limits: :data:`MAX_IMPORT_BYTES` (256 MiB) and :data:`MAX_IMPORT_ROWS` (5,000,000 rows).
Pure Python, no Qt. The parsing libraries (docutils, markdown-it-py, PyYAML, openpyxl) are
imported inside the format modules on first use, so start-up never pays for them.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from app.registry.bulk import paused_gc

from .base import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    ROLES,
    CancelledCallback,
    ImportedRow,
    ImportFailed,
    ImportResult,
    ParseContext,
    ParsedTable,
    ProgressCallback,
    RawTable,
)
from .conversion import compare_with_builtin, rows_to_entries
from .csv_tables import parse_csv, sniff_delimiter
from .decoding import clean_text, decode_bytes
from .html_tables import parse_document
from .json_tables import parse_json
from .markdown_tables import is_delimiter_row
from .rows import build_table, remap
from .rst_tables import GRID_BORDER_RE, SIMPLE_BORDER_RE
from .toml_tables import parse_toml
from .xml_tables import parse_xml

__all__ = [
    "FILE_SUFFIXES",
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "ROLES",
    "ImportFailed",
    "ImportResult",
    "ImportedRow",
    "ParsedTable",
    "compare_with_builtin",
    "detect_format",
    "parse_file",
    "parse_text",
    "remap",
    "rows_to_entries",
]

logger = logging.getLogger(__name__)

#: Format names accepted by ``parse_text(fmt=…)`` and returned in ``ImportResult.format``.
FORMATS = ("html", "markdown", "rst", "asciidoc", "csv", "json", "toml", "yaml", "xml", "xlsx")
_ALIASES = {
    "htm": "html",
    "md": "markdown",
    "rest": "rst",
    "tsv": "csv",
    "txt": "markdown",
    "adoc": "asciidoc",
    "yml": "yaml",
    "openapi": "yaml",
    "swagger": "yaml",
}
_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".rst": "rst",
    ".rest": "rst",
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".psv": "csv",
    ".json": "json",
    ".toml": "toml",
    ".adoc": "asciidoc",
    ".asciidoc": "asciidoc",
    ".asc": "asciidoc",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".xml": "xml",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
#: Every file suffix the importers recognise, for file dialogs (.txt is read as Markdown).
FILE_SUFFIXES = (*_SUFFIXES, ".txt")
#: Formats read from the file's bytes rather than its decoded text.
_BINARY_FORMATS = frozenset({"xlsx"})
_READ_CHUNK = 8 << 20
_HEAD_BYTES = 1 << 16
_TOML_LINE_RE = re.compile(r"\s*(?:\[\[?[^\[\]=]+\]\]?|[A-Za-z0-9_.\"'\- ]+\s*=\s*\S.*|#.*)\s*")
_JSON_START_RE = re.compile(r"[\[{]\s*(?:[\[{\"\]}0-9-]|true|false|null|$)")
_ATX_RE = re.compile(r"#{1,6}\s")
_TOML_TABLE_RE = re.compile(r"\[\[?[A-Za-z0-9_.\"' -]+\]\]?\s*")
_OPENAPI_RE = re.compile(r"(?:---\s*\n)?(?:#[^\n]*\n|\s*\n)*(?:openapi|swagger)\s*:")
_ADOC_TABLE_RE = re.compile(r"^[|,:!]===\s*$", re.MULTILINE)
_ZIP_MAGIC = b"PK\x03\x04"


def _parse_rst(text: str, ctx: ParseContext) -> list[RawTable]:
    from .rst_docutils import parse_rst

    return parse_rst(text, ctx)


def _parse_asciidoc(text: str, ctx: ParseContext) -> list[RawTable]:
    from .asciidoc_tables import parse_asciidoc

    return parse_asciidoc(text, ctx)


def _parse_yaml(text: str, ctx: ParseContext) -> list[RawTable]:
    from .yaml_tables import parse_yaml

    return parse_yaml(text, ctx)


_PARSERS: dict[str, Callable[[str, ParseContext], list[RawTable]]] = {
    "html": lambda text, ctx: parse_document(text, ctx, markdown=False),
    "markdown": lambda text, ctx: parse_document(text, ctx, markdown=True),
    "rst": _parse_rst,
    "asciidoc": _parse_asciidoc,
    "csv": parse_csv,
    "json": parse_json,
    "toml": parse_toml,
    "yaml": _parse_yaml,
    "xml": parse_xml,
}


def _parse_xlsx(data: bytes, ctx: ParseContext) -> list[RawTable]:
    from .xlsx_tables import parse_xlsx

    return parse_xlsx(data, ctx)


def sniff_format(head: str) -> str:
    """The format of a text from its beginning (used when the file name says nothing)."""
    text = head.lstrip("\ufeff \t\n")
    lowered = text[:_HEAD_BYTES].lower()
    lines = [line for line in text.split("\n")[:300] if line.strip()]
    if text.startswith("[") and lines and _TOML_TABLE_RE.fullmatch(lines[0]):
        return "toml"
    if _JSON_START_RE.match(text):
        return "json"
    if _OPENAPI_RE.match(text):
        return "yaml"
    if lowered.startswith("<?xml") and "<html" not in lowered:
        return "xml"
    if _ADOC_TABLE_RE.search(text[:_HEAD_BYTES]):
        return "asciidoc"
    if "<table" in lowered or lowered.startswith(("<!doctype html", "<html")):
        return "html" if text.startswith("<") else "markdown"
    stripped = [line.strip() for line in lines]
    if any(is_delimiter_row(line) for line in stripped):
        return "markdown"
    if any(GRID_BORDER_RE.fullmatch(line) or SIMPLE_BORDER_RE.fullmatch(line) for line in stripped):
        return "rst"
    if any(_ATX_RE.match(line) for line in stripped):
        return "markdown"
    if (
        stripped
        and sum(1 for line in stripped if _TOML_LINE_RE.fullmatch(line)) >= 0.9 * len(stripped)
        and any("=" in line for line in stripped)
    ):
        return "toml"
    if sniff_delimiter(text)[1] > 0:
        return "csv"
    return "markdown"


def _decode_head(head_bytes: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return head_bytes.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head_bytes) - 4:
                return head_bytes[: exc.start].decode(encoding, errors="ignore")
    return head_bytes.decode("utf-8", errors="replace")


def detect_format(path: str | os.PathLike[str] | None, head_bytes: bytes) -> str:
    """One of :data:`FORMATS`: from the file suffix, else from the first bytes."""
    if path is not None:
        suffix = Path(path).suffix.lower()
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
    if head_bytes.startswith(_ZIP_MAGIC):
        return "xlsx"
    return sniff_format(_decode_head(head_bytes[:_HEAD_BYTES]))


def _normalize_format(fmt: str, ctx: ParseContext) -> str:
    name = fmt.lower().lstrip(".")
    name = _ALIASES.get(name, name)
    if name not in _PARSERS and name not in _BINARY_FORMATS:
        raise ctx.fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return name


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MiB"


def _read_limited(path: Path, size: int, max_bytes: int, ctx: ParseContext) -> bytes:
    chunks: list[bytes] = []
    total = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise ctx.fail(f"the file is larger than the import limit of {_mib(max_bytes)}")
            chunks.append(chunk)
            ctx.check(total / size if size else 0.0)
    return b"".join(chunks)


def parse_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_IMPORT_BYTES,
    max_rows: int = MAX_IMPORT_ROWS,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
    fmt: str | None = None,
) -> ImportResult:
    """Read, decode and parse one file. Raises only :class:`ImportFailed`."""
    file_path = Path(path)
    name = file_path.name or str(file_path)
    ctx = ParseContext(name, max_rows=max_rows, progress=progress, cancelled=cancelled)
    try:
        info = file_path.stat()
    except FileNotFoundError:
        raise ctx.fail("no such file") from None
    except PermissionError:
        raise ctx.fail("permission denied") from None
    except (OSError, ValueError) as exc:
        raise ctx.fail(f"cannot read the file ({exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ctx.fail("is a directory, not a file")
    if info.st_size > max_bytes:
        raise ctx.fail(
            f"the file is {_mib(info.st_size)}, larger than the import limit of {_mib(max_bytes)}"
        )
    ctx.stage(0.0, 0.1)
    try:
        data = _read_limited(file_path, info.st_size, max_bytes, ctx)
    except PermissionError:
        raise ctx.fail("permission denied") from None
    except OSError as exc:
        raise ctx.fail(f"cannot read the file ({exc.strerror or exc})") from None
    chosen = _normalize_format(fmt, ctx) if fmt else detect_format(file_path, data[:_HEAD_BYTES])
    if chosen in _BINARY_FORMATS:
        return _parse(data, chosen, ctx)
    text = decode_bytes(data, name)
    del data
    return _parse(text, chosen, ctx)


def parse_text(
    text: str,
    fmt: str | None = None,
    *,
    source_name: str = "<text>",
    max_rows: int = MAX_IMPORT_ROWS,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ImportResult:
    """Parse text already in memory (``fmt`` None: sniffed). Raises only ImportFailed."""
    ctx = ParseContext(source_name, max_rows=max_rows, progress=progress, cancelled=cancelled)
    if not isinstance(text, str):
        raise ctx.fail("expected text")
    chosen = _normalize_format(fmt, ctx) if fmt else None
    if chosen in _BINARY_FORMATS:
        raise ctx.fail(f"{chosen} is read from a file, not from text")
    text = clean_text(text, source_name)
    if chosen is None:
        chosen = sniff_format(text[:_HEAD_BYTES])
    return _parse(text, chosen, ctx)


def _parse(content: str | bytes, fmt: str, ctx: ParseContext) -> ImportResult:
    with paused_gc():
        return _parse_tables(content, fmt, ctx)


def _raw_tables(content: str | bytes, fmt: str, ctx: ParseContext) -> list[RawTable]:
    if isinstance(content, bytes):
        return _parse_xlsx(content, ctx)
    return _PARSERS[fmt](content, ctx)


def _parse_tables(content: str | bytes, fmt: str, ctx: ParseContext) -> ImportResult:
    try:
        ctx.stage(0.1, 0.7)
        raw_tables = _raw_tables(content, fmt, ctx)
        ctx.stage(0.7, 1.0)
        tables: list[ParsedTable] = []
        for number, raw in enumerate(raw_tables, start=1):
            table = build_table(raw, number, ctx)
            if table is not None:
                tables.append(table)
    except ImportFailed:
        raise
    except RecursionError:
        raise ctx.fail("the document is nested too deeply") from None
    except MemoryError:
        raise ctx.fail("not enough memory to import this file") from None
    except Exception as exc:  # a parser bug must not take the application down
        logger.exception("importer failed on %s", ctx.name)
        raise ctx.fail(f"internal parser error ({type(exc).__name__}: {exc})") from exc
    if not tables:
        if raw_tables:
            detail = f"{len(raw_tables)} table{'s' if len(raw_tables) != 1 else ''} skipped"
        else:
            detail = "the document contains no table"
        raise ctx.fail(f"no table with a status-code column found ({detail})")
    _merge_cross_table_duplicates(tables, ctx)
    ctx.finish()
    return ImportResult(fmt, tables, ctx.final_warnings())


def _merge_cross_table_duplicates(tables: list[ParsedTable], ctx: ParseContext) -> None:
    """One row per code and meaning: a code of an earlier table takes the later tables' columns.

    A page often lists its codes twice (messages in one table, HTTP statuses in the next):
    the later row fills what the first one lacks, and where the two say something different
    the first wins and a warning names the code, the tables and both values. A row that only
    repeats an earlier one goes. A row whose phrase differs from every earlier row of its
    code is another meaning (one "Code | Message" table per endpoint, or a page listing
    gateway and voice opcodes): it is kept as a row of its own, as OpenAPI responses are.
    """
    if len(tables) < 2:
        return
    earlier: dict[str, list[tuple[ImportedRow, ParsedTable]]] = {}
    for table in tables:
        kept: list[ImportedRow] = []
        for row in table.rows:
            seen = earlier.get(row.code, [])
            same = next((r for r, t in seen if _repeats(r, t, row, table)), None)
            other_layout = next(
                (
                    (r, t)
                    for r, t in seen
                    if not _same_layout(t, table) and not _other_meaning(r, row)
                ),
                None,
            )
            if same is not None:
                _merge_row(same, row)
            elif other_layout is not None:
                first, first_table = other_layout
                _warn_conflicts(first, row, first_table.index, table.index, ctx)
                _merge_row(first, row)
            else:
                kept.append(row)
        for row in kept:
            earlier.setdefault(row.code, []).append((row, table))
        table.rows = kept
    tables[:] = [table for table in tables if table.rows]


def _repeats(
    first: ImportedRow, first_table: ParsedTable, later: ImportedRow, table: ParsedTable
) -> bool:
    """Whether ``later`` says nothing new against ``first``: in a table laid out alike the
    same words; in another layout no value that differs."""
    if _same_layout(first_table, table):
        return first.phrase == later.phrase and first.extra.get("description") == later.extra.get(
            "description"
        )
    return not _conflicts(first, later)


def _other_meaning(first: ImportedRow, later: ImportedRow) -> bool:
    """Both rows name the code, differently: two meanings, not one row in two tables."""
    return bool(first.phrase and later.phrase and first.phrase != later.phrase)


def _same_layout(a: ParsedTable, b: ParsedTable) -> bool:
    return [h.casefold() for h in a.headers] == [h.casefold() for h in b.headers]


def _fields(row: ImportedRow) -> dict[str, str | None]:
    return {"phrase": row.phrase, "category": row.category, **row.extra}


def _conflicts(first: ImportedRow, later: ImportedRow) -> bool:
    old = _fields(first)
    return any(
        value and old.get(key) and old[key] != value for key, value in _fields(later).items()
    )


def _warn_conflicts(
    first: ImportedRow, later: ImportedRow, first_table: int, table: int, ctx: ParseContext
) -> None:
    old = _fields(first)
    for key, value in _fields(later).items():
        if value and old.get(key) and old[key] != value:
            ctx.warn(
                f"code {later.code} is in tables {first_table} and {table}; they disagree on "
                f"{key} ({old[key]!r} / {value!r}), the first is kept"
            )


def _merge_row(target: ImportedRow, row: ImportedRow) -> None:
    """Fill what ``target`` lacks from ``row`` (its own values stay)."""
    if not target.phrase and row.phrase:
        target.phrase = row.phrase
    if target.category is None and row.category is not None:
        target.category = row.category
    for key, value in row.extra.items():
        if value and not target.extra.get(key):
            target.extra[key] = value
