"""What the engine indexes: every searchable field as a column of distinct texts, and the
splitting of those texts into words.

**Texts, not rows, are tokenized.** Every searchable field is a *column*
(:class:`TextColumn`): the distinct texts of that field plus, per row, the number of its
text. Vendor tables repeat their phrases and solutions thousands of times; each distinct
text is normalized and split into words once, in bulk (one ``join``, NFKC/casefold only for
non-ASCII texts, one ``bytes.translate``, one ``split`` per batch — C loops): see
:func:`word_lists`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import count, islice
from operator import add
from typing import TYPE_CHECKING, Any

from app.registry.entry import StatusEntry
from app.registry.query import cjk_runs, normalize, words_of

if TYPE_CHECKING:
    from app.registry.search.index import ColumnIndex

#: Rows (or distinct texts) handled per C-level pass while building, so that a build in a
#: worker thread lets the UI thread take the GIL between passes and can report progress.
BUILD_CHUNK = 65_536
#: Version of how texts become words (:func:`word_lists`, :func:`cjk_keys`, ``query.normalize``):
#: indexes prepared at import by another version are not used. Bump it with any change there.
TOKENS_VERSION = 1


@dataclass(frozen=True, slots=True)
class TextColumn:
    """One field of every entry, dictionary-encoded: row ``r`` holds ``texts[ids[r]]``.

    ``ids`` None means one text per row (``texts[r]``), as for codes. ``prepared`` may hold
    the column's :class:`~app.registry.search.index.ColumnIndex`, made ahead (at import), or a
    function that returns it (or None) when a build asks.
    """

    texts: Sequence[str]
    ids: Sequence[int] | None = None
    prepared: ColumnIndex | Callable[[], ColumnIndex | None] | None = field(
        default=None, compare=False, repr=False
    )

    def __len__(self) -> int:
        return len(self.texts) if self.ids is None else len(self.ids)

    def value(self, row: int) -> str:
        return self.texts[row] if self.ids is None else self.texts[self.ids[row]]


@dataclass(frozen=True, slots=True)
class SearchColumns:
    """What the engine indexes, column by column (see :func:`search_columns`).

    ``codes`` are the entries' codes; ``name`` columns hold the fields whose words rank as a
    name match (code, phrase, aliases, source, constants, headers, Chinese phrase), ``body``
    columns the other text. ``facet(name)`` gives the values of ``status_class``,
    ``category``, ``lifecycle`` or ``source`` per row; it is called only when a filter or a
    class query needs it. A sequence of entries that has a ``search_columns()`` method
    returning this (:class:`app.registry.entry_table.EntryTable`) is indexed without
    building its entries.
    """

    codes: Sequence[str]
    name: Sequence[TextColumn]
    body: Sequence[TextColumn]
    facet: Callable[[str], TextColumn]
    #: per imported registry: its table (with ``packs``: ``index.BlockPacks`` or None), the
    #: positions of its columns in ``name`` and in ``body``, and its first row
    blocks: Sequence[tuple[Any, tuple[int, ...], tuple[int, ...], int]] = ()


def dictionary_encode(values: Iterable[str], size: int | None = None) -> TextColumn:
    """The distinct values (first-seen order) and each row's value number, in C loops."""
    seen: dict[str, int] = {}
    firsts: list[int] = []
    iterator = iter(values)
    start = 0
    while True:
        before = len(firsts)
        firsts.extend(map(seen.setdefault, islice(iterator, BUILD_CHUNK), count(start)))
        if len(firsts) == before:
            break
        start = len(firsts)
    texts = list(seen)
    if len(texts) == len(firsts):
        return TextColumn(texts)
    number = dict(zip(seen.values(), count(), strict=False))  # first row → value number
    ids = array("i")
    for begin in range(0, len(firsts), BUILD_CHUNK):
        ids.extend(map(number.__getitem__, firsts[begin : begin + BUILD_CHUNK]))
    return TextColumn(texts, ids)


def _name_text(entry: StatusEntry) -> list[str]:
    """Fields whose words rank as a name match: phrase, aliases, source, constants, headers."""
    return [
        entry.code,
        entry.phrase,
        *entry.aliases,
        entry.source,
        *(name for _, name in entry.constants),
        *(h.name for h in entry.headers),
        str(entry.zh.get("phrase", "")),
    ]


def _body_text(entry: StatusEntry) -> list[str]:
    zh = entry.zh
    return [
        entry.summary,
        entry.description,
        *entry.causes,
        entry.client_action,
        entry.retry_note,
        entry.reference,
        *(value for _, value in entry.extra),
        *(str(zh.get(k, "")) for k in ("summary", "description", "client_action")),
        *(str(c) for c in zh.get("causes", ())),
    ]


def entries_columns(entries: Sequence[StatusEntry]) -> SearchColumns:
    """Columns of any sequence of :class:`StatusEntry` (one name and one body text per row)."""
    name = ["\n".join(_name_text(e)) for e in entries]
    body = ["\n".join(_body_text(e)) for e in entries]
    codes = [e.code for e in entries]

    def facet(field: str) -> TextColumn:
        return dictionary_encode(getattr(e, field) for e in entries)

    return SearchColumns(codes, [TextColumn(name)], [dictionary_encode(body)], facet)


def search_columns(entries: Sequence[StatusEntry]) -> SearchColumns:
    provider = getattr(entries, "search_columns", None)
    if callable(provider):
        columns = provider()
        if isinstance(columns, SearchColumns):
            return columns
    return entries_columns(entries)


# ---------------------------------------------------------------------- text helpers
def cjk_keys(text: str) -> set[str]:
    keys: set[str] = set()
    for run in cjk_runs(text):
        keys.update(run)
        keys.update(map(add, run, run[1:]))  # the character pairs
    return keys


#: bytes.translate table: every byte that cannot be part of a word becomes a space. Bytes of
#: non-ASCII characters become spaces too, which is right: after NFKC and casefolding a word
#: is ``[0-9a-z]+`` (see ``query.words_of``).
_WORD_BYTES = bytes(b if (48 <= b <= 57 or 97 <= b <= 122 or b == 0) else 32 for b in range(256))


def _split_folded(folded: str, count_: int) -> list[list[str]] | None:
    cleaned = folded.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).decode("ascii")
    parts = cleaned.split("\x00")
    return list(map(str.split, parts)) if len(parts) == count_ else None


def word_lists(texts: Sequence[str]) -> list[list[str]]:
    """``words_of`` of every text, computed on joined strings (C loops, not Python ones)."""
    if not texts:
        return []
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds NUL itself: one by one
        return [words_of(text) for text in texts]
    if joined.isascii():  # NFKC is the identity and casefold is lower() on ASCII
        found = _split_folded(joined.lower().replace("'", ""), len(texts))
        if found is not None:
            return found
    else:
        plain = list(map(str.isascii, texts))
        if any(plain) and not all(plain):  # normalize only the texts that need it
            out: list[list[str]] = [[] for _ in texts]
            for flag in (True, False):
                numbers = [i for i, p in enumerate(plain) if p is flag]
                lists = word_lists([texts[i] for i in numbers])
                for number, words in zip(numbers, lists, strict=True):
                    out[number] = words
            return out
        folded = normalize(joined).replace("'", "").replace("’", "")
        found = _split_folded(folded, len(texts))
        if found is not None:
            return found
    return [words_of(text) for text in texts]


def edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """True when ``a`` and ``b`` are within ``limit`` edits (adjacent swaps count once)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit
