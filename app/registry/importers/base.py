"""Shared types of the importers: the error, the result records, limits and the parse context.

Every format module turns a document into :class:`RawTable` grids (cells as text, header rows
first); :mod:`.columns` then decides what each column means and :mod:`.rows` builds
:class:`ImportedRow` records. The :class:`ParseContext` carries the limits, the warnings and
the progress and cancel callbacks through one parse so that no module needs globals. Pure
Python: no Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

#: Files larger than this are refused before they are read (256 MiB).
MAX_IMPORT_BYTES = 256 * 1024 * 1024
#: More data rows than this (over all tables of a file) are refused; 2,000,000 must import.
MAX_IMPORT_ROWS = 5_000_000
#: Columns kept per table; cells to the right of this are dropped with a warning.
MAX_COLUMNS = 1000
#: rowspan / colspan values are clamped to this.
MAX_SPAN = 1000
#: Upper bound of cells over all table grids of one parse (colspan/rowspan expansion
#: included), so that hostile spans cannot blow memory: 40M cell slots is ~320 MB of pointers.
MAX_GRID_CELLS = 40_000_000
#: Warnings kept per import; the rest are counted in one summary line.
MAX_WARNINGS = 200

#: The roles a column can have; ``None`` means "keep it in ``extra``".
ROLES = (
    "status",
    "error_code",
    "phrase",
    "translation",  # the phrase in the other language of a bilingual table (Continue | 继续)
    "description",
    "solution",
    "module",
    "category",
)

ProgressCallback = Callable[[float], None]
CancelledCallback = Callable[[], bool]


class ImportFailed(Exception):
    """The file cannot be imported. The message names the file and the reason."""


@dataclass(slots=True)
class ImportedRow:
    """One code of a vendor table, with the vendor's wording kept exactly.

    ``category`` is ``"normal"``/``"error"`` when the source says so (a section such as
    正常/异常, a grouping column, or a header such as 错误状态码), else ``None``. ``extra``
    holds every other non-empty column by its normalized name (``description``,
    ``solution``, ``module``, ``http_status``, ``group``, ``section`` …).
    """

    code: str
    phrase: str
    category: str | None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ParsedTable:
    """One table of the source: its header, the role of each column and its rows.

    ``raw_rows`` are the data rows as cell text (spans expanded), so that :func:`remap`
    can rebuild ``rows`` when the user assigns other roles in the preview dialog.
    ``warnings`` are the row-level warnings of this table (also part of the result's).
    ``index`` is the table's 1-based position among all tables of the source.
    """

    headers: list[str]
    roles: list[str | None]
    rows: list[ImportedRow]
    section: str | None
    raw_rows: list[list[str]]
    index: int = 0
    section_category: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: (data row, column) cells that continue a rowspan cell of the row above; a row whose
    #: code cell continues one is merged into the row above (one code, several causes).
    continued: frozenset[tuple[int, int]] = frozenset()
    #: The table's own title, shown in the import preview with its section.
    caption: str | None = None
    page_category: str | None = None
    #: What the table came from (``RawTable.kind``: "HTML table", "OpenAPI responses" …).
    kind: str = "table"


@dataclass(slots=True)
class ImportResult:
    """What a file contained: its format, the code tables and the warnings."""

    format: str
    tables: list[ParsedTable]
    warnings: list[str]

    @property
    def rows(self) -> list[ImportedRow]:
        """The rows of all tables, in document order."""
        return [row for table in self.tables for row in table.rows]


@dataclass(slots=True)
class RawTable:
    """A table as a grid of cell text, before column roles are known.

    ``header_rows`` is the number of leading header rows when the source marks them
    (``<thead>``, ``<th>``, a Markdown delimiter row, a reST ``===`` border), ``None`` when
    the columns logic has to guess. ``section``/``section_category`` come from the heading or
    list item above the table.
    """

    rows: list[list[str]]
    header_rows: int | None
    section: str | None = None
    section_category: str | None = None
    kind: str = "table"
    #: (row, column) grid positions filled by a rowspan from the row above.
    continued: set[tuple[int, int]] = field(default_factory=set)
    caption: str | None = None  #: the table's own title (``.. table:: Title``, ``.Title``)
    #: What the page title says of every table ("# Error Responses"), the last resort.
    page_category: str | None = None


class ParseContext:
    """Limits, warnings, progress and cancellation for one parse of one source."""

    def __init__(
        self,
        name: str,
        *,
        max_rows: int = MAX_IMPORT_ROWS,
        progress: ProgressCallback | None = None,
        cancelled: CancelledCallback | None = None,
    ) -> None:
        self.name = name
        self.max_rows = max_rows
        self.warnings: list[str] = []
        self._dropped_warnings = 0
        self._progress = progress
        self._cancelled = cancelled
        self._span = (0.0, 1.0)
        self._reported = -1.0
        self._cells = 0
        self._rows = 0

    # -- messages -------------------------------------------------------------------------
    def fail(self, reason: str) -> ImportFailed:
        """An :class:`ImportFailed` whose message names the source."""
        return ImportFailed(f"{self.name}: {reason}")

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)
        else:
            self._dropped_warnings += 1

    def final_warnings(self) -> list[str]:
        if self._dropped_warnings:
            return [*self.warnings, f"… and {self._dropped_warnings:,} more warnings"]
        return list(self.warnings)

    # -- progress -------------------------------------------------------------------------
    def stage(self, start: float, end: float) -> None:
        """Map the next :meth:`check` fractions onto ``start..end`` of the whole import."""
        self._span = (start, end)

    def check(self, fraction: float) -> None:
        """Report progress inside the current stage and stop when the user cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise self.fail("import cancelled")
        if self._progress is not None:
            start, end = self._span
            value = start + (end - start) * min(max(fraction, 0.0), 1.0)
            if value > self._reported:  # never step backwards, never repeat
                self._reported = value
                self._progress(value)

    def finish(self) -> None:
        if self._progress is not None and self._reported < 1.0:
            self._reported = 1.0
            self._progress(1.0)

    # -- limits ---------------------------------------------------------------------------
    def add_cells(self, count: int) -> None:
        """Account for grid cells; hostile spans or column counts hit this bound."""
        self._cells += count
        if self._cells > MAX_GRID_CELLS:
            raise self.fail(
                f"the tables are too large (more than {MAX_GRID_CELLS:,} cells after "
                "expanding rowspan/colspan)"
            )

    def add_rows(self, count: int) -> None:
        """Account for table rows; more than ``max_rows`` is refused."""
        self._rows += count
        if self._rows > self.max_rows:
            raise self.fail(
                f"more than {self.max_rows:,} rows; the import limit is {self.max_rows:,} rows"
            )
