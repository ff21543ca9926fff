"""Matching a query's words: words → terms (prefix completions, fuzzy matches) → tiers.

Per query, each word becomes a *term* (its words' postings per column, cached); the most
selective term is expanded to rows; the others only check those candidate rows' text
numbers, or intersect bit maps when everything is large. Typing narrows: the rows matched
by the previous keystroke (``quota exc`` → ``quota exce``) or by a shorter prefix of the
word are filtered instead of expanding the new word's postings.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from app.registry.search.columns import edit_distance_at_most
from app.registry.search.rowsets import Map, RowSet, size, subtract
from app.registry.search.terms import (
    Planes,
    Term,
    TermRows,
    pack_planes,
    unpack_planes,
)

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

#: A registry's part of a term from its import-time packs: (packed planes, words outside
#: them, the registry's rows, its first row, its columns).
BlockPart = tuple[list[bytes], list[str], int, int, frozenset[int]]
#: What a query word stands for: a range of the sorted vocabulary (the word, or a prefix's
#: completions), or — when it is neither — the vocabulary words within its typos.
WordKey = range | tuple[str, ...]

TERM_CACHE_SIZE = 256
#: The build precomputes the row planes of every word and applicable prefix whose completions
#: touch at least this many rows (and are bit maps): the first keystroke that needs them
#: would otherwise pay a marking pass over them and the packing of two planes (5–60 ms at
#: 1,000,000 entries; below this, setting bits row by row costs under ~4 ms).
PACKED_MIN_ROWS = 20_000
#: A broad prefix is not packed when its planes are the union of at most this many packed
#: ranges inside it (and as many other words, touching few rows): made when first asked.
COMPOSED_PARTS = 8
#: Row maps the result and term caches may hold (bits, and the byte per row some keep), in bytes.
MAP_CACHE_BYTES = 48 * 1024 * 1024


class TextMatching(TermRows):
    """Word and Chinese-run matching with its caches; a base of :class:`~.engine.QueryEngine`
    (which creates the caches in ``_setup``)."""

    _fuzzy: _lru_cache_wrapper[tuple[str, ...]]  # word → vocabulary words within its edits
    #: (word, is_prefix) → what it stands for
    _words: OrderedDict[tuple[str, bool], WordKey]
    _terms: OrderedDict[object, Term]
    # (words, Chinese runs) of a query → its matched rows, when few (typing narrows them)
    _matched: OrderedDict[object, list[int]]

    def _remember(self, key: object, term: Term) -> Term:
        self._terms[key] = term
        if len(self._terms) > TERM_CACHE_SIZE:
            self._terms.popitem(last=False)
        held = 0
        for cached in reversed(self._terms.values()):
            held += cached.map_bytes()
            if held > MAP_CACHE_BYTES:  # keep the words, drop the oldest maps
                cached.rows = cached.name_rows = cached.planes = None
        return term

    def _match_text(
        self, words: tuple[tuple[str, bool], ...], runs: tuple[str, ...]
    ) -> tuple[RowSet, RowSet, RowSet]:
        """The rows matching every word and Chinese run, as the NAME, TEXT and FUZZY tiers
        (disjoint; each may be empty)."""
        n = self._index.n
        terms = [self._word_term(word, is_prefix) for word, is_prefix in words]
        fuzzy = any(t.fuzzy for t in terms)
        terms.extend(self._cjk_term(run) for run in runs)
        key = (words, runs)
        matched: RowSet | None = self._matched.get(key)
        if matched is None:
            matched = self._typed_on(words, runs, terms)
        if matched is None:
            ordered = sorted(terms, key=lambda t: t.estimate)
            matched = self._term_rows(ordered[0])
            for term in ordered[1:]:
                if not size(matched):
                    break
                matched = self._narrow(matched, term, name_only=False)
        if isinstance(matched, Map) and matched.count < self._map_threshold:
            matched = matched.rows()  # the name tier would list them anyway
        if isinstance(matched, list):  # small: worth keeping for the next keystroke
            self._matched[key] = matched
            if len(self._matched) > TERM_CACHE_SIZE:
                self._matched.popitem(last=False)
        if not size(matched):
            return [], [], []
        if fuzzy:
            return [], [], matched
        if len(terms) == 1:
            in_name = self._term_name_rows(terms[0])
            body_only = self._term_body_only(terms[0])
            if body_only is not None:
                return in_name, body_only, []
        else:
            in_name = matched
            for term in terms:
                in_name = self._narrow(in_name, term, name_only=True)
                if not size(in_name):
                    break
        if size(in_name) == size(matched):
            return matched, [], []
        return in_name, subtract(matched, in_name, n), []

    def _typed_on(
        self, words: tuple[tuple[str, bool], ...], runs: tuple[str, ...], terms: list[Term]
    ) -> RowSet | None:
        """Typing narrows: the rows matched by the previous keystroke's query (the same words
        with the last one shorter, or without it) contain this query's rows, so only the last
        word has to be checked against them. None when no such small result is cached."""
        if not words:
            return None
        *others, (last, _is_prefix) = words
        parents: list[tuple[tuple[str, bool], ...]] = [tuple(others)] if others else []
        last_term = terms[len(words) - 1]
        if not last_term.fuzzy:
            for length in range(len(last) - 1, 0, -1):
                if isinstance(self._words.get((last[:length], True)), tuple):
                    break  # a fuzzy parent is no superset
                parents.append((*others, (last[:length], True)))
        for parent in parents:
            rows = self._matched.get((parent, runs))
            if rows is not None:
                self._matched.move_to_end((parent, runs))
                return self._narrow(rows, last_term, name_only=False) if rows else []
        return None

    # ----------------------------------------------------------------- terms
    def _word_term(self, word: str, is_prefix: bool) -> Term:
        key = (word, is_prefix)
        found = self._words.get(key)
        if found is None:
            vocab = self._index.vocab
            start = bisect_left(vocab, word)
            if is_prefix:
                end = bisect_left(vocab, word + "\U0010ffff", start)
            else:
                end = start + (start < len(vocab) and vocab[start] == word)
            found = range(start, end) if end > start else self._fuzzy(word)
            self._words[key] = found
            if len(self._words) > 4 * TERM_CACHE_SIZE:
                self._words.popitem(last=False)
        else:
            self._words.move_to_end(key)
        term = self._terms.get(found)
        if term is not None:
            self._terms.move_to_end(found)
            return term
        if isinstance(found, tuple):
            term = self._term_of(found, fuzzy=True)
        else:
            term = self._range_term(found.start, found.stop)
            parent = self._parent_rows(word)
            if isinstance(parent, list) and len(parent) < term.estimate:
                # typing narrows: check the parent's rows instead of expanding postings
                term.rows = self._narrow(parent, term, name_only=False)
        return self._remember(found, term)

    def _parent_rows(self, word: str) -> RowSet | None:
        """Rows of a cached prefix of ``word`` whose matches contain ``word``'s matches."""
        for length in range(len(word) - 1, 0, -1):
            found = self._words.get((word[:length], True))
            if found is not None:
                if isinstance(found, tuple):
                    return None  # fuzzy: no superset
                parent = self._terms.get(found)
                return parent.rows if parent is not None else None
        return None

    def _range_term(self, start: int, end: int) -> Term:
        """The term of the vocabulary words ``vocab[start:end]`` (a word, or a prefix's
        completions): its size is known at once, its postings are gathered on first use."""
        index = self._index
        term = Term(
            None,
            None,
            fuzzy=False,
            estimate=index.vocab_rows[end] - index.vocab_rows[start],
            load=lambda: self._postings(index.vocab[start:end]),
        )
        term.packed = index.packed.get((start, end))
        constant = [c.postings for c in index.columns if c.constant]
        if term.packed is not None or any(
            index.vocab[start] <= word <= index.vocab[end - 1] for p in constant for word in p
        ):  # a word of every row (a registry's name) matches everything: no planes
            return term
        if index.packed:
            inner, rest = _cover(start, end, index.packed_ends(), 2 * COMPOSED_PARTS)
            if inner:  # a prefix whose packed parts the build did not store again
                term.packed = lambda: self._composed(inner, rest)
        elif index.blocks:  # a rebuild that has not packed its own yet
            found = self._block_planes(index.vocab[start], index.vocab[end - 1])
            if found:
                term.packed = lambda: self._block_composed(term, start, end, found)
        return term

    def _block_planes(self, low: str, high: str) -> list[BlockPart]:
        """The imported registries' own packed planes of the words ``low`` … ``high``:
        per registry, its packed ranges covering them (a prefix the registry left out as
        the union of a few packed ranges is covered by those), the words outside those, its
        row count, first row and columns."""
        found: list[BlockPart] = []
        for table, columns, first_row in self._index.blocks:
            packs = table.packs
            if packs is None or packs.n != len(table):
                continue
            start = bisect_left(packs.vocab, low)
            end = bisect_right(packs.vocab, high, start)
            blob = packs.packed.get((start, end))
            if blob is not None:
                found.append(([blob], [], packs.n, first_row, columns))
                continue
            inner, rest = _cover(start, end, packs.ends(), 2 * COMPOSED_PARTS)
            if inner:
                blobs = [packs.packed[key] for key in inner]
                found.append((blobs, [packs.vocab[i] for i in rest], packs.n, first_row, columns))
        return found

    def _block_composed(self, term: Term, start: int, end: int, found: list[BlockPart]) -> Planes:
        """A term's planes from the registries' own packed planes, shifted to their rows; the
        words outside those (few) and the other columns (the built-in entries', registries
        without packs) are marked as usual."""
        index = self._index
        anywhere = in_name = 0
        covered: set[int] = set()
        outside: set[str] = set()
        for blobs, rest, rows, first_row, columns in found:
            for blob in blobs:
                planes = unpack_planes(blob, rows)
                anywhere |= planes[0] << first_row
                in_name |= planes[1] << first_row
            covered |= columns
            outside.update(rest)
        words = index.vocab[start:end]
        per_column: list[tuple[Sequence[int], ...]] = []
        weights: list[int] = []
        for number, column in enumerate(index.columns):
            postings, column_weights = column.postings, column.weights
            wanted = sorted(outside) if number in covered else words
            per_column.append(tuple(postings[w] for w in wanted if w in postings))
            weights.append(sum(column_weights[w] for w in wanted if w in postings))
        rest_term = Term(per_column, weights, fuzzy=False)
        used = [k for k, lists in enumerate(per_column) if lists]
        if used:
            more = self._planes(rest_term, used)
            anywhere, in_name = anywhere | more[0], in_name | more[1]
        return anywhere, in_name

    def _composed(self, inner: list[tuple[int, int]], rest: list[int]) -> Planes:
        """The planes of a vocabulary range: those of the packed ranges inside it, OR-ed,
        with the planes of its other words (few: see :data:`COMPOSED_PARTS`)."""
        index = self._index
        term = self._term_of([index.vocab[i] for i in rest], fuzzy=False)
        used = [k for k, found in enumerate(term.per_column) if found]
        anywhere, in_name = self._planes(term, used) if used else (0, 0)
        for key in inner:
            more = unpack_planes(index.packed[key], index.n)
            anywhere, in_name = anywhere | more[0], in_name | more[1]
        return anywhere, in_name

    def _term_of(self, candidates: Sequence[str], fuzzy: bool) -> Term:
        return Term(*self._postings(candidates), fuzzy)

    def _postings(
        self, candidates: Sequence[str]
    ) -> tuple[list[tuple[Sequence[int], ...]], list[int]]:
        per_column: list[tuple[Sequence[int], ...]] = []
        weights: list[int] = []
        for column in self._index.columns:
            postings, column_weights = column.postings, column.weights
            found = tuple(postings[w] for w in candidates if w in postings)
            weights.append(sum(column_weights[w] for w in candidates if w in postings))
            per_column.append(found)
        return per_column, weights

    def _cjk_term(self, run: str) -> Term:
        key = (("\x00cjk", run), False)
        term = self._terms.get(key)
        if term is not None:
            self._terms.move_to_end(key)
            return term
        index = self._index
        keys = list(run) if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        per_column: list[tuple[Sequence[int], ...]] = []
        weights: list[int] = []
        for column in index.columns:
            postings = [column.cjk.get(k) for k in keys]
            found = [p for p in postings if p is not None]
            weights.append(0)
            if len(found) < len(postings):
                per_column.append(())
                continue
            found.sort(key=len)  # start from the rarest key
            texts = set(found[0])
            for other in found[1:]:
                texts.intersection_update(other)
                if not texts:
                    break
            if len(run) > 2:  # pairs can match apart: keep texts holding the whole run
                texts = {t for t in texts if run in column.texts[t]}
            if not texts:
                per_column.append(())
                continue
            locals_ = array("i", sorted(texts))
            weights[-1] = column.weight_of(locals_, index.n)
            per_column.append((locals_,))
        return self._remember(key, Term(per_column, weights, fuzzy=False))

    # ----------------------------------------------------------------- precomputed planes
    def _pack_broad(
        self, progress: Callable[[float], None], check: Callable[[], None]
    ) -> dict[tuple[int, int], bytes]:
        """The planes (see :func:`~.terms.planes_of`) of every broad term a query can ask
        for — a word, or a last word's prefix — packed (``pack_planes``), by vocabulary
        range.

        Narrow ranges come first, so a prefix's planes are mostly the union of ranges
        already packed inside it (``re`` holds ``request``): decompressing those costs far
        less than marking their rows again; only the words outside them are marked.
        """
        index = self._index
        columns = index.columns
        threshold = max(self._map_threshold, PACKED_MIN_ROWS)
        ranges = sorted(set(self._broad_ranges(threshold)), key=_narrow_first)
        packed: dict[tuple[int, int], Future[bytes]] = {}
        ends_at: defaultdict[int, list[int]] = defaultdict(list)  # packed: start → ends
        # zlib releases the GIL: compress on a second core while the next range is marked
        with ThreadPoolExecutor(max_workers=1) as packer:
            for number, (start, end) in enumerate(ranges):
                inner, rest = _cover(start, end, ends_at)
                if _composable(inner, rest, index.vocab_rows):
                    continue  # made from its packed parts when asked (``_range_term``)
                rest_term = self._term_of([index.vocab[i] for i in rest], fuzzy=False)
                used = [k for k, found in enumerate(rest_term.per_column) if found]
                if any(columns[k].constant for k in used) or not (used or inner):
                    continue  # everything matches: no marking to save
                planes = self._planes(rest_term, used) if used else (0, 0)
                for key in inner:  # packed before: their words use no constant column
                    more = unpack_planes(packed[key].result(), index.n)
                    planes = (planes[0] | more[0], planes[1] | more[1])
                packed[(start, end)] = packer.submit(pack_planes, planes, index.n)
                ends_at[start].append(end)
                check()
                progress((number + 1) / len(ranges))
        return {key: future.result() for key, future in packed.items()}

    def _broad_ranges(self, threshold: int) -> Iterator[tuple[int, int]]:
        vocab, rows = self._index.vocab, self._index.vocab_rows
        for start in range(len(vocab)):
            if rows[start + 1] - rows[start] >= threshold:
                yield start, start + 1  # a finished word
        # prefixes, shortest first; a prefix touches no more rows than its shorter ones
        pending = sorted({word[:1] for word in vocab})
        while pending:
            prefix = pending.pop()
            start = bisect_left(vocab, prefix)
            end = bisect_left(vocab, prefix + "\U0010ffff", start)
            if rows[end] - rows[start] < threshold:
                continue
            yield start, end
            at = start + (vocab[start] == prefix)
            while at < end:  # one longer prefix per next letter
                longer = vocab[at][: len(prefix) + 1]
                pending.append(longer)
                at = bisect_left(vocab, longer + "\U0010ffff", at)

    # ----------------------------------------------------------------- words
    def _fuzzy_words(self, word: str) -> tuple[str, ...]:
        if len(word) < 4:
            return ()
        limit = 1 if len(word) < 8 else 2
        by_length = self._index.by_length
        return tuple(
            candidate
            for length in range(len(word) - limit, len(word) + limit + 1)
            for candidate in by_length.get((word[0], length), ())
            if edit_distance_at_most(word, candidate, limit)
        )


