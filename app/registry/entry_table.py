"""Imported registries as columns: a ``Sequence[StatusEntry]`` that builds entries on access.

A million :class:`~app.registry.entry.StatusEntry` objects take ~8 s to create and ~1 GB to
hold; a view shows thirty of them. :class:`EntryTable` keeps one registry's rows as columns —
the codes, and every text field dictionary-encoded (distinct texts + an ``array('i')`` of text
numbers per row), which also shrinks the repeated phrases and solutions of vendor tables to
one string each — and builds an entry only in ``__getitem__`` (with a small cache, so a
repainting view gets the same objects back). The entries are exactly those
:func:`app.registry.importers.rows_to_entries` makes of the same rows: id
``"<registry>:<n>"``, class from the code or ``extra["http_status"]``, the columns of
Statuscope's own export back in their fields.

:meth:`EntryTable.search_columns` hands the query engine the same columns without building any
entry, and :class:`ChainedEntries` puts the built-in entries and several tables one after the
other as one sequence (row numbers run on from block to block). Pure Python, no Qt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import mmap
import operator
import os
import tempfile
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from app.registry.entry import (
    CATEGORIES,
    LIFECYCLES,
    StatusEntry,
    category_of,
    class_of,
    http_status_of,
)
from app.registry.search.columns import (
    BUILD_CHUNK,
    SearchColumns,
    TextColumn,
    dictionary_encode,
    search_columns,
)
from app.registry.search.engine import QueryEngine
from app.registry.search.index import BlockPacks, ColumnIndex
from app.registry.search.snapshot import SnapshotError, SnapshotReader, SnapshotWriter
from app.registry.stored_columns import (
    DERIVED_EXTRAS,
    StoredColumns,
    columns_of_rows,
    read_column,
    write_column,
)

if TYPE_CHECKING:
    from app.registry.importers import ImportedRow

#: A block's column of at most this many texts is indexed on its own before it is padded to
#: the whole chain (``_pad``); larger ones are indexed by the build, with progress.
PREPARE_TEXTS = 4_096
T = TypeVar("T")
_REGISTRY_NAME_COLUMN = 2  # in search_columns' name columns: codes, phrases, registry
#: Entries kept after being built (a screenful many times over).
ENTRY_CACHE_SIZE = 4096
_STATUS_CLASS = {f"{d}{n:02d}": f"{d}xx" for d in "12345" for n in range(100)}


def _encode(values: Sequence[str] | TextColumn) -> TextColumn:
    return values if isinstance(values, TextColumn) else dictionary_encode(values)


def _row_number(index: int, size: int, what: str) -> int:
    """A sequence index as a row number (negative counts from the end), or IndexError."""
    row = operator.index(index)
    if row < 0:
        row += size
    if not 0 <= row < size:
        raise IndexError(f"{what} index out of range")
    return row


def _expand(column: TextColumn) -> list[str]:
    """One value per row."""
    if column.ids is None:
        return list(column.texts)
    return _chunked(column.texts.__getitem__, column.ids)


def _chunked(function: Callable[..., T], values: Sequence[Any]) -> list[T]:
    """``list(map(function, values))`` in C passes of at most ``BUILD_CHUNK`` values: a build
    in a worker thread lets the UI thread take the interpreter lock between them."""
    out: list[T] = []
    for begin in range(0, len(values), BUILD_CHUNK):
        out.extend(map(function, values[begin : begin + BUILD_CHUNK]))
    return out


@functools.cache
def _conversion() -> tuple[type[ImportedRow], Callable[..., list[StatusEntry]]]:
    """The importers' row type and converter (imported once, on first use)."""
    from app.registry.importers import ImportedRow, rows_to_entries

    return ImportedRow, rows_to_entries


