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
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

from app.registry.search.columns import TextColumn, dictionary_encode
from app.registry.search.snapshot import SnapshotError, SnapshotReader, SnapshotWriter

if TYPE_CHECKING:
    from app.registry.importers import ImportedRow

_PREFIX = "columns"


@dataclass(frozen=True)
class StoredColumns:
    """One stored registry as columns (see ``RegistryStore.read_columns``).

    ``categories`` holds ``""`` for a row without one; ``extras`` one column per extra key,
    ``""`` where a row lacks it.
    """

    name: str
    codes: builtins.list[str]
    phrases: TextColumn
    categories: TextColumn
    extras: dict[str, TextColumn]


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


def encode_columns(columns: StoredColumns, stamp: str) -> bytes:
    """The columns as one blob; ``stamp`` says which import they belong to."""
    writer = SnapshotWriter()
    writer.strings(f"{_PREFIX}.codes", columns.codes)
    write_column(writer, f"{_PREFIX}.phrases", columns.phrases)
    write_column(writer, f"{_PREFIX}.categories", columns.categories)
    keys = list(columns.extras)
    for number, key in enumerate(keys):
        write_column(writer, f"{_PREFIX}.extra{number}", columns.extras[key])
    return writer.finish({"stamp": stamp, "rows": len(columns.codes), "extras": keys})


def decode_columns(name: str, data: bytes, stamp: str, rows: int) -> StoredColumns:
    """The columns :func:`encode_columns` wrote for the import ``stamp`` of ``rows`` rows.

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
        return StoredColumns(
            name,
            codes,
            read_column(reader, f"{_PREFIX}.phrases", rows),
            read_column(reader, f"{_PREFIX}.categories", rows),
            {key: read_column(reader, f"{_PREFIX}.extra{n}", rows) for n, key in enumerate(keys)},
        )
    finally:
        reader.close()
