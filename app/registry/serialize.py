"""Plain-dict views of entries for JSON output (CLI ``--json``, exports)."""

from __future__ import annotations

from typing import Any

from app.registry.entry import LOCALIZED_FIELDS, StatusEntry


def entry_to_dict(entry: StatusEntry, lang: str = "en") -> dict[str, Any]:
    """Every field by its documented name; localized text in ``lang`` (``en``/``zh_CN``)."""
    data: dict[str, Any] = {
        "id": entry.id,
        "code": entry.code,
        "phrase": entry.text("phrase", lang),
        "phrase_en": entry.phrase,
        "class": entry.status_class,
        "category": entry.category,
        "lifecycle": entry.lifecycle,
        "expires": entry.expires,
        "source": entry.source,
        "registry": entry.registry,
        "reference": entry.reference,
        "reference_url": entry.reference_url,
        "aliases": list(entry.aliases),
    }
    for name in LOCALIZED_FIELDS[1:]:
        value = entry.text(name, lang)
        data[name] = list(value) if isinstance(value, tuple) else value
    data.update(
        retry={
            "policy": entry.retry_policy,
            "note": entry.text("retry_note", lang),
        },
        cacheable_by_default=entry.cacheable_by_default,
        headers=[{"name": h.name, "strength": h.strength, "note": h.note} for h in entry.headers],
        related=[{"code": r.code, "why": entry.related_why(r.code, lang)} for r in entry.related],
        example=entry.example,
        constants=dict(entry.constants),
        extra=dict(entry.extra),
    )
    return data
