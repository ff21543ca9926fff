"""One imported registry as columns, and the compact copy of them the store keeps.

:class:`StoredColumns` is what :class:`~app.registry.entry_table.EntryTable` is made of: the
codes, and every text field dictionary-encoded (:class:`~app.registry.search.TextColumn`).

Reading a million rows back from SQLite and encoding them again takes seconds (one Python
step per row and field); :func:`encode_columns` turns the columns into one blob in the snapshot
format (:mod:`app.registry.search.snapshot`: string lists and ``array`` sections behind a JSON
table of contents and a checksum) that :func:`decode_columns` maps back at memory speed. The
store writes that blob next to the rows in the same transaction, stamped with the import time
and row count, and falls back to the rows whenever the stamp, the format version or the
checksum does not match. Pure Python, no Qt.
"""

from __future__ import annotations

import builtins
import dataclasses
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING

from app.registry.search.columns import TOKENS_VERSION, TextColumn, dictionary_encode
from app.registry.search.index import (
    BlockPacks,
    ColumnIndex,
    read_column_index,
    read_packed,
    write_column_index,
    write_packed,
)
from app.registry.search.snapshot import SnapshotError, SnapshotReader, SnapshotWriter

if TYPE_CHECKING:
    from app.registry.importers import ImportedRow

_PREFIX = "columns"
#: Extra columns whose searched text depends on more than the column (Statuscope's own export
#: columns, see ``EntryTable.search_columns``): not prepared ahead.
DERIVED_EXTRAS = frozenset({"class", "lifecycle", "source"})


@dataclass(frozen=True)
class StoredColumns:
    """One stored registry as columns (see ``RegistryStore.read_columns``).

    ``categories`` holds ``""`` for a row without one; ``extras`` one column per extra key,
    ``""`` where a row lacks it. After :func:`prepare_columns`, the searched columns carry
    their index (``TextColumn.prepared``; the codes' in ``code_index``).
    """

    name: str
    codes: builtins.list[str]
    phrases: TextColumn
    categories: TextColumn
    extras: dict[str, TextColumn]
    code_index: ColumnIndex | None = field(default=None, compare=False, repr=False)
    #: the registry's own packed broad terms (``entry_table.pack_columns``, at import)
    packs: BlockPacks | None = field(default=None, compare=False, repr=False)


def columns_of_rows(name: str, rows: Sequence[ImportedRow]) -> StoredColumns:
    """The columns of importer rows (C loops over the rows, one per field)."""
    codes = list(map(operator.attrgetter("code"), rows))
    phrases = dictionary_encode(map(operator.attrgetter("phrase"), rows))
    raw = dictionary_encode(map(operator.attrgetter("category"), rows))
    categories = TextColumn([text or "" for text in raw.texts], raw.ids)  # None → ""
    dicts = list(map(operator.attrgetter("extra"), rows))
    keys = sorted(set().union(*dicts)) if dicts else []
    extras = {key: dictionary_encode(map(dict.get, dicts, repeat(key), repeat(""))) for key in keys}
    return StoredColumns(name, codes, phrases, categories, extras)


def prepare_columns(columns: StoredColumns) -> StoredColumns:
    """The columns with the index of each searched one, made now (tokenized and grouped: a few
    seconds at a million rows) so that loading the registry later need not."""

    def prepared(column: TextColumn) -> TextColumn:
        return dataclasses.replace(column, prepared=ColumnIndex.prepare(column))

    return dataclasses.replace(
        columns,
        phrases=prepared(columns.phrases),
        extras={
            key: column if key in DERIVED_EXTRAS else prepared(column)
            for key, column in columns.extras.items()
        },
        code_index=ColumnIndex.prepare(TextColumn(columns.codes)),
    )


def write_column(writer: SnapshotWriter, name: str, column: TextColumn) -> None:
    writer.strings(f"{name}.texts", column.texts)
    if column.ids is not None:
        writer.ints(f"{name}.ids", column.ids)


def read_column(reader: SnapshotReader, name: str, rows: int) -> TextColumn:
    """A column written by :func:`write_column`, checked to hold ``rows`` valid rows."""
    texts = reader.strings(f"{name}.texts")
    if not reader.has(f"{name}.ids"):
        if len(texts) != rows:
            raise SnapshotError(f"the snapshot column {name!r} does not fit its table")
        return TextColumn(texts)
    ids = reader.ints(f"{name}.ids")
    if len(ids) != rows or (rows and not 0 <= min(ids) <= max(ids) < len(texts)):
        raise SnapshotError(f"the snapshot column {name!r} does not fit its table")
    return TextColumn(texts, ids)


