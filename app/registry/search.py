"""The query engine: one precomputed index over the registry, ranked results per query.

Built once per registry (``QueryEngine(entries)``), then every keystroke costs lookups in
dictionaries and sorted lists — never a scan of every entry's text — so the same engine
serves the ~100 built-in entries and imported registries of a million rows. Results are
row numbers into ``engine.entries`` (display order), so a view can show just those rows.
The grammar is documented in :mod:`app.registry.query`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.registry.entry import StatusEntry
from app.registry.query import Query, cjk_runs, parse_query, words_of

# Rank tiers, best first.
EXACT, CODE, NAME, TEXT, FUZZY = range(5)
MAX_PREFIX_EXPANSION = 5_000  # vocabulary words a one-letter prefix may expand to


@dataclass(frozen=True, slots=True)
class Filters:
    """Category filters; an empty set means "no restriction" on that dimension."""

    classes: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    lifecycles: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.classes or self.categories or self.lifecycles or self.sources)

    def accepts(self, entry: StatusEntry) -> bool:
        return (
            (not self.classes or entry.status_class in self.classes)
            and (not self.categories or entry.category in self.categories)
            and (not self.lifecycles or entry.lifecycle in self.lifecycles)
            and (not self.sources or entry.source in self.sources)
        )


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


def _cjk_keys(text: str) -> set[str]:
    keys: set[str] = set()
    for run in cjk_runs(text):
        keys.update(run)
        keys.update(run[i : i + 2] for i in range(len(run) - 1))
    return keys


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


class QueryEngine:
    """Ranked search over a fixed list of entries."""

    def __init__(self, entries: Sequence[StatusEntry]) -> None:
        self.entries: Sequence[StatusEntry] = entries
        self._codes: dict[str, list[int]] = defaultdict(list)
        self._code_prefix: dict[str, list[int]] = defaultdict(list)
        self._classes: dict[str, list[int]] = defaultdict(list)
        self._name: dict[str, list[int]] = defaultdict(list)
        self._body: dict[str, list[int]] = defaultdict(list)
        self._cjk: dict[str, list[int]] = defaultdict(list)
        for row, entry in enumerate(entries):
            self._index_entry(row, entry)
        self._vocab = sorted(set(self._name) | set(self._body))
        self._sorted_codes = sorted(self._codes)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocab:
            self._by_length[len(word)].append(word)
        self._fuzzy = lru_cache(maxsize=512)(self._fuzzy_words)

    def _index_entry(self, row: int, entry: StatusEntry) -> None:
        code = entry.code.casefold()
        self._codes[code].append(row)
        if code.isdigit():
            for n in range(1, len(code) + 1):
                self._code_prefix[code[:n]].append(row)
        self._classes[entry.status_class].append(row)
        name_words = {w for text in _name_text(entry) for w in words_of(text)}
        for word in name_words:
            self._name[word].append(row)
        for word in {w for text in _body_text(entry) for w in words_of(text)} - name_words:
            self._body[word].append(row)
        for key in _cjk_keys(" ".join(_name_text(entry) + _body_text(entry))):
            self._cjk[key].append(row)

    # ----------------------------------------------------------------- public API
    def search(self, text: str | Query, filters: Filters | None = None) -> Sequence[int]:
        """Row numbers of matching entries, best first. Deterministic; never raises."""
        query = parse_query(text) if isinstance(text, str) else text
        filters = filters or Filters()
        if query.is_empty:
            rows: Sequence[int] = range(len(self.entries))
        else:
            rows = self._ranked(query)
        if filters.is_empty:
            return rows
        accepts, entries = filters.accepts, self.entries
        return [row for row in rows if accepts(entries[row])]

    def search_entries(self, text: str, filters: Filters | None = None) -> list[StatusEntry]:
        return [self.entries[row] for row in self.search(text, filters)]

    # ----------------------------------------------------------------- matching
    def _ranked(self, query: Query) -> list[int]:
        tiers: list[set[int]] = [set() for _ in range(5)]
        if query.exact_code:
            tiers[EXACT].update(self._codes.get(query.exact_code, ()))
        if query.code_prefix:
            tiers[CODE].update(self._code_prefix.get(query.code_prefix, ()))
        if query.status_class:
            tiers[CODE].update(self._classes.get(query.status_class, ()))
        if query.code_range:
            low, high = query.code_range
            for number in range(low, high + 1):
                tiers[CODE].update(self._codes.get(str(number), ()))
        if query.vendor_code:
            tiers[EXACT].update(self._codes.get(query.vendor_code, ()))
            tiers[CODE].update(self._vendor_prefix(query.vendor_code))
        if query.words or query.cjk:
            self._match_text(query, tiers)
        seen: set[int] = set()
        ranked: list[int] = []
        for tier in tiers:
            fresh = tier - seen
            ranked.extend(sorted(fresh))
            seen |= fresh
        return ranked

    def _vendor_prefix(self, prefix: str) -> list[int]:
        rows: list[int] = []
        start = bisect_left(self._sorted_codes, prefix)
        for code in self._sorted_codes[start:]:
            if not code.startswith(prefix):
                break
            rows.extend(self._codes[code])
        return rows

    def _match_text(self, query: Query, tiers: list[set[int]]) -> None:
        all_sets: list[set[int]] = []
        name_sets: list[set[int]] = []
        fuzzy = False
        for position, word in enumerate(query.words):
            is_last = position == len(query.words) - 1 and not query.text.endswith(" ")
            candidates = self._prefix_words(word) if is_last else [word]
            candidates = [w for w in candidates if w in self._name or w in self._body]
            if not candidates:
                candidates = list(self._fuzzy(word))
                fuzzy = True
            names = self._union(self._name, candidates)
            all_sets.append(names | self._union(self._body, candidates))
            name_sets.append(names)
        for run in query.cjk:
            rows = self._cjk_rows(run)
            all_sets.append(rows)
            name_sets.append({r for r in rows if run in " ".join(_name_text(self.entries[r]))})
        matched = set.intersection(*all_sets) if all_sets else set()
        if fuzzy:
            tiers[FUZZY].update(matched)
            return
        in_name = set.intersection(*name_sets) & matched
        tiers[NAME].update(in_name)
        tiers[TEXT].update(matched - in_name)

    def _prefix_words(self, prefix: str) -> list[str]:
        start = bisect_left(self._vocab, prefix)
        out: list[str] = []
        for word in self._vocab[start : start + MAX_PREFIX_EXPANSION]:
            if not word.startswith(prefix):
                break
            out.append(word)
        return out or [prefix]

    def _fuzzy_words(self, word: str) -> tuple[str, ...]:
        if len(word) < 4:
            return ()
        limit = 1 if len(word) < 8 else 2
        return tuple(
            candidate
            for length in range(len(word) - limit, len(word) + limit + 1)
            for candidate in self._by_length.get(length, ())
            if candidate[0] == word[0] and edit_distance_at_most(word, candidate, limit)
        )

    def _cjk_rows(self, run: str) -> set[int]:
        keys = list(run) if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        postings: list[list[int]] = [self._cjk.get(key, []) for key in keys]
        postings.sort(key=len)  # start from the rarest key
        rows = set(postings[0])
        for posting in postings:
            rows.intersection_update(posting)
        if len(run) > 2:  # pairs can match apart: keep rows holding the whole run
            rows = {
                r
                for r in rows
                if run in " ".join(_name_text(self.entries[r]) + _body_text(self.entries[r]))
            }
        return rows

    @staticmethod
    def _union(index: dict[str, list[int]], words: Iterable[str]) -> set[int]:
        rows: set[int] = set()
        for word in words:
            rows.update(index.get(word, ()))
        return rows
