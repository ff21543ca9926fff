"""Excel workbooks (``.xlsx``/``.xlsm``): the code tables of every sheet.

Where a table is, in each sheet (worksheets only; chart sheets hold no cells):

* Blank rows split the sheet into blocks.
* The leading rows of a block with fewer than two filled cells are title rows. The nearest
  (at most three) become the caption of the next table; a title row, a blank row and then
  the table is a common layout, so titles carry over a blank row.
* The first row of a block with two or more filled cells starts a table and is its header
  row, unless it looks like data (a code where a header word would be). Such a block
  continues the sheet's previous table — vendors leave blank rows between groups — and its
  title rows go along as group rows ("Server errors") for the row logic to read. A data block
  with no table above it is a table without a header row.
* The sheet name is the tables' section.

Cells become text as Excel shows them: integral numbers without ``.0`` (``400``), other
numbers with up to 15 significant digits (Excel's display precision, so ``=0.1+0.2`` is
``0.3``), dates as ISO dates (with the time only when there is one), booleans as
TRUE/FALSE, formulas as their last computed value (``data_only``), empty cells as ``""``.

Hostile files are bounded: the archive must unpack to at most :data:`MAX_UNPACKED_BYTES`
(checked on the zip directory before openpyxl opens it; zipfile never inflates a member past
its declared size), a sheet's declared dimension is ignored (``A1:XFD1048576`` would pad
every row to 16,384 cells and add a million empty rows), columns past
:data:`~.base.MAX_COLUMNS` are dropped, and rows and cells count against the import limits.
"""

from __future__ import annotations

import datetime
import functools
import io
import itertools
import operator
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

from .base import MAX_COLUMNS, ImportFailed, ParseContext, RawTable
from .columns import guess_header_rows, strong_category

#: An archive that unpacks to more than this is refused (zip bombs).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Title rows kept as a table's caption (the ones nearest to the table).
_MAX_TITLE_ROWS = 3
_CAPTION_SEPARATOR = " — "
#: ctx.check runs once per this many rows read.
_CHECK_EVERY = 4096
#: The start of an OLE2 compound file: an encrypted .xlsx or an old binary .xls.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MIB = 1024 * 1024
_IS_NONE = functools.partial(operator.is_, None)


def parse_xlsx(data: bytes, ctx: ParseContext) -> list[RawTable]:
    """The code tables of every worksheet of a workbook, sheet by sheet."""
    _check_archive(data, ctx)
    # openpyxl warns about workbook features it does not read (data validation, styles);
    # none matter for cell values, and the import reports its own warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = _open_workbook(data, ctx)
        try:
            sheets = list(workbook.worksheets)
            tables: list[RawTable] = []
            for number, sheet in enumerate(sheets):
                tables.extend(_sheet_tables(sheet, ctx, number, len(sheets)))
            return tables
        finally:
            workbook.close()


def _unreadable(ctx: ParseContext, reason: str) -> ImportFailed:
    return ctx.fail(f"not a readable .xlsx workbook ({reason})")


def _check_archive(data: bytes, ctx: ParseContext) -> None:
    if data.startswith(_OLE_MAGIC):
        raise _unreadable(ctx, "it is encrypted, or an old .xls file; save it as .xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise _unreadable(ctx, "not a zip archive") from None
    except MemoryError:
        raise  # not the file's fault; the caller reports it as such
    except Exception as exc:  # zipfile raises several kinds on a damaged directory
        raise _unreadable(ctx, _reason(exc)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ctx.fail(
            f"the workbook unpacks to {unpacked / _MIB:,.0f} MiB, more than the limit of "
            f"{MAX_UNPACKED_BYTES // _MIB} MiB"
        )


def _open_workbook(data: bytes, ctx: ParseContext) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl reports a damaged part with many exception types
        raise _unreadable(ctx, _reason(exc)) from None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _sheet_rows(sheet: Any, ctx: ParseContext) -> Iterator[Sequence[object]]:
    """The sheet's rows as openpyxl reads them; its damage surfaces as ImportFailed."""
    # The declared dimension may be anything (A1:XFD1048576); without it openpyxl yields
    # each row as wide as its last cell and no padding rows after the last one.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except MemoryError:
            raise
        except Exception as exc:  # the sheet's XML is parsed lazily, row by row
            raise _unreadable(ctx, f"sheet {sheet.title!r}: {_reason(exc)}") from None
        yield row


def _sheet_tables(sheet: Any, ctx: ParseContext, number: int, count: int) -> list[RawTable]:
    title = str(sheet.title)
    expected = sheet.max_row or 0  # the declared size, only to estimate progress
    builder = _SheetTables(title)
    wide = False
    for index, values in enumerate(_sheet_rows(sheet, ctx)):
        if index % _CHECK_EVERY == 0:
            within = min(index / expected, 1.0) if expected else 0.0
            ctx.check((number + within) / count)
        if len(values) > MAX_COLUMNS:
            values = values[:MAX_COLUMNS]
            wide = True
        cells = _trimmed([cell_text(value) for value in values[: _filled_width(values)]])
        if not cells:
            builder.blank()
            continue
        ctx.add_rows(1)
        ctx.add_cells(len(cells))
        builder.row(cells)
    if wide:
        ctx.warn(f"sheet {title!r}: columns after column {MAX_COLUMNS:,} were dropped")
    return builder.finish()


def _filled_width(values: Sequence[object]) -> int:
    """The row's width without its trailing empty cells.

    Found before any cell is converted, and without a Python-level loop: a hostile row with
    one cell far to the right arrives padded with thousands of Nones.
    """
    return len(values) - len(list(itertools.takewhile(_IS_NONE, reversed(values))))


def _trimmed(cells: list[str]) -> list[str]:
    """The cells without trailing blank ones; [] for a blank row."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def cell_text(value: object) -> str:
    """One cell value as the text Excel shows for it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))  # codes typed as numbers are floats: 400.0 → "400"
        return format(value, ".15g")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None and value.time() == datetime.time():
            return value.date().isoformat()  # a date cell: Excel stores it as midnight
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def _row_title(cells: Sequence[str]) -> str:
    return " ".join(cell.strip() for cell in cells if cell.strip())


class _SheetTables:
    """The block rule of the module docstring, fed one non-blank row or blank at a time."""

    def __init__(self, sheet_title: str) -> None:
        self.section = sheet_title
        self.category = strong_category(sheet_title)
        self.tables: list[RawTable] = []
        self.block: list[list[str]] = []
        #: title-only blocks seen since the last table (rows of one filled cell)
        self.pending: list[list[str]] = []

    def row(self, cells: list[str]) -> None:
        self.block.append(cells)

    def blank(self) -> None:
        if self.block:
            self._close_block()

    def finish(self) -> list[RawTable]:
        self.blank()
        return self.tables

    def _close_block(self) -> None:
        block, self.block = self.block, []
        lead = 0
        while lead < len(block) and _filled(block[lead]) < 2:
            lead += 1
        body = block[lead:]
        if not body:
            self.pending.extend(block)
            return
        titles = [*self.pending, *block[:lead]]
        self.pending = []
        looks_like_data = guess_header_rows(body[:2]) == 0
        if looks_like_data and self.tables:
            # A blank row inside a table: carry on, titles becoming group rows.
            self.tables[-1].rows.extend([*titles, *body])
            return
        caption = _CAPTION_SEPARATOR.join(_row_title(row) for row in titles[-_MAX_TITLE_ROWS:])
        self.tables.append(
            RawTable(
                body,
                None if looks_like_data else 1,
                section=self.section,
                section_category=self.category,
                kind="Excel sheet",
                caption=caption or None,
            )
        )
