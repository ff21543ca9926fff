"""The index: everything precomputed once per registry, and how it is built and stored.

How the index is laid out (standard library only, no per-entry objects):

* **Postings point at texts**, per column (:class:`ColumnIndex`): ``word → array('i') of text
  numbers``. The rows of a text come from a per-column CSR table
  (``rows[offsets[t]:offsets[t + 1]]``); in a one-text-per-row column (the codes) the text
  number is the row.
* **Codes** are one sorted array: exact code, code prefix, vendor prefix (``apig.``) and range
  are ``bisect`` ranges.
* **The vocabulary** is sorted, with cumulative row weights, so a prefix's completions and
  the rows they touch are ``bisect`` ranges too.
* **Packed planes** of the broad words and prefixes (``Index.packed``, made by
  ``TextMatching._pack_broad`` once the rest is built): vocabulary range → compressed bytes.

The build (:func:`build_index`) works in passes of at most :data:`BUILD_CHUNK` rows or texts,
reporting progress and checking for cancellation between them. :func:`write_index` /
:func:`read_index` store the whole index as arrays (see :class:`SnapshotWriter`); loading a
million entries that way takes about a second.
"""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, not_
from typing import Any

from app.registry.bulk import pause_point, paused_gc
from app.registry.entry import StatusEntry
from app.registry.search.columns import (
    BUILD_CHUNK,
    SearchColumns,
    TextColumn,
    cjk_keys,
    word_lists,
)
from app.registry.search.snapshot import SnapshotReader, SnapshotWriter

ProgressCallback = Callable[[float], None]
#: The per-row values the index keeps (see ``SearchColumns.facet``).
FACETS = ("status_class", "category", "lifecycle", "source", "http_status")
CancelledCallback = Callable[[], bool]


class BuildCancelled(Exception):
    """``QueryEngine.build`` stopped because ``cancelled()`` returned True."""


def raise_if(cancelled: CancelledCallback) -> Callable[[], None]:
    """A build's ``check()``: raises :class:`BuildCancelled` once ``cancelled()`` is true."""

    def check() -> None:
        if cancelled():
            raise BuildCancelled("the index build was cancelled")

    return check