class EntryTable(Sequence[StatusEntry]):
    """The rows of one imported registry, as columns; entries are built on access.

    ``codes`` and ``phrases`` hold one value per row; ``categories`` the row's own category
    (``""`` for none); ``extras`` one column per extra key (``""`` where a row lacks it, so an
    extra field whose value is empty is dropped — the importers never produce one).
    Text columns may be given dictionary-encoded (:class:`TextColumn`) or as plain
    sequences, which are encoded here.
    """

    def __init__(
        self,
        registry: str,
        codes: Sequence[str],
        phrases: Sequence[str] | TextColumn,
        categories: Sequence[str] | TextColumn | None = None,
        extras: Mapping[str, Sequence[str] | TextColumn] | None = None,
        *,
        first_number: int = 1,
        code_index: ColumnIndex | None = None,
        packs: BlockPacks | None = None,
    ) -> None:
        self.registry = registry
        self._code_index = code_index  # the codes' index, prepared at import (stored_columns)
        #: its broad terms as packed at import (pack_columns; RegistryStore.read_packs): set
        #: by the loading worker once the registry answers, read by searches meanwhile
        self.packs = packs
        self.codes: Sequence[str] = codes
        n = len(codes)
        self.phrases = _encode(phrases)
        self.categories = (
            _encode(categories)
            if categories is not None
            else TextColumn([""], array("i", bytes(4 * n)))
        )
        self.extras: dict[str, TextColumn] = {k: _encode(v) for k, v in (extras or {}).items()}
        self.first_number = first_number
        for column in (self.phrases, self.categories, *self.extras.values()):
            if len(column) != n:
                raise ValueError("every column of an EntryTable needs one value per row")
        self._cache: dict[int, StatusEntry] = {}
        self._facets: dict[str, TextColumn] = {}
        _conversion()  # import the importers now (a loading thread), not at the first paint

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_imported(
        cls, rows: Iterable[ImportedRow], registry: str, *, first_number: int = 1
    ) -> EntryTable:
        """The table of importer rows (``ImportedRow``), e.g. ``store.load_rows(name)``."""
        rows = rows if isinstance(rows, Sequence) else list(rows)
        return cls.from_columns(columns_of_rows(registry, rows), first_number=first_number)

    @classmethod
    def from_columns(cls, stored: StoredColumns, *, first_number: int = 1) -> EntryTable:
        """The table of a registry's columns (e.g. ``store.read_columns``)."""
        return cls(
            stored.name,
            stored.codes,
            stored.phrases,
            stored.categories,
            stored.extras,
            first_number=first_number,
            code_index=stored.code_index,
            packs=stored.packs,
        )

    def write_snapshot(self, writer: SnapshotWriter, prefix: str) -> None:
        """Add this table's columns to a snapshot (see :func:`save_snapshot`)."""
        writer.strings(f"{prefix}.codes", self.codes)
        write_column(writer, f"{prefix}.phrases", self.phrases)
        write_column(writer, f"{prefix}.categories", self.categories)
        keys = list(self.extras)
        for number, key in enumerate(keys):
            write_column(writer, f"{prefix}.extra{number}", self.extras[key])
        writer.meta[prefix] = {
            "registry": self.registry,
            "first_number": self.first_number,
            "extras": keys,
        }

    @classmethod
    def read_snapshot(cls, reader: SnapshotReader, prefix: str) -> EntryTable:
        meta = reader.meta.get(prefix)
        if not isinstance(meta, dict):
            raise SnapshotError(f"the snapshot has no table {prefix!r}")
        try:
            codes = reader.strings(f"{prefix}.codes")
            extras = {
                str(key): read_column(reader, f"{prefix}.extra{number}", len(codes))
                for number, key in enumerate(meta["extras"])
            }
            return cls(
                str(meta["registry"]),
                codes,
                read_column(reader, f"{prefix}.phrases", len(codes)),
                read_column(reader, f"{prefix}.categories", len(codes)),
                extras,
                first_number=int(meta["first_number"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise SnapshotError(f"damaged table in the snapshot ({error})") from None

    # ------------------------------------------------------------------ Sequence
    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> StatusEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[StatusEntry]: ...

    def __getitem__(self, index: int | slice) -> StatusEntry | list[StatusEntry]:
        if index.__class__ is int:
            entry = self._cache.get(index)
            if entry is not None:  # the view's hot path: a row it painted a moment ago
                return entry
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = _row_number(index, len(self), "EntryTable")
        entry = self._cache.get(row)
        if entry is None:
            entry = self._build(row)
            if len(self._cache) >= ENTRY_CACHE_SIZE:
                del self._cache[next(iter(self._cache))]
            self._cache[row] = entry
        return entry

    def __iter__(self) -> Iterator[StatusEntry]:
        return (self[row] for row in range(len(self)))

    def extra_of(self, row: int) -> dict[str, str]:
        """The row's extra fields as imported (non-empty values only)."""
        out: dict[str, str] = {}
        for key, column in self.extras.items():
            value = column.value(row)
            if value:
                out[key] = value
        return out

    def _build(self, row: int) -> StatusEntry:
        ImportedRow, rows_to_entries = _conversion()
        imported = ImportedRow(
            self.codes[row],
            self.phrases.value(row),
            self.categories.value(row) or None,
            self.extra_of(row),
        )
        (entry,) = rows_to_entries([imported], self.registry)
        return dataclasses.replace(entry, id=f"{self.registry}:{self.first_number + row}")

    def sources(self) -> list[str]:
        """The distinct sources of the entries (without building them)."""
        return sorted(set(self.facet("source").texts), key=str.casefold)

    # ------------------------------------------------------------------ search columns
    def search_columns(self) -> SearchColumns:
        """The engine's view of this table: same words and facets as the built entries."""
        name: list[TextColumn] = [TextColumn(self.codes, prepared=self._code_index), self.phrases]
        name.append(TextColumn([self.registry], array("i", bytes(4 * len(self)))))
        body: list[TextColumn] = []
        for key, column in self.extras.items():
            if key == "aliases":
                name.append(column)
            elif key in DERIVED_EXTRAS:
                body.append(self._kept_export_column(key, column))
            else:
                body.append(column)
        # the registry's name (a word of every row) is never in its packs: marked as usual
        names = tuple(n for n in range(len(name)) if n != _REGISTRY_NAME_COLUMN)
        blocks = [(self, names, tuple(range(len(body))), 0)]
        return SearchColumns(self.codes, name, body, self.facet, blocks)

    def _kept_export_column(self, key: str, column: TextColumn) -> TextColumn:
        """The values of an export column that ``rows_to_entries`` leaves in ``extra``."""
        if key == "lifecycle":
            return TextColumn([t if t not in LIFECYCLES else "" for t in column.texts], column.ids)
        if key == "source":
            return TextColumn([t if t != self.registry else "" for t in column.texts], column.ids)
        classes = _expand(self.facet("status_class"))
        values = _expand(column)
        return dictionary_encode(
            v if v not in (c, "") else "" for v, c in zip(values, classes, strict=True)
        )

    def facet(self, name: str) -> TextColumn:
        """Per-row ``status_class``, ``category``, ``lifecycle``, ``source`` or
        ``http_status`` (cached)."""
        found = self._facets.get(name)
        if found is None:
            found = self._compute_facet(name)
            self._facets[name] = found
        return found

    def _compute_facet(self, name: str) -> TextColumn:
        n = len(self)
        if name == "source":
            return TextColumn([self.registry], array("i", bytes(4 * n)))
        if name == "status_class":
            classes: list[str | None] = _chunked(_STATUS_CLASS.get, self.codes)
            for row in (r for r, c in enumerate(classes) if c is None):
                classes[row] = class_of(self.codes[row]) or None
            http = self.extras.get("http_status")
            if http is not None:
                http_classes = [class_of(t[:3]) if len(t) >= 3 else "" for t in http.texts]
                per_row = (
                    map(http_classes.__getitem__, http.ids)
                    if http.ids is not None
                    else iter(http_classes)
                )
                return dictionary_encode(c or h for c, h in zip(classes, per_row, strict=True))
            return dictionary_encode(c or "" for c in classes)
        if name == "category":
            classes_col = self.facet("status_class")
            own = _expand(self.categories)
            status = _expand(classes_col)
            return dictionary_encode(
                c if c in CATEGORIES else (category_of(s) if s else "error")
                for c, s in zip(own, status, strict=True)
            )
        if name == "http_status":
            http = self.extras.get("http_status")
            if http is None:
                return dictionary_encode(map(http_status_of, self.codes))
            return dictionary_encode(map(http_status_of, self.codes, _expand(http)))
        if name == "lifecycle":
            column = self.extras.get("lifecycle")
            if column is None:
                return TextColumn(["standard"], array("i", bytes(4 * n)))
            return TextColumn(
                [t if t in LIFECYCLES else "standard" for t in column.texts], column.ids
            )
        raise KeyError(name)


class ChainedEntries(Sequence[StatusEntry]):
    """Several entry sequences one after the other (the built-in registry, then each
    imported table); row numbers run on from block to block. ``search_columns`` joins the
    blocks' columns, so the engine never builds the entries of an :class:`EntryTable`."""

    def __init__(self, parts: Sequence[Sequence[StatusEntry]]) -> None:
        self.parts = [part for part in parts if len(part)]
        self._starts = [0]
        for part in self.parts:
            self._starts.append(self._starts[-1] + len(part))

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, index: int) -> StatusEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[StatusEntry]: ...

    def __getitem__(self, index: int | slice) -> StatusEntry | list[StatusEntry]:
        if index.__class__ is int and 0 <= index < self._starts[-1]:  # the view's hot path
            part = bisect_right(self._starts, index) - 1
            return self.parts[part][index - self._starts[part]]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = _row_number(index, len(self), "ChainedEntries")
        part = bisect_right(self._starts, row) - 1
        return self.parts[part][row - self._starts[part]]

    def __iter__(self) -> Iterator[StatusEntry]:
        return chain.from_iterable(self.parts)

    def sources(self) -> list[str]:
        found: set[str] = set()
        for part in self.parts:
            lister: Callable[[], Iterable[str]] | None = getattr(part, "sources", None)
            found.update(lister() if callable(lister) else (e.source for e in part))
        return sorted(found, key=str.casefold)

    def search_columns(self) -> SearchColumns:
        blocks = [search_columns(part) for part in self.parts]
        codes = list(chain.from_iterable(b.codes for b in blocks))
        total = len(self)
        name: list[TextColumn] = []
        body: list[TextColumn] = []
        tables = []
        for start, block in zip(self._starts, blocks, strict=False):
            after = total - start - len(block.codes)
            for table, names, bodies, first_row in block.blocks:  # its columns' places here
                shifted_names = tuple(len(name) + p for p in names)
                shifted_bodies = tuple(len(body) + p for p in bodies)
                tables.append((table, shifted_names, shifted_bodies, start + first_row))
            name.extend(_pad(column, start, after) for column in block.name)
            body.extend(_pad(column, start, after) for column in block.body)

        def facet(field: str) -> TextColumn:
            return _concat([b.facet(field) for b in blocks])

        return SearchColumns(codes, name, body, facet, tables)


def _pad(column: TextColumn, before: int, after: int) -> TextColumn:
    """A block's column stretched over the whole chain: empty text on the other blocks' rows."""
    if not before and not after:
        return column
    if column.ids is None:
        padded = TextColumn([*repeat("", before), *column.texts, *repeat("", after)])
    else:
        empty = len(column.texts)
        ids = array("i", repeat(empty, before))
        ids.extend(column.ids)
        ids.extend(repeat(empty, after))
        padded = TextColumn([*column.texts, ""], ids)

    def index() -> ColumnIndex | None:  # made only if the engine builds (not from a snapshot)
        prepared = column.prepared() if callable(column.prepared) else column.prepared
        if prepared is None and len(column.texts) <= PREPARE_TEXTS:  # e.g. the built-in codes
            prepared = ColumnIndex.prepare(column)  # rather than tokenizing a million "" later
        return prepared.padded(padded, before, after) if prepared is not None else None

    return dataclasses.replace(padded, prepared=index)


def _concat(columns: Sequence[TextColumn]) -> TextColumn:
    """Columns of consecutive blocks as one column (text numbers shifted per block)."""
    texts: list[str] = []
    ids = array("i")
    for column in columns:
        shift = len(texts)
        texts.extend(column.texts)
        if column.ids is None:
            ids.extend(range(shift, shift + len(column.texts)))
        else:
            for begin in range(0, len(column.ids), BUILD_CHUNK):  # the UI thread may run between
                ids.extend(
                    map(operator.add, column.ids[begin : begin + BUILD_CHUNK], repeat(shift))
                )
    return TextColumn(texts, ids)


def pack_columns(columns: StoredColumns) -> StoredColumns:
    """The registry's columns with its own broad terms packed (``BlockPacks``), made at
    import from its prepared indexes (seconds at a million rows): a later rebuild of the
    whole index answers broad words from them until it has packed its own."""
    table = EntryTable.from_columns(columns)
    engine = QueryEngine(table)
    index = engine._index
    return dataclasses.replace(columns, packs=BlockPacks(index.vocab, index.packed, len(table)))


def save_snapshot(
    path: str | os.PathLike[str], key: str, tables: Sequence[EntryTable], engine: QueryEngine
) -> None:
    """Write ``tables`` and ``engine`` (built over ``ChainedEntries([builtin, *tables])``) to
    ``path`` atomically (temporary file + rename). ``key`` names what they were made of —
    e.g. the built-in data date plus each registry's name and import time — and
    :func:`load_snapshot` returns nothing for any other key. Raises SnapshotError when the
    data cannot be written as a snapshot and OSError when the file cannot."""
    writer = SnapshotWriter()
    for number, table in enumerate(tables):
        table.write_snapshot(writer, f"table{number}")
    engine.write_snapshot(writer, "engine")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            writer.write_to(out, {"key": key, "tables": len(tables)})
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def load_snapshot(
    path: str | os.PathLike[str], key: str, builtin: Sequence[StatusEntry]
) -> tuple[ChainedEntries, QueryEngine] | None:
    """The entries (``ChainedEntries([builtin, *tables])``) and their engine from a file that
    :func:`save_snapshot` wrote with the same ``key``; None when there is no such file or it
    is damaged, stale or of another version (then build, and save a new one)."""
    try:
        with open(path, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        reader = SnapshotReader(memoryview(mapped))
        try:
            if reader.meta.get("key") != key:
                return None
            count = reader.meta.get("tables")
            if not isinstance(count, int):
                return None
            tables = [EntryTable.read_snapshot(reader, f"table{n}") for n in range(count)]
            entries = ChainedEntries([builtin, *tables])
            return entries, QueryEngine.read_snapshot(entries, reader, "engine")
        finally:
            reader.close()
    except SnapshotError:
        return None
    finally:
        mapped.close()