def _composable(inner: list[tuple[int, int]], rest: list[int], rows: Sequence[int]) -> bool:
    """Whether a range's planes are cheap to make from the packed ranges inside it: a few
    of them, and other words touching few rows (a keystroke: ~0.3 ms per part, plus the
    rest's rows set bit by bit)."""
    if not inner or len(inner) > COMPOSED_PARTS or len(rest) > COMPOSED_PARTS:
        return False
    return sum(rows[i + 1] - rows[i] for i in rest) < PACKED_MIN_ROWS // 4


def _narrow_first(span: tuple[int, int]) -> tuple[int, int]:
    return span[1] - span[0], span[0]


def _cover(
    start: int, end: int, ends_at: dict[int, list[int]], limit: int | None = None
) -> tuple[list[tuple[int, int]], list[int]]:
    """The widest packed ranges inside ``start:end`` (disjoint: prefix ranges nest) and the
    words of the range outside them; with ``limit``, stops (no ranges) past that many parts."""
    inner: list[tuple[int, int]] = []
    rest: list[int] = []
    at = start
    while at < end:
        if limit is not None and len(inner) + len(rest) > limit:
            return [], []
        widest = max((e for e in ends_at.get(at, ()) if e <= end), default=0)
        if widest:
            inner.append((at, widest))
            at = widest
        else:
            rest.append(at)
            at += 1
    return inner, rest