class ColumnIndex:
    """One indexed column: postings from words to its local text numbers, the rows of each
    text (CSR: ``rows[offsets[t]:offsets[t + 1]]``) and each word's row weight."""

    __slots__ = (
        "cjk",
        "counts",
        "ids",
        "is_name",
        "offsets",
        "postings",
        "rows",
        "size",
        "texts",
        "weights",
    )

    def __init__(self, texts: Sequence[str], ids: Sequence[int] | None, is_name: bool) -> None:
        self.texts = texts
        self.ids = ids  # per-row local text number; None: local number == row
        self.size = len(texts)
        self.is_name = is_name
        self.postings: dict[str, array[int]] = {}  # word → ascending local text numbers
        self.cjk: dict[str, array[int]] = {}  # CJK char or pair → local text numbers
        self.weights: dict[str, int] = {}  # word → rows of its texts (a row once per text)
        self.offsets: array[int] | None = None
        self.rows: array[int] | None = None
        self.counts: array[int] | None = None  # rows per local text

    @property
    def constant(self) -> bool:
        return self.ids is not None and self.size == 1

    def tokenize(self, check: Callable[[], None]) -> None:
        # arrays, not lists: 4 bytes per posting instead of ~36 (millions at import)
        words: defaultdict[str, array[int]] = defaultdict(partial(array, "i"))
        cjk: defaultdict[str, array[int]] = defaultdict(partial(array, "i"))
        texts = self.texts
        step = BUILD_CHUNK // 16  # a check (and a chance to pause for the UI) every ~10 ms
        for begin in range(0, self.size, step):
            batch = texts[begin : begin + step]
            for number, found in enumerate(word_lists(batch), begin):
                for word in set(found):
                    words[word].append(number)
            not_ascii = map(not_, map(str.isascii, batch))
            for number in compress(range(begin, begin + len(batch)), not_ascii):
                for key in cjk_keys(texts[number]):
                    cjk[key].append(number)
            check()
        self.postings = dict(words)
        self.cjk = dict(cjk)

    def group_rows(self, n: int, check: Callable[[], None]) -> None:
        """Build the CSR table local text → rows (ascending) and the word weights."""
        if self.ids is None:
            self.weights = {word: len(numbers) for word, numbers in self.postings.items()}
            return
        if self.size == 1:
            self.weights = dict.fromkeys(self.postings, n)
            return
        groups: list[list[int]] = [[] for _ in range(self.size)]
        append = list.append
        for begin in range(0, n, BUILD_CHUNK):
            end = min(n, begin + BUILD_CHUNK)
            deque(map(append, map(groups.__getitem__, self.ids[begin:end]), range(begin, end)), 0)
            check()
        self.counts = counts = array("i", map(len, groups))
        self.offsets = array("i", accumulate(counts, initial=0))
        rows = array("i")
        for begin in range(0, self.size, BUILD_CHUNK // 8):
            rows.extend(chain.from_iterable(groups[begin : begin + BUILD_CHUNK // 8]))
            check()
        self.rows = rows
        weights: dict[str, int] = {}
        for number, (word, numbers) in enumerate(self.postings.items()):
            weights[word] = sum(map(counts.__getitem__, numbers))
            if number % 1024 == 0:
                check()
        self.weights = weights

    def weight_of(self, locals_: Sequence[int], n: int) -> int:
        """Rows holding these texts (a row once per text)."""
        if self.ids is None:
            return len(locals_)
        if self.counts is None:
            return n * len(locals_)
        return sum(map(self.counts.__getitem__, locals_))

    def expand(self, locals_: Sequence[int]) -> Iterable[int]:
        """Rows holding any of these local text numbers (ascending when ``locals_`` is one
        text or, for a per-row column, ascending)."""
        if self.ids is None:
            return locals_
        assert self.offsets is not None and self.rows is not None
        offsets, rows = self.offsets, self.rows
        if len(locals_) == 1:
            (local,) = locals_
            return rows[offsets[local] : offsets[local + 1]]
        starts = map(offsets.__getitem__, locals_)
        ends = map(offsets.__getitem__, map(add, locals_, repeat(1)))
        return chain.from_iterable(map(rows.__getitem__, map(slice, starts, ends)))

    def keep(self, rows: Sequence[int], locals_: frozenset[int]) -> Iterator[int]:
        """Those of ``rows`` whose text in this column is one of ``locals_``."""
        if self.ids is None:
            return compress(rows, map(locals_.__contains__, rows))
        return compress(rows, map(locals_.__contains__, map(self.ids.__getitem__, rows)))

    # ------------------------------------------------------------- prepared ahead
    @classmethod
    def prepare(cls, column: TextColumn) -> ColumnIndex:
        """The index of one registry's own column, made when it is imported (the store keeps
        it, :mod:`app.registry.stored_columns`) so that a rebuild need not tokenize it again;
        :meth:`padded` places it in a chain of registries."""
        made = cls(column.texts, column.ids, is_name=False)
        made.tokenize(_never)
        made.group_rows(len(column), _never)
        return made

    def padded(self, column: TextColumn, before: int, after: int) -> ColumnIndex:
        """This index for ``column``: the column it was prepared from, stretched over a chain
        with ``before``/``after`` rows of other registries (``entry_table._pad``: an empty
        text — no words — for those rows, after this column's texts)."""
        if not before and not after:
            return self
        out = ColumnIndex(column.texts, column.ids, self.is_name)
        out.cjk, out.weights = self.cjk, self.weights
        if self.ids is None:  # one text per row: text numbers are rows, shifted by ``before``
            out.postings = {w: _shifted(numbers, before) for w, numbers in self.postings.items()}
            out.cjk = {key: _shifted(numbers, before) for key, numbers in self.cjk.items()}
            return out
        out.postings = self.postings  # the padding text comes last and holds no word
        rows_here = len(self.ids)
        if self.counts is None:  # one text for all of this registry's rows
            counts, rows = array("i", [rows_here]), array("i", range(rows_here))
        else:
            assert self.rows is not None
            counts, rows = self.counts, self.rows
        out.counts = array("i", counts)
        out.counts.append(before + after)
        out.offsets = array("i", accumulate(out.counts, initial=0))
        out.rows = _shifted(rows, before)
        out.rows.extend(range(before))
        out.rows.extend(range(before + rows_here, before + rows_here + after))
        return out


def _never() -> None:
    """A build's ``check`` that never stops it."""


def _shifted(numbers: Sequence[int], by: int) -> array[int]:
    pause_point()
    return array("i", map(add, numbers, repeat(by))) if by else array("i", numbers)


@dataclass(frozen=True)
class BlockPacks:
    """One imported registry's own packed broad terms, made at import (its vocabulary, and
    vocabulary range → ``terms.pack_planes`` bytes over its ``n`` rows): while a rebuilt
    index has not packed its own yet, a broad term's rows in that registry's columns are
    these planes, shifted to where the registry's rows start."""

    vocab: list[str]
    packed: dict[tuple[int, int], bytes]
    n: int

    def ends(self) -> dict[int, list[int]]:
        """The packed ranges as start → ends (made once)."""
        found = self.__dict__.get("_ends")
        if found is None:
            grouped: defaultdict[int, list[int]] = defaultdict(list)
            for start, end in self.packed:
                grouped[start].append(end)
            found = dict(grouped)
            object.__setattr__(self, "_ends", found)
        return found


class Index:
    """Everything precomputed; built by :func:`build_index`."""

    def __init__(self) -> None:
        self.n = 0
        self.columns: list[ColumnIndex] = []
        self.vocab: list[str] = []
        self.vocab_rows: list[int] = []  # cumulative row weights of vocab[:i]
        #: (first letter, length) → the vocabulary words so (typo-tolerant candidates)
        self.by_length: dict[tuple[str, int], list[str]] = {}
        self.sorted_codes: list[str] = []
        self.code_order: array[int] = array("i")
        #: per-row values of the :data:`FACETS` (filters, class/range/status queries)
        self.facets: dict[str, TextColumn] = {}
        #: vocabulary range (start, end) → the packed planes of its words
        #: (``terms.pack_planes``), for the broad words and prefixes (``_pack_broad``)
        self.packed: dict[tuple[int, int], bytes] = {}
        #: per imported registry: its table (whose ``packs``, when set, are its import-time
        #: ``BlockPacks``), its columns (numbers in ``columns``), its first row
        self.blocks: list[tuple[Any, frozenset[int], int]] = []
        self._packed_ends: tuple[object, dict[int, list[int]]] | None = None

    def packed_ends(self) -> dict[int, list[int]]:
        """The packed ranges as start → ends (to cover a prefix's range with them)."""
        if self._packed_ends is None or self._packed_ends[0] is not self.packed:
            ends: defaultdict[int, list[int]] = defaultdict(list)
            for start, end in self.packed:
                ends[start].append(end)
            self._packed_ends = (self.packed, dict(ends))
        return self._packed_ends[1]


def build_index(
    columns: SearchColumns, n: int, progress: ProgressCallback, cancelled: CancelledCallback
) -> Index:
    index = Index()
    index.n = n
    done = [0.0]
    total = 10.0

    check = raise_if(cancelled)

    def advance(amount: float) -> None:
        done[0] += amount
        check()
        progress(min(1.0, done[0] / total))

    # codes: one sorted array; bisect answers exact codes, prefixes, vendor prefixes, ranges
    folded: list[str] = []
    codes = iter(columns.codes)
    for _begin in range(0, n, BUILD_CHUNK):
        folded.extend(map(str.casefold, islice(codes, BUILD_CHUNK)))
        check()
    if len(folded) != n:
        raise ValueError("the search columns must have one code per entry")
    order = sorted(range(n), key=folded.__getitem__)
    index.code_order = array("i", order)
    index.sorted_codes = list(map(folded.__getitem__, order))
    del folded, order
    advance(1.0)

    to_build: list[ColumnIndex] = []
    for text_column, is_name in chain(
        zip(columns.name, repeat(True)), zip(columns.body, repeat(False))
    ):
        if len(text_column) != n:
            raise ValueError("every search column must have one value per entry")
        prepared = text_column.prepared
        if callable(prepared):
            prepared = prepared()
            check()
        if prepared is not None:  # tokenized and grouped at import
            prepared.is_name = is_name
            index.columns.append(prepared)
        else:
            index.columns.append(ColumnIndex(text_column.texts, text_column.ids, is_name))
            to_build.append(index.columns[-1])
    names = len(columns.name)
    for table, name_positions, body_positions, first_row in columns.blocks:
        numbers = frozenset([*name_positions, *(names + p for p in body_positions)])
        index.blocks.append((table, numbers, first_row))
    texts_total = max(1, sum(c.size for c in to_build))
    for column in to_build:
        column.tokenize(check)
        advance(6.0 * column.size / texts_total)
    done[0] = 7.0
    for column in to_build:
        column.group_rows(n, check)
        advance(2.0 / max(1, len(to_build)))
    done[0] = 9.0

    weights: defaultdict[str, int] = defaultdict(int)
    for column in index.columns:
        for word, weight in column.weights.items():
            weights[word] += weight
    _finish_vocabulary(index, weights)
    for name in FACETS:  # here, in the build's thread, not on the first class query
        index.facets[name] = _compact(columns.facet(name))
        check()
    done[0] = total
    advance(0.0)
    return index


def _finish_vocabulary(index: Index, weights: dict[str, int]) -> None:
    index.vocab = sorted(weights)
    index.vocab_rows = list(accumulate(map(weights.__getitem__, index.vocab), initial=0))
    by_length: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
    for word in index.vocab:
        by_length[word[0], len(word)].append(word)
    index.by_length = dict(by_length)


def write_index(index: Index, writer: SnapshotWriter, prefix: str) -> None:
    """Write ``index`` as sections named ``prefix…`` and its ``meta[prefix]``; read it
    back with :func:`read_index`."""
    writer.strings(f"{prefix}.codes", index.sorted_codes)
    writer.ints(f"{prefix}.order", index.code_order)
    columns = []
    for number, column in enumerate(index.columns):
        columns.append({"size": column.size, "is_name": column.is_name})
        write_column_index(writer, f"{prefix}.{number}", column)
    write_packed(writer, prefix, index.packed)
    for name, facet in index.facets.items():
        write_facet(writer, f"{prefix}.facet.{name}", facet)
    writer.meta[prefix] = {"n": index.n, "columns": columns}


def read_index(
    entries: Sequence[StatusEntry],
    columns: SearchColumns,
    text_columns: list[TextColumn],
    reader: SnapshotReader,
    prefix: str,
    meta: dict[str, Any],
) -> Index:
    with paused_gc():
        index = Index()
        index.n = len(entries)
        index.sorted_codes = reader.strings(f"{prefix}.codes")
        index.code_order = reader.ints(f"{prefix}.order")
        weights: defaultdict[str, int] = defaultdict(int)
        for number, (text_column, info) in enumerate(
            zip(text_columns, meta["columns"], strict=True)
        ):
            column = read_column_index(
                reader, f"{prefix}.{number}", text_column, bool(info["is_name"])
            )
            for word, weight in column.weights.items():
                weights[word] += weight
            index.columns.append(column)
        _finish_vocabulary(index, weights)
        index.packed = read_packed(reader, prefix, len(index.vocab))
        for name in FACETS:
            index.facets[name] = read_facet(reader, f"{prefix}.facet.{name}", index.n)
    return index


def write_column_index(writer: SnapshotWriter, name: str, column: ColumnIndex) -> None:
    """One column's postings, Chinese keys, weights and rows table, as sections ``name…``."""
    for part, mapping in (("words", column.postings), ("cjk", column.cjk)):
        writer.strings(f"{name}.{part}", list(mapping))
        writer.ints(f"{name}.{part}.bounds", accumulate(map(len, mapping.values())), "q")
        flat = array("i")
        for numbers in mapping.values():
            flat.extend(numbers)
        writer.ints(f"{name}.{part}.flat", flat)
    writer.ints(f"{name}.weights", map(column.weights.__getitem__, column.postings), "q")
    for part in ("offsets", "rows", "counts"):
        values = getattr(column, part)
        if values is not None:
            writer.ints(f"{name}.{part}", values)


def read_column_index(
    reader: SnapshotReader, name: str, text_column: TextColumn, is_name: bool
) -> ColumnIndex:
    """What :func:`write_column_index` wrote, as the index of ``text_column``."""
    column = ColumnIndex(text_column.texts, text_column.ids, is_name)
    for part in ("words", "cjk"):
        keys = reader.strings(f"{name}.{part}")
        ends = reader.ints(f"{name}.{part}.bounds", "q")
        flat = reader.ints(f"{name}.{part}.flat")
        arrays = map(flat.__getitem__, map(slice, chain((0,), ends), ends))
        setattr(
            column, "postings" if part == "words" else part, dict(zip(keys, arrays, strict=True))
        )
    column.weights = dict(zip(column.postings, reader.ints(f"{name}.weights", "q"), strict=True))
    for part in ("offsets", "rows", "counts"):
        if reader.has(f"{name}.{part}"):
            setattr(column, part, reader.ints(f"{name}.{part}"))
    return column


def _compact(column: TextColumn) -> TextColumn:
    """A facet with at most 256 values keeps a byte per row: the engine's filter plane."""
    if column.ids is None or len(column.texts) > 256:
        return column
    plane = array("B")
    for begin in range(0, len(column.ids), BUILD_CHUNK):  # the UI thread may run between
        plane += array("B", column.ids[begin : begin + BUILD_CHUNK])
    return TextColumn(column.texts, plane)


def write_facet(writer: SnapshotWriter, name: str, column: TextColumn) -> None:
    """A facet column: its values, and per row a value number — a byte when it fits."""
    writer.strings(f"{name}.texts", column.texts)
    if column.ids is not None:
        writer.ints(f"{name}.ids", column.ids, "B" if len(column.texts) <= 256 else "i")


def read_facet(reader: SnapshotReader, name: str, n: int) -> TextColumn:
    texts = reader.strings(f"{name}.texts")
    if not reader.has(f"{name}.ids"):
        if len(texts) != n:
            raise ValueError("a facet of another size")
        return TextColumn(texts)
    ids = reader.ints(f"{name}.ids", "B" if len(texts) <= 256 else "i")
    if len(ids) != n or (len(ids) and max(ids) >= len(texts)):
        raise ValueError("a facet of another size")
    return TextColumn(texts, ids)


def write_packed(writer: SnapshotWriter, prefix: str, packed: dict[tuple[int, int], bytes]) -> None:
    """Packed planes by vocabulary range, as sections ``prefix.packed…``."""
    writer.ints(f"{prefix}.packed.keys", chain.from_iterable(packed), "q")
    writer.ints(f"{prefix}.packed.ends", accumulate(map(len, packed.values())), "q")
    writer.add(f"{prefix}.packed.data", b"".join(packed.values()))


def read_packed(reader: SnapshotReader, prefix: str, words: int) -> dict[tuple[int, int], bytes]:
    keys = reader.ints(f"{prefix}.packed.keys", "q")
    ends = reader.ints(f"{prefix}.packed.ends", "q")
    data = reader.raw(f"{prefix}.packed.data")  # sliced as it is copied: one copy
    if len(keys) != 2 * len(ends) or (ends and ends[-1] != len(data)):
        raise ValueError("packed planes do not match their keys")
    if any(not 0 <= key <= words for key in keys):
        raise ValueError("packed planes outside the vocabulary")
    pairs = zip(keys[::2], keys[1::2], strict=True)
    blobs = map(bytes, map(data.__getitem__, map(slice, chain((0,), ends), ends)))
    return dict(zip(pairs, blobs, strict=True))
