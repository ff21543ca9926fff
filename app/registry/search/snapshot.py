"""Snapshots: named ``array`` sections and string lists behind a JSON table of contents.

The engine stores its index this way (:func:`app.registry.search.index.write_index`), and
so do the entry tables (:mod:`app.registry.entry_table`): loading them back copies arrays in
at memory speed instead of tokenizing and grouping again.
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain
from typing import BinaryIO

from app.registry.bulk import pause_point


class SnapshotError(ValueError):
    """A snapshot is damaged, from another version, or of other entries: build instead."""


_MAGIC = b"STATUSCOPE-SNAPSHOT\x00"
SNAPSHOT_VERSION = 5  # 2: packed levels of broad terms; 3: as bit planes; 4: dense ones raw;
#: 5: facets (class, category, lifecycle, source, HTTP status per row)


class SnapshotWriter:
    """Collects named sections — ``array`` bytes and string lists (UTF-8 text plus the end
    offsets of each string) — behind a JSON table of contents. Nothing is pickled: reading a
    snapshot can fail, never run code."""

    def __init__(self) -> None:
        self.meta: dict[str, object] = {}
        self._chunks: list[bytes] = []
        self._toc: dict[str, tuple[int, int]] = {}
        self._size = 0

    def add(self, name: str, data: bytes) -> None:
        pause_point()
        if name in self._toc:
            raise ValueError(f"snapshot section {name!r} written twice")
        self._toc[name] = (self._size, len(data))
        self._chunks.append(data)
        self._size += len(data)

    def ints(self, name: str, values: Iterable[int], code: str = "i") -> None:
        if not (isinstance(values, array) and values.typecode == code):
            values = array(code, values)
        self.add(name, values.tobytes())

    def strings(self, name: str, values: Sequence[str]) -> None:
        self.add(f"{name}.text", "".join(values).encode("utf-8", "surrogatepass"))
        self.ints(f"{name}.ends", accumulate(map(len, values)), "q")

    def finish(self, meta: dict[str, object] | None = None) -> bytes:
        """The whole snapshot as bytes (see :meth:`write_to` to spare that copy)."""
        return b"".join(self.pieces(meta))

    def write_to(self, out: BinaryIO, meta: dict[str, object] | None = None) -> None:
        """Write the snapshot piece by piece: no second copy of it in memory (~170 MB at
        1,000,000 entries, on top of the index being saved)."""
        for piece in self.pieces(meta):
            pause_point()
            out.write(piece)

    def pieces(self, meta: dict[str, object] | None = None) -> list[bytes]:
        crc = 0
        for chunk in self._chunks:
            crc = zlib.crc32(chunk, crc)
        header = {
            "version": SNAPSHOT_VERSION,
            "byteorder": sys.byteorder,
            "crc32": crc,
            "meta": {**self.meta, **(meta or {})},
            "toc": self._toc,
        }
        head = json.dumps(header).encode("utf-8")
        return [_MAGIC, len(head).to_bytes(8, "little"), head, *self._chunks]


class SnapshotReader:
    """Reads what :class:`SnapshotWriter` wrote (bytes, or a memoryview of a mapped file)."""

    def __init__(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        try:
            if bytes(view[: len(_MAGIC)]) != _MAGIC:
                raise SnapshotError("not a Statuscope snapshot")
            size = int.from_bytes(view[len(_MAGIC) : len(_MAGIC) + 8], "little")
            start = len(_MAGIC) + 8
            header = json.loads(bytes(view[start : start + size]).decode("utf-8"))
            if header.get("version") != SNAPSHOT_VERSION:
                raise SnapshotError("a snapshot of another version")
            self.meta: dict[str, object] = header["meta"]
            self._toc: dict[str, list[int]] = header["toc"]
            self._swap = header["byteorder"] != sys.byteorder
            crc = int(header["crc32"])
        except (ValueError, KeyError, TypeError) as error:
            raise SnapshotError(f"damaged snapshot header ({error})") from None
        self._view = view
        self._body = view[start + size :]
        if zlib.crc32(self._body) != crc:
            self.close()
            raise SnapshotError("the snapshot is damaged (checksum mismatch)")

    def close(self) -> None:
        """Release the views of the data (a mapped file can be closed afterwards)."""
        self._body.release()
        self._view.release()

    def has(self, name: str) -> bool:
        return name in self._toc

    def raw(self, name: str) -> memoryview:
        try:
            offset, length = self._toc[name]
        except (KeyError, ValueError, TypeError):
            raise SnapshotError(f"the snapshot has no section {name!r}") from None
        if offset < 0 or length < 0 or offset + length > len(self._body):
            raise SnapshotError(f"the snapshot section {name!r} is cut short")
        return self._body[offset : offset + length]

    def ints(self, name: str, code: str = "i") -> array[int]:
        pause_point()
        values = array(code)
        try:
            values.frombytes(self.raw(name))
        except ValueError:
            raise SnapshotError(f"the snapshot section {name!r} is damaged") from None
        if self._swap:
            values.byteswap()
        return values

    def strings(self, name: str) -> list[str]:
        pause_point()
        try:
            text = bytes(self.raw(f"{name}.text")).decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            raise SnapshotError(f"the snapshot section {name!r} is damaged") from None
        ends = self.ints(f"{name}.ends", "q")
        if ends and ends[-1] != len(text):
            raise SnapshotError(f"the snapshot section {name!r} is damaged")
        return list(map(text.__getitem__, map(slice, chain((0,), ends), ends)))
