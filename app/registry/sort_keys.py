"""Per-row sort keys for the table's columns, computed once per registry.

Sorting a column re-orders the engine's result list in Python on these native keys (numbers
for codes, folded text for phrases) — never through a Qt proxy, and never by building a
million entries: columnar imported registries (``EntryTable``) give their keys straight from
their columns, blocks of ``ChainedEntries`` are keyed block by block.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

from app.registry.entry import StatusEntry, code_sort_key

FIELDS = ("code", "phrase", "class", "category", "source")
_FACETS = {"class": "status_class", "category": "category", "source": "source"}


def entry_key(entry: StatusEntry, field: str) -> Any:
    """The sort key of one entry for one column."""
    if field == "code":
        return code_sort_key(entry.code)
    if field == "phrase":
        return entry.phrase.casefold()
    if field == "class":
        return entry.status_class
    if field == "category":
        return entry.category
    if field == "source":
        return entry.source.casefold()
    raise KeyError(field)


def sort_keys(entries: Sequence[StatusEntry], field: str) -> list[Any]:
    """One key per entry, in entry order (``keys[row]`` sorts row ``row``)."""
    parts = getattr(entries, "parts", None)
    if parts is not None:  # ChainedEntries: key each block its own way
        return list(chain.from_iterable(sort_keys(part, field) for part in parts))
    codes = getattr(entries, "codes", None)
    facet = getattr(entries, "facet", None)
    if codes is None or facet is None:
        return [entry_key(entry, field) for entry in entries]
    if field == "code":  # an EntryTable: read the columns, build no entry
        return [code_sort_key(code) for code in codes]
    column = entries.phrases if field == "phrase" else facet(_FACETS[field])  # type: ignore[attr-defined]
    folded = [text.casefold() for text in column.texts]
    return folded if column.ids is None else [folded[i] for i in column.ids]
