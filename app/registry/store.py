"""The user-registry store: imported code tables kept under ``<data dir>/registries``.

Storage: one SQLite database, ``registries/registries.sqlite3`` (stdlib :mod:`sqlite3`).
Why SQLite rather than JSON files written with temp-file + rename:

* **Atomic and crash-safe.** Every change is one transaction (``BEGIN IMMEDIATE`` …
  ``COMMIT``) in WAL mode with ``synchronous=FULL``; a crash, a killed process or an exception
  in the middle of :meth:`RegistryStore.save` leaves the previous content intact (tested by
  raising mid-save and by ``os._exit`` in a child process mid-save).
* **Two instances at once.** SQLite's file locking serializes writers (a 30 s busy timeout
  makes the second writer wait instead of failing) and readers see the last committed state,
  so two Statuscope processes never corrupt each other's saves. For a save of the same
  registry from both, the last writer wins — whole, never mixed.
* **Scale.** Millions of rows are one ``executemany`` in one transaction; loading is a single
  ordered scan. JSON files would have to be rewritten whole on every rename or toggle.

A database that is not a database, or fails ``PRAGMA quick_check`` (truncated, overwritten),
is moved aside as ``registries.sqlite3.corrupt-<UTC timestamp>`` (with its ``-wal``/``-shm``
files) and a fresh store starts; the warning is logged and kept in
:attr:`RegistryStore.warnings` for the UI. A directory that cannot be written raises
:class:`StoreError` with a message saying so. Rows are stored as imported
(:class:`~app.registry.importers.ImportedRow`: code, phrase, category, extra fields) and turned
into entries on load by :func:`~app.registry.importers.rows_to_entries`. Beside the rows, the
``columns`` table keeps each registry's columns and their prepared search index as one blob
(:mod:`app.registry.stored_columns`), written in the same transaction and stamped with the
import time: the app loads those (≈1 s at a million rows, where scanning the rows, encoding
and tokenizing them again took ≈10 s); a blob that does not match its import is ignored and
rewritten from the rows. Opening the store runs SQLite's full check only when the file changed
behind the store's back (see :meth:`RegistryStore._file_state`). Pure Python, no Qt.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import datetime
import json
import logging
import operator
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.registry.bulk import paused_gc
from app.registry.entry import StatusEntry
from app.registry.importers import ImportedRow, ImportResult, parse_file, remap, rows_to_entries
from app.registry.search.columns import TextColumn, dictionary_encode
from app.registry.search.index import BlockPacks
from app.registry.search.snapshot import SnapshotError
from app.registry.stored_columns import (
    StoredColumns,
    columns_of_rows,
    decode_columns,
    decode_packs,
    encode_columns,
    encode_packs,
    prepare_columns,
)

logger = logging.getLogger(__name__)

DATABASE_NAME = "registries.sqlite3"
SCHEMA_VERSION = 1
MAX_NAME_LENGTH = 80
#: Names that would be confused with the built-in registry (compared case-insensitively).
RESERVED_NAMES = frozenset({"builtin", "iana"})
_SQLITE_HEADER = b"SQLite format 3\x00"
_CORRUPTION_ERRORS = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    enabled INTEGER NOT NULL DEFAULT 1,
    source_path TEXT,
    imported_at TEXT NOT NULL,
    row_count INTEGER NOT NULL DEFAULT 0,
    roles TEXT
);
CREATE TABLE IF NOT EXISTS rows (
    registry_id INTEGER NOT NULL REFERENCES registries(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    phrase TEXT NOT NULL,
    category TEXT,
    extra TEXT,
    PRIMARY KEY (registry_id, seq)
) WITHOUT ROWID;
-- `statuscope show CODE` finds a code without reading the registries (ASCII case folded)
CREATE INDEX IF NOT EXISTS rows_by_code ON rows (code COLLATE NOCASE);
-- a registry's broad terms packed at import (stored_columns.encode_packs)
CREATE TABLE IF NOT EXISTS packs (
    registry_id INTEGER PRIMARY KEY REFERENCES registries(id) ON DELETE CASCADE,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS columns (
    registry_id INTEGER PRIMARY KEY REFERENCES registries(id) ON DELETE CASCADE,
    data BLOB NOT NULL
);
"""