def encode_columns(columns: StoredColumns, stamp: str) -> list[bytes]:
    """The columns (and the indexes prepared for them) as one blob, in pieces to be written
    one after the other; ``stamp`` says which import they belong to."""
    writer = SnapshotWriter()
    writer.strings(f"{_PREFIX}.codes", columns.codes)
    indexed: builtins.list[str] = []

    def index_of(name: str, index: object) -> None:
        if isinstance(index, ColumnIndex):
            write_column_index(writer, f"{name}.index", index)
            indexed.append(name)

    index_of(f"{_PREFIX}.codes", columns.code_index)
    for name, column in _text_columns(columns):
        write_column(writer, name, column)
        index_of(name, column.prepared)
    meta = {"stamp": stamp, "rows": len(columns.codes), "extras": list(columns.extras)}
    return writer.pieces({**meta, "tokens": TOKENS_VERSION, "indexed": indexed})


def decode_columns(name: str, data: bytes, stamp: str, rows: int) -> StoredColumns:
    """The columns :func:`encode_columns` wrote for the import ``stamp`` of ``rows`` rows,
    with their prepared indexes when those were made by this version's tokenizer.

    Raises :class:`SnapshotError` when the blob is damaged, of another format version or of
    another import: then read the rows instead.
    """
    reader = SnapshotReader(data)
    try:
        meta = reader.meta
        if meta.get("stamp") != stamp or meta.get("rows") != rows:
            raise SnapshotError("the stored columns are of another import")
        keys = meta.get("extras")
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            raise SnapshotError("the stored columns name no extra fields")
        codes = reader.strings(f"{_PREFIX}.codes")
        if len(codes) != rows:
            raise SnapshotError("the stored codes do not fit the registry")
        columns = StoredColumns(
            name,
            codes,
            read_column(reader, f"{_PREFIX}.phrases", rows),
            read_column(reader, f"{_PREFIX}.categories", rows),
            {key: read_column(reader, f"{_PREFIX}.extra{n}", rows) for n, key in enumerate(keys)},
        )
        indexed = meta.get("indexed")
        if meta.get("tokens") != TOKENS_VERSION or not isinstance(indexed, list):
            return columns  # tokenized by another version: the build tokenizes again
        return _with_indexes(columns, reader, frozenset(map(str, indexed)))
    finally:
        reader.close()


def encode_packs(packs: BlockPacks, name: str, stamp: str) -> list[bytes]:
    """A registry's packs (``entry_table.pack_columns``) as one blob, for the import
    ``stamp`` and the registry's ``name`` (a word of every row: a rename makes them stale)."""
    writer = SnapshotWriter()
    writer.strings(f"{_PREFIX}.vocab", packs.vocab)
    write_packed(writer, _PREFIX, packs.packed)
    return writer.pieces({"stamp": stamp, "rows": packs.n, "name": name})


def decode_packs(data: bytes, name: str, stamp: str, rows: int) -> BlockPacks:
    """What :func:`encode_packs` wrote; SnapshotError when it is damaged or stale."""
    reader = SnapshotReader(data)
    try:
        meta = reader.meta
        if (meta.get("stamp"), meta.get("rows"), meta.get("name")) != (stamp, rows, name):
            raise SnapshotError("the stored packs are of another import or name")
        vocab = reader.strings(f"{_PREFIX}.vocab")
        try:
            packed = read_packed(reader, _PREFIX, len(vocab))
        except ValueError as error:
            raise SnapshotError(f"damaged packs ({error})") from None
        return BlockPacks(vocab, packed, rows)
    finally:
        reader.close()


def _text_columns(columns: StoredColumns) -> builtins.list[tuple[str, TextColumn]]:
    """The text columns by their section names (``columns.phrases``, ``columns.extra0`` …)."""
    named = [(f"{_PREFIX}.phrases", columns.phrases), (f"{_PREFIX}.categories", columns.categories)]
    named += [(f"{_PREFIX}.extra{n}", column) for n, column in enumerate(columns.extras.values())]
    return named


def _with_indexes(
    columns: StoredColumns, reader: SnapshotReader, indexed: frozenset[str]
) -> StoredColumns:
    def read(name: str, column: TextColumn) -> TextColumn:
        if name not in indexed:
            return column
        index = read_column_index(reader, f"{name}.index", column, is_name=False)
        if not _fits(index, column):
            raise SnapshotError(f"the stored index of {name!r} does not fit its column")
        return dataclasses.replace(column, prepared=index)

    extras = {
        key: read(f"{_PREFIX}.extra{number}", column)
        for number, (key, column) in enumerate(columns.extras.items())
    }
    codes = read(f"{_PREFIX}.codes", TextColumn(columns.codes))
    return dataclasses.replace(
        columns,
        phrases=read(f"{_PREFIX}.phrases", columns.phrases),
        extras=extras,
        code_index=codes.prepared if isinstance(codes.prepared, ColumnIndex) else None,
    )


def _fits(index: ColumnIndex, column: TextColumn) -> bool:
    """The rows table of a prepared index has the shape its column asks for."""
    table = (index.offsets, index.rows, index.counts)
    if column.ids is None:
        return table == (None, None, None)
    if index.offsets is None or index.rows is None or index.counts is None:
        return table == (None, None, None) and index.size == 1
    return (len(index.offsets), len(index.rows), len(index.counts)) == (
        index.size + 1,
        len(column),
        index.size,
    )
