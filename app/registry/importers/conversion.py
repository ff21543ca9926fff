"""Imported rows → registry entries, and the comparison with the built-in IANA phrases.

How an :class:`ImportedRow` becomes a :class:`StatusEntry`:

* ``id`` is ``"<registry>:<n>"`` (n counts from 1 in file order); ``source`` and ``registry``
  are the registry's name.
* ``phrase`` is the vendor's text exactly as written.
* ``status_class`` is the HTTP class of the code (``"4xx"`` for ``"404"``); for a vendor code it
  is the class of ``extra["http_status"]`` when the table gave one, else ``""``.
* ``category``: the row's own category (its section, group row or category column) when it
  has one; else normal/error from the HTTP class (1xx–3xx normal, 4xx/5xx error); else
  ``"error"``, because a vendor code without any hint comes from an error-code table.
* ``lifecycle`` describes the code *in its own registry*: a vendor's code is ``"standard"``
  there, even though it is not an IANA code (``"unofficial"`` is for the built-in registry's
  non-IANA codes). A valid ``lifecycle`` column (Statuscope's own export) is kept.
* A bilingual table's other-language name (``extra["translation"]``, ``Continue | 继续``)
  becomes the entry's Chinese phrase (``zh["phrase"]``); it stays in ``extra`` as well.
* ``description`` and ``client_action`` are copied from ``extra["description"]`` and
  ``extra["solution"]`` so the detail pane and the search see them; ``extra`` itself keeps all
  columns (sorted ``(key, value)`` pairs) so nothing of the source is lost.
* Columns of Statuscope's own CSV/JSON export (``summary``, ``reference``, ``aliases``,
  ``lifecycle``, ``class``, ``source``) go back into their fields, which makes export →
  import lossless.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from app.registry.bulk import paused_gc
from app.registry.entry import CATEGORIES, LIFECYCLES, StatusEntry, category_of, class_of

from .base import ImportedRow
from .columns import is_status


def _status_class(code: str, extra: dict[str, str]) -> str:
    status_class = class_of(code)
    if not status_class:
        http_status = extra.get("http_status", "")
        status_class = class_of(http_status[:3]) if len(http_status) >= 3 else ""
    return status_class


#: Extra keys that Statuscope's own export writes for entry fields (consumed on import).
_EXPORT_KEYS = frozenset({"class", "lifecycle", "source", "summary", "reference", "aliases"})
_FIELDS = [f.name for f in dataclasses.fields(StatusEntry)]
_AT = {name: index for index, name in enumerate(_FIELDS)}


def _template() -> list[Any]:
    """Positional arguments of a StatusEntry with every field at its default."""
    values: list[Any] = []
    for f in dataclasses.fields(StatusEntry):
        if f.default is not dataclasses.MISSING:
            values.append(f.default)
        else:
            values.append(None)
    return values


def rows_to_entries(rows: Iterable[ImportedRow], registry_name: str) -> list[StatusEntry]:
    """Registry entries of the rows of one imported registry (see the module docstring)."""
    template = _template()
    template[_AT["lifecycle"]] = "standard"
    template[_AT["source"]] = registry_name
    template[_AT["registry"]] = registry_name
    at_id, at_code, at_phrase = _AT["id"], _AT["code"], _AT["phrase"]
    at_class, at_category, at_zh = _AT["status_class"], _AT["category"], _AT["zh"]
    at_extra, at_description, at_action = _AT["extra"], _AT["description"], _AT["client_action"]
    prefix = f"{registry_name}:"
    entries: list[StatusEntry] = []
    append = entries.append
    # Rows of one table share their extra keys: sort them once per key order, not per row.
    last_keys: tuple[str, ...] = ()
    keys_sorted = True
    with paused_gc():
        for number, row in enumerate(rows, start=1):
            code = row.code
            extra = row.extra
            status_class = _status_class(code, extra) if extra else class_of(code)
            values = template.copy()
            values[at_id] = prefix + str(number)
            values[at_code] = code
            values[at_phrase] = row.phrase
            values[at_class] = status_class
            if row.category in CATEGORIES:
                values[at_category] = row.category
            elif status_class:
                values[at_category] = category_of(status_class)
            else:
                values[at_category] = "error"
            values[at_zh] = {}
            if extra:
                if "translation" in extra:  # Continue | 继续: shown when the app is in Chinese
                    values[at_zh] = {"phrase": extra["translation"]}
                if not _EXPORT_KEYS.isdisjoint(extra):
                    extra = _take_export_fields(extra, values, status_class, registry_name)
                values[at_description] = extra.get("description", "")
                values[at_action] = extra.get("solution", "")
                keys = tuple(extra)
                if keys != last_keys:
                    last_keys = keys
                    keys_sorted = list(keys) == sorted(keys)
                items = tuple(extra.items())
                values[at_extra] = items if keys_sorted else tuple(sorted(items))
            append(StatusEntry(*values))
    return entries


def _take_export_fields(
    extra: dict[str, str], values: list[Any], status_class: str, registry_name: str
) -> dict[str, str]:
    """Move the columns of Statuscope's own export back into their entry fields."""
    extra = dict(extra)
    if "class" in extra and extra["class"] in (status_class, ""):
        del extra["class"]
    if extra.get("lifecycle") in LIFECYCLES:
        values[_AT["lifecycle"]] = extra.pop("lifecycle")
    if extra.get("source") == registry_name:
        del extra["source"]
    values[_AT["summary"]] = extra.pop("summary", "")
    values[_AT["reference"]] = extra.pop("reference", "")
    alias_text = extra.pop("aliases", "")
    if alias_text:
        values[_AT["aliases"]] = tuple(a.strip() for a in alias_text.split("; ") if a.strip())
    return extra


def _same_phrase(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def compare_with_builtin(
    rows: Iterable[ImportedRow], builtin_entries: Sequence[StatusEntry]
) -> list[tuple[str, str, str]]:
    """``(code, vendor_phrase, iana_phrase)`` for every HTTP status whose phrase differs.

    Differences of case and spacing do not count; the IANA aliases do (the seed's
    ``413 Request Entity Too Large`` is reported against ``Content Too Large``). The IANA
    phrase is that of the built-in entry whose source is ``IANA`` (or, without such entries,
    the first official built-in entry of the code). Each (code, phrase) is reported once.
    """
    reference: dict[str, str] = {}
    for entry in builtin_entries:
        if entry.source == "IANA":
            reference.setdefault(entry.code, entry.phrase)
    if not reference:
        for entry in builtin_entries:
            if entry.registry == "builtin" and entry.official:
                reference.setdefault(entry.code, entry.phrase)
    differences: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if not row.phrase or not is_status(row.code):
            continue
        iana = reference.get(row.code)
        if iana is None or _same_phrase(row.phrase, iana):
            continue
        key = (row.code, row.phrase)
        if key not in seen:
            seen.add(key)
            differences.append((row.code, row.phrase, iana))
    return differences
