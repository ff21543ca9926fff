"""The search grammar applied to every entry: a plain scan, the yardstick of the engine.

No index, no bit maps, no caches, no tuning constants: each entry's words and fields are
checked against the parsed query (:func:`app.registry.query.parse_query`) and the matches
sorted by (code tier, word tier, row). ``tests/registry/test_search_reference.py`` and the
keystroke benchmark compare :class:`app.registry.search.QueryEngine` with it, row for row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.registry.entry import StatusEntry
from app.registry.filters import Filters
from app.registry.query import Query, parse_query, source_matches, words_of


@dataclass(frozen=True, slots=True)
class Row:
    code: str  # casefolded
    status: str  # the HTTP status (own code, or returned with)
    status_class: str
    category: str
    lifecycle: str
    source: str
    name_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    name_words: frozenset[str]
    words: frozenset[str]  # name and body


def row_of(entry: StatusEntry) -> Row:
    zh = entry.zh
    name = (
        entry.code,
        entry.phrase,
        *entry.aliases,
        entry.source,
        *(constant for _, constant in entry.constants),
        *(h.name for h in entry.headers),
        str(zh.get("phrase", "")),
    )
    body = (
        entry.summary,
        entry.description,
        *entry.causes,
        entry.client_action,
        entry.retry_note,
        entry.reference,
        *(value for _, value in entry.extra),
        *(str(zh.get(key, "")) for key in ("summary", "description", "client_action")),
        *(str(cause) for cause in zh.get("causes", ())),
    )
    name_words = frozenset(w for text in name for w in words_of(text))
    return Row(
        entry.code.casefold(),
        entry.http_status,
        entry.status_class,
        entry.category,
        entry.lifecycle,
        entry.source,
        name,
        body,
        name_words,
        name_words | {w for text in body for w in words_of(text)},
    )


def typos_apart(a: str, b: str) -> int:
    """Edits between two words (insert, delete, replace, swap of neighbours)."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(
                table[i - 1][j] + 1,
                table[i][j - 1] + 1,
                table[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


class Reference:
    def __init__(self, entries: Sequence[StatusEntry]) -> None:
        self.rows = [row_of(entry) for entry in entries]
        self.vocabulary = sorted(set().union(*(row.words for row in self.rows)))

    def search(self, text: str, filters: Filters | None = None) -> list[int]:
        query = parse_query(text)
        terms = [self._term(query, number) for number in range(len(query.words))]
        fuzzy = any(is_fuzzy for _, is_fuzzy in terms)
        found: list[tuple[int, int, int]] = []
        for number, row in enumerate(self.rows):
            if not (_allowed(row, filters or Filters()) and _qualified(row, query)):
                continue
            code_tier = _code_tier(row, query)
            if code_tier is None:
                continue
            in_name = [bool(words & row.name_words) for words, _ in terms]
            anywhere = [bool(words & row.words) for words, _ in terms]
            in_name += [any(run in t for t in row.name_fields) for run in query.cjk]
            anywhere += [
                any(run in t for t in row.name_fields + row.body_fields) for run in query.cjk
            ]
            if not all(anywhere):
                continue
            word_tier = 2 if fuzzy else 0 if all(in_name) else 1
            found.append((code_tier, word_tier, number))
        return [number for *_, number in sorted(found)]

    def matches(self, text: str) -> set[int]:
        return set(self.search(text))

    def _term(self, query: Query, number: int) -> tuple[frozenset[str], bool]:
        """The vocabulary words a query word stands for, and whether they are typo matches."""
        word = query.words[number]
        is_prefix = query.last_is_prefix and number == len(query.words) - 1
        words = {v for v in self.vocabulary if (v.startswith(word) if is_prefix else v == word)}
        if words:
            return frozenset(words), False
        limit = 0 if len(word) < 4 else 1 if len(word) < 8 else 2
        return frozenset(
            v
            for v in self.vocabulary
            if limit and v[0] == word[0] and typos_apart(word, v) <= limit
        ), True


def _allowed(row: Row, filters: Filters) -> bool:
    return (
        (not filters.classes or row.status_class in filters.classes)
        and (not filters.categories or row.category in filters.categories)
        and (not filters.lifecycles or row.lifecycle in filters.lifecycles)
        and (not filters.sources or row.source in filters.sources)
    )


def _qualified(row: Row, query: Query) -> bool:
    return (
        (not query.sources or any(source_matches(row.source, v) for v in query.sources))
        and (not query.categories or row.category in query.categories)
        and (not query.only_classes or row.status_class in query.only_classes)
        and (
            not query.statuses
            or any(row.status.startswith(s) for s in query.statuses if row.status)
        )
    )


def _code_tier(row: Row, query: Query) -> int | None:
    """0 exact code, 1 returned with that HTTP status, 2 code prefix/class/range, 3 the rest;
    None when the query has code tokens and none of them matches."""
    exact = row.code in query.codes
    status = row.status != "" and row.status in query.codes
    related = (
        any(row.code.isdigit() and row.code.startswith(p) for p in query.prefixes)
        or row.status_class in query.classes
        or any(row.status != "" and low <= int(row.status) <= high for low, high in query.ranges)
    )
    has_codes = query.codes or query.prefixes or query.classes or query.ranges
    if has_codes and not (exact or status or related):
        return None
    if exact or row.code in query.vendor_codes:
        return 0
    if status:
        return 1
    if related or any(row.code.startswith(v) for v in query.vendor_codes):
        return 2
    return 3