class StoreError(Exception):
    """The store cannot do what was asked; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class RegistryInfo:
    """One stored registry. ``imported_at`` is an ISO 8601 UTC timestamp."""

    name: str
    enabled: bool
    source_path: str | None
    row_count: int
    imported_at: str


def validate_name(name: str) -> str:
    """The registry name without surrounding spaces, or StoreError saying what is wrong."""
    if not isinstance(name, str):
        raise StoreError("a registry name must be text")
    clean = name.strip()
    if not clean:
        raise StoreError("a registry name must not be empty")
    if len(clean) > MAX_NAME_LENGTH:
        raise StoreError(f"a registry name must be at most {MAX_NAME_LENGTH} characters")
    if any(ch in clean for ch in "/\\") or any(ord(ch) < 32 or ch == "\x7f" for ch in clean):
        raise StoreError(
            f"the registry name {clean!r} must not contain path separators or control characters"
        )
    if clean.casefold() in RESERVED_NAMES:
        raise StoreError(f"the registry name {clean!r} is reserved for the built-in registry")
    return clean


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


class RegistryStore:
    """Imported registries in one SQLite database under ``root / "registries"``.

    Each public method opens its own short-lived connection, so a store object may be used
    from a worker thread and the UI thread alike, and several processes may share the file.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.directory = self.root / "registries"
        self.path = self.directory / DATABASE_NAME
        self._checked_path = self.directory / f"{DATABASE_NAME}.checked"
        #: Problems found when opening (a corrupt database moved aside), for the UI to show.
        self.warnings: builtins.list[str] = []
        self._open()

    # -- opening ----------------------------------------------------------------------------
    def _unwritable(self, error: BaseException) -> StoreError:
        detail = getattr(error, "strerror", None) or str(error)
        return StoreError(
            f"cannot write the registry store in {self.directory}: {detail}. The data "
            "directory is read-only or not writable; check its permissions or set "
            "STATUSCOPE_HOME to a writable directory."
        )

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unwritable(exc) from None
        reason = self._corruption_reason()
        if reason is not None:
            self._move_aside(reason)
        try:
            self._create_schema()
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") in _CORRUPTION_ERRORS:
                self._move_aside(str(exc))
                self._create_schema()
            else:
                raise self._unwritable(exc) from None
        self._mark_checked()

    def _corruption_reason(self) -> str | None:
        """Why the database file is unusable, or None when it is fine (or absent)."""
        try:
            with self.path.open("rb") as handle:
                header = handle.read(len(_SQLITE_HEADER))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._unwritable(exc) from None
        if not header:
            return None
        if header != _SQLITE_HEADER:
            return "not an SQLite database"
        if self._checked_state() == self._file_state():
            return None  # unchanged since it last passed (or since this store wrote it)
        return self._quick_check()

    def _quick_check(self) -> str | None:
        """SQLite's own check of every page (≈0.3 s at a million rows, seconds from a cold
        disk cache), so it runs only when the file changed behind the store's back."""
        try:
            conn = sqlite3.connect(self.path, timeout=30)
            try:
                result = conn.execute("PRAGMA quick_check").fetchall()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") in _CORRUPTION_ERRORS:
                return str(exc)
            raise self._unwritable(exc) from None
        if result != [("ok",)]:
            return "; ".join(str(r[0]) for r in result[:3])
        return None

    def _file_state(self) -> builtins.list[object]:
        """What changes whenever the database changes: identity, size and time of the file
        and its write-ahead log, and a checksum of its first page."""
        state: builtins.list[object] = []
        for suffix in ("", "-wal"):
            try:
                found = os.stat(f"{self.path}{suffix}")
            except OSError:
                state.append(None)
            else:
                state.append([found.st_ino, found.st_size, found.st_mtime_ns])
        try:
            with self.path.open("rb") as handle:
                state.append(zlib.crc32(handle.read(4096)))
        except OSError:
            state.append(None)
        return state

    def _checked_state(self) -> object:
        try:
            return json.loads(self._checked_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _mark_checked(self) -> None:
        """Remember the file as it is now: sound (checked, or changed only by this store)."""
        temporary = self._checked_path.with_name(f".{self._checked_path.name}.tmp")
        with contextlib.suppress(OSError):
            temporary.write_text(json.dumps(self._file_state()), "utf-8")
            os.replace(temporary, self._checked_path)

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{DATABASE_NAME}.corrupt-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                source = Path(f"{self.path}{suffix}")
                if source.exists():
                    os.replace(source, f"{target}{suffix}")
        except OSError as exc:
            raise self._unwritable(exc) from None
        message = (
            f"The registry store {self.path} was unreadable ({reason}); it was moved to "
            f"{target.name} and an empty store was started."
        )
        logger.warning(message)
        self.warnings.append(message)

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            raise self._unwritable(exc) from None
        return conn

    def _create_schema(self) -> None:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(_SCHEMA)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
        finally:
            conn.close()

    # -- transactions -----------------------------------------------------------------------
    def _write(self, action: Callable[[sqlite3.Connection], int | None]) -> int | None:
        """Run ``action`` in one IMMEDIATE transaction; roll back on any exception."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = action(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if "readonly" in message or "unable to open" in message:
                raise self._unwritable(exc) from None
            raise StoreError(f"the registry store could not be changed: {message}") from None
        finally:
            conn.close()
        self._mark_checked()  # after close: closing checkpoints the log into the file
        return result

    def _registry_id(self, conn: sqlite3.Connection, name: str) -> tuple[int, str] | None:
        row = conn.execute("SELECT id, name FROM registries WHERE name = ?", (name,)).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def _require(self, conn: sqlite3.Connection, name: str) -> tuple[int, str]:
        found = self._registry_id(conn, name.strip() if isinstance(name, str) else name)
        if found is None:
            raise StoreError(f"there is no registry named {name!r}")
        return found

    # -- queries ----------------------------------------------------------------------------
    def list(self) -> builtins.list[RegistryInfo]:
        """All stored registries, by name."""
        conn = self._connect()
        try:
            rows = conn.execute(
                "SELECT name, enabled, source_path, row_count, imported_at FROM registries "
                "ORDER BY name COLLATE NOCASE"
            ).fetchall()
        finally:
            conn.close()
        return [RegistryInfo(str(n), bool(e), s, int(c), str(t)) for n, e, s, c, t in rows]

    def get(self, name: str) -> RegistryInfo | None:
        for info in self.list():
            if info.name.casefold() == name.strip().casefold():
                return info
        return None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def load_rows(self, name: str) -> builtins.list[ImportedRow]:
        """The stored rows of one registry, in import order."""
        conn = self._connect()
        try:
            registry_id, _name = self._require(conn, name)
            return _read_rows(conn, registry_id)
        finally:
            conn.close()

    def read_columns(self, name: str) -> StoredColumns:
        """One registry as columns with their prepared indexes: from the copy :meth:`save`
        keeps (a second at a million rows). When that copy is missing, stale or was prepared
        by another tokenizer version, the columns are read from the rows (no ``ImportedRow``
        per row) and/or prepared again, and the copy rewritten (if the store is writable)."""
        conn = self._connect()
        columns: StoredColumns | None = None
        try:
            conn.execute("BEGIN")  # the registry's stamp and its rows from one state
            registry_id, stored_name = self._require(conn, name)
            stamp, count = conn.execute(
                "SELECT imported_at, row_count FROM registries WHERE id = ?", (registry_id,)
            ).fetchone()
            kept = conn.execute(
                "SELECT data FROM columns WHERE registry_id = ?", (registry_id,)
            ).fetchone()
            if kept is not None:
                try:
                    columns = decode_columns(stored_name, kept[0], stamp, count)
                except SnapshotError as error:
                    logger.info("reading %r from its rows: %s", stored_name, error)
            if columns is not None and columns.code_index is not None:
                return columns
            del kept
            if columns is None:
                columns = _scan_columns(conn, registry_id, stored_name)
            conn.execute("COMMIT")
        finally:
            conn.close()
        ready = _prepared_and_packed(columns)  # kept for the next read
        if len(ready.codes) == count:

            def keep(conn: sqlite3.Connection) -> None:
                now = conn.execute(
                    "SELECT imported_at FROM registries WHERE id = ?", (registry_id,)
                ).fetchone()
                if now is not None and now[0] == stamp:  # not replaced or removed meanwhile
                    _keep_columns(conn, registry_id, stamp, ready)

            with contextlib.suppress(StoreError):
                self._write(keep)
        return ready

    def read_packs(self, name: str) -> BlockPacks | None:
        """The registry's broad terms as packed at import (``entry_table.pack_columns``), or
        None when there are none for its current import and name (a store written before
        they existed, or a rename since)."""
        conn = self._connect()
        try:
            found = conn.execute(
                "SELECT p.data, r.name, r.imported_at, r.row_count FROM packs AS p "
                "JOIN registries AS r ON r.id = p.registry_id WHERE r.name = ?",
                (name.strip(),),
            ).fetchone()
        finally:
            conn.close()
        if found is None:
            return None
        data, stored_name, stamp, rows = found
        try:
            return decode_packs(data, str(stored_name), str(stamp), int(rows))
        except SnapshotError as error:
            logger.info("no packs for %r: %s", stored_name, error)
            return None

    def find_code(self, code: str) -> builtins.list[StatusEntry]:
        """The entries of the enabled registries whose code is ``code`` (compared
        casefolded), registries by name: an index lookup (``rows_by_code``), not a read of
        every row. The entries equal those of the registry's ``EntryTable``."""
        wanted = code.strip()
        conn = self._connect()
        try:
            found = conn.execute(
                "SELECT r.name, rows.seq, rows.code, rows.phrase, rows.category, rows.extra "
                "FROM rows JOIN registries AS r ON r.id = rows.registry_id "
                "WHERE rows.code = ? COLLATE NOCASE AND r.enabled "
                "ORDER BY r.name COLLATE NOCASE, rows.seq",
                (wanted,),
            ).fetchall()
        finally:
            conn.close()
        keys: dict[str, str] = {}
        entries: builtins.list[StatusEntry] = []
        for name, seq, found_code, phrase, category, extra in found:
            if found_code.casefold() != wanted.casefold():
                continue
            row = ImportedRow(found_code, phrase, category, decode_extra(extra, keys))
            (entry,) = rows_to_entries([row], name)
            entries.append(dataclasses.replace(entry, id=f"{name}:{seq}"))
        return entries

    def load_entries(self, name: str) -> builtins.list[StatusEntry]:
        """The entries of one registry (ids ``<name>:<n>``, source and registry = name)."""
        conn = self._connect()
        try:
            registry_id, stored_name = self._require(conn, name)
            return rows_to_entries(_read_rows(conn, registry_id), stored_name)
        finally:
            conn.close()

    def load_enabled_entries(self) -> builtins.list[StatusEntry]:
        """The entries of every enabled registry, registries by name."""
        conn = self._connect()
        try:
            registries = conn.execute(
                "SELECT id, name FROM registries WHERE enabled ORDER BY name COLLATE NOCASE"
            ).fetchall()
            entries: builtins.list[StatusEntry] = []
            for registry_id, name in registries:
                entries.extend(rows_to_entries(_read_rows(conn, int(registry_id)), str(name)))
            return entries
        finally:
            conn.close()

    # -- changes ----------------------------------------------------------------------------
    def save(
        self,
        name: str,
        rows: Iterable[ImportedRow],
        source_path: str | None,
        *,
        replace: bool = True,
        roles: Sequence[Sequence[str | None] | None] | None = None,
    ) -> int:
        """Store ``rows`` as registry ``name`` in one transaction; returns the row count.

        An existing registry of that name (compared case-insensitively) is replaced whole,
        keeping its enabled state, unless ``replace`` is False (then StoreError). ``roles``
        are the per-table column roles the user chose in the preview, kept so that
        :meth:`reimport` applies them again.
        """
        clean = validate_name(name)
        rows = rows if isinstance(rows, Sequence) else builtins.list(rows)
        roles_json = None
        if roles:
            roles_json = json.dumps([list(r) if r is not None else None for r in roles])

        def action(conn: sqlite3.Connection) -> int:
            found = self._registry_id(conn, clean)
            if found is not None and not replace:
                raise StoreError(f"a registry named {found[1]!r} already exists")
            stamp = _now()
            if found is None:
                cursor = conn.execute(
                    "INSERT INTO registries (name, source_path, imported_at, roles) "
                    "VALUES (?, ?, ?, ?)",
                    (clean, source_path, stamp, roles_json),
                )
                registry_id = int(cursor.lastrowid or 0)
            else:
                registry_id = found[0]
                conn.execute("DELETE FROM rows WHERE registry_id = ?", (registry_id,))
                conn.execute(
                    "UPDATE registries SET name = ?, source_path = ?, imported_at = ?, "
                    "roles = ? WHERE id = ?",
                    (clean, source_path, stamp, roles_json, registry_id),
                )
            cursor = conn.executemany(
                "INSERT INTO rows (registry_id, seq, code, phrase, category, extra) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                _row_tuples(registry_id, rows),
            )
            count = max(cursor.rowcount, 0)
            conn.execute("UPDATE registries SET row_count = ? WHERE id = ?", (count, registry_id))
            prepared = _prepared_and_packed(columns_of_rows(clean, rows))
            _keep_columns(conn, registry_id, stamp, prepared)
            return count

        return int(self._write(action) or 0)

    def rename(self, old: str, new: str) -> None:
        clean = validate_name(new)

        def action(conn: sqlite3.Connection) -> None:
            registry_id, _name = self._require(conn, old)
            other = self._registry_id(conn, clean)
            if other is not None and other[0] != registry_id:
                raise StoreError(f"a registry named {other[1]!r} already exists")
            conn.execute("UPDATE registries SET name = ? WHERE id = ?", (clean, registry_id))
            return None

        self._write(action)

    def set_enabled(self, name: str, enabled: bool) -> None:
        def action(conn: sqlite3.Connection) -> None:
            registry_id, _name = self._require(conn, name)
            conn.execute(
                "UPDATE registries SET enabled = ? WHERE id = ?", (int(enabled), registry_id)
            )
            return None

        self._write(action)

    def remove(self, name: str) -> None:
        def action(conn: sqlite3.Connection) -> None:
            registry_id, _name = self._require(conn, name)
            conn.execute("DELETE FROM rows WHERE registry_id = ?", (registry_id,))
            conn.execute("DELETE FROM columns WHERE registry_id = ?", (registry_id,))
            conn.execute("DELETE FROM registries WHERE id = ?", (registry_id,))
            return None

        self._write(action)

    def reimport(
        self,
        name: str,
        *,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Parse the registry's source file again and replace its rows; returns the count.

        Raises StoreError when the registry has no source file, and ImportFailed when the
        file cannot be imported — in both cases the stored registry stays as it was.
        """
        conn = self._connect()
        try:
            registry_id, stored_name = self._require(conn, name)
            source_path, roles_json = conn.execute(
                "SELECT source_path, roles FROM registries WHERE id = ?", (registry_id,)
            ).fetchone()
        finally:
            conn.close()
        if not source_path:
            raise StoreError(f"the registry {stored_name!r} has no source file to re-import")
        result = parse_file(source_path, progress=progress, cancelled=cancelled)
        roles = json.loads(roles_json) if roles_json else None
        rows = _apply_roles(result, roles)
        return self.save(stored_name, rows, source_path, roles=roles)


def _apply_roles(
    result: ImportResult, roles: builtins.list[builtins.list[str | None] | None] | None
) -> builtins.list[ImportedRow]:
    if not roles:
        return result.rows
    rows: builtins.list[ImportedRow] = []
    for number, table in enumerate(result.tables):
        chosen = roles[number] if number < len(roles) else None
        if chosen is not None and len(chosen) == len(table.headers):
            with contextlib.suppress(ValueError):
                table = remap(table, chosen)
        rows.extend(table.rows)
    return rows


#: Extra fields are stored as ``SEP key SEP value SEP key …`` (splitting is ~4x faster than
#: JSON on load); rows whose text contains the separator fall back to a JSON object.
_SEP = "\x1f"


def encode_extra(extra: dict[str, str]) -> str | None:
    if not extra:
        return None
    items = sorted(extra.items())
    flat = _SEP + _SEP.join(part for item in items for part in item)
    if flat.count(_SEP) != 2 * len(items):
        return json.dumps(dict(items), ensure_ascii=False, separators=(",", ":"))
    return flat


def decode_extra(text: str | None, keys: dict[str, str]) -> dict[str, str]:
    if not text:
        return {}
    if text[0] == _SEP:
        parts = iter(text[1:].split(_SEP))
        pairs = zip(parts, parts, strict=False)
    else:
        pairs = iter(json.loads(text).items())
    extra: dict[str, str] = {}
    for key, value in pairs:
        shared = keys.get(key)
        if shared is None:
            shared = keys[key] = sys.intern(key)
        extra[shared] = value
    return extra


def _extra_columns(texts: Iterable[str | None], rows: int) -> dict[str, TextColumn]:
    """Per extra key, every row's value ("" where the row has none), dictionary-encoded."""
    values: dict[str, builtins.list[str]] = {}
    keys: dict[str, str] = {}
    for row, text in enumerate(texts):
        if not text:
            continue
        for key, value in decode_extra(text, keys).items():
            column = values.get(key)
            if column is None:
                column = values[key] = [""] * rows
            column[row] = value
    return {key: dictionary_encode(column) for key, column in sorted(values.items())}


def _scan_columns(conn: sqlite3.Connection, registry_id: int, name: str) -> StoredColumns:
    def column(field: str) -> Iterator[Any]:
        cursor = conn.execute(
            f"SELECT {field} FROM rows WHERE registry_id = ? ORDER BY seq",  # our names
            (registry_id,),
        )
        return map(operator.itemgetter(0), cursor)

    with paused_gc():
        codes = builtins.list(column("code"))
        phrases = dictionary_encode(column("phrase"))
        raw = dictionary_encode(column("category"))
        categories = TextColumn([text or "" for text in raw.texts], raw.ids)
        extras = _extra_columns(column("extra"), len(codes))
    return StoredColumns(name, codes, phrases, categories, extras)


def _prepared_and_packed(columns: StoredColumns) -> StoredColumns:
    """Indexes of the searched columns (unless read with them), and the registry's broad
    terms packed with them."""
    from app.registry.entry_table import pack_columns

    return pack_columns(columns if columns.code_index is not None else prepare_columns(columns))


def _keep_columns(
    conn: sqlite3.Connection, registry_id: int, stamp: str, columns: StoredColumns
) -> None:
    """Store the registry's columns beside its rows (see :mod:`app.registry.stored_columns`),
    and its packed broad terms when it has them."""
    _write_blob(conn, "columns", registry_id, encode_columns(columns, stamp))
    if columns.packs is not None:
        name = conn.execute("SELECT name FROM registries WHERE id = ?", (registry_id,))
        pieces = encode_packs(columns.packs, str(name.fetchone()[0]), stamp)
        _write_blob(conn, "packs", registry_id, pieces)


def _write_blob(
    conn: sqlite3.Connection, table: str, registry_id: int, pieces: builtins.list[bytes]
) -> None:
    """One registry's blob in ``table`` (``columns`` or ``packs``), written piece by piece:
    no second copy of ~100 MB at a million rows."""
    conn.execute(
        f"INSERT OR REPLACE INTO {table} (registry_id, data) VALUES (?, zeroblob(?))",
        (registry_id, sum(map(len, pieces))),
    )
    with conn.blobopen(table, "data", registry_id) as blob:
        for piece in pieces:
            blob.write(piece)


def _row_tuples(
    registry_id: int, rows: Iterable[ImportedRow]
) -> Iterator[tuple[int, int, str, str, str | None, str | None]]:
    for seq, row in enumerate(rows, start=1):
        yield (registry_id, seq, row.code, row.phrase, row.category, encode_extra(row.extra))


def _read_rows(conn: sqlite3.Connection, registry_id: int) -> builtins.list[ImportedRow]:
    keys: dict[str, str] = {}
    cursor = conn.execute(
        "SELECT code, phrase, category, extra FROM rows WHERE registry_id = ? ORDER BY seq",
        (registry_id,),
    )
    with paused_gc():
        return [
            ImportedRow(code, phrase, category, decode_extra(extra, keys))
            for code, phrase, category, extra in cursor
        ]
